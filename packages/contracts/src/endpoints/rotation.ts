import * as v from 'valibot';
import { timestampSchema } from '../datetime.js';
import { ActorSchema, OrgIdSchema } from '../fields.js';
import { MAX_ROTATION_AGE_DAYS } from '../vocabulary/monitoring.js';
import { ScopeViewSchema } from './monitoring.js';

/**
 * Rotation compliance (the Kiket seed's "Compliance & auditing"): each org's rotation policy,
 * the audit job run on demand, and the rotation report (JSON, or CSV with `format=csv`).
 */

const days = (field: string, min: number, max: number) =>
  v.pipe(
    v.number(`${field}: expected an integer from ${min} to ${max}`),
    v.integer(`${field}: expected an integer from ${min} to ${max}`),
    v.minValue(min, `${field}: expected an integer from ${min} to ${max}`),
    v.maxValue(max, `${field}: expected an integer from ${min} to ${max}`),
  );

export const RotationPolicyQuerySchema = v.strictObject({ org_id: OrgIdSchema });

/** PUT /rotation-policy: `remind_days` defaults to a week (or the whole age when shorter). */
export const PutRotationPolicyBodySchema = v.strictObject({
  org_id: OrgIdSchema,
  max_age_days: days('max_age_days', 1, MAX_ROTATION_AGE_DAYS),
  remind_days: v.optional(days('remind_days', 0, MAX_ROTATION_AGE_DAYS)),
});

export const RotationPolicySchema = v.strictObject({
  max_age_days: v.number(),
  remind_days: v.number(),
  updated_at: timestampSchema('updated_at'),
  updated_by: ActorSchema,
});

export const RotationPolicyResponseSchema = v.strictObject({
  org_id: OrgIdSchema,
  policy: v.nullable(RotationPolicySchema),
});

export const DeleteRotationPolicyResponseSchema = v.strictObject({
  org_id: OrgIdSchema,
  deleted: v.literal(true),
});

export const REPORT_FORMATS = ['json', 'csv'] as const;

export const RotationReportQuerySchema = v.strictObject({
  org_id: OrgIdSchema,
  format: v.optional(v.picklist(REPORT_FORMATS, 'format: expected json or csv'), 'json'),
});

export const RotationReportRowSchema = v.strictObject({
  key: v.string(),
  scope: ScopeViewSchema,
  created_at: timestampSchema('created_at'),
  last_rotated_at: v.nullable(timestampSchema('last_rotated_at')),
  rotation_count: v.number(),
  age_days: v.number(),
  external: v.boolean(),
  /** null when the org has no rotation policy. */
  compliant: v.nullable(v.boolean()),
});

export const RotationReportResponseSchema = v.strictObject({
  org_id: OrgIdSchema,
  generated_at: timestampSchema('generated_at'),
  policy: v.nullable(v.strictObject({ max_age_days: v.number(), remind_days: v.number() })),
  secrets: v.array(RotationReportRowSchema),
});

export type RotationReportAnswer = v.InferOutput<typeof RotationReportResponseSchema>;

export const RotationAuditBodySchema = v.strictObject({ org_id: v.optional(OrgIdSchema) });

export const RotationAuditResponseSchema = v.strictObject({
  org_id: v.nullable(OrgIdSchema),
  orgs: v.number(),
  checked: v.number(),
  overdue: v.number(),
  flagged: v.number(),
  reminded: v.number(),
});
