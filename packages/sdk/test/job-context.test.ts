import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jobOutputAad } from '@kici/crypto';
import { openForRun } from '@kici/crypto/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createJobContext, createMasker, SecretOutputError } from '../src/index.js';
import { startAgentServer } from './agent-server.js';

const CREDENTIAL = `kici_job_${'x'.repeat(43)}`;
const VALUE = 'minted-token-Ωmega-9f8e7d';
let server: Awaited<ReturnType<typeof startAgentServer>>;

beforeAll(async () => {
  server = await startAgentServer(CREDENTIAL);
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
});

const context = (overrides: Partial<Parameters<typeof createJobContext>[0]> = {}) =>
  createJobContext({
    url: `${server.url}/`,
    runId: 'run-42',
    jobId: 'build',
    runPublicKey: server.runPublicKey,
    credential: CREDENTIAL,
    retry: { attempts: 4, baseDelayMs: 10 },
    ...overrides,
  });

async function failure(promise: Promise<unknown>): Promise<SecretOutputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SecretOutputError);
  const message = (error as Error).message;
  expect(message).not.toContain(VALUE);
  expect(message).not.toContain(CREDENTIAL);
  return error as SecretOutputError;
}

const serverError = (status: number, code: string, message: string) => ({
  status,
  json: { error: { code, message } },
});

