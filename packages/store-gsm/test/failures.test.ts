// Every way a read fails, through real HTTP: Google's statuses mapped to BackendError reasons,
// each message naming the backend and the path, none carrying a token or the key.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  failure,
  type GsmTestServer,
  gsmBackend,
  startGsmTestServer,
  type TestBackend,
} from './helpers.js';

let server: GsmTestServer;
const backends: TestBackend[] = [];
const open = (...args: Parameters<typeof gsmBackend> extends [unknown, ...infer R] ? R : never) => {
  const backend = gsmBackend(server, ...args);
  backends.push(backend);
  return backend;
};
/** Every message of the file, for the leak check at the end. */
const messages: string[] = [];
const failed = async (promise: Promise<unknown>) => {
  const error = await failure(promise);
  messages.push(error.message);
  return error;
};

beforeAll(async () => {
  server = await startGsmTestServer();
  await server.addVersion('db', 'v1');
  await server.addVersion('db', 'v2', { state: 'DISABLED' });
  await server.addVersion('db', 'v3');
  await server.control({ op: 'setVersionState', secret: 'db', version: 3, state: 'DESTROYED' });
  await server.addVersion('ok', 'fine');
  await server.addVersion('locked', 'no');
  await server.control({ op: 'deny', secret: 'locked' });
});
afterEach(async () => {
  await server.control({ op: 'fail', status: 0 });
  await server.control({ op: 'delay', ms: 0 });
  await server.control({ op: 'tokenTtl', seconds: 3600 });
  await Promise.all(backends.splice(0).map((backend) => backend.close()));
});
afterAll(async () => {
  const tokens = await server.tokens();
  expect(tokens.length).toBeGreaterThan(0);
  for (const message of messages) {
    for (const token of tokens) expect(message).not.toContain(token);
    expect(message).not.toContain('PRIVATE KEY');
    expect(message).not.toContain(server.credentials.private_key.slice(40, 80));
  }
  await server.stop();
});

describe('failures named after the backend and the path', () => {
  it.each([
    ['missing', 'not_found', '404 NOT_FOUND'],
    ['db/versions/9', 'not_found', '404 NOT_FOUND'],
    ['db/versions/2', 'not_found', '400 FAILED_PRECONDITION'],
    ['db', 'not_found', '400 FAILED_PRECONDITION'], // latest is the newest, here destroyed
    ['locked', 'forbidden', '403 PERMISSION_DENIED'],
  ])('%s → %s (%s)', async (path, reason, status) => {
    const error = await failed(open().readScope(path));
    expect(error).toMatchObject({ backend: 'gsm-test', reason });
    expect(error.message).toMatch(/^GSM backend "gsm-test": /);
    expect(error.message).toContain(status);
    expect(error.message).toContain(`"${path}"`);
  });

  it('maps DISABLED and DESTROYED versions with their state in the message', async () => {
    expect((await failed(open().readScope('db/versions/2'))).message).toContain('DISABLED state');
    expect((await failed(open().readScope('db/versions/3'))).message).toContain('DESTROYED');
    expect(await open().readScope('db/versions/1')).toEqual({ db: 'v1' });
  });

  it('maps another project (configured) to forbidden', async () => {
    const error = await failed(open({ project: 'someone-else' }).readScope('ok'));
    expect(error).toMatchObject({ reason: 'forbidden' });
  });

  it.each([
    [503, 'unreachable', 'Secret Manager is unavailable (503 UNAVAILABLE)'],
    [500, 'unreachable', 'Secret Manager failed (500 INTERNAL)'],
    [429, 'unreachable', 'rate limited (429 RESOURCE_EXHAUSTED)'],
  ])('an outage answering %i → %s', async (status, reason, text) => {
    const backend = open();
    await backend.readScope('ok');
    await server.control({ op: 'fail', status });
    const error = await failed(backend.readScope('ok'));
    expect(error).toMatchObject({ backend: 'gsm-test', reason, code: 'backend_unavailable' });
    expect(error.message).toContain(text);
    expect(error.message).toContain('"ok"');
    await expect(failed(backend.listPaths())).resolves.toMatchObject({ reason });
  });

  it('a token endpoint outage is unreachable, naming its host', async () => {
    await server.control({ op: 'fail', status: 503, token: true });
    const error = await failed(open().readScope('ok'));
    expect(error).toMatchObject({ reason: 'unreachable' });
    expect(error.message).toContain(`token endpoint answered 503`);
    expect(error.message).toContain(new URL(server.url).host);
  });

  it('a token refused even when fresh (401 twice) is auth_failed', async () => {
    await server.control({ op: 'tokenTtl', seconds: 0 });
    const before = (await server.counts()).tokenRequests;
    const error = await failed(open().readScope('ok'));
    expect(error).toMatchObject({ reason: 'auth_failed' });
    expect(error.message).toContain('401 UNAUTHENTICATED');
    expect((await server.counts()).tokenRequests - before).toBe(2);
  });

  it('times out after timeoutMs, naming the deadline and the path', async () => {
    const backend = open({ timeoutMs: 200 });
    await backend.readScope('ok');
    await server.control({ op: 'delay', ms: 1_000 });
    const started = Date.now();
    const error = await failed(backend.readScope('ok'));
    expect(Date.now() - started).toBeLessThan(900);
    expect(error).toMatchObject({ reason: 'timeout' });
    expect(error.message).toContain('within 200 ms while reading "ok"');
  });

  it('cannot reach a closed port: unreachable, naming the host', async () => {
    const backend = open();
    await backend.readScope('ok');
    await server.control({ op: 'refuse' });
    try {
      const error = await failed(backend.readScope('ok'));
      expect(error).toMatchObject({ reason: 'unreachable' });
      expect(error.message).toMatch(
        /cannot reach 127\.0\.0\.1:\d+ \((ECONNREFUSED|ECONNRESET)\) while reading "ok"/,
      );
    } finally {
      await server.control({ op: 'listen' });
    }
    expect(await backend.readScope('ok')).toEqual({ ok: 'fine' });
  });

  it('refuses an invalid path before any request', async () => {
    const error = await failed(open().readScope('a/b'));
    expect(error).toMatchObject({ reason: 'invalid_path', code: 'invalid_input' });
    expect(error.message).toContain('"a/b"');
  });
});
