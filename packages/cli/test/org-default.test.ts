// An org when none is given, and `kici-admin whoami`: real kici-admin processes against a
// fresh kici-server. The seed's org-less lines work once the server holds one org; a second
// org makes them ambiguous, and the error lists the orgs and how to choose.
import { startTestServer, type TestServer, testDrivers } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, json, kiciAdminOnTty } from './helpers.js';

const NEW_ORG = (org: string) => `Note: org ${org} did not exist; it was created by this write\n`;

describe.each(testDrivers())('the org when none is given (%s)', (driver) => {
  let server: TestServer;
  let run: ReturnType<typeof cli>;

  beforeAll(async () => {
    server = await startTestServer({ driver });
    run = cli(server);
  }, 120_000);
  afterAll(() => server?.dispose());

  it('with no org at all, an org-less command says so and how to name one', async () => {
    const result = await run(['secret', 'set', '--scope', 'production', 'A', '--value', 'x']);
    expect([result.code, result.stderr.split('\n')[0]]).toEqual([
      2,
      'Error: missing the org id: the server holds no org yet; name the new one with --org <org-id> or KICI_ORG_ID',
    ]);
    const whoami = await run(['whoami', '--json']);
    expect(json(whoami)).toMatchObject({ defaultOrg: null, orgs: [] });
  });

  it('the first write of an org names it and notes that it created it; the next does not', async () => {
    const first = await run(['secret', 'set', 'acme', 'production', 'SEED', '--from-stdin'], {
      input: 'v1',
    });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Set SEED in pg:production of org acme \(2 bytes, /);
    expect(first.stderr).toBe(NEW_ORG('acme'));
    const second = await run(['secret', 'set', 'acme', 'production', 'SEED', '--from-stdin'], {
      input: 'v2',
    });
    expect([second.code, second.stderr]).toEqual([0, '']);
  });

  it("runs the seed's org-less lines against a server with one org", async () => {
    const typed = 'seed-db-password';
    const prompt = await kiciAdminOnTty(
      server,
      ['secret', 'set', '--scope', 'production', 'DB_PASSWORD', '--prompt'],
      'Value for DB_PASSWORD',
      typed,
    );
    expect(prompt.code, prompt.stdout).toBe(0);
    expect(prompt.stdout).toContain('Set DB_PASSWORD in pg:production of org acme');
    const revealed = await run(['secret', 'reveal', 'acme', 'production', 'DB_PASSWORD']);
    expect(revealed.stdout).toBe(`${typed}\n`);

    const created = await run(['environment', 'create', 'acme', 'test-database']);
    expect(created.code, created.stderr).toBe(0);
    const policy = await run([
      'environment',
      'set-policy',
      '--env',
      'test-database',
      '--allow-local-execution',
      'true',
    ]);
    expect(policy.code, policy.stderr).toBe(0);
    const shown = await run(['environment', 'show', 'acme', 'test-database', '--json']);
    expect(json(shown)).toMatchObject({ allowLocalExecution: true });
  });

  it('whoami shows the URL, the token, its role and surface, and the default org', async () => {
    const human = await run(['whoami']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toBe(
      [
        `URL:         ${server.url}`,
        'Token:       bootstrap (bootstrap)',
        'Role:        owner',
        'Surface:     cli',
        'Default org: acme',
        "Org used:    acme (the server's default)",
        '',
      ].join('\n'),
    );
    const issued = await run([
      'token',
      'create',
      'dash',
      '--role',
      'auditor',
      '--surface',
      'dashboard',
      '--json',
    ]);
    expect(issued.code, issued.stderr).toBe(0);
    const token = json<{ token: string; surface: string }>(issued);
    expect(token.surface).toBe('dashboard');
    const asDashboard = await run(['whoami', '--json'], { env: { KICI_ADMIN_TOKEN: token.token } });
    expect(json(asDashboard)).toEqual({
      url: server.url,
      tokenId: expect.stringMatching(/^tok_/),
      label: 'dash',
      role: 'auditor',
      surface: 'dashboard',
      defaultOrg: 'acme',
      orgs: ['acme'],
    });
    const list = await run(['token', 'list']);
    expect(list.stdout.split('\n')[0]).toMatch(/^ID +LABEL +ROLE +SURFACE +STATUS/);
    expect(list.stdout).toMatch(/dash +auditor +dashboard +active/);
    const bad = await run(['token', 'create', 'x', '--role', 'admin', '--surface', 'web']);
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([
      2,
      'Error: surface: expected dashboard or cli',
    ]);
  });

  it('a typo creates a second org, noted; then org-less commands list the orgs and how to choose', async () => {
    const typo = await run(['secret', 'set', 'acmee', 'production', 'X', '--from-stdin'], {
      input: 'v',
    });
    expect(typo.code, typo.stderr).toBe(0);
    expect(typo.stderr).toBe(NEW_ORG('acmee'));
    const ambiguous = await run(['secret', 'list', 'production']);
    expect([ambiguous.code, ambiguous.stderr.split('\n')[0]]).toEqual([
      2,
      'Error: missing the org id: the server holds several orgs (acme, acmee); choose one with --org <org-id> or KICI_ORG_ID',
    ]);
    const chosen = await run(['secret', 'list', 'production', '--json'], {
      env: { KICI_ORG_ID: 'acme' },
    });
    expect(chosen.code, chosen.stderr).toBe(0);
    const flagged = await run(['secret', 'list', '--org', 'acmee', 'production', '--json']);
    expect(flagged.code, flagged.stderr).toBe(0);
    expect((await run(['whoami'])).stdout).toContain(
      'Org used:    none: several orgs (acme, acmee); choose with --org or KICI_ORG_ID',
    );
  });
});
