import {
  DEFAULT_ACCESS_ALERT_READS,
  DEFAULT_ACCESS_ALERT_WINDOW_MINUTES,
  DEFAULT_NOTIFY_TICK_MS,
  DEFAULT_ROTATION_AUDIT_INTERVAL_MS,
} from '@kici/contracts';
import { parseWebhookSecret } from '@kici/crypto/webhooks';
import * as v from 'valibot';

/** The access log's alert, the notification sink and the rotation audit job (KICI_ACCESS_*, …). */
export interface AccessConfig {
  /** KICI_ACCESS_ALERT_READS: more reads of one key than this in a window raise a notification. */
  readonly alertReads: number;
  /** KICI_ACCESS_ALERT_WINDOW_MINUTES. */
  readonly alertWindowMinutes: number;
  /** KICI_NOTIFY_WEBHOOK_URL and KICI_NOTIFY_WEBHOOK_SECRET (both or neither). */
  readonly notifyWebhook: { readonly url: string; readonly secret: string } | undefined;
  /** KICI_NOTIFY_TICK_MS: how often this instance posts due notifications to the sink. */
  readonly notifyTickMs: number;
  /** KICI_ROTATION_AUDIT_INTERVAL_MS: how often one instance runs the rotation audit job. */
  readonly rotationAuditIntervalMs: number;
}

const integer = (name: string, min: number, max: number, fallback: number) =>
  v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, `${name}: expected an integer from ${min} to ${max}`),
      v.transform(Number),
      v.minValue(min, `${name}: expected an integer from ${min} to ${max}`),
      v.maxValue(max, `${name}: expected an integer from ${min} to ${max}`),
    ),
    String(fallback),
  );

const text = v.optional(v.pipe(v.string(), v.trim()), '');

const AccessEnvSchema = v.object({
  KICI_ACCESS_ALERT_READS: integer(
    'KICI_ACCESS_ALERT_READS',
    1,
    1_000_000,
    DEFAULT_ACCESS_ALERT_READS,
  ),
  KICI_ACCESS_ALERT_WINDOW_MINUTES: integer(
    'KICI_ACCESS_ALERT_WINDOW_MINUTES',
    1,
    1440,
    DEFAULT_ACCESS_ALERT_WINDOW_MINUTES,
  ),
  KICI_NOTIFY_WEBHOOK_URL: text,
  KICI_NOTIFY_WEBHOOK_SECRET: text,
  KICI_NOTIFY_TICK_MS: integer('KICI_NOTIFY_TICK_MS', 100, 3_600_000, DEFAULT_NOTIFY_TICK_MS),
  KICI_ROTATION_AUDIT_INTERVAL_MS: integer(
    'KICI_ROTATION_AUDIT_INTERVAL_MS',
    1000,
    7 * 86_400_000,
    DEFAULT_ROTATION_AUDIT_INTERVAL_MS,
  ),
});

/** @throws {Error} naming the variable and what was expected (never its value). */
export function readAccessConfig(env: NodeJS.ProcessEnv): AccessConfig {
  const result = v.safeParse(AccessEnvSchema, env);
  if (!result.success) throw new Error(`Invalid configuration: ${result.issues[0]?.message}`);
  const out = result.output;
  return {
    alertReads: out.KICI_ACCESS_ALERT_READS,
    alertWindowMinutes: out.KICI_ACCESS_ALERT_WINDOW_MINUTES,
    notifyWebhook: notifyWebhook(out.KICI_NOTIFY_WEBHOOK_URL, out.KICI_NOTIFY_WEBHOOK_SECRET),
    notifyTickMs: out.KICI_NOTIFY_TICK_MS,
    rotationAuditIntervalMs: out.KICI_ROTATION_AUDIT_INTERVAL_MS,
  };
}

function notifyWebhook(url: string, secret: string) {
  if (url === '' && secret === '') return undefined;
  if (url === '')
    throw new Error(
      'Invalid configuration: KICI_NOTIFY_WEBHOOK_SECRET is set but KICI_NOTIFY_WEBHOOK_URL is not',
    );
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {}
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password)
    throw new Error(
      'Invalid configuration: KICI_NOTIFY_WEBHOOK_URL: expected an http:// or https:// URL without credentials',
    );
  try {
    parseWebhookSecret(secret);
  } catch {
    throw new Error(
      'Invalid configuration: KICI_NOTIFY_WEBHOOK_SECRET: expected a Standard Webhooks secret (whsec_ followed by base64 of 24-64 bytes)',
    );
  }
  return { url, secret };
}
