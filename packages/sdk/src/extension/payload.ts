import type { KiketEvent, RotationEvent, SecretScope } from './types.js';

/** A body that is not an invocation; the message names the field, never a value. */
export class MalformedPayloadError extends Error {
  override readonly name = 'MalformedPayloadError';
}

export const ROTATION_EVENT = 'secret.rotated';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(field: string, expected: string): never {
  throw new MalformedPayloadError(`${field}: expected ${expected}`);
}

function object(value: unknown, field: string): Json {
  return isObject(value) ? value : fail(field, 'an object');
}

function text(value: unknown, field: string): string {
  return typeof value === 'string' && value.length > 0 ? value : fail(field, 'a non-empty string');
}

function strings(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) fail(field, 'an array of strings');
  return value.map((item, i) =>
    typeof item === 'string' ? item : fail(`${field}[${i}]`, 'a string'),
  );
}

function scope(value: unknown, field: string): SecretScope {
  const s = object(value, field);
  return { scope: text(s.scope, `${field}.scope`), id: text(s.id, `${field}.id`) };
}

// Null-prototype copies: a key such as `__proto__` or `toString` is just a key.
function stringRecord(value: unknown, field: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [key, item] of Object.entries(value === undefined ? {} : object(value, field))) {
    out[key] = typeof item === 'string' ? item : fail(`${field}.${key}`, 'a string');
  }
  return out;
}

function metaRecord(value: unknown, field: string): KiketEvent['secret_meta'] {
  const out: Record<string, { backend: string; scope: SecretScope }> = Object.create(null);
  for (const [key, item] of Object.entries(value === undefined ? {} : object(value, field))) {
    const meta = object(item, `${field}.${key}`);
    out[key] = {
      backend: text(meta.backend, `${field}.${key}.backend`),
      scope: scope(meta.scope, `${field}.${key}.scope`),
    };
  }
  return out;
}

/** Parses and checks an invocation body (raw UTF-8 JSON). */
export function parseInvocation(raw: Uint8Array): KiketEvent {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new MalformedPayloadError('body: expected UTF-8 JSON');
  }
  const b = object(body, 'body');
  if (b.type !== 'ExtensionInvocation') fail('type', '"ExtensionInvocation"');
  const attempt = b.attempt ?? 1;
  if (!Number.isSafeInteger(attempt) || (attempt as number) < 1) fail('attempt', 'an integer ≥ 1');
  const event = object(b.event, 'event');
  const installation = object(b.installation, 'installation');
  const productId = installation.product_id ?? null;
  if (productId !== null && typeof productId !== 'string') {
    fail('installation.product_id', 'a string or null');
  }
  const configuration =
    b.configuration === undefined ? {} : object(b.configuration, 'configuration');
  const status = b.secret_status === undefined ? {} : object(b.secret_status, 'secret_status');
  return {
    type: 'ExtensionInvocation',
    id: text(b.id, 'id'),
    attempt: attempt as number,
    created_at: typeof b.created_at === 'string' ? b.created_at : '',
    event: { type: text(event.type, 'event.type'), payload: event.payload ?? null },
    installation: {
      org_id: text(installation.org_id, 'installation.org_id'),
      project_key: text(installation.project_key, 'installation.project_key'),
      extension_id: text(installation.extension_id, 'installation.extension_id'),
      product_id: productId as string | null,
    },
    secrets: stringRecord(b.secrets, 'secrets'),
    secret_meta: metaRecord(b.secret_meta, 'secret_meta'),
    secret_status: {
      missing: status.missing === undefined ? [] : strings(status.missing, 'secret_status.missing'),
    },
    configuration,
  };
}

/** The rotation details of a `secret.rotated` invocation. */
export function rotationOf(payload: KiketEvent): RotationEvent {
  const p = object(payload.event.payload, 'event.payload');
  return {
    type: ROTATION_EVENT,
    keys: strings(p.keys, 'event.payload.keys'),
    scope:
      p.scope === undefined || p.scope === null ? undefined : scope(p.scope, 'event.payload.scope'),
  };
}
