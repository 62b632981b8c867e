// The access log, notifications and rotation compliance commands as real processes against a
// real kici-server: `kici-admin access-log`, `kiket extensions access-log`, `notifications
// list|ack` (and --follow), `report rotation --format csv`, `extensions rotation-policy|audit`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer, testDrivers } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, json, kiciAdmin, kiket, type Result } from './helpers.js';

const EXT = 'com.example.mailer';
const VALUE = 'smtp-password-value-1';

describe.each(testDrivers())('access log and compliance commands (%s)', (driver) => {
  let server: TestServer;
  let dir: string;
  const env = { KICI_ORG_ID: 'acme' };
  const ok = (result: Result) => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(VALUE);
    return result;
  };
  const admin = async (args: string[]) => ok(await kiciAdmin(server, args, { env, cwd: dir }));
  const kk = async (args: string[]) => ok(await kiket(server, args, { env, cwd: dir }));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kici-access-cli-'));
    server = await startTestServer({ driver, env: { KICI_BACKEND_SYNC_TICK_MS: '3600000' } });
    const manifest = join(dir, 'mailer.yaml');
    writeFileSync(manifest, 'extension:\n  configuration: {}\n');
    await kk(['extensions', 'catalog', 'add', EXT, '--manifest', manifest]);
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('logs the CLI writes with source cli, as JSON and as a table', async () => {
    await kk([
      ...['extensions', 'secrets', 'set', '--scope', 'extension', '--id', EXT],
      ...['--key', 'SMTP_PASSWORD', '--value', VALUE],
    ]);
    await kk([
      'extensions',
      'secrets',
      'delete',
      '--scope',
      'extension',
      '--id',
      EXT,
      '--key',
      'SMTP_PASSWORD',
      '--yes',
    ]);
    const log = json<{
      org_id: string;
      entries: { key: string; action: string; source: string }[];
    }>(await admin(['access-log', '--json']));
    expect(log.org_id).toBe('acme');
    expect(log.entries.map((e) => [e.key, e.action, e.source])).toEqual([
      ['SMTP_PASSWORD', 'delete', 'cli'],
      ['SMTP_PASSWORD', 'set', 'cli'],
    ]);
    const filtered = json<{ entries: unknown[] }>(
      await kk(['extensions', 'access-log', '--action', 'set', '--json']),
    );
    expect(filtered.entries).toHaveLength(1);
    const human = await kk(['extensions', 'access-log', '--limit', '1']);
    expect(human.stdout).toMatch(/^AT +KEY +SCOPE +ACTION +SOURCE +ACTOR +DELIVERY\n/);
    expect(human.stdout).toContain(`extension ${EXT}`);
    const bad = await kiciAdmin(server, ['access-log', '--limit', '0'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--limit: expected an integer from 1 to 1000');
    const help = await kiciAdmin(undefined, ['access-log', '--help']);
    expect(help.stdout).toContain('kici-admin access-log --key SMTP_PASSWORD');
  });

  it('sets a policy, runs the audit, lists and acks notifications, and reports as CSV', async () => {
    await kk([
      ...['extensions', 'secrets', 'set', '--scope', 'extension', '--id', EXT],
      '--key',
      'API_KEY',
      '--value',
      VALUE,
    ]);
    const none = await kk(['extensions', 'rotation-policy', 'show']);
    expect(none.stdout).toContain('Org acme has no rotation policy');
    const set = json<{ policy: { max_age_days: number } }>(
      await kk([
        'extensions',
        'rotation-policy',
        'set',
        '--max-age-days',
        '1',
        '--remind-days',
        '1',
        '--json',
      ]),
    );
    expect(set.policy.max_age_days).toBe(1);
    const run = json<{ reminded: number }>(
      await kk(['extensions', 'rotation-audit', 'run', '--json']),
    );
    expect(run.reminded).toBe(1);

    const listed = json<{ notifications: { id: number; kind: string }[] }>(
      await admin(['notifications', 'list', '--json']),
    );
    expect(listed.notifications.map((n) => n.kind)).toEqual(['rotation_reminder']);
    const table = await admin(['notifications', 'list', '--unacknowledged']);
    expect(table.stdout).toMatch(/^ID +PRIORITY +KIND/);
    const id = String(listed.notifications[0]?.id);
    const acked = await admin(['notifications', 'ack', id]);
    expect(acked.stdout).toMatch(
      new RegExp(`^Acknowledged notification ${id} \\(rotation_reminder\\) by token:`),
    );
    const open = await admin(['notifications', 'list', '--unacknowledged']);
    expect(open.stdout).toContain('No notifications in org acme');

    await kk(['extensions', 'rotation-policy', 'set', '--max-age-days', '90']);
    const csv = await admin(['report', 'rotation', '--format', 'csv']);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe(
      'key,scope,scope_id,created_at,last_rotated_at,rotation_count,age_days,external,compliant,max_age_days',
    );
    expect(lines[1]).toMatch(
      new RegExp(`^API_KEY,extension,${EXT.replaceAll('.', '\\.')},[^,]+Z,,0,0,false,true,90$`),
    );
    const file = join(dir, 'rotation.csv');
    const written = await admin(['report', 'rotation', '--format', 'csv', '--output', file]);
    expect(written.stderr).toContain(`(1 secrets) to ${file}`);
    expect(readFileSync(file, 'utf8')).toBe(csv.stdout);
    const report = json<{ policy: unknown; secrets: unknown[] }>(
      await admin(['report', 'rotation', '--format', 'json']),
    );
    expect(report.policy).toEqual({ max_age_days: 90, remind_days: 7 });
    const badFormat = await kiciAdmin(server, ['report', 'rotation', '--format', 'xml'], { env });
    expect(badFormat.code).toBe(2);
    await kk(['extensions', 'rotation-policy', 'clear']);
  });

  it('follows new notifications as JSON lines', async () => {
    const child = spawn(
      process.execPath,
      ['--', BIN, 'notifications', 'list', '--follow', '--json', '--interval', '1'],
      {
        env: {
          PATH: process.env.PATH ?? '',
          KICI_ADMIN_URL: server.url,
          KICI_ADMIN_TOKEN: server.token,
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    const lines = () =>
      out
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { id: number; kind: string });
    const waitFor = async (count: number) => {
      const deadline = Date.now() + 20_000;
      while (lines().length < count && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
    };
    try {
      await waitFor(1);
      expect(lines().map((n) => n.kind)).toEqual(['rotation_reminder']);
      await kk([
        ...['extensions', 'secrets', 'set', '--scope', 'extension', '--id', EXT],
        '--key',
        'NEW_KEY',
        '--value',
        VALUE,
      ]);
      await kk(['extensions', 'rotation-policy', 'set', '--max-age-days', '1']);
      await kk(['extensions', 'rotation-audit', 'run']);
      // API_KEY was reminded in this period already: only NEW_KEY's reminder is new.
      await waitFor(2);
      await new Promise((r) => setTimeout(r, 1500)); // and nothing is printed twice
      const seen = lines();
      expect(seen.map((n) => n.kind)).toEqual(['rotation_reminder', 'rotation_reminder']);
      expect((seen[1]?.id ?? 0) > (seen[0]?.id ?? 0)).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
