import * as v from 'valibot';
import { timestampSchema } from '../datetime.js';
import {
  ActorSchema,
  integerAtLeast,
  OrgIdSchema,
  SecretKeySchema,
  secretValueSchema,
} from '../fields.js';
import { MAX_SECRET_BYTES_LIMIT } from '../vocabulary/limits.js';
import { BackendNameSchema } from './backends.js';
import { extensionScopeSchema, ScopeIdSchema, withScopeId } from './extension-fields.js';

/**
 * `/api/v1/extensions/secrets`: secrets of the five extension scopes, addressed by
 * `{ org_id, scope, id }`. snake_case JSON, as the seed spells it. No response carries a value.
 */

/** The most keys one `set` writes (one transaction). */
export const MAX_EXTENSION_SECRETS_PER_SET = 500;

const scoped = {
  org_id: OrgIdSchema,
  scope: extensionScopeSchema(),
  id: v.optional(ScopeIdSchema),
};

/** GET /secrets?org_id=&scope=&id= */
export const ListExtensionSecretsQuerySchema = withScopeId(v.strictObject(scoped));

/** A secret's metadata: whether a value is held, where it is sourced, its rotation info. */
export const ExtensionSecretInfoSchema = v.strictObject({
  key: SecretKeySchema,
  scope: extensionScopeSchema(),
  id: v.string('id: expected a string'),
  /** true when the value is stored (sealed) here; false for a link to an external backend. */
  masked_value_present: v.boolean('masked_value_present: expected a boolean'),
  external: v.boolean('external: expected a boolean'),
  external_backend: v.optional(v.string('external_backend: expected a string')),
  external_secret_name: v.optional(v.string('external_secret_name: expected a string')),
  external_key: v.optional(v.string('external_key: expected a string')),
  rotation_count: integerAtLeast('rotation_count', 0),
  last_rotated_at: v.nullable(timestampSchema('last_rotated_at')),
  created_at: timestampSchema('created_at'),
  created_by: ActorSchema,
  updated_at: timestampSchema('updated_at'),
  updated_by: ActorSchema,
});

const scopeAnswer = {
  org_id: OrgIdSchema,
  scope: extensionScopeSchema(),
  id: v.string('id: expected a string'),
};

export const ListExtensionSecretsResponseSchema = v.strictObject({
  ...scopeAnswer,
  secrets: v.array(ExtensionSecretInfoSchema, 'secrets: expected an array'),
});

/**
 * The values of a `set`, by key: at least one, at most 500; the server checks each value
 * against its own size limit (`extensionSecretValuesSchema(n)`).
 */
export function extensionSecretValuesSchema(maxBytes: number) {
  return v.pipe(
    v.record(
      SecretKeySchema,
      secretValueSchema(maxBytes),
      'secrets: expected an object of KEY: value',
    ),
    v.check((values) => Object.keys(values).length > 0, 'secrets: expected at least one key'),
    v.check(
      (values) => Object.keys(values).length <= MAX_EXTENSION_SECRETS_PER_SET,
      `secrets: expected at most ${MAX_EXTENSION_SECRETS_PER_SET} keys`,
    ),
  );
}

/** POST /secrets: every key in one transaction, or none. */
export function setExtensionSecretsBodySchema(maxBytes: number = MAX_SECRET_BYTES_LIMIT) {
  return withScopeId(v.strictObject({ ...scoped, secrets: extensionSecretValuesSchema(maxBytes) }));
}
export const SetExtensionSecretsBodySchema = setExtensionSecretsBodySchema();

export const SetExtensionSecretsResponseSchema = ListExtensionSecretsResponseSchema;

/** A path on an external backend: Vault segments, or a GSM secret id / resource name. */
export const ExternalSecretNameSchema = v.pipe(
  v.string('external_secret_name: expected a string'),
  v.maxLength(1024, 'external_secret_name: expected at most 1024 characters'),
  v.regex(
    /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/,
    'external_secret_name: expected segments of letters, digits, "_", "." or "-" joined by "/"',
  ),
  v.check(
    (path) => path.split('/').every((segment) => segment !== '.' && segment !== '..'),
    'external_secret_name: expected no "." or ".." segments',
  ),
);

/** POST /secrets/link: only the reference is stored; the value is read at resolution. */
export const LinkExtensionSecretBodySchema = withScopeId(
  v.strictObject({
    ...scoped,
    key: SecretKeySchema,
    external_secret_name: ExternalSecretNameSchema,
    backend: v.optional(BackendNameSchema),
    external_key: v.optional(
      v.pipe(
        v.string('external_key: expected a string'),
        v.regex(/^[\x21-\x7e]{1,255}$/, 'external_key: expected the key name at that path'),
      ),
    ),
  }),
);

/** The answer of link and rotate: the one secret's metadata. */
export const ExtensionSecretResponseSchema = v.strictObject({
  ...scopeAnswer,
  secret: ExtensionSecretInfoSchema,
});

/** POST /secrets/rotate: a new value for an existing stored key. */
export function rotateExtensionSecretBodySchema(maxBytes: number = MAX_SECRET_BYTES_LIMIT) {
  return withScopeId(
    v.strictObject({ ...scoped, key: SecretKeySchema, value: secretValueSchema(maxBytes) }),
  );
}
export const RotateExtensionSecretBodySchema = rotateExtensionSecretBodySchema();

/** DELETE /secrets?org_id=&scope=&id=&key= */
export const DeleteExtensionSecretQuerySchema = withScopeId(
  v.strictObject({ ...scoped, key: SecretKeySchema }),
);

export const DeleteExtensionSecretResponseSchema = v.strictObject({
  ...scopeAnswer,
  key: SecretKeySchema,
  deleted: v.literal(true, 'deleted: expected true'),
});

export type ExtensionSecretInfo = v.InferOutput<typeof ExtensionSecretInfoSchema>;
