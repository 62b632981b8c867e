// The example extension (examples/mailer.mjs, on the built @kici/sdk/extension) as a real
// process: signed deliveries over real HTTP, what it saw read back from GET /seen.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invocation, rotation, SIGNING_SECRET, signed } from './extension-helpers.js';

const EXAMPLE = fileURLToPath(new URL('../examples/mailer.mjs', import.meta.url));
const ENV_PASSWORD = 'env-default-smtp-password';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

let child: ChildProcess;
let base: string;
let stderr = '';

beforeAll(async () => {
  child = spawn(process.execPath, [EXAMPLE], {
    env: {
      PATH: process.env.PATH,
      KIKET_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      SMTP_PASSWORD: ENV_PASSWORD,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /^listening on (\d+)\n/.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`mailer exited ${code}: ${stderr}`)));
  });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
});

const deliver = async (body: unknown, options: Parameters<typeof signed>[1] = {}) => {
  const { headers, body: text } = signed(body, options);
  const res = await fetch(`${base}/kiket/events`, { method: 'POST', headers, body: text });
  return { status: res.status, json: await res.json() };
};
const seen = async () =>
  (await (await fetch(`${base}/seen`)).json()) as Array<Record<string, unknown>>;

describe('the example extension (packages/sdk/examples/mailer.mjs) as a real process', () => {
  it('reads payload secrets, getMeta, missing and the env fallback; reloads on rotation', async () => {
    const hostScope = { scope: 'installation', id: 'OPS/com.example.mailer' };
    const first = invocation({
      secrets: { SMTP_HOST: 'smtp.acme.example' },
      secret_meta: { SMTP_HOST: { backend: 'pg', scope: hostScope } },
      missing: ['SMTP_PASSWORD'],
    });
    expect(await deliver(first)).toEqual({
      status: 200,
      json: { ok: true, handled: 'issue.created' },
    });

    const secrets = (password: string) => ({
      SMTP_HOST: 'smtp.acme.example',
      SMTP_PASSWORD: password,
    });
    expect(
      (await deliver(invocation({ secrets: secrets('old-smtp-password'), attempt: 2 }))).status,
    ).toBe(200);
    expect((await deliver(invocation({ secrets: secrets('old-smtp-password') }))).status).toBe(200);
    // Refused deliveries never reach the handler.
    expect(
      (await deliver(invocation(), { timestamp: Math.floor(Date.now() / 1000) - 3600 })).json,
    ).toEqual({
      error: 'timestamp_out_of_tolerance',
      message: expect.any(String),
    });
    const forged = signed(invocation());
    forged.headers['webhook-signature'] = 'v1,bm90IGEgc2lnbmF0dXJl';
    const res = await fetch(`${base}/kiket/events`, { method: 'POST', ...forged });
    expect(res.status).toBe(401);

    const rotated = await deliver(
      rotation(['SMTP_PASSWORD'], { secrets: secrets('new-smtp-password') }),
    );
    expect(rotated).toEqual({
      status: 200,
      json: { ok: true, reloaded: ['SMTP_PASSWORD'], rotated: ['SMTP_PASSWORD'] },
    });
    expect((await deliver(invocation({ secrets: secrets('new-smtp-password') }))).status).toBe(200);

    const records = await seen();
    expect(records).toHaveLength(5);
    expect(records[0]).toEqual({
      kind: 'invocation',
      delivery_id: first.id,
      attempt: 1,
      event_type: 'issue.created',
      installation: {
        orgId: 'acme',
        projectKey: 'OPS',
        extensionId: 'com.example.mailer',
        productId: null,
      },
      smtp_host: 'smtp.acme.example',
      smtp_host_scope: hostScope,
      smtp_host_backend: 'pg',
      missing: ['SMTP_PASSWORD'],
      smtp_password_from_env: true,
      smtp_password_present: true,
      client: { generation: 1, password_sha256: sha256(ENV_PASSWORD) },
      rotated_keys: null,
      // Both the payload's host and the env fallback's password are masked.
      log_line: 'mailer: invocation issue.created: connecting to *** with password ***',
    });
    const summary = records.map((r) => [r.kind, r.attempt, r.smtp_password_from_env, r.client]);
    expect(summary).toEqual([
      ['invocation', 1, true, { generation: 1, password_sha256: sha256(ENV_PASSWORD) }],
      // Another value: a new client; the same value again: the cached one.
      ['invocation', 2, false, { generation: 2, password_sha256: sha256('old-smtp-password') }],
      ['invocation', 1, false, { generation: 2, password_sha256: sha256('old-smtp-password') }],
      // The rotation dropped the memo; onRotation reconnected with the fresh value...
      ['rotation', 1, false, { generation: 3, password_sha256: sha256('new-smtp-password') }],
      // ...which the next invocation uses.
      ['invocation', 1, false, { generation: 3, password_sha256: sha256('new-smtp-password') }],
    ]);
    expect(records[3]).toMatchObject({
      event_type: 'secret.rotated',
      rotated_keys: ['SMTP_PASSWORD'],
    });

    // Its log (stderr) holds the lines, masked: no secret value at all.
    expect(stderr).toContain(
      'mailer: rotation secret.rotated: connecting to *** with password ***',
    );
    for (const value of [
      ENV_PASSWORD,
      'old-smtp-password',
      'new-smtp-password',
      'smtp.acme.example',
    ]) {
      expect(stderr).not.toContain(value);
    }
  });

  it('exits 0 on SIGTERM', async () => {
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });
});

describe('the example without a signing secret', () => {
  it('exits 2 naming KIKET_SIGNING_SECRET', async () => {
    const bare = spawn(process.execPath, [EXAMPLE], {
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    bare.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    const code = await new Promise((resolve) => bare.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('KIKET_SIGNING_SECRET');
  });
});
