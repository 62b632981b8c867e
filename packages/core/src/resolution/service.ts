import type {
  EnvironmentRecord,
  GateResult,
  JobContext,
  ProtectionRules,
} from '../environments/port.js';
import { type Actor, actorName, DISPATCHER_ACTOR } from '../kernel/actor.js';
import type { AuditEntry } from '../kernel/audit-entry.js';
import { BackendError } from '../kernel/backend-error.js';
import { type ChainEntry, walkChain } from '../kernel/chain.js';
import { KiciError } from '../kernel/errors.js';
import { auditEntry, authorize } from '../kernel/guard.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import { qualifiedRef } from '../kernel/refs.js';
import { isBuiltInScope, splitScope } from '../kernel/scope.js';
import type { Store } from '../store.js';
import { createChainReader } from './chain-reader.js';
import type { OpenedChain, ScopeReader } from './port.js';
import type { Explanation, Resolution } from './results.js';

export interface ResolutionServiceDeps {
  readonly store: Pick<Store, 'chains' | 'environments' | 'audit'>;
  readonly keyring: KeyringHolder;
  /** Reads an external scope live (the backend registry); undefined for a removed backend. */
  readonly readExternal: ScopeReader;
  /** The environments domain's protection rules against a job (wired by createCore). */
  readonly evaluateGates: (rules: ProtectionRules, job: JobContext) => GateResult[];
}

/** The gates of a job, or a denial when the environment does not exist. */
function gatesOf(
  evaluateGates: ResolutionServiceDeps['evaluateGates'],
  environment: EnvironmentRecord | undefined,
  job: JobContext,
) {
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

/** Where a chain entry's value comes from: a link's or an external scope's backend, else the scope's. */
const backendOf = (entry: { scope: string; backendType?: string; backend?: string }) =>
  entry.backendType ?? entry.backend ?? splitScope(entry.scope).backend;

const sources = <T extends { scope: string; key: string; backendType?: string; backend?: string }>(
  chain: Map<string, ChainEntry<T>>,
) =>
  [...chain.values()]
    .map(({ winner, shadowed }) => ({
      key: winner.key,
      backend: backendOf(winner),
      scope: winner.scope,
      shadowed: [...shadowed],
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));

/** Job-time resolution: every protection rule first, then the environment's scope chain. */
export function createResolutionService({
  store,
  keyring,
  readExternal,
  evaluateGates,
}: ResolutionServiceDeps) {
  const { openChain, probeExternalScopes } = createChainReader({ store, keyring, readExternal });

  /**
   * The values a chain of scopes supplies (test runs, extension installations); with `audit`,
   * its row is written as the chain reader's rule says.
   */
  async function open(
    orgId: string,
    scopes: readonly string[],
    audit?: AuditEntry,
  ): Promise<OpenedChain> {
    return (await openChain(orgId, scopes, audit)) as OpenedChain;
  }

  /** Environments as last read. Each use is checked against the database in the read itself. */
  const known = new Map<string, EnvironmentRecord>();
  const cacheKey = (orgId: string, name: string) => JSON.stringify([orgId, name]);
  async function freshEnvironment(orgId: string, name: string) {
    const found = await store.environments.find(orgId, name);
    if (known.size > 10_000) known.clear();
    if (found) known.set(cacheKey(orgId, name), found);
    else known.delete(cacheKey(orgId, name));
    return found;
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
      const context = { orgId: job.orgId, contextName: job.environment };
      // The rules are evaluated on the copy this instance last read; the read of the scopes
      // happens only if that copy is still current (one statement checks the revision), so a
      // change made anywhere applies at once. Denials are only ever given on a fresh read.
      let environment = known.get(cacheKey(job.orgId, job.environment));
      let fresh = environment === undefined;
      if (fresh) environment = await freshEnvironment(job.orgId, job.environment);
      for (let attempt = 0; attempt < 5; attempt++) {
        const { gates } = gatesOf(evaluateGates, environment, job);
        const reason = failedReason(gates);
        if (reason !== undefined || !environment) {
          if (!fresh) {
            environment = await freshEnvironment(job.orgId, job.environment);
            fresh = true;
            continue;
          }
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
        try {
          // The audit row (keys and variable names, never values) rides in the read's statement.
          const opened = await openChain(
            job.orgId,
            environment.scopes,
            auditEntry(actor, 'secret.resolve', 'success', {
              ...context,
              metadata: jobMetadata(job),
            }),
            environment,
          );
          if (opened) return { allowed: true, environment: job.environment, gates, ...opened };
        } catch (error) {
          // External scopes are read before the guarded statement: a failure on the copy this
          // instance last read may be a scope unbound since. Only a fresh copy's failure counts.
          if (error instanceof BackendError && !fresh) {
            const read = environment;
            environment = await freshEnvironment(job.orgId, job.environment);
            fresh = true;
            if (environment?.id !== read.id || environment.revision !== read.revision) continue;
          }
          // An unreachable backend fails this job (its error names the backend); others go on.
          if (error instanceof BackendError) {
            await store.audit.append(
              auditEntry(actor, 'secret.resolve', 'failure', {
                ...context,
                metadata: { ...jobMetadata(job), backend: error.backend, reason: error.reason },
              }),
            );
          }
          throw error;
        }
        environment = await freshEnvironment(job.orgId, job.environment);
        fresh = true;
      }
      throw new KiciError('conflict', `Environment ${job.environment} keeps changing: try again`);
    },

    /** For operators (`kici-admin resolve`): which gates pass and which scope supplies each key. */
    async explain(actor: Actor, job: JobContext): Promise<Explanation> {
      const context = { orgId: job.orgId, contextName: job.environment };
      await authorize(store, actor, 'secret.read', 'secret.resolve.explain', context);
      const environment = await store.environments.find(job.orgId, job.environment);
      const { gates } = gatesOf(evaluateGates, environment, job);
      const reason = failedReason(gates);
      const scopes = environment?.scopes ?? [];
      // Shown even when a gate fails: the operator sees what would resolve once it passes.
      const pgScopes = scopes.filter(isBuiltInScope);
      const [rows, external] = await Promise.all([
        store.chains.read(job.orgId, pgScopes),
        probeExternalScopes(scopes.filter((scope) => !isBuiltInScope(scope))),
      ]);
      const chain = {
        secrets: walkChain(scopes, [...rows.secrets, ...external.rows]),
        variables: walkChain(pgScopes, rows.variables),
      };
      const explanation: Explanation = {
        allowed: reason === undefined,
        environment: job.environment,
        ...(reason === undefined ? {} : { reason }),
        gates,
        scopes: [...scopes],
        secrets: sources(chain.secrets),
        variables: sources(chain.variables),
        unreachable: external.unreachable,
      };
      await store.audit.append(
        auditEntry(actorName(actor), 'secret.resolve.explain', 'success', {
          ...context,
          metadata: {
            ...jobMetadata(job),
            allowed: explanation.allowed,
            keys: explanation.secrets.map((source) => source.key),
            ...(external.unreachable.length === 0
              ? {}
              : { unreachable: external.unreachable.map((entry) => entry.backend) }),
          },
        }),
      );
      return explanation;
    },

    open,
  };
}

export type ResolutionService = ReturnType<typeof createResolutionService>;
