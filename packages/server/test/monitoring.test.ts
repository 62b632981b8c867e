// The access log export, notifications and rotation compliance over HTTP: a real kici-server
// process (PGlite and PostgreSQL), driven with the admin client and raw fetch.
import { type AdminClient, createAdminClient } from '@kici/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { apiError, dashboardClient } from './helpers.js';

const EXT = 'com.example.mailer';
const at = { orgId: 'acme', scope: 'extension', id: EXT } as const;

describe.each(testDrivers())('access log and notifications over HTTP (%s)', (driver) => {
  let server: TestServer;
  let owner: AdminClient;
  let auditor: AdminClient;
  const send = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${server.token}`,
        'content-type': 'application/json',
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    server = await startTestServer({ driver, env: { KICI_BACKEND_SYNC_TICK_MS: '3600000' } });
    owner = createAdminClient({ baseUrl: server.url, token: server.token });
    const { token } = await owner.tokens.create({ label: 'compliance', role: 'auditor' });
    auditor = createAdminClient({ baseUrl: server.url, token });
    await owner.extensions.catalog.put(EXT, { extension: { configuration: {} } });
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('logs each write with its source: cli by header, ui for the dashboard, else api', async () => {
    const cli = await send(
      'POST',
      '/api/v1/extensions/secrets',
      {
        ...{ org_id: 'acme', scope: 'extension', id: EXT },
        secrets: { SMTP_HOST: 'smtp-value-1' },
      },
      { 'x-kici-source': 'cli' },
    );
    expect(cli.status).toBe(200);
    await owner.extensions.secrets.set(at, { SMTP_PASSWORD: 'smtp-value-2' });
    const { client: dashboard } = await dashboardClient(owner, server.url);
    await dashboard.extensions.secrets.rotate(at, 'SMTP_PASSWORD', 'smtp-value-3');
    // The dashboard's token stays `ui` whatever header it sends.
    const spoofed = await dashboardClient(owner, server.url, 'dash2');
    const res = await fetch(
      `${server.url}/api/v1/extensions/secrets?org_id=acme&scope=extension&id=${EXT}&key=SMTP_HOST`,
      {
        method: 'DELETE',
        headers: { authorization: `Bearer ${spoofed.token}`, 'x-kici-source': 'cli' },
      },
    );
    expect(res.status).toBe(200);

    const log = await auditor.monitoring.accessLog({ org_id: 'acme' });
    expect(log.entries.map((e) => [e.key, e.action, e.source])).toEqual([
      ['SMTP_HOST', 'delete', 'ui'],
      ['SMTP_PASSWORD', 'rotate', 'ui'],
      ['SMTP_PASSWORD', 'set', 'api'],
      ['SMTP_HOST', 'set', 'cli'],
    ]);
    expect(log.entries[0]).toMatchObject({
      scope: { scope: 'extension', id: EXT },
      delivery_id: null,
      actor: expect.stringMatching(/^token:/),
    });
    expect(JSON.stringify(log)).not.toMatch(/smtp-value/);
  });

  it('filters by key, action and source, newest first, 200 by default and at most 1000', async () => {
    const only = (q: Record<string, string>) =>
      auditor.monitoring.accessLog({ org_id: 'acme', ...q } as never);
    expect((await only({ key: 'SMTP_HOST' })).entries.map((e) => e.action)).toEqual([
      'delete',
      'set',
    ]);
    expect((await only({ action: 'rotate' })).entries).toHaveLength(1);
    expect((await only({ source: 'cli' })).entries.map((e) => e.key)).toEqual(['SMTP_HOST']);
    expect((await only({ limit: '1' })).entries).toHaveLength(1);
    const many: Record<string, string> = {};
    for (let i = 0; i < 205; i += 1) many[`K_${String(i).padStart(3, '0')}`] = `v${i}`;
    await owner.extensions.secrets.set(at, many);
    expect((await only({})).entries).toHaveLength(200);
    const bad = await send('GET', '/api/v1/secrets/audit?org_id=acme&limit=1001');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'invalid_input', field: 'limit' },
    });
    const badSource = await send('GET', '/api/v1/secrets/audit?org_id=acme&source=mail');
    expect(((await badSource.json()) as { error: { message: string } }).error.message).toMatch(
      /^source: expected one of delivery, cli, api, ui/,
    );
    expect((await send('GET', '/api/v1/secrets/audit')).status).toBe(400);
  });

  it('lets every role read the access log and refuses a request without a valid token', async () => {
    expect((await auditor.monitoring.accessLog({ org_id: 'acme', limit: 1 })).entries).toHaveLength(
      1,
    );
    const anonymous = await fetch(`${server.url}/api/v1/secrets/audit?org_id=acme`);
    expect(anonymous.status).toBe(401);
    const wrong = await fetch(`${server.url}/api/v1/notifications?org_id=acme`, {
      headers: { authorization: 'Bearer kici_not_a_token' },
    });
    expect(wrong.status).toBe(401);
    // Authenticated once per request: one failure counted, one audit row.
    const failed = await owner.audit({
      action: 'auth.failed',
      routingKey: 'GET /api/v1/notifications',
    });
    expect(failed.entries).toHaveLength(1);
  });

  it('raises notifications from the rotation audit, polls them with after_id and acks them', async () => {
    expect((await auditor.monitoring.notifications.list({ org_id: 'acme' })).notifications).toEqual(
      [],
    );
    expect((await apiError(auditor.monitoring.rotationAudit('acme'))).status).toBe(403);
    expect((await apiError(owner.monitoring.rotationAudit('acme'))).status).toBe(404);
    await owner.monitoring.rotationPolicy.set('acme', 1, 1);
    // Every secret is within a day of a one-day maximum age: a reminder each.
    const run = await owner.monitoring.rotationAudit('acme');
    expect(run).toMatchObject({ org_id: 'acme', orgs: 1, overdue: 0, flagged: 0 });
    expect(run.reminded).toBe(run.checked);
    expect((await owner.monitoring.rotationAudit()).reminded).toBe(0);

    const newest = await auditor.monitoring.notifications.list({ org_id: 'acme', limit: 3 });
    expect(newest.notifications).toHaveLength(3);
    const ids = newest.notifications.map((n) => n.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(newest.notifications[0]).toMatchObject({
      kind: 'rotation_reminder',
      priority: 'normal',
      recipients: ['bootstrap', 'dash2', 'dashboard'], // active owner and admin tokens
      acknowledged_at: null,
    });
    const after = await auditor.monitoring.notifications.list({
      org_id: 'acme',
      after_id: (ids[2] ?? 0) - 1,
    });
    expect(after.notifications.map((n) => n.id)).toEqual([...ids].reverse());

    const target = ids[0] ?? 0;
    expect((await apiError(auditor.monitoring.notifications.ack(target))).status).toBe(403);
    expect((await apiError(owner.monitoring.notifications.ack(target, 'other'))).status).toBe(404);
    const acked = await owner.monitoring.notifications.ack(target, 'acme');
    expect(acked.notification.acknowledged_by).toMatch(/^token:/);
    const open = await auditor.monitoring.notifications.list({
      org_id: 'acme',
      unacknowledged: true,
      limit: 500,
    });
    expect(open.notifications.map((n) => n.id)).not.toContain(target);
    expect((await send('POST', '/api/v1/notifications/abc/ack', {})).status).toBe(400);
  });

  it('serves the policy and the rotation report as JSON and CSV', async () => {
    expect(await auditor.monitoring.rotationPolicy.get('acme')).toMatchObject({
      org_id: 'acme',
      policy: { max_age_days: 1, remind_days: 1 },
    });
    expect((await apiError(auditor.monitoring.rotationPolicy.set('acme', 30))).status).toBe(403);
    const bad = await send('PUT', '/api/v1/extensions/rotation-policy', {
      org_id: 'acme',
      max_age_days: 0,
    });
    expect(((await bad.json()) as { error: unknown }).error).toMatchObject({
      code: 'invalid_input',
      field: 'max_age_days',
    });
    await owner.monitoring.rotationPolicy.set('acme', 90);
    const report = await auditor.monitoring.rotationReport('acme');
    expect(report.policy).toEqual({ max_age_days: 90, remind_days: 7 });
    const password = report.secrets.find((s) => s.key === 'SMTP_PASSWORD');
    expect(password).toMatchObject({
      scope: { scope: 'extension', id: EXT },
      rotation_count: 1,
      age_days: 0,
      external: false,
      compliant: true,
    });
    const csv = await fetch(
      `${server.url}/api/v1/extensions/rotation-report?org_id=acme&format=csv`,
      {
        headers: { authorization: `Bearer ${server.token}` },
      },
    );
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toBe(
      'key,scope,scope_id,created_at,last_rotated_at,rotation_count,age_days,external,compliant,max_age_days',
    );
    expect(lines.find((l) => l.startsWith('SMTP_PASSWORD,'))).toMatch(
      new RegExp(
        `^SMTP_PASSWORD,extension,${EXT.replaceAll('.', '\\.')},[^,]+Z,[^,]+Z,1,0,false,true,90$`,
      ),
    );
    expect(lines.at(-1)).toBe('');
    const badFormat = await send(
      'GET',
      '/api/v1/extensions/rotation-report?org_id=acme&format=xml',
    );
    expect(badFormat.status).toBe(400);
    await owner.monitoring.rotationPolicy.clear('acme');
    expect((await owner.monitoring.rotationReport('acme')).secrets[0]?.compliant).toBeNull();
    expect((await apiError(owner.monitoring.rotationPolicy.clear('acme'))).status).toBe(404);
  });
});
