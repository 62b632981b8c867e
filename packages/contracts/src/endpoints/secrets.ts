import * as v from 'valibot';
import { timestampSchema } from '../datetime.js';
import {
  ActorSchema,
  integerAtLeast,
  OrgIdSchema,
  SecretKeySchema,
  secretValueSchema,
} from '../fields.js';
import { ScopeSchema } from '../scope.js';
import { MAX_SECRET_BYTES_LIMIT } from '../vocabulary/limits.js';

/** GET /secrets/scopes?orgId= */
export const ListScopesQuerySchema = v.strictObject({ orgId: OrgIdSchema });

export const ScopeSummarySchema = v.strictObject({
  scope: ScopeSchema,
  backend: v.string('backend: expected a string'),
  path: v.string('path: expected a string'),
  secretCount: integerAtLeast('secretCount', 0),
  updatedAt: timestampSchema('updatedAt'),
});

export const ListScopesResponseSchema = v.strictObject({
  orgId: OrgIdSchema,
  scopes: v.array(ScopeSummarySchema, 'scopes: expected an array'),
});

/** GET /secrets/keys?orgId=&scope= — metadata only: no field can carry a value. */
export const ListKeysQuerySchema = v.strictObject({ orgId: OrgIdSchema, scope: ScopeSchema });

export const SecretKeyInfoSchema = v.strictObject({
  key: SecretKeySchema,
  scope: ScopeSchema,
  backendType: v.string('backendType: expected a string'),
  keyVersion: integerAtLeast('keyVersion', 0),
  createdAt: timestampSchema('createdAt'),
  createdBy: ActorSchema,
  updatedAt: timestampSchema('updatedAt'),
  updatedBy: ActorSchema,
  rotationCount: integerAtLeast('rotationCount', 0),
  lastRotatedAt: v.nullable(timestampSchema('lastRotatedAt')),
});

export const ListKeysResponseSchema = v.strictObject({
  orgId: OrgIdSchema,
  scope: ScopeSchema,
  keys: v.array(SecretKeyInfoSchema, 'keys: expected an array'),
});

/** The path parameters of /secrets/:orgId/:scope/:key (the scope arrives percent-decoded). */
export const SecretParamsSchema = v.strictObject({
  orgId: OrgIdSchema,
  scope: ScopeSchema,
  key: SecretKeySchema,
});

/**
 * PUT /secrets/:orgId/:scope/:key, as a client checks it: up to the largest limit a server may
 * have. The server checks its own limit with secretValueSchema(n).
 */
export const SetSecretBodySchema = v.strictObject({
  value: secretValueSchema(MAX_SECRET_BYTES_LIMIT),
});

export const SetSecretResponseSchema = v.strictObject({
  orgId: OrgIdSchema,
  scope: ScopeSchema,
  key: SecretKeySchema,
  /** The value's length in UTF-8 bytes: enough to confirm a write, nothing of the value. */
  valueLength: integerAtLeast('valueLength', 0),
  updatedAt: timestampSchema('updatedAt'),
  /** true when the key was new, false when an existing value was replaced. */
  created: v.boolean('created: expected a boolean'),
});

export const DeleteSecretResponseSchema = v.strictObject({
  orgId: OrgIdSchema,
  scope: ScopeSchema,
  key: SecretKeySchema,
  deleted: v.literal(true, 'deleted: expected true'),
});

/** POST /secrets/:orgId/:scope/:key/reveal: the one response that carries a value. */
export const RevealSecretResponseSchema = v.strictObject({
  orgId: OrgIdSchema,
  scope: ScopeSchema,
  key: SecretKeySchema,
  value: v.string('value: expected a string'),
  updatedAt: timestampSchema('updatedAt'),
});

export type ScopeSummary = v.InferOutput<typeof ScopeSummarySchema>;
export type SecretKeyInfo = v.InferOutput<typeof SecretKeyInfoSchema>;
