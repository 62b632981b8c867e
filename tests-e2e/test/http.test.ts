// The hand-written HTTP/1.1 layer: keep-alive, pipelining, Connection: close, HEAD, 204,
// malformed requests, large seeds.

import { startVaultTestServer, type VaultTestServer } from '@kici/vault-test-server/start';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, rawRequest } from './raw-http.js';
import { dataOf, vault } from './vault.js';

let server: VaultTestServer;
beforeAll(async () => {
  server = await startVaultTestServer();
});
afterAll(() => server.stop());

describe('HTTP/1.1', () => {
  it('keeps the connection alive and answers pipelined requests in order', async () => {
    const auth = { 'X-Vault-Token': server.rootToken };
    const body = JSON.stringify({ data: { K: 'v' } });
    const responses = await exchange(
      server.url,
      rawRequest(
        'POST',
        '/v1/secret/data/pipe',
        { ...auth, 'Content-Type': 'application/json' },
        body,
      ) +
        rawRequest('GET', '/v1/secret/data/pipe', auth) +
        rawRequest('DELETE', '/v1/secret/data/pipe', auth) +
        rawRequest('GET', '/v1/sys/health'),
      4,
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 204, 200]);
    expect(responses[0]?.headers).toMatchObject({
      connection: 'keep-alive',
      'content-type': 'application/json',
      'cache-control': 'no-store',
    });
    expect(JSON.parse(responses[1]?.body ?? '').data.data).toEqual({ K: 'v' });
    expect(responses[2]?.headers).not.toHaveProperty('content-length');
    expect(responses[2]?.body).toBe('');
  });

  it('closes after Connection: close, and by default for HTTP/1.0', async () => {
    const closed = await exchange(
      server.url,
      rawRequest('GET', '/v1/sys/health', { Connection: 'close' }) +
        rawRequest('GET', '/v1/sys/health'),
      2,
    );
    expect(closed).toHaveLength(1);
    expect(closed[0]?.headers.connection).toBe('close');
    const old = await exchange(server.url, 'GET /v1/sys/health HTTP/1.0\r\n\r\n', 1);
    expect(old[0]?.headers.connection).toBe('close');
  });

  it('answers HEAD with headers only', async () => {
    const [head] = await exchange(server.url, rawRequest('HEAD', '/v1/sys/health'), 1, true);
    expect(head?.status).toBe(200);
    expect(Number(head?.headers['content-length'])).toBeGreaterThan(0);
    expect(head?.body).toBe('');
  });

  it('rejects malformed requests, bad JSON and chunked bodies', async () => {
    const [garbage] = await exchange(server.url, 'NOT HTTP\r\n\r\n');
    expect(garbage?.status).toBe(400);
    const [badJson] = await exchange(
      server.url,
      rawRequest('POST', '/v1/secret/data/x', { 'X-Vault-Token': server.rootToken }, '{nope'),
    );
    expect(badJson?.status).toBe(400);
    const [chunked] = await exchange(
      server.url,
      'POST /v1/secret/data/x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    );
    expect(chunked?.status).toBe(411);
    const [badEscape] = await exchange(server.url, rawRequest('GET', '/v1/secret/data/%zz'));
    expect(badEscape?.status).toBe(400);
  });

  it('seeds 10,000 secrets in one control command and lists them', async () => {
    const secrets = Array.from({ length: 10_000 }, (_, i) => ({
      path: `bulk/f${i % 100}/s${i}`,
      data: { N: String(i) },
    }));
    expect(await server.control({ op: 'write-many', secrets })).toMatchObject({ written: 10_000 });
    const folders = dataOf(
      await vault(server.url, 'GET', 'secret/metadata/bulk?list=true', { token: server.rootToken }),
    );
    expect(folders?.keys).toHaveLength(100);
    const one = dataOf(
      await vault(server.url, 'GET', 'secret/metadata/bulk/f7?list=true', {
        token: server.rootToken,
      }),
    );
    expect(one?.keys).toHaveLength(100);
  });
});
