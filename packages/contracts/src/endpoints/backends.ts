import * as v from 'valibot';
import type { GsmConfigInput } from '../backends/gsm-config.js';
import type { VaultConfigInput } from '../backends/vault-config.js';
import { timestampSchema } from '../datetime.js';
import { ActorSchema, integerAtLeast, OrgIdSchema, SecretKeySchema } from '../fields.js';
import { JsonValueSchema } from '../json.js';
import { ScopeSchema } from '../scope.js';

/** A backend's name is a scope's prefix (`openbao-prod:aws/credentials`); `pg` is built in. */
export const BackendNameSchema = v.pipe(
  v.string('name: expected a string'),
  v.regex(
    /^[a-z][a-z0-9-]{0,62}$/,
    'name: expected 1-63 lowercase letters, digits or "-", starting with a letter (e.g. openbao-prod)',
  ),
);

export const BACKEND_TYPES = ['vault', 'gsm'] as const;

const BackendTypeSchema = v.picklist(BACKEND_TYPES, 'backendType: expected vault or gsm');
/**
 * A backend's `config`, typed by its kind (`vault`: `VaultConfigInput`, `gsm`:
 * `GsmConfigInput`). At this layer it is only checked to be a JSON object: the backend kind
 * checks it with its own schema (`VaultConfigSchema` in `@kici/store-vault`, `GsmConfigSchema`
 * in `@kici/store-gsm`), after the caller's permission, so that a refusal is audited and
 * answered by the server (`400`, naming the field) rather than by the client.
 */
const ConfigSchema = v.record(
  v.string(),
  JsonValueSchema,
  'config: expected an object',
) as unknown as v.GenericSchema<BackendConfigInput, BackendConfigInput>;
export type BackendConfigInput = VaultConfigInput | GsmConfigInput;
export const MAX_SYNC_INTERVAL_SECONDS = 86_400;
const ScopePatternsSchema = v.pipe(
  v.array(
    v.pipe(
      v.string('scopePatterns: expected strings'),
      v.regex(/^[\x21-\x7e]{1,200}$/, 'scopePatterns: expected globs such as ** or aws/*'),
    ),
    'scopePatterns: expected a list',
  ),
  v.minLength(1, 'scopePatterns: expected at least one pattern'),
);

/** POST /backends: the seed's body. Credentials in `config` are stored sealed, never returned. */
export const AddBackendBodySchema = v.strictObject({
  name: BackendNameSchema,
  backendType: BackendTypeSchema,
  config: ConfigSchema,
  scopePatterns: v.optional(ScopePatternsSchema),
  syncIntervalSeconds: v.optional(
    v.pipe(
      integerAtLeast('syncIntervalSeconds', 1),
      v.maxValue(
        MAX_SYNC_INTERVAL_SECONDS,
        `syncIntervalSeconds: expected at most ${MAX_SYNC_INTERVAL_SECONDS}`,
      ),
    ),
  ),
});

export const BackendParamsSchema = v.strictObject({ name: BackendNameSchema });

/** POST /backends/test: a registered backend by name, or a config before registering it. */
export const TestBackendBodySchema = v.strictObject({
  name: BackendNameSchema,
  backendType: v.optional(BackendTypeSchema),
  config: v.optional(ConfigSchema),
});

/** POST /backends/sync: one backend, or (without a name) all. */
export const SyncBackendsBodySchema = v.strictObject({ name: v.optional(BackendNameSchema) });

export const BackendInfoSchema = v.strictObject({
  name: v.string(),
  type: v.string(),
  source: v.picklist(['api', 'env']),
  /** Masked URL, auth method, namespace, mount and base path: never a credential. */
  summary: v.record(v.string(), JsonValueSchema),
  scopePatterns: v.array(v.string()),
  syncIntervalSeconds: v.number(),
  health: v.picklist(['green', 'yellow', 'red']),
  lastSyncAt: v.nullable(timestampSchema('lastSyncAt')),
  lastSyncStatus: v.nullable(v.picklist(['ok', 'warning', 'error'])),
  lastSyncMessage: v.nullable(v.string()),
  errors: v.array(v.strictObject({ at: v.string(), message: v.string() })),
  scopeCount: v.number(),
  latency: v.strictObject({
    p50Ms: v.nullable(v.number()),
    p95Ms: v.nullable(v.number()),
    samples: v.number(),
  }),
  createdAt: timestampSchema('createdAt'),
  createdBy: ActorSchema,
});

export const ListBackendsResponseSchema = v.strictObject({
  backends: v.array(BackendInfoSchema),
});

export const TestBackendResponseSchema = v.strictObject({
  name: v.string(),
  ok: v.literal(true),
  latencyMs: v.number(),
  message: v.string(),
});

export const SyncBackendsResponseSchema = v.strictObject({
  results: v.array(
    v.strictObject({
      name: v.string(),
      status: v.picklist(['ok', 'warning', 'error']),
      message: v.string(),
      discovered: v.number(),
    }),
  ),
});

export const RemoveBackendResponseSchema = v.strictObject({
  name: v.string(),
  deleted: v.literal(true),
});

export const DiscoveredScopesResponseSchema = v.strictObject({
  name: v.string(),
  scopes: v.array(ScopeSchema),
});

/** PUT /secrets/:orgId/:scope/:key/link: the value stays on the external backend. */
export const LinkSecretBodySchema = v.strictObject({
  backend: BackendNameSchema,
  path: v.pipe(
    v.string('path: expected a string'),
    v.regex(
      /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/,
      'path: expected segments of letters, digits, "_", "." or "-" joined by "/"',
    ),
    v.check(
      (path) => path.split('/').every((segment) => segment !== '.' && segment !== '..'),
      'path: expected no "." or ".." segments',
    ),
  ),
  key: v.optional(
    v.pipe(
      v.string('key: expected a string'),
      v.regex(/^[\x21-\x7e]{1,255}$/, 'key: expected the key name at that path'),
    ),
  ),
});

export const LinkSecretResponseSchema = v.strictObject({
  orgId: OrgIdSchema,
  scope: ScopeSchema,
  key: SecretKeySchema,
  backend: v.string(),
  path: v.string(),
  linkedKey: v.string(),
  updatedAt: timestampSchema('updatedAt'),
  created: v.boolean(),
});
