// The variable service's rules over an in-memory store: RBAC, the write policy, locked
// variables and the audit trail (names, never values). The same rules run against the real
// store on both databases in @kici/server's tests.
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  type AuditEntry,
  KiciError,
  type PolicyService,
  type Store,
  type VariableRecord,
  type VariableRepository,
} from '../src/index.js';
import { createVariableService } from '../src/variables/service.js';

const cli: Actor = { tokenId: 'tok_cli', label: 'ops', role: 'admin', surface: 'cli' };
const dashboard: Actor = { ...cli, tokenId: 'tok_dash', surface: 'dashboard' };
const auditor: Actor = { tokenId: 'tok_aud', label: 'compliance', role: 'auditor', surface: 'cli' };

function memoryStore() {
  const rows = new Map<string, VariableRecord>();
  const audit: AuditEntry[] = [];
  let id = 0;
  const at = (orgId: string, scope: string, key: string) => JSON.stringify([orgId, scope, key]);
  const variables: VariableRepository = {
    async upsert(write) {
      const current = rows.get(at(write.orgId, write.scope, write.key));
      const now = new Date();
      const record: VariableRecord = {
        id: current?.id ?? ++id,
        orgId: write.orgId,
        scope: write.scope,
        key: write.key,
        value: write.value,
        locked: write.locked,
        createdAt: current?.createdAt ?? now,
        createdBy: current?.createdBy ?? write.actor,
        updatedAt: now,
        updatedBy: write.actor,
      };
      rows.set(at(write.orgId, write.scope, write.key), record);
      return { record, created: current === undefined };
    },
    find: async (orgId, scope, key) => rows.get(at(orgId, scope, key)),
    list: async (orgId, scope) =>
      [...rows.values()].filter((r) => r.orgId === orgId && (!scope || r.scope === scope)),
    remove: async (orgId, scope, key) => rows.delete(at(orgId, scope, key)),
  };
  const repositories = {
    variables,
    audit: {
      append: async (entry: AuditEntry) => {
        audit.push(entry);
      },
    },
  };
  const store = {
    ...repositories,
    transaction: (work: (tx: unknown) => Promise<unknown>) => work(repositories),
    exclusive: (_name: string, work: () => Promise<unknown>) => work(),
  } as unknown as Store;
  return { store, rows, audit };
}

/** A policy that allows `variables.set` from the given surfaces only. */
function policyAllowing(...surfaces: string[]): PolicyService {
  return {
    async requireSurface(actor: Actor) {
      if (!surfaces.includes(actor.surface ?? '')) {
        throw new KiciError('forbidden', `refuses variables.set from the ${actor.surface}`);
      }
    },
  } as unknown as PolicyService;
}

async function failure(promise: Promise<unknown>): Promise<KiciError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KiciError);
  return error as KiciError;
}

function setUp(...surfaces: string[]) {
  const memory = memoryStore();
  const variables = createVariableService({
    store: memory.store,
    policy: policyAllowing(...(surfaces.length ? surfaces : ['cli', 'dashboard'])),
    maxValueBytes: 16,
  });
  return { ...memory, variables };
}

