import { BUILT_IN_BACKEND } from '@kici/contracts/vocabulary';
import type { AuditEntry } from '../kernel/audit-entry.js';
import { BackendError } from '../kernel/backend-error.js';
import { walkChain } from '../kernel/chain.js';
import { IntegrityError, integrityAudit, openSecret } from '../kernel/integrity.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import type { SecretLink } from '../kernel/links.js';
import { isBuiltInScope, splitScope } from '../kernel/scope.js';
import type { Store } from '../store.js';
import type {
  ChainAudit,
  ChainDispatch,
  GuardedChainRows,
  OpenedChain,
  ResolvedSecret,
  ResolvedVariable,
  ScopeReader,
  SealedSecret,
} from './port.js';
import type { UnreachableScope } from './results.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Core's audit rule for a resolution: the read's own statement writes the audit row only when
 * every secret it read is stored in the built-in backend. A linked secret's value is read on
 * its backend afterwards, which may fail: then core writes the one row itself once it knows
 * the outcome (success naming every key, or a failure row alone). The store is told this
 * condition in the ChainAudit; core applies the same test to the rows to know which happened.
 */
const AUDITED_IN_STATEMENT_IF_EVERY_SECRET_IN = BUILT_IN_BACKEND;

/** Whether the store wrote the row, by the ChainAudit's own condition (see its doc). */
const auditedInStatement = (audit: ChainAudit | undefined, secrets: readonly SealedSecret[]) =>
  audit !== undefined &&
  (audit.onlyIfEverySecretIn === undefined ||
    secrets.every((sealed) => sealed.backendType === audit.onlyIfEverySecretIn));

export interface ChainReaderDeps {
  readonly store: Pick<Store, 'chains' | 'audit'>;
  readonly keyring: KeyringHolder;
  readonly readExternal: ScopeReader;
}

/** Reading a scope chain's values: external scopes live, pg scopes in one statement. */
export function createChainReader({ store, keyring, readExternal }: ChainReaderDeps) {
  /** Every external scope of the chain, read live and in parallel. */
  async function readExternalScopes(scopes: readonly string[]) {
    const read = await Promise.all(
      scopes.map(async (scope) => {
        const { backend, path } = splitScope(scope);
        const values = (await readExternal(backend, path)) ?? {};
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

  /** Follows a linked secret to its backend; the value is set on `secrets` once read. */
  function follow(link: SecretLink, key: string, scope: string, secrets: OpenedChain['secrets']) {
    return readExternal(link.backend, link.path).then((values) => {
      if (!values) {
        throw new BackendError(
          link.backend,
          'unreachable',
          `Backend "${link.backend}" is not registered (linked from ${key} in ${scope})`,
        );
      }
      const value = values[link.key];
      if (value === undefined) {
        throw new BackendError(
          link.backend,
          'not_found',
          `Backend "${link.backend}": ${link.path} has no key ${link.key} (linked from ${key} in ${scope})`,
        );
      }
      secrets[key] = { value, backend: link.backend, scope };
    });
  }

  /**
   * The values a chain of scopes supplies, each with its source. With `audit`, its row is
   * written with the names found, in the pg read's own statement; when the chain links a
   * secret, after every value was read instead (a failed read throws, unaudited here).
   * Undefined when `guard` is given and the environment changed since it was read. With
   * `dispatch` (and `guard`), the statement dispatches the job too; when it could not (the
   * job or run moved on), nothing was written and no value is opened: no `dispatched`.
   */
  async function openChain(
    orgId: string,
    scopes: readonly string[],
    audit?: AuditEntry,
    guard?: { readonly id: number; readonly revision: number },
    dispatch?: ChainDispatch,
  ): Promise<OpenedChain | undefined> {
    const pgScopes = scopes.filter(isBuiltInScope);
    // External scopes are read first, so that the pg read's statement can write the audit row
    // naming their keys too: one round trip to the database instead of a read and then an
    // insert (which cost more at p50 and p99 than overlapping the two reads saved).
    const externalRows = await readExternalScopes(scopes.filter((scope) => !isBuiltInScope(scope)));
    const inStatement: ChainAudit | undefined = audit && {
      ...audit,
      externalKeys: externalRows.map((row) => row.key),
      onlyIfEverySecretIn: AUDITED_IN_STATEMENT_IF_EVERY_SECRET_IN,
    };
    const empty = { secrets: [], variables: [] };
    const rows = guard
      ? await store.chains.readIfCurrent(orgId, pgScopes, guard, inStatement, dispatch)
      : pgScopes.length > 0 || inStatement
        ? await store.chains.read(orgId, pgScopes, inStatement)
        : empty;
    if (!rows) return undefined; // the environment changed since its rules were evaluated
    const { dispatched } = rows as GuardedChainRows;
    if (dispatch && !dispatched) return { secrets: {}, variables: {} };
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
      const at = { orgId, scope: winner.scope, key };
      let plaintext: Uint8Array;
      try {
        plaintext = openSecret(ring, winner.sealed.ciphertext, at);
      } catch (error) {
        // Named and audited (a failure row beside any success row the read's statement wrote).
        if (audit && error instanceof IntegrityError)
          await store.audit.append(integrityAudit(audit, at));
        throw error;
      }
      const text = decoder.decode(plaintext);
      plaintext.fill(0);
      if (winner.sealed.backendType === BUILT_IN_BACKEND) {
        secrets[key] = { value: text, backend: BUILT_IN_BACKEND, scope: winner.scope };
      } else {
        // A linked secret: the envelope names a path on an external backend, read now.
        links.push(follow(JSON.parse(text) as SecretLink, key, winner.scope, secrets));
      }
    }
    await Promise.all(links);
    const variables: Record<string, ResolvedVariable> = {};
    for (const [key, { winner }] of walkChain(pgScopes, rows.variables)) {
      variables[key] = { value: winner.value, scope: winner.scope };
    }
    if (audit && !auditedInStatement(inStatement, rows.secrets)) {
      // The row the statement would have written, outputs included (the statement's words).
      await store.audit.append({
        ...audit,
        metadata: {
          ...audit.metadata,
          keys: Object.keys(secrets).sort(),
          variables: Object.keys(variables).sort(),
          ...(dispatched?.outputsRead ? { outputs: dispatched.outputsRead } : {}),
        },
      });
    }
    return dispatched ? { secrets, variables, dispatched } : { secrets, variables };
  }

  return { openChain, probeExternalScopes };
}
