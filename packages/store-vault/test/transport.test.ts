// The transport under hashi-vault-js's axios instance, against a real HTTP server on
// 127.0.0.1: what it sends, and the axios-shaped answers and failures it gives back.
import { getEventListeners } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport } from '../src/transport.js';

let server: http.Server;
let base: string;
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent() };
const transport = createTransport(agents);
const validateStatus = (status: number) => status >= 200 && status < 300;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/v1/slow') {
      setTimeout(() => response.end('{}'), 2_000).unref();
      return;
    }
    if (url.pathname === '/v1/big') {
      response.end('x'.repeat(5_000));
      return;
    }
    if (url.pathname === '/v1/missing') {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"errors":[]}');
      return;
    }
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          method: request.method,
          url: request.url,
          headers: request.headers,
          body,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  agents.http.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: Record<string, unknown>) => error,
  );

describe('Vault transport', () => {
  it('sends the method, the URL under baseURL with its params, the headers and the body', async () => {
    const answer = await transport({
      baseURL: `${base}/`,
      url: '/sys/health',
      method: 'put',
      params: { standbyok: true, skipped: undefined },
      headers: { 'X-Vault-Token': 't0ken', 'X-Vault-Namespace': '', Ignored: undefined },
      data: '{"role_id":"r"}',
      validateStatus,
    });
    expect(answer.status).toBe(200);
    const echoed = JSON.parse(answer.data);
    expect(echoed).toMatchObject({
      method: 'PUT',
      url: '/v1/sys/health?standbyok=true',
      body: '{"role_id":"r"}',
      headers: { 'x-vault-token': 't0ken', 'x-vault-namespace': '', 'content-length': '15' },
    });
    expect(echoed.headers).not.toHaveProperty('ignored');
  });

  it('rejects a refused status with the answer and axios code, never the request config', async () => {
    const error = await failure(
      transport({
        baseURL: base,
        url: 'missing',
        headers: { 'X-Vault-Token': 'secret-token' },
        validateStatus,
      }),
    );
    expect(error).toMatchObject({
      code: 'ERR_BAD_REQUEST',
      response: { status: 404, data: '{"errors":[]}' },
    });
    expect(error).not.toHaveProperty('config');
    expect(JSON.stringify(error)).not.toContain('secret-token');
  });

  it('gives up at the deadline (ECONNABORTED) and on an aborted signal (ERR_CANCELED)', async () => {
    const started = performance.now();
    const late = await failure(transport({ baseURL: base, url: 'slow', timeout: 200 }));
    expect(late.code).toBe('ECONNABORTED');
    expect(performance.now() - started).toBeLessThan(1_500);
    const controller = new AbortController();
    const pending = failure(transport({ baseURL: base, url: 'slow', signal: controller.signal }));
    controller.abort();
    expect((await pending).code).toBe('ERR_CANCELED');
    // A settled call leaves nothing on a signal that lives on (no listener piles up).
    const shared = new AbortController();
    await transport({ baseURL: base, url: 'echo', signal: shared.signal });
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
  });

  it('refuses a body past maxContentLength, and names Node codes when nothing answers', async () => {
    const big = await failure(transport({ baseURL: base, url: 'big', maxContentLength: 1_000 }));
    expect(big.code).toBe('ERR_BAD_RESPONSE');
    expect(big.response).toBeUndefined();
    const refused = await failure(transport({ baseURL: 'http://127.0.0.1:1/v1', url: 'x' }));
    expect(refused.code).toBe('ECONNREFUSED');
  });
});
