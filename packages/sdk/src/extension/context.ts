import type { Masker } from '../masker/masker.js';
import { createLogger } from './logger.js';
import { installationKey, type MemoStore } from './memo.js';
import type { Context, KiketEvent, LogSink, PayloadSecrets, SecretMeta } from './types.js';

export interface ContextDeps {
  env: Readonly<Record<string, string | undefined>>;
  memos: MemoStore;
  masker: Masker;
  sink: LogSink;
  deliveryId: string;
}

const own = (record: object, key: string): boolean => Object.hasOwn(record, key);

function payloadSecrets(payload: KiketEvent): PayloadSecrets {
  const { secrets, secret_meta: meta } = payload;
  const keys = Object.keys(secrets).sort();
  return Object.freeze({
    get: (key: string) => (own(secrets, key) ? secrets[key] : undefined),
    getMeta(key: string): SecretMeta | undefined {
      if (!own(secrets, key)) return undefined;
      const m = own(meta, key) ? meta[key] : undefined;
      // A value without metadata still answers; its origin is just not known.
      return Object.freeze({
        value: secrets[key] as string,
        backend: m?.backend ?? 'unknown',
        scope: m?.scope ?? { scope: 'unknown', id: '' },
      });
    },
    has: (key: string) => own(secrets, key),
    keys: () => [...keys],
    // Logged by mistake, it shows its keys, never a value.
    toJSON: () => ({ keys }),
  });
}

/** The `context` a handler receives for one verified invocation. */
export function createContext(payload: KiketEvent, deps: ContextDeps): Context {
  const secrets = payloadSecrets(payload);
  const secret = (key: string): string | undefined => {
    const value = secrets.get(key);
    if (value !== undefined) return value;
    const fallback = own(deps.env, key) ? deps.env[key] : undefined;
    // An environment value read as a secret is masked like the payload's from now on.
    if (fallback !== undefined) deps.masker.add(fallback);
    return fallback;
  };
  const memoKey = installationKey(payload.installation);
  const i = payload.installation;
  return Object.freeze({
    secret,
    secrets,
    secretStatus: Object.freeze({ missing: Object.freeze([...payload.secret_status.missing]) }),
    configuration: payload.configuration,
    event: payload.event,
    installation: Object.freeze({
      orgId: i.org_id,
      projectKey: i.project_key,
      extensionId: i.extension_id,
      productId: i.product_id,
    }),
    deliveryId: deps.deliveryId,
    attempt: payload.attempt,
    logger: createLogger(deps.masker, deps.sink),
    memo<T>(key: string, factory: (value: string) => T | Promise<T>): Promise<T> {
      const value = secret(key);
      if (value === undefined) {
        return Promise.reject(
          new Error(`secret ${key} is missing: not in the payload nor in the environment`),
        );
      }
      return deps.memos.get(memoKey, key, value, factory);
    },
  });
}
