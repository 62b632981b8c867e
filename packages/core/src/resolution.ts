import { secretAad } from '@kici/crypto';
import { type Actor, actorName } from './actor.js';
import { type ChainEntry, walkChain } from './chain.js';
import { auditEntry, authorize } from './guard.js';
import type { KeyringHolder } from './keyring-holder.js';
import type { AuditEntry, EnvironmentRecord, Store } from './ports.js';
import { evaluateGates, type GateResult, type JobContext, qualifiedRef } from './protection.js';
import { splitScope } from './secrets.js';

/** The `secrets.getMeta()` shape: a value and where it came from. */
export interface ResolvedSecret {
  readonly value: string;
  readonly backend: string;
  readonly scope: string;
}

export interface ResolvedVariable {
  readonly value: string;
  readonly scope: string;
}

export type Resolution =
  | {
      readonly allowed: true;
      readonly environment: string;
      readonly gates: GateResult[];
      readonly secrets: Record<string, ResolvedSecret>;
      readonly variables: Record<string, ResolvedVariable>;
    }
  | {
      readonly allowed: false;
      readonly environment: string;
      readonly gates: GateResult[];
      /** Names the rule that failed. */
      readonly reason: string;
    };

/** Where each key would come from, without any value. */
export interface KeySource {
  readonly key: string;
  readonly backend: string;
  readonly scope: string;
  readonly shadowed: string[];
}

export interface Explanation {
  readonly allowed: boolean;
  readonly environment: string;
  readonly reason?: string;
  readonly gates: GateResult[];
  readonly scopes: string[];
  readonly secrets: KeySource[];
  readonly variables: KeySource[];
}

/** The actor name of resolutions the dispatcher asks for. */
export const DISPATCHER_ACTOR = 'dispatcher';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The gates of a job, or a denial when the environment does not exist. */
function gatesOf(environment: EnvironmentRecord | undefined, job: JobContext) {
  if (!environment) {
    const detail = `environment ${job.environment} does not exist in org ${job.orgId}`;
    return { gates: [{ gate: 'environment', passed: false, detail }] as GateResult[] };
  }
  return { gates: evaluateGates(environment.rules, job) };
}

const failedReason = (gates: readonly GateResult[]) => {
  const failed = gates.find((gate) => !gate.passed);
  return failed ? `${failed.gate} rule: ${failed.detail}` : undefined;
};

const sources = <T extends { scope: string; key: string }>(chain: Map<string, ChainEntry<T>>) =>
  [...chain.values()]
    .map(({ winner, shadowed }) => ({
      key: winner.key,
      backend: splitScope(winner.scope).backend,
      scope: winner.scope,
      shadowed: [...shadowed],
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));

/** Job-time resolution: every protection rule first, then the environment's scope chain. */
export function createResolutionService({
  store,
  keyring,
}: {
  store: Store;
  keyring: KeyringHolder;
}) {
  async function readChain(orgId: string, scopes: readonly string[], audit?: AuditEntry) {
    const rows =
      scopes.length || audit
        ? await store.chains.read(orgId, scopes, audit)
        : { secrets: [], variables: [] };
    return {
      secrets: walkChain(scopes, rows.secrets),
      variables: walkChain(scopes, rows.variables),
    };
  }

  /** The values a chain of scopes supplies, each with its source. */
  async function open(orgId: string, scopes: readonly string[], audit?: AuditEntry) {
    const chain = await readChain(orgId, scopes, audit);
    const ring = keyring.current();
    const secrets: Record<string, ResolvedSecret> = {};
    for (const [key, { winner }] of chain.secrets) {
      const { plaintext } = ring.open(
        winner.ciphertext,
        secretAad({ orgId, scope: winner.scope, key }),
      );
      secrets[key] = {
        value: decoder.decode(plaintext),
        backend: splitScope(winner.scope).backend,
        scope: winner.scope,
      };
      plaintext.fill(0);
    }
    const variables: Record<string, ResolvedVariable> = {};
    for (const [key, { winner }] of chain.variables) {
      variables[key] = { value: winner.value, scope: winner.scope };
    }
    return { secrets, variables };
  }

  function jobMetadata(job: JobContext) {
    return {
      runId: job.runId,
      jobId: job.jobId,
      repository: job.repository,
      ref: qualifiedRef(job.branch, job.trigger),
      trigger: job.trigger,
      ...(job.fork === undefined ? {} : { fork: job.fork }),
    };
  }

  return {
    /** For the dispatcher: values only when every gate passes; one audit row either way. */
    async resolve(job: JobContext, actor: string = DISPATCHER_ACTOR): Promise<Resolution> {
      const environment = await store.environments.find(job.orgId, job.environment);
      const { gates } = gatesOf(environment, job);
      const reason = failedReason(gates);
      const context = { orgId: job.orgId, contextName: job.environment };
      if (reason !== undefined || !environment) {
        await store.audit.append(
          auditEntry(actor, 'secret.resolve', 'denied', {
            ...context,
            metadata: { ...jobMetadata(job), reason: reason ?? 'environment missing' },
          }),
        );
        return {
          allowed: false,
          environment: job.environment,
          gates,
          reason: reason ?? 'environment missing',
        };
      }
      // The audit row (keys and variable names, never values) rides in the read's statement.
      const { secrets, variables } = await open(
        job.orgId,
        environment.scopes,
        auditEntry(actor, 'secret.resolve', 'success', { ...context, metadata: jobMetadata(job) }),
      );
      return { allowed: true, environment: job.environment, gates, secrets, variables };
    },

    /** For operators (`kici-admin resolve`): which gates pass and which scope supplies each key. */
    async explain(actor: Actor, job: JobContext): Promise<Explanation> {
      const context = { orgId: job.orgId, contextName: job.environment };
      await authorize(store, actor, 'secret.read', 'secret.resolve.explain', context);
      const environment = await store.environments.find(job.orgId, job.environment);
      const { gates } = gatesOf(environment, job);
      const reason = failedReason(gates);
      const scopes = environment?.scopes ?? [];
      // Shown even when a gate fails: the operator sees what would resolve once it passes.
      const chain = await readChain(job.orgId, scopes);
      const explanation: Explanation = {
        allowed: reason === undefined,
        environment: job.environment,
        ...(reason === undefined ? {} : { reason }),
        gates,
        scopes: [...scopes],
        secrets: sources(chain.secrets),
        variables: sources(chain.variables),
      };
      await store.audit.append(
        auditEntry(actorName(actor), 'secret.resolve.explain', 'success', {
          ...context,
          metadata: {
            ...jobMetadata(job),
            allowed: explanation.allowed,
            keys: explanation.secrets.map((source) => source.key),
          },
        }),
      );
      return explanation;
    },

    open,
  };
}

export type ResolutionService = ReturnType<typeof createResolutionService>;
