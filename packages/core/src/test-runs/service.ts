import { testRunBundleAad, testRunLocalAad } from '@kici/crypto';
import type { EnvironmentRecord } from '../environments/port.js';
import { runKeyAad } from '../kernel/aad.js';
import { DISPATCHER_ACTOR } from '../kernel/actor.js';
import { invalidInput } from '../kernel/errors.js';
import { auditEntry } from '../kernel/guard.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import { type RunEnvelopes, sealJsonToAgent } from '../kernel/run-envelopes.js';
import type { OpenedChain, ResolvedSecret, ResolvedVariable } from '../resolution/port.js';
import type { Store } from '../store.js';

/** How long a run's key pair stays usable. */
export const RUN_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** Where a developer's own value comes from, in `getMeta` terms. */
export const LOCAL_SOURCE = 'local';

/** What a test run's local values for one secret context are sealed with (`sealForRun`). */
export { testRunLocalAad } from '@kici/crypto';

export interface TestRunRequest {
  readonly orgId: string;
  readonly runId: string;
  /** Secret context → environment. */
  readonly fixture: Readonly<Record<string, string>>;
  /** Secret context → envelope sealed to the run's public key: a JSON object of KEY → value. */
  readonly local?: Readonly<Record<string, Uint8Array>> | undefined;
  /** The agent's ephemeral X25519 key: the answer is sealed to it. */
  readonly agentPublicKey: Uint8Array;
}

export interface TestRunContext {
  readonly environment: string;
  readonly secrets: Record<string, ResolvedSecret>;
  readonly variables: Record<string, ResolvedVariable>;
}

export type TestRunResolution =
  | { readonly allowed: true; readonly runId: string; readonly bundle: Uint8Array }
  | { readonly allowed: false; readonly reason: string };

const KEY = /^[A-Z][A-Z0-9_]*$/;
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The developer's values for one context: a flat object of KEY → string, or a reason. */
function parseLocal(bytes: Uint8Array): Record<string, string> | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(bytes));
  } catch {
    return 'is not a JSON object';
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return 'is not a JSON object';
  }
  for (const [key, value] of Object.entries(parsed)) {
    if (!KEY.test(key) || typeof value !== 'string') {
      return 'must map UPPER_SNAKE_CASE keys to string values';
    }
  }
  return parsed as Record<string, string>;
}

/**
 * Test runs (`kici run remote`): the developer's local values, sealed to the run's key,
 * over the stored secrets of environments that opted in with allowLocalExecution. Fail
 * closed: any problem rejects the whole run before a single value is read.
 */
export interface TestRunServiceDeps {
  readonly store: Pick<Store, 'runKeys' | 'environments' | 'audit'>;
  readonly keyring: KeyringHolder;
  readonly envelopes: RunEnvelopes;
  /** The values a scope chain supplies, unaudited (resolution's `open`, wired by createCore). */
  readonly openChain: (orgId: string, scopes: readonly string[]) => Promise<OpenedChain>;
  readonly now?: () => Date;
}