describe('variable service', () => {
  it('sets, lists and deletes, auditing names and never values', async () => {
    const { variables, audit } = setUp();
    const set = await variables.set(cli, 'acme', 'pg:production', 'REGION', 'eu-west-1');
    expect(set).toMatchObject({ key: 'REGION', valueLength: 9, locked: false, created: true });
    expect((await variables.set(cli, 'acme', 'pg:production', 'REGION', 'eu-west-2')).created).toBe(
      false,
    );
    const keysOnly = await variables.list(cli, 'acme', 'pg:production');
    expect(keysOnly.map((v) => v.key)).toEqual(['REGION']);
    expect(keysOnly[0]).not.toHaveProperty('value');
    const withValues = await variables.list(cli, 'acme', undefined, { values: true });
    expect(withValues[0]?.value).toBe('eu-west-2');
    await variables.delete(cli, 'acme', 'pg:production', 'REGION');
    expect((await failure(variables.delete(cli, 'acme', 'pg:production', 'REGION'))).code).toBe(
      'not_found',
    );
    expect(audit.map((e) => [e.action, e.outcome])).toEqual([
      ['variable.set', 'success'],
      ['variable.set', 'success'],
      ['variable.list', 'success'],
      ['variable.list', 'success'],
      ['variable.delete', 'success'],
      ['variable.delete', 'failure'],
    ]);
    expect(audit[0]?.metadata).toMatchObject({ key: 'REGION', created: true, surface: 'cli' });
    expect(audit[3]?.metadata).toMatchObject({ values: true, keys: ['pg:production/REGION'] });
    expect(JSON.stringify(audit)).not.toContain('eu-west');
  });

  it('needs secret.write, secret.read and secret.delete, auditing denials', async () => {
    const { variables, audit, rows } = setUp();
    const denied = await failure(variables.set(auditor, 'acme', 'pg:p', 'A', 'v'));
    expect([denied.code, denied.message]).toEqual([
      'forbidden',
      "Permission denied: this token's role lacks secret.write",
    ]);
    expect((await failure(variables.list(auditor, 'acme', 'pg:p'))).message).toContain(
      'secret.read',
    );
    expect((await failure(variables.delete(auditor, 'acme', 'pg:p', 'A'))).message).toContain(
      'secret.delete',
    );
    expect(audit.map((e) => [e.action, e.outcome, e.metadata.permission])).toEqual([
      ['variable.set', 'denied', 'secret.write'],
      ['variable.list', 'denied', 'secret.read'],
      ['variable.delete', 'denied', 'secret.delete'],
    ]);
    expect(rows.size).toBe(0);
  });

  it('asks the write policy before writing anything', async () => {
    const { variables, rows } = setUp('cli');
    expect((await failure(variables.set(dashboard, 'acme', 'pg:p', 'A', 'v'))).code).toBe(
      'forbidden',
    );
    expect(rows.size).toBe(0);
    await variables.set(cli, 'acme', 'pg:p', 'A', 'v');
    expect(rows.size).toBe(1);
  });

  it('refuses an empty or oversized value, and scopes outside pg', async () => {
    const { variables, rows } = setUp();
    expect(await failure(variables.set(cli, 'acme', 'pg:p', 'A', ''))).toMatchObject({
      code: 'invalid_input',
      field: 'value',
    });
    expect(await failure(variables.set(cli, 'acme', 'pg:p', 'A', 'é'.repeat(9)))).toMatchObject({
      code: 'payload_too_large',
      message: 'value: expected at most 16 bytes',
    });
    // Resolution reads variables from pg scopes only: one elsewhere could never be used.
    expect(await failure(variables.set(cli, 'acme', 'openbao-prod:app', 'A', 'x'))).toMatchObject({
      code: 'invalid_input',
      field: 'scope',
    });
    expect(rows.size).toBe(0);
  });

  it('keeps a locked variable from dashboard writes; only the CLI changes it or the flag', async () => {
    const { variables, audit, rows } = setUp();
    await variables.set(cli, 'acme', 'pg:p', 'LOCKED', 'one', { locked: true });
    // Omitting `locked` keeps the flag.
    expect((await variables.set(cli, 'acme', 'pg:p', 'LOCKED', 'two')).locked).toBe(true);

    const set = await failure(variables.set(dashboard, 'acme', 'pg:p', 'LOCKED', 'three'));
    expect([set.code, set.message]).toEqual([
      'forbidden',
      'Variable LOCKED in scope pg:p is locked: change it with kici-admin (variable set)',
    ]);
    const unlock = await failure(
      variables.set(dashboard, 'acme', 'pg:p', 'LOCKED', 'two', { locked: false }),
    );
    expect(unlock.code).toBe('forbidden');
    const del = await failure(variables.delete(dashboard, 'acme', 'pg:p', 'LOCKED'));
    expect(del.message).toContain('is locked: delete it with kici-admin');
    expect(rows.get(JSON.stringify(['acme', 'pg:p', 'LOCKED']))?.value).toBe('two');
    expect(audit.filter((e) => e.outcome === 'denied').map((e) => e.metadata)).toEqual([
      { key: 'LOCKED', surface: 'dashboard', reason: 'locked' },
      { key: 'LOCKED', surface: 'dashboard', reason: 'locked' },
      { key: 'LOCKED', surface: 'dashboard', reason: 'locked' },
    ]);

    // The dashboard may neither lock a variable; it writes unlocked ones freely.
    const lock = await failure(
      variables.set(dashboard, 'acme', 'pg:p', 'OPEN', 'x', { locked: true }),
    );
    expect(lock.message).toContain('only with kici-admin');
    expect(
      (await variables.set(dashboard, 'acme', 'pg:p', 'OPEN', 'x', { locked: false })).locked,
    ).toBe(false);
    await variables.delete(dashboard, 'acme', 'pg:p', 'OPEN');

    // The CLI unlocks, then the dashboard may write again.
    expect(
      (await variables.set(cli, 'acme', 'pg:p', 'LOCKED', 'two', { locked: false })).locked,
    ).toBe(false);
    await variables.set(dashboard, 'acme', 'pg:p', 'LOCKED', 'four');
    await variables.delete(cli, 'acme', 'pg:p', 'LOCKED');
    expect(rows.size).toBe(0);
  });
});
