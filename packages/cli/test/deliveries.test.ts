// The delivery commands against a real kici-server and a real node:http receiver: the signing
// secret alone on stdout (capturable), its rotation, a queued invoke, `--wait` printing each
// attempt and exiting 1 when the delivery failed, list/show/retry in words and in JSON.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdminClient } from '@kici/contracts';
import { startTestServer, type TestServer, testDrivers } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, kiciAdmin, kiket } from './helpers.js';

const EXT = 'com.example.mailer';
const VALUE = 'smtp-password-never-printed';

describe.each(testDrivers())('delivery commands (%s)', (driver) => {
  let server: TestServer;
  let receiver: Server;
  /** The statuses the receiver answers next; then 200. */
  const answers: number[] = [];
  const admin = (...args: string[]) => kiciAdmin(server, args, { env: { KICI_ORG_ID: 'acme' } });
  const invoke = (...more: string[]) =>
    admin('extensions', 'invoke', EXT, '--project', 'OPS', ...more);
  const clean = (...results: { stdout: string; stderr: string }[]) => {
    for (const r of results) expect(r.stdout + r.stderr).not.toContain(VALUE);
  };

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(answers.shift() ?? 200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    server = await startTestServer({
      driver,
      env: { KICI_DELIVERY_MAX_ATTEMPTS: '2', KICI_DELIVERY_RETRY_BASE_MS: '50' },
    });
    const owner = createAdminClient({ baseUrl: server.url, token: server.token });
    await owner.extensions.catalog.put(
      EXT,
      `extension:\n  configuration:\n    SMTP_PASSWORD: {secret: true, required: true}\n  delivery:\n    callback:\n      url: ${url}\n`,
    );
    await owner.extensions.projects.put('acme', 'OPS');
    await owner.extensions.installations.put('acme', 'OPS', EXT);
    await owner.extensions.secrets.set(
      { orgId: 'acme', scope: 'installation', id: `OPS/${EXT}` },
      { SMTP_PASSWORD: VALUE },
    );
    await owner.extensions.installations.enable('acme', 'OPS', EXT);
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
    receiver?.close();
    receiver?.closeAllConnections();
  });

  it('shows the signing secret alone on stdout, and rotates it', async () => {
    const shown = await admin('extensions', 'signing-secret', 'show', EXT, '--project', 'OPS');
    expect([shown.code, shown.stderr]).toEqual([0, '']);
    expect(shown.stdout).toMatch(/^whsec_[A-Za-z0-9+/=]+\n$/);
    const rotated = await kiket(
      server,
      ['extensions', 'signing-secret', 'rotate', EXT, '--project', 'OPS', '--window', '60'],
      { env: { KICI_ORG_ID: 'acme' } },
    );
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toMatch(/^whsec_/);
    expect(rotated.stdout).not.toBe(shown.stdout);
    expect(rotated.stderr).toMatch(/previous one still signs until \d{4}-/);
    const after = json<{ secret: string; previous_expires_at: string }>(
      await admin('extensions', 'signing-secret', 'show', EXT, '--project', 'OPS', '--json'),
    );
    expect(after.secret).toBe(rotated.stdout.trim());
    expect(after.previous_expires_at).not.toBeNull();
  });

  it('queues an invoke, and waits for one, printing each attempt', async () => {
    const queued = await invoke('--event', 'issue.created', '--payload', '{"issue":"OPS-1"}');
    expect(queued.code, queued.stderr).toBe(0);
    expect(queued.stdout).toMatch(
      /^Queued msg_\w{26} \(issue\.created\) for OPS\/com\.example\.mailer \(org acme\)\n$/,
    );
    const waited = await invoke('--wait');
    expect(waited.code, waited.stderr).toBe(0);
    expect(waited.stdout).toMatch(/\nattempt 1: HTTP 200 after \d+ ms, delivered\n/);
    expect(waited.stdout).toMatch(
      /Delivered msg_\w{26} to OPS\/com\.example\.mailer in 1 attempt\n$/,
    );
    clean(queued, waited);
  });

  it('exits 1 when the delivery fails, and retries it', async () => {
    answers.push(503, 503);
    const failed = await invoke('--wait');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/attempt 1: HTTP 503 after \d+ ms, retry/);
    expect(failed.stdout).toMatch(/attempt 2: HTTP 503 after \d+ ms, failed/);
    expect(failed.stderr).toMatch(/^Error: delivery (msg_\w{26}) failed after 2 attempts: /);
    const id = /msg_\w{26}/.exec(failed.stderr)?.[0] ?? '';

    const listed = await admin('extensions', 'deliveries', 'list', '--status', 'failed');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^ID\s+INSTALLATION\s+KIND\s+EVENT\s+STATUS\s+ATTEMPTS/);
    expect(listed.stdout).toMatch(
      new RegExp(`${id}\\s+OPS/${EXT}\\s+invocation\\s+kiket\\.test\\s+failed\\s+2/2\\s+503`),
    );
    const shown = await admin('extensions', 'deliveries', 'show', id);
    expect(shown.stdout).toContain(`${id}: invocation kiket.test to OPS/${EXT} (org acme)`);
    expect(shown.stdout).toMatch(/status failed, 2\/2 attempts/);

    const retried = await admin('extensions', 'deliveries', 'retry', id, '--wait', '--json');
    expect(retried.code, retried.stderr).toBe(0);
    expect(json(retried)).toMatchObject({ id, status: 'delivered', attempts: 1 });
    const again = await admin('extensions', 'deliveries', 'retry', id);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^Error: .*/);
    clean(failed, listed, shown, retried, again);
  });
});
