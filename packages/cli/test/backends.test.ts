// `kici-admin backend add|list|test|sync|scopes|remove` and `secret link` as a real process
// against a real kici-server and the Vault-compatible test server (plain http, and https with
// a throw-away CA), the backends' life in order: each step runs a table of command lines
// (backends-steps.ts, backends-steps-later.ts) and checks what each must give — the product
// documentation's command lines, credentials that never come back on stdout or stderr (the
// fixture's runner checks every output), failures that name the backend. A server with no
// backends and usage errors (exit 2, naming the flag): backends-usage.test.ts; help pages:
// backends-help.test.ts.
import { testDrivers } from '@kici/server/testing';
import { describe, expect, it } from 'vitest';
import { useBackendFixture } from './backends-fixture.js';
import { addApprole, addToken, listing, syncing, testing } from './backends-steps.js';
import {
  linking,
  removeGone,
  removeRefused,
  removeWithYes,
  sealed,
} from './backends-steps-later.js';
import { runCases, runCasesAtOnce, words } from './cases.js';
import { kiciAdminOnTty } from './helpers.js';

describe.each(testDrivers())('kici-admin backend commands (%s)', (driver) => {
  const f = useBackendFixture(driver);

  it("adds a backend with the product documentation's AppRole command line", async () => {
    await runCases(f.run, addApprole(f));
  });

  it('adds backends with token auth (from the environment or argv) and every option', async () => {
    await runCases(f.run, addToken(f));
  });

  it('lists health, masked URL, auth, scopes, last sync and latency, never a credential', async () => {
    await runCases(f.run, listing(f));
  });

  it('tests a backend: exit 0 and the message', async () => {
    await runCasesAtOnce(f.run, testing);
  });

  it('syncs one backend, then all, and lists the discovered scopes', async () => {
    await runCases(f.run, syncing(f));
  });

  it('links a secret to a backend path, and secret list names the backend', async () => {
    await runCases(f.run, linking);
  });

  it('fails test and sync with a message naming the backend while Vault is sealed', async () => {
    const { vault, tlsVault } = f;
    await Promise.all([vault.control({ op: 'seal' }), tlsVault.control({ op: 'seal' })]);
    try {
      await runCases(f.run, sealed(f));
    } finally {
      await Promise.all([vault.control({ op: 'unseal' }), tlsVault.control({ op: 'unseal' })]);
    }
    await runCases(f.run, [{ args: words`backend test --name openbao-prod`, code: 0 }]);
  });

  it('removes a backend: a prompt on a terminal, --yes otherwise, refused on a pipe', async () => {
    await runCases(f.run, removeRefused(f));

    // On a terminal: the prompt declined, then confirmed.
    const onTty: [string[], string, number, string][] = [
      [words`backend remove --name vault-dev`, 'n', 1, 'cancelled: nothing was removed'],
      [words`backend remove vault-dev`, 'y', 0, 'Removed backend vault-dev'],
    ];
    for (const [args, answer, code, says] of onTty) {
      const result = await kiciAdminOnTty(f.server, args, 'Remove backend vault-dev', answer);
      expect([result.prompted, result.code], result.stdout).toEqual([true, code]);
      expect(result.stdout).toContain(says);
    }

    await runCasesAtOnce(f.run, removeWithYes);
    await runCases(f.run, removeGone(f));
  });
});
