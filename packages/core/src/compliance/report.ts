import type { Actor } from '../kernel/actor.js';
import { auditEntry, authorize } from '../kernel/guard.js';
import type { Store } from '../store.js';
import { ageOf } from './ages.js';
import type { RotationPolicyRecord } from './port.js';

/** One row of the rotation report (SOC2/HIPAA evidence): metadata only, never a value. */
export interface RotationReportRow {
  readonly key: string;
  readonly scope: { readonly scope: string; readonly id: string };
  readonly createdAt: Date;
  readonly lastRotatedAt: Date | null;
  readonly rotationCount: number;
  readonly ageDays: number;
  readonly external: boolean;
  /** Younger than the policy's maximum age; null when the org has no policy. */
  readonly compliant: boolean | null;
}

export interface RotationReport {
  readonly orgId: string;
  readonly generatedAt: Date;
  readonly policy: { readonly maxAgeDays: number; readonly remindDays: number } | null;
  readonly secrets: RotationReportRow[];
}

export interface RotationReportDeps {
  readonly store: Pick<Store, 'rotationPolicies' | 'audit'>;
  readonly now: () => Date;
  readonly scopeView: (pgScope: string, orgId: string) => { scope: string; id: string };
}

const policyOf = (policy: RotationPolicyRecord | undefined) =>
  policy ? { maxAgeDays: policy.maxAgeDays, remindDays: policy.remindDays } : null;

/** The rotation report of one org: every extension secret, its age and its compliance (`audit.read`). */
export function createRotationReport({ store, now, scopeView }: RotationReportDeps) {
  return async function report(actor: Actor, orgId: string): Promise<RotationReport> {
    await authorize(store, actor, 'audit.read', 'ext.rotation_report', { orgId });
    const [policy, secrets] = await Promise.all([
      store.rotationPolicies.find(orgId),
      store.rotationPolicies.listSecrets(orgId),
    ]);
    const at = now();
    const rows = secrets.map((secret): RotationReportRow => {
      const age = ageOf(secret, at);
      return {
        key: secret.key,
        scope: scopeView(secret.scope, orgId),
        createdAt: secret.createdAt,
        lastRotatedAt: secret.lastRotatedAt,
        rotationCount: secret.rotationCount,
        ageDays: age.ageDays,
        external: secret.external,
        compliant: policy ? age.ageMs < policy.maxAgeDays * 86_400_000 : null,
      };
    });
    await store.audit.append(
      auditEntry(actor, 'ext.rotation_report', 'success', {
        orgId,
        metadata: { secrets: rows.length },
      }),
    );
    return { orgId, generatedAt: at, policy: policyOf(policy), secrets: rows };
  };
}