export function createTestRunService({
  store,
  keyring,
  envelopes,
  openChain,
  now = () => new Date(),
}: TestRunServiceDeps) {
  return {
    /** The run's X25519 key pair (created once; the private key sealed with the master key). */
    async runKey(
      orgId: string,
      runId: string,
    ): Promise<{ runId: string; publicKey: Uint8Array; expiresAt: Date }> {
      const existing = await store.runKeys.find(runId);
      if (existing) {
        if (existing.orgId !== orgId) throw invalidInput('runId', 'belongs to another org');
        return { runId, publicKey: existing.publicKey, expiresAt: existing.expiresAt };
      }
      const pair = envelopes.generateRunKeyPair();
      const ring = keyring.current();
      const expiresAt = new Date(now().getTime() + RUN_KEY_TTL_MS);
      const inserted = await store.runKeys.insert({
        runId,
        orgId,
        publicKey: pair.publicKey,
        privateKeyCiphertext: ring.seal(pair.privateKey, runKeyAad(orgId, runId)),
        keyVersion: ring.version,
        expiresAt,
      });
      pair.privateKey.fill(0);
      if (!inserted) return this.runKey(orgId, runId); // another instance won the race
      return { runId, publicKey: pair.publicKey, expiresAt };
    },

    async resolve(request: TestRunRequest): Promise<TestRunResolution> {
      const { orgId, runId } = request;
      const contexts = Object.keys(request.fixture).sort();
      const deny = async (reason: string): Promise<TestRunResolution> => {
        await store.audit.append(
          auditEntry(DISPATCHER_ACTOR, 'secret.resolve.test_run', 'denied', {
            orgId,
            metadata: { runId, contexts, reason },
          }),
        );
        return { allowed: false, reason };
      };

      if (contexts.length === 0) return deny('the fixture maps no secret context');
      const environments = new Map<string, EnvironmentRecord>();
      for (const context of contexts) {
        const name = request.fixture[context] as string;
        const environment = await store.environments.find(orgId, name);
        if (!environment) {
          return deny(`context ${context}: environment ${name} does not exist in org ${orgId}`);
        }
        if (!environment.allowLocalExecution) {
          return deny(
            `context ${context}: environment ${name} does not allow test runs (allowLocalExecution is false)`,
          );
        }
        environments.set(context, environment);
      }

      const local = new Map<string, Record<string, string>>();
      const sealed = Object.entries(request.local ?? {});
      if (sealed.length > 0) {
        const key = await store.runKeys.find(runId);
        if (!key || key.orgId !== orgId) return deny(`run ${runId} has no key pair`);
        if (key.expiresAt.getTime() <= now().getTime())
          return deny(`run ${runId}'s key pair expired`);
        const { plaintext: privateKey } = keyring
          .current()
          .open(key.privateKeyCiphertext, runKeyAad(orgId, runId));
        try {
          for (const [context, envelope] of sealed) {
            if (!environments.has(context)) {
              return deny(`local values for context ${context}, which the fixture does not map`);
            }
            let opened: Uint8Array;
            try {
              opened = envelopes.openForRun(
                privateKey,
                envelope,
                testRunLocalAad(orgId, runId, context),
              );
            } catch {
              return deny(
                `local values for context ${context} do not open with run ${runId}'s key`,
              );
            }
            const values = parseLocal(opened);
            opened.fill(0);
            if (typeof values === 'string')
              return deny(`local values for context ${context} ${values}`);
            local.set(context, values);
          }
        } finally {
          privateKey.fill(0);
        }
      }

      const resolved: Record<string, TestRunContext> = {};
      const keys: Record<string, string[]> = {};
      for (const context of contexts) {
        const environment = environments.get(context);
        if (!environment) continue;
        const stored = await openChain(orgId, environment.scopes);
        // A collision goes to the developer's value: a test run never sees a stored value
        // under a name it supplied itself.
        for (const [key, value] of Object.entries(local.get(context) ?? {})) {
          stored.secrets[key] = { value, backend: LOCAL_SOURCE, scope: LOCAL_SOURCE };
        }
        resolved[context] = { environment: environment.name, ...stored };
        keys[context] = Object.keys(stored.secrets).sort();
      }
      // Sealed to the agent (a TestRunBundle), so no value crosses the wire in plaintext.
      const bundle = sealJsonToAgent(
        envelopes,
        request.agentPublicKey,
        { runId, contexts: resolved },
        testRunBundleAad(runId),
      );
      await store.audit.append(
        auditEntry(DISPATCHER_ACTOR, 'secret.resolve.test_run', 'success', {
          orgId,
          metadata: {
            runId,
            fixture: request.fixture,
            keys,
            localKeys: Object.fromEntries([...local].map(([c, v]) => [c, Object.keys(v).sort()])),
          },
        }),
      );
      return { allowed: true, runId, bundle };
    },
  };
}

export type TestRunService = ReturnType<typeof createTestRunService>;
