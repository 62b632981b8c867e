// The HTTP client under hashi-vault-js (in place of its axios instance), against a real HTTP
// server on 127.0.0.1: what it sends, and the axios-shaped answers and failures it gives back.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport, type TransportSettings } from '../src/transport.js';

let server: http.Server;
let base: string;
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent() };
const transportTo = (settings: Partial<TransportSettings> = {}) =>
  createTransport({
    baseUrl: base,
    headers: { 'X-Application-Name': 'hashi-vault-js', 'X-Vault-Namespace': 'team-a' },
    timeoutMs: 1_000,
    maxResponseBytes: 1_000_000,
    agents,
    ...settings,
  });

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
    if (url.pathname === '/v1/moved') {
      response.writeHead(307, { location: '/v1/echo' });
      response.end();
      return;
    }
    if (url.pathname === '/v1/text') {
      response.end('not json');
      return;
    }
    if (url.pathname === '/v1/empty') {
      response.writeHead(204);
      response.end();
      return;
    }
    if (url.pathname === '/v1/missing') {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"errors":["no handler for route"]}');
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
  it('sends the method, the URL under the base with its params, the headers and a JSON body', async () => {
    const transport = transportTo({ baseUrl: `${base}/` });
    const answer = await transport({
      url: '/sys/health',
      method: 'put',
      params: { standbyok: true, skipped: undefined },
      headers: { 'X-Vault-Token': 't0ken', 'X-Vault-Namespace': '', Ignored: undefined },
      data: { role_id: 'r' },
    });
    expect(answer).toMatchObject({ status: 200, statusText: 'OK' });
    expect(answer.data).toMatchObject({
      method: 'PUT',
      url: '/v1/sys/health?standbyok=true',
      body: '{"role_id":"r"}',
      headers: {
        'x-vault-token': 't0ken',
        'x-vault-namespace': '',
        'x-application-name': 'hashi-vault-js',
        'content-type': 'application/json',
        'content-length': '15',
      },
    });
    expect((answer.data as { headers: object }).headers).not.toHaveProperty('ignored');
  });

  it('sends the default headers, as the instance holds them at the time of the call', async () => {
    const transport = transportTo();
    const first = await transport({ url: 'echo' });
    expect(first.data).toMatchObject({ method: 'GET', headers: { 'x-vault-namespace': 'team-a' } });
    expect((first.data as { headers: object }).headers).not.toHaveProperty('content-length');
    // hashi-vault-js blanks the namespace on the instance around its root-only calls.
    transport.defaults.headers['X-Vault-Namespace'] = '';
    const second = await transport({ url: 'echo' });
    expect(second.data).toMatchObject({ headers: { 'x-vault-namespace': '' } });
  });

  it('keeps an answer that is not JSON as text, and an empty one as an empty string', async () => {
    const transport = transportTo();
    expect((await transport({ url: 'text' })).data).toBe('not json');
    expect(await transport({ url: 'empty' })).toMatchObject({ status: 204, data: '' });
  });

  it('rejects a status outside 2xx with the parsed answer and axios code, never the request', async () => {
    const error = await failure(
      transportTo()({ url: 'missing', headers: { 'X-Vault-Token': 'secret-token' } }),
    );
    expect(error).toMatchObject({
      code: 'ERR_BAD_REQUEST',
      response: { status: 404, data: { errors: ['no handler for route'] } },
    });
    expect(error).not.toHaveProperty('config');
    expect(JSON.stringify(error)).not.toContain('secret-token');
  });

  it('does not follow a redirect, which would carry the token wherever it points', async () => {
    const error = await failure(
      transportTo()({ url: 'moved', headers: { 'X-Vault-Token': 'secret-token' } }),
    );
    expect(error).toMatchObject({ code: 'ERR_BAD_RESPONSE', response: { status: 307 } });
  });

  it('gives up at the deadline with ECONNABORTED', async () => {
    const started = performance.now();
    const late = await failure(transportTo({ timeoutMs: 200 })({ url: 'slow' }));
    expect(late.code).toBe('ECONNABORTED');
    expect(late.message).toBe('timeout of 200ms exceeded');
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('refuses a body past the size limit, and names Node codes when nothing answers', async () => {
    const big = await failure(transportTo({ maxResponseBytes: 1_000 })({ url: 'big' }));
    expect(big.code).toBe('ERR_BAD_RESPONSE');
    expect(big.response).toBeUndefined();
    const refused = await failure(transportTo({ baseUrl: 'http://127.0.0.1:1/v1' })({ url: 'x' }));
    expect(refused.code).toBe('ECONNREFUSED');
  });
});
