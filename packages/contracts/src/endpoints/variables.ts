import * as v from 'valibot';
import { timestampSchema } from '../datetime.js';
import {
  ActorSchema,
  integerAtLeast,
  OrgIdSchema,
  queryFlag,
  SecretKeySchema,
  secretValueSchema,
} from '../fields.js';
import { ScopeSchema } from '../scope.js';
import { DEFAULT_MAX_SECRET_BYTES, MAX_SECRET_BYTES_LIMIT } from '../vocabulary/limits.js';

/**
 * Variables: non-secret configuration values per org and scope, addressed like secrets (org
 * id, canonical scope, upper snake case key). Their values leave the server only when a
 * listing asks for them (`values=true`).
 */

/** The path parameters of /variables/:orgId/:scope/:key (the scope arrives percent-decoded). */
export const VariableParamsSchema = v.strictObject({
  orgId: OrgIdSchema,
  scope: ScopeSchema,
  key: SecretKeySchema,
});

/**
 * PUT /variables/:orgId/:scope/:key. `locked` marks the variable immutable from later
 * dashboard writes; left out, the variable keeps its current flag. A server with another size
 * limit uses setVariableBodySchema(n).
 */
export function setVariableBodySchema(maxBytes: number = DEFAULT_MAX_SECRET_BYTES) {
  return v.strictObject({
    // Variables are stored as text (secrets are sealed bytes): PostgreSQL text holds no NUL.
    value: v.pipe(
      secretValueSchema(maxBytes),
      v.check((value) => !value.includes('\u0000'), 'value: expected no NUL character'),
    ),
    locked: v.optional(v.boolean('locked: expected true or false')),
  });
}

/** As a client checks it: up to the largest limit a server may have. */
export const SetVariableBodySchema = setVariableBodySchema(MAX_SECRET_BYTES_LIMIT);

export const SetVariableResponseSchema = v.strictObject({
  orgId: OrgIdSchema,
  scope: ScopeSchema,
  key: SecretKeySchema,
  /** The value's length in UTF-8 bytes. */
  valueLength: integerAtLeast('valueLength', 0),
  locked: v.boolean('locked: expected a boolean'),
  updatedAt: timestampSchema('updatedAt'),
  /** true when the key was new, false when an existing value was replaced. */
  created: v.boolean('created: expected a boolean'),
});

/** GET /variables?orgId=&scope=&values=: one scope, or every scope of the org without `scope`. */
export const ListVariablesQuerySchema = v.strictObject({
  orgId: OrgIdSchema,
  scope: v.optional(ScopeSchema),
  values: queryFlag('values'),
});

export const VariableInfoSchema = v.strictObject({
  key: SecretKeySchema,
  scope: ScopeSchema,
  locked: v.boolean('locked: expected a boolean'),
  createdAt: timestampSchema('createdAt'),
  createdBy: ActorSchema,
  updatedAt: timestampSchema('updatedAt'),
  updatedBy: ActorSchema,
  /** Present only when the listing asked for values. */
  value: v.optional(v.string('value: expected a string')),
});

export const ListVariablesResponseSchema = v.strictObject({
  orgId: OrgIdSchema,
  scope: v.optional(ScopeSchema),
  variables: v.array(VariableInfoSchema, 'variables: expected an array'),
});

export const DeleteVariableResponseSchema = v.strictObject({
  orgId: OrgIdSchema,
  scope: ScopeSchema,
  key: SecretKeySchema,
  deleted: v.literal(true, 'deleted: expected true'),
});

export type VariableInfo = v.InferOutput<typeof VariableInfoSchema>;
