import * as v from 'valibot';
import { timestampSchema } from '../datetime.js';
import { ActorSchema, ConfigKeySchema, integerAtLeast } from '../fields.js';
import { JsonValueSchema } from '../json.js';

/**
 * Orchestrator-wide configuration: versioned JSON values. Setting, unsetting or rolling back
 * appends a version; history lists them all, newest first. An unset version removes the
 * value (the key reads as absent); rolling back to an earlier version brings it back.
 */

/** The path parameter of /config/:key. */
export const ConfigParamsSchema = v.strictObject({ key: ConfigKeySchema });

export const ConfigEntrySchema = v.strictObject({
  key: ConfigKeySchema,
  version: integerAtLeast('version', 1),
  updatedAt: timestampSchema('updatedAt'),
  updatedBy: ActorSchema,
});

export const ListConfigResponseSchema = v.strictObject({
  entries: v.array(ConfigEntrySchema, 'entries: expected an array'),
});

export const GetConfigResponseSchema = v.strictObject({
  key: ConfigKeySchema,
  value: JsonValueSchema,
  version: integerAtLeast('version', 1),
  updatedAt: timestampSchema('updatedAt'),
  updatedBy: ActorSchema,
});

/** PUT /config/:key. `null` is a value; a missing `value` is refused. */
export const SetConfigBodySchema = v.strictObject({ value: JsonValueSchema });

export const SetConfigResponseSchema = v.strictObject({
  key: ConfigKeySchema,
  version: integerAtLeast('version', 1),
  updatedAt: timestampSchema('updatedAt'),
});

export const ConfigVersionSchema = v.strictObject({
  version: integerAtLeast('version', 1),
  createdAt: timestampSchema('createdAt'),
  createdBy: ActorSchema,
  /** Whether this version is the one in effect. */
  current: v.boolean('current: expected a boolean'),
  /** Whether this version removed the value (`DELETE /config/:key`); absent from older servers. */
  unset: v.optional(v.boolean('unset: expected a boolean')),
});

/** DELETE /config/:key: the unset version appended. */
export const UnsetConfigResponseSchema = v.strictObject({
  key: ConfigKeySchema,
  version: integerAtLeast('version', 1),
  updatedAt: timestampSchema('updatedAt'),
});

export const ConfigHistoryResponseSchema = v.strictObject({
  key: ConfigKeySchema,
  versions: v.array(ConfigVersionSchema, 'versions: expected an array'),
});

/** POST /config/:key/rollback: re-applies an old version's value as a new version. */
export const RollbackConfigBodySchema = v.strictObject({ version: integerAtLeast('version', 1) });

export const RollbackConfigResponseSchema = v.strictObject({
  key: ConfigKeySchema,
  /** The new version, whose value is that of `rolledBackTo`. */
  version: integerAtLeast('version', 1),
  rolledBackTo: integerAtLeast('rolledBackTo', 1),
  updatedAt: timestampSchema('updatedAt'),
});

export type ConfigEntry = v.InferOutput<typeof ConfigEntrySchema>;
export type ConfigVersion = v.InferOutput<typeof ConfigVersionSchema>;
