import * as v from 'valibot';
import { timestampSchema } from '../datetime.js';
import { ActorSchema, AuditActionSchema, integerAtLeast } from '../fields.js';
import { jsonRecordSchema } from '../json.js';

export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;

/** One audit row. Never a secret value: metadata holds counts, permissions, fingerprints. */
export const AuditEntrySchema = v.strictObject({
  id: integerAtLeast('id', 0),
  at: timestampSchema('at'),
  actor: ActorSchema,
  action: AuditActionSchema,
  outcome: v.picklist(AUDIT_OUTCOMES, 'outcome: expected one of success, denied, failure'),
  orgId: v.nullable(v.string('orgId: expected a string or null')),
  contextName: v.nullable(v.string('contextName: expected a string or null')),
  routingKey: v.nullable(v.string('routingKey: expected a string or null')),
  metadata: jsonRecordSchema('metadata'),
});

/** GET /audit: newest first, with the limit and offset the server applied. */
export const AuditResponseSchema = v.strictObject({
  entries: v.array(AuditEntrySchema, 'entries: expected an array'),
  limit: integerAtLeast('limit', 1),
  offset: integerAtLeast('offset', 0),
});

export type AuditEntry = v.InferOutput<typeof AuditEntrySchema>;
