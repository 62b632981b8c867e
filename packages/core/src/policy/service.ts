import {
  SURFACES,
  type Surface,
  WRITE_OPERATIONS,
  type WriteOperation,
} from '@kici/contracts/vocabulary';
import type { ConfigValue } from '../config/port.js';
import type { Actor } from '../kernel/actor.js';
import { invalidInput, KiciError } from '../kernel/errors.js';
import { auditEntry, authorize } from '../kernel/guard.js';
import type { Store } from '../store.js';
import type { CustomerSecretsCheck, SurfaceCheck, SurfaceContext, WritePolicy } from './port.js';

/** Config keys the orchestrator itself reads. */
export const WRITE_POLICY_KEY = 'writePolicy';
export const PG_CUSTOMER_SECRETS_KEY = 'pgCustomerSecrets';
/** Every key `config set` accepts: a key nothing reads would be a typo kept silently. */
export const KNOWN_CONFIG_KEYS: readonly string[] = [PG_CUSTOMER_SECRETS_KEY, WRITE_POLICY_KEY];

/** First boot is permissive: every operation from both surfaces. */
export const DEFAULT_WRITE_POLICY: WritePolicy = Object.fromEntries(
  WRITE_OPERATIONS.map((operation) => [operation, [...SURFACES]]),
) as unknown as WritePolicy;

/** How long an instance trusts its copy of the policy; a change on another instance lands within it. */
export const POLICY_CACHE_MS = 2_000;

const isSurface = (value: unknown): value is Surface => SURFACES.includes(value as Surface);
export const isWriteOperation = (value: unknown): value is WriteOperation =>
  WRITE_OPERATIONS.includes(value as WriteOperation);

function surfacesOf(field: string, value: unknown): Surface[] {
  if (!Array.isArray(value) || !value.every(isSurface) || new Set(value).size !== value.length) {
    throw invalidInput(field, `expected a list of distinct surfaces (${SURFACES.join(', ')})`);
  }
  return value;
}

/** Refuses a key the orchestrator does not read (400 naming `key`, listing the known ones). */
export function checkKnownKey(key: string): void {
  if (!KNOWN_CONFIG_KEYS.includes(key)) {
    throw invalidInput(
      'key',
      `unknown config key ${key} (known keys: ${KNOWN_CONFIG_KEYS.join(', ')})`,
    );
  }
}

/** Checks a config key and its value: only the keys the orchestrator reads, each its type. */
export function checkKnownConfig(key: string, value: ConfigValue): void {
  checkKnownKey(key);
  if (key === PG_CUSTOMER_SECRETS_KEY && typeof value !== 'boolean') {
    throw invalidInput('value', `${PG_CUSTOMER_SECRETS_KEY} expects true or false`);
  }
  if (key === WRITE_POLICY_KEY) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw invalidInput('value', `${WRITE_POLICY_KEY} expects an object of operation → surfaces`);
    }
    for (const [operation, surfaces] of Object.entries(value)) {
      if (!isWriteOperation(operation)) {
        throw invalidInput(
          'value',
          `unknown operation ${operation} (expected one of ${WRITE_OPERATIONS.join(', ')})`,
        );
      }
      surfacesOf(`value.${operation}`, surfaces);
    }
  }
}

export interface PolicyServiceDeps {
  readonly store: Pick<Store, 'audit'>;
  /** Reads a config value without a permission check (the config domain's `read`). */
  readonly readConfig: (key: string) => Promise<ConfigValue | undefined>;
  /** Writes a config value as `actor`, permission checked and audited (the config domain's `set`). */
  readonly setConfig: (actor: Actor, key: string, value: ConfigValue) => Promise<unknown>;
  readonly now?: () => number;
  readonly cacheMs?: number;
}

/** The dashboard-write policy and the PG customer secrets toggle, both kept in config. */
export function createPolicyService({
  store,
  readConfig,
  setConfig,
  now = Date.now,
  cacheMs = POLICY_CACHE_MS,
}: PolicyServiceDeps) {
  const cache = new Map<string, { value: ConfigValue | undefined; at: number }>();

  async function setting(key: string): Promise<ConfigValue | undefined> {
    const hit = cache.get(key);
    if (hit && now() - hit.at < cacheMs) return hit.value;
    const value = await readConfig(key);
    cache.set(key, { value, at: now() });
    return value;
  }

  async function policy(): Promise<WritePolicy> {
    const stored = (await setting(WRITE_POLICY_KEY)) as Partial<WritePolicy> | undefined;
    return { ...DEFAULT_WRITE_POLICY, ...stored };
  }

  const service = {
    policy,

    /** Whether customer secrets may be created in the pg backend (default true). */
    async pgCustomerSecrets(): Promise<boolean> {
      return (await setting(PG_CUSTOMER_SECRETS_KEY)) !== false;
    },

    /** Forgets cached settings, after this instance changed one. */
    forget(): void {
      cache.clear();
    },

    /** See SurfaceCheck: refuses (audited, 403) a write from a surface the policy excludes. */
    async requireSurface(
      actor: Actor,
      operation: WriteOperation,
      context: SurfaceContext,
    ): Promise<void> {
      const surface = actor.surface;
      const allowed = (await policy())[operation];
      if (allowed.includes(surface)) return;
      await store.audit.append(
        auditEntry(actor, context.action, 'denied', {
          orgId: context.orgId ?? null,
          contextName: context.contextName ?? null,
          metadata: {
            ...(context.key === undefined ? {} : { key: context.key }),
            operation,
            surface,
            allowedSurfaces: allowed,
            reason: 'write_policy',
          },
        }),
      );
      const where = allowed.length === 0 ? 'no surface' : allowed.join(' and ');
      throw new KiciError(
        'forbidden',
        `The dashboard-write policy refuses ${operation} from the ${surface}: allowed from ${where}`,
      );
    },

    async show(actor: Actor): Promise<WritePolicy> {
      await authorize(store, actor, 'context.read', 'policy.get');
      const current = await policy();
      await store.audit.append(auditEntry(actor, 'policy.get', 'success'));
      return current;
    },

    /** Sets the surfaces of one operation: a new version of the `writePolicy` config key. */
    async set(actor: Actor, operation: string, surfaces: readonly string[]) {
      if (!isWriteOperation(operation)) {
        throw invalidInput('operation', `expected one of ${WRITE_OPERATIONS.join(', ')}`);
      }
      const checked = surfacesOf('surfaces', surfaces);
      const next = { ...(await policy()), [operation]: checked };
      await setConfig(actor, WRITE_POLICY_KEY, next as unknown as ConfigValue);
      cache.clear();
      return next;
    },
  };
  return service satisfies SurfaceCheck & CustomerSecretsCheck;
}

export type PolicyService = ReturnType<typeof createPolicyService>;
