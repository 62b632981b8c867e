import { BUILT_IN_BACKEND } from '@kici/contracts/vocabulary';
import { secretAad } from '@kici/crypto';
import { type Actor, actorName } from './actor.js';
import { BackendError } from './backend-port.js';
import { type ChainEntry, walkChain } from './chain.js';
import { KiciError } from './errors.js';
import { auditEntry, authorize } from './guard.js';
import type { KeyringHolder } from './keyring-holder.js';
import type { AuditEntry, EnvironmentRecord, SealedSecret, Store } from './ports.js';
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
  /** Bound scopes whose backend failed to answer: a job bound to them fails at dispatch. */
  readonly unreachable: UnreachableScope[];
}

export interface UnreachableScope {
  readonly scope: string;
  readonly backend: string;
  readonly message: string;
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

/** Reads an external scope live at dispatch (the backend registry). */
export type ExternalReader = (backend: string, path: string) => Promise<Record<string, string>>;

/** What a linked secret's sealed envelope holds: where on an external backend the value lives. */
export interface SecretLink {
  readonly backend: string;
  readonly path: string;
  readonly key: string;
}

const isPg = (scope: string) => splitScope(scope).backend === BUILT_IN_BACKEND;

/** Job-time resolution: every protection rule first, then the environment's scope chain. */
export function createResolutionService({
  store,
  keyring,
  readExternal,
}: {
  store: Store;
  keyring: KeyringHolder;
  readExternal: ExternalReader;
}) {
  /** Every external scope of the chain, read live and in parallel. */
  async function readExternalScopes(scopes: readonly string[]) {
    const read = await Promise.all(
      scopes.map(async (scope) => {
        const { backend, path } = splitScope(scope);
        const values = await readExternal(backend, path);
        return Object.entries(values).map(([key, value]) => ({ scope, key, value, backend }));
      }),
    );
    return read.flat();
  }

  /** For explanations: each external scope read alone, a failing backend reported, not thrown. */
  async function probeExternalScopes(scopes: readonly string[]) {
    const read = await Promise.all(
      scopes.map((scope) =>
        readExternalScopes([scope]).then(
          (rows): { rows: typeof rows; unreachable?: UnreachableScope } => ({ rows }),
          (error: unknown) => {
            if (!(error instanceof BackendError)) throw error;
            return {
              rows: [],
              unreachable: { scope, backend: error.backend, message: error.message },
            };
          },
        ),
      ),
    );
    return {
      rows: read.flatMap((result) => result.rows),
      unreachable: read.flatMap((result) => (result.unreachable ? [result.unreachable] : [])),
    };
  }

  /**
   * The values a chain of scopes supplies, each with its source. With `audit`, its row is
   * written with the names found, in the pg read's own statement; when the chain links a
   * secret, after every value was read instead (a failed read throws, unaudited here).
   */
  async function openChain(
    orgId: string,
    scopes: readonly string[],
    audit?: AuditEntry,
    guard?: EnvironmentRecord,
  ) {
    const pgScopes = scopes.filter(isPg);
    // External scopes are read first, so that the pg read's statement can write the audit row
    // naming their keys too: one round trip to the database instead of a read and then an
    // insert (which cost more at p50 and p99 than overlapping the two reads saved).
    const externalRows = await readExternalScopes(scopes.filter((scope) => !isPg(scope)));
    const inStatement = audit && { ...audit, externalKeys: externalRows.map((row) => row.key) };
    const empty = { secrets: [], variables: [] };
    const rows = guard
      ? await store.chains.readIfCurrent(orgId, pgScopes, guard, inStatement)
      : pgScopes.length > 0 || inStatement
        ? await store.chains.read(orgId, pgScopes, inStatement)
        : empty;
    if (!rows) return undefined; // the environment changed since its rules were evaluated
    const auditedInStatement =
      inStatement !== undefined &&
      rows.secrets.every((sealed) => sealed.backendType === BUILT_IN_BACKEND);
    const ring = keyring.current();
    const chain = walkChain<{ scope: string; key: string; sealed?: SealedSecret; value?: string }>(
      scopes,
      [
        ...rows.secrets.map((sealed) => ({ scope: sealed.scope, key: sealed.key, sealed })),
        ...externalRows,
      ],
    );
    const secrets: Record<string, ResolvedSecret> = {};
    const links: Promise<void>[] = [];
    for (const [key, { winner }] of chain) {
      if (!winner.sealed) {
        secrets[key] = {
          value: winner.value as string,
          backend: splitScope(winner.scope).backend,
          scope: winner.scope,
        };
        continue;
      }
      const { plaintext } = ring.open(
        winner.sealed.ciphertext,
        secretAad({ orgId, scope: winner.scope, key }),
      );
      const text = decoder.decode(plaintext);
      plaintext.fill(0);
      if (winner.sealed.backendType === BUILT_IN_BACKEND) {
        secrets[key] = { value: text, backend: BUILT_IN_BACKEND, scope: winner.scope };
      } else {
        // A linked secret: the envelope names a path on an external backend, read now.
        const link = JSON.parse(text) as SecretLink;
        links.push(
          readExternal(link.backend, link.path).then((values) => {
            const value = values[link.key];
            if (value === undefined) {
              throw new BackendError(
                link.backend,
                'not_found',
                `Backend "${link.backend}": ${link.path} has no key ${link.key} (linked from ${key} in ${winner.scope})`,
              );
            }
            secrets[key] = { value, backend: link.backend, scope: winner.scope };
          }),
        );
      }
    }
    await Promise.all(links);
    const variables: Record<string, ResolvedVariable> = {};
    for (const [key, { winner }] of walkChain(pgScopes, rows.variables)) {
      variables[key] = { value: winner.value, scope: winner.scope };
    }
    if (audit && !auditedInStatement) {
      await store.audit.append({
        ...audit,
        metadata: {
          ...audit.metadata,
          keys: Object.keys(secrets).sort(),
          variables: Object.keys(variables).sort(),
        },
      });
    }
    return { secrets, variables };
  }

  /** The values a chain of scopes supplies (test runs; no audit row of its own). */
  async function open(orgId: string, scopes: readonly string[]) {
    return (await openChain(orgId, scopes)) as NonNullable<Awaited<ReturnType<typeof openChain>>>;
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
        const { gates } = gatesOf(environment, job);
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
      const { gates } = gatesOf(environment, job);
      const reason = failedReason(gates);
      const scopes = environment?.scopes ?? [];
      // Shown even when a gate fails: the operator sees what would resolve once it passes.
      const pgScopes = scopes.filter(isPg);
      const [rows, external] = await Promise.all([
        store.chains.read(job.orgId, pgScopes),
        probeExternalScopes(scopes.filter((scope) => !isPg(scope))),
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
