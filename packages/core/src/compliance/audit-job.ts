import { DEFAULT_ROTATION_AUDIT_INTERVAL_MS } from '@kici/contracts/vocabulary';
import { type Actor, SYSTEM_ACTOR_NAME } from '../kernel/actor.js';
import { KiciError } from '../kernel/errors.js';
import { auditEntry, authorize } from '../kernel/guard.js';
import type { Store } from '../store.js';
import { ageOf, standing } from './ages.js';
import type { RotationPolicyRecord } from './port.js';

export interface RotationAuditDeps {
  readonly store: Pick<
    Store,
    'rotationPolicies' | 'notifications' | 'audit' | 'exclusive' | 'runs'
  >;
  readonly now: () => Date;
  readonly scopeView: (pgScope: string, orgId: string) => { scope: string; id: string };
  /** KICI_ROTATION_AUDIT_INTERVAL_MS: how often one instance runs the job. */
  readonly intervalMs?: number | undefined;
  readonly instanceId?: string | undefined;
}

/** What a run found: secrets checked and overdue, notifications newly raised. */
export interface RotationAuditResult {
  readonly orgs: number;
  readonly checked: number;
  readonly overdue: number;
  /** New `rotation_overdue` notifications (once per secret per period). */
  readonly flagged: number;
  /** New `rotation_reminder` notifications. */
  readonly reminded: number;
}

/**
 * `Extensions::SecretAuditJob`: flags secrets older than their org's policy (one high
 * notification per secret per period) and reminds before expiry (one normal notification per
 * period). Deduplicated by the notifications' unique key, so a run repeated by any instance
 * raises nothing twice.
 */
export function createRotationAudit(deps: RotationAuditDeps) {
  const { store, now, scopeView } = deps;

  async function auditOrg(policy: RotationPolicyRecord, at: Date) {
    const counts = { checked: 0, overdue: 0, flagged: 0, reminded: 0 };
    for (const secret of await store.rotationPolicies.listSecrets(policy.orgId)) {
      counts.checked += 1;
      const age = ageOf(secret, at);
      const { state, periodStart } = standing(age, policy);
      if (state === 'ok') continue;
      const overdue = state === 'overdue';
      if (overdue) counts.overdue += 1;
      const kind = overdue ? 'rotation_overdue' : 'rotation_reminder';
      const raised = await store.notifications.raise({
        orgId: policy.orgId,
        kind,
        priority: overdue ? 'high' : 'normal',
        dedupeKey: `${kind}:${secret.scope}:${secret.key}:${periodStart.toISOString()}`,
        title: overdue
          ? `${secret.key} is ${age.ageDays} days old: the rotation policy allows ${policy.maxAgeDays}`
          : `${secret.key} is due for rotation within ${policy.remindDays} days`,
        details: {
          key: secret.key,
          scope: scopeView(secret.scope, policy.orgId),
          age_days: age.ageDays,
          max_age_days: policy.maxAgeDays,
          remind_days: policy.remindDays,
          since: age.since.toISOString(),
          period_start: periodStart.toISOString(),
          expires_at: new Date(age.since.getTime() + policy.maxAgeDays * 86_400_000).toISOString(),
        },
      });
      if (raised && overdue) counts.flagged += 1;
      if (raised && !overdue) counts.reminded += 1;
    }
    return counts;
  }

  async function run(policies: readonly RotationPolicyRecord[]): Promise<RotationAuditResult> {
    const at = now();
    const total = { orgs: policies.length, checked: 0, overdue: 0, flagged: 0, reminded: 0 };
    for (const policy of policies) {
      const counts = await auditOrg(policy, at);
      total.checked += counts.checked;
      total.overdue += counts.overdue;
      total.flagged += counts.flagged;
      total.reminded += counts.reminded;
    }
    return total;
  }

  return {
    /** `POST …/rotation-audit/run`: now, for one org or every org with a policy. */
    async runNow(actor: Actor, orgId?: string): Promise<RotationAuditResult> {
      const context = { orgId: orgId ?? null };
      await authorize(store, actor, 'scheduled_job.trigger', 'ext.rotation_audit.run', context);
      let policies: RotationPolicyRecord[];
      if (orgId === undefined) policies = await store.rotationPolicies.list();
      else {
        const policy = await store.rotationPolicies.find(orgId);
        if (!policy)
          throw new KiciError(
            'not_found',
            `Org ${orgId} has no rotation policy: set one with \`kiket extensions rotation-policy set --max-age-days N\``,
          );
        policies = [policy];
      }
      const result = await run(policies);
      await store.audit.append(
        auditEntry(actor, 'ext.rotation_audit.run', 'success', {
          ...context,
          metadata: { ...result },
        }),
      );
      return result;
    },

    /** The periodic tick: one instance per interval runs it (a lock, then a claimed due time). */
    async runDue(): Promise<RotationAuditResult | undefined> {
      const every = deps.intervalMs ?? DEFAULT_ROTATION_AUDIT_INTERVAL_MS;
      return store.exclusive('rotation-audit', async () => {
        if (!(await store.runs.claimTick('rotation-audit', every, deps.instanceId ?? 'instance')))
          return undefined;
        const result = await run(await store.rotationPolicies.list());
        if (result.flagged + result.reminded > 0)
          await store.audit.append(
            auditEntry(SYSTEM_ACTOR_NAME, 'ext.rotation_audit.run', 'success', {
              metadata: { ...result },
            }),
          );
        return result;
      });
    },
  };
}
