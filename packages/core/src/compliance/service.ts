import type { Store } from '../store.js';
import { createRotationAudit } from './audit-job.js';
import { createRotationPolicies } from './policy.js';
import { createRotationReport } from './report.js';

export interface ComplianceServiceDeps {
  readonly store: Pick<
    Store,
    'rotationPolicies' | 'notifications' | 'audit' | 'exclusive' | 'runs'
  >;
  readonly now?: (() => Date) | undefined;
  /** A pg scope as the API shows it (`{ scope, id }`), from the extensions domain. */
  readonly scopeView: (pgScope: string, orgId: string) => { scope: string; id: string };
  /** KICI_ROTATION_AUDIT_INTERVAL_MS. */
  readonly auditIntervalMs?: number | undefined;
  readonly instanceId?: string | undefined;
}

/** Rotation compliance: each org's policy, the audit job (`Extensions::SecretAuditJob`), the report. */
export function createComplianceService(deps: ComplianceServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const audit = createRotationAudit({
    store: deps.store,
    now,
    scopeView: deps.scopeView,
    intervalMs: deps.auditIntervalMs,
    instanceId: deps.instanceId,
  });
  return {
    policy: createRotationPolicies({ store: deps.store }),
    report: createRotationReport({ store: deps.store, now, scopeView: deps.scopeView }),
    runAudit: audit.runNow,
    runAuditDue: audit.runDue,
  };
}

export type ComplianceService = ReturnType<typeof createComplianceService>;