describe('setSecretOutput against a real HTTP server', () => {
  it('seals the value to the run key, bound to run, job and key, and PUTs it', async () => {
    const answer = await context().setSecretOutput('DEPLOY_TOKEN', VALUE);
    expect(answer).toMatchObject({ runId: 'run-42', jobId: 'build', key: 'DEPLOY_TOKEN' });
    expect(answer.bytes).toBe(new TextEncoder().encode(VALUE).length);
    const [request] = server.received;
    expect(request?.path).toBe('/agent/v1/runs/run-42/jobs/build/outputs/DEPLOY_TOKEN');
    expect(request?.headers.authorization).toBe(`Bearer ${CREDENTIAL}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.opened).toBe(VALUE);
    expect(Object.keys(JSON.parse(request?.body ?? ''))).toEqual(['envelope']);
    expect(request?.body).not.toContain(VALUE);
    expect(request?.body).not.toContain(Buffer.from(VALUE).toString('base64').slice(0, 12));
  });

  it('binds the AAD: the envelope does not open for another run, job or key', async () => {
    await context().setSecretOutput('DEPLOY_TOKEN', VALUE);
    const envelope = Buffer.from(JSON.parse(server.received[0]?.body ?? '').envelope, 'base64');
    for (const aad of [
      jobOutputAad('run-43', 'build', 'DEPLOY_TOKEN'),
      jobOutputAad('run-42', 'deploy', 'DEPLOY_TOKEN'),
      jobOutputAad('run-42', 'build', 'OTHER_KEY'),
    ]) {
      expect(() => openForRun(server.runPrivateKey, envelope, aad)).toThrow(/Decryption failed/);
    }
  });

  it('masks the value from then on, in its own masker or the one given', async () => {
    const masker = createMasker();
    const ctx = context({ masker });
    expect(ctx.masker).toBe(masker);
    await ctx.setSecretOutput('DEPLOY_TOKEN', VALUE);
    expect(masker.mask(`token is ${VALUE}`)).toBe('token is ***');
  });

  it('retries 503 twice, then succeeds', async () => {
    server.queue(
      serverError(503, 'backend_unavailable', 'try later'),
      serverError(503, 'backend_unavailable', 'try later'),
    );
    const answer = await context().setSecretOutput('DEPLOY_TOKEN', VALUE);
    expect(answer.key).toBe('DEPLOY_TOKEN');
    expect(server.received).toHaveLength(3);
    expect(server.received.every((r) => r.opened === VALUE)).toBe(true);
  });

  it('retries 429, 500, 502 and 504 too', async () => {
    server.queue(
      serverError(429, 'rate_limited', 'slow down'),
      serverError(500, 'internal', 'oops'),
      serverError(502, 'internal', 'bad gateway'),
    );
    await context().setSecretOutput('K1', VALUE);
    server.queue(serverError(504, 'internal', 'gateway timeout'));
    await context().setSecretOutput('K2', VALUE);
    expect(server.received).toHaveLength(6);
  });

  it('honours Retry-After (seconds) before the next attempt', async () => {
    server.queue({
      ...serverError(429, 'rate_limited', 'slow down'),
      headers: { 'retry-after': '1' },
    });
    const started = performance.now();
    await context({ retry: { attempts: 2, baseDelayMs: 1 } }).setSecretOutput('K', VALUE);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.received).toHaveLength(2);
  });

  it('gives up after the last attempt, naming the status and the server message', async () => {
    const replies = Array.from({ length: 4 }, () => serverError(503, 'not_ready', 'starting up'));
    server.queue(...replies);
    const error = await failure(context().setSecretOutput('K', VALUE));
    expect(error.message).toBe(
      'setSecretOutput K: the orchestrator answered 503 after 4 attempts, not_ready: starting up',
    );
    expect([error.status, error.code, error.attempts]).toEqual([503, 'not_ready', 4]);
    expect(server.received).toHaveLength(4);
  });

  it('reports a limit (413) at once, with the server message naming the limit', async () => {
    const limit =
      'key BIG: a secret output may hold at most 65536 bytes (KICI_RUN_MAX_OUTPUT_BYTES)';
    server.queue(serverError(413, 'payload_too_large', limit));
    const error = await failure(context().setSecretOutput('BIG', VALUE));
    expect(error.message).toBe(
      `setSecretOutput BIG: the orchestrator answered 413, payload_too_large: ${limit}`,
    );
    expect([error.status, error.code, error.attempts]).toEqual([413, 'payload_too_large', 1]);
    expect(server.received).toHaveLength(1);
  });

  it('does not retry a 401 and says what it means, without the credential', async () => {
    const error = await failure(
      context({ credential: `kici_job_${'y'.repeat(43)}` }).setSecretOutput('K', VALUE),
    );
    expect(error.status).toBe(401);
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(
      /answered 401, unauthorized: Invalid token \(the job's credential/,
    );
    expect(error.message).not.toContain('y'.repeat(43));
    expect(server.received).toHaveLength(1);
  });

  it('does not retry another 4xx (403, 400)', async () => {
    server.queue(
      serverError(403, 'forbidden', 'another job'),
      serverError(400, 'invalid_input', 'x'),
    );
    expect((await failure(context().setSecretOutput('K', VALUE))).status).toBe(403);
    expect((await failure(context().setSecretOutput('K', VALUE))).status).toBe(400);
    expect(server.received).toHaveLength(2);
  });

  it('retries a refused connection, then reports the URL it could not reach', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(
      context({
        url: `http://127.0.0.1:${port}`,
        retry: { attempts: 3, baseDelayMs: 5 },
      }).setSecretOutput('K', VALUE),
    );
    expect([error.status, error.code, error.attempts]).toEqual([0, 'unreachable', 3]);
    expect(error.message).toContain(`could not reach the orchestrator at http://127.0.0.1:${port}`);
  });

  it('refuses a 200 whose body is not a secret output', async () => {
    server.queue({ status: 200, json: { nope: 1 } });
    const error = await failure(context().setSecretOutput('K', VALUE));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toBe(
      "setSecretOutput K: the orchestrator's answer is not a secret output",
    );
  });

  it('refuses a bad key or value locally, without echoing the key or sending anything', async () => {
    const ctx = context();
    const bad = await failure(ctx.setSecretOutput('not-a-key-but-a-value', VALUE));
    expect(bad.message).toBe('setSecretOutput: key: expected upper snake case, e.g. DB_PASSWORD');
    expect(bad.message).not.toContain('not-a-key');
    expect((await failure(ctx.setSecretOutput('K', 42 as unknown as string))).message).toMatch(
      /value: expected a string/,
    );
    expect((await failure(ctx.setSecretOutput('K', 'a\ud800b'))).message).toMatch(/lone surrogate/);
    expect(server.received).toHaveLength(0);
  });

  it('refuses bad options when the context is created', () => {
    expect(() => context({ runPublicKey: 'short' })).toThrow(
      /runPublicKey: expected a raw 32-byte/,
    );
    expect(() => context({ url: 'ftp://x' })).toThrow(/url: expected the http\(s\) URL/);
    expect(() => context({ url: 'http://u:p@127.0.0.1' })).toThrow(/url: expected no user/);
    expect(() => context({ credential: 'a b' })).toThrow(/credential: expected/);
    expect(() => context({ runId: 'a/b' })).toThrow(/runId: expected 1-128/);
    expect(() => context({ retry: { attempts: 0 } })).toThrow(/retry.attempts/);
  });
});
