import * as v from 'valibot';
import { integerAtLeast } from '../fields.js';

/** The message of POST /rotate-key, spelled as the product documentation spells it. */
export function rotationMessage(secrets: number, configs: number): string {
  return `Re-encrypted ${secrets} secrets, ${configs} config versions`;
}

/**
 * POST /rotate-key. By default a row that does not open stops the rotation before anything
 * changes (409 naming the rows); `skipUnreadable` re-encrypts the rest and reports them.
 */
export const RotateKeyBodySchema = v.strictObject({
  skipUnreadable: v.optional(v.boolean('skipUnreadable: expected a boolean')),
});

/** A row a rotation could not open: where it is, never its value. */
export const UnreadableRowSchema = v.strictObject({
  table: v.picklist(
    ['scoped_secrets', 'config_versions', 'backends', 'run_ephemeral_keys', 'run_secret_outputs'],
    'table: expected a sealed table',
  ),
  orgId: v.optional(v.string('orgId: expected a string')),
  scope: v.optional(v.string('scope: expected a string')),
  key: v.string('key: expected a string'),
  version: v.optional(integerAtLeast('version', 0)),
});

export const RotateKeyResponseSchema = v.pipe(
  v.strictObject({
    reEncrypted: integerAtLeast('reEncrypted', 0),
    reEncryptedConfigs: integerAtLeast('reEncryptedConfigs', 0),
    /** Run key pairs and cross-job secret outputs re-sealed (absent from older servers). */
    reEncryptedRunKeys: v.optional(integerAtLeast('reEncryptedRunKeys', 0)),
    reEncryptedRunOutputs: v.optional(integerAtLeast('reEncryptedRunOutputs', 0)),
    keyVersion: integerAtLeast('keyVersion', 1),
    message: v.string('message: expected a string'),
    /** Only with skipUnreadable, when rows were left as they were. */
    skipped: v.optional(v.array(UnreadableRowSchema, 'skipped: expected an array')),
  }),
  v.forward(
    v.partialCheck(
      [['reEncrypted'], ['reEncryptedConfigs'], ['message']],
      (r) => r.message === rotationMessage(r.reEncrypted, r.reEncryptedConfigs),
      'message: expected "Re-encrypted N secrets, M config versions" with the counts of this response',
    ),
    ['message'],
  ),
);

/** GET /healthz: the process answers. No token. */
export const HealthzResponseSchema = v.strictObject({
  status: v.literal('ok', 'status: expected "ok"'),
});

/** GET /readyz: the process can serve. No token; answered with 503 when not ready. */
export const ReadyzResponseSchema = v.strictObject({
  status: v.picklist(['ready', 'not_ready'], 'status: expected "ready" or "not_ready"'),
  checks: v.strictObject({
    database: v.boolean('database: expected a boolean'),
    migrations: v.boolean('migrations: expected a boolean'),
  }),
});
