// Connection limits on a real kici-server, with raw sockets on 127.0.0.1: a body that
// trickles in is cut off with 408, open connections are capped, and a client that hangs up
// mid-request is not logged as a server error.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/testing.js';

const portOf = (url: string) => Number(new URL(url).port);

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** The first thing the server sends, or '' if it closes the connection first (or `ms` pass). */
function received(socket: Socket, ms = 10_000): Promise<string> {
  return new Promise((resolve) => {
    const text = '';
    const timer = setTimeout(() => resolve(`${text}<still open>`), ms);
    socket.once('data', (chunk) => {
      clearTimeout(timer);
      resolve(String(chunk));
    });
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
  });
}

const put = (token: string, length: number) =>
  `PUT /api/v1/admin/secrets/acme/production/TRICKLE HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

describe('request limits', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      driver: 'pglite',
      env: { KICI_REQUEST_TIMEOUT_MS: '1000', KICI_MAX_CONNECTIONS: '8' },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('cuts off a body that trickles in, with 408, whoever sends it', async () => {
    // The owner's request gets 408; one without a valid token is refused (401) at once.
    for (const [token, status] of [
      [server.token, 408],
      ['kici_not_a_token', 401],
    ] as const) {
      const socket = await open(portOf(server.url));
      const answer = received(socket);
      socket.write(put(token, 100));
      // One byte every 200 ms would take 20 s; the timeout is 1 s.
      const drip = setInterval(() => socket.writable && socket.write(' '), 200);
      const started = Date.now();
      const text = await answer;
      clearInterval(drip);
      expect(text).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(Date.now() - started).toBeLessThan(5000);
    }
  }, 30_000);

  it('caps open connections and serves again once one is closed', async () => {
    const port = portOf(server.url);
    const held = await Promise.all(Array.from({ length: 8 }, () => open(port)));
    // Each holds an unfinished request, so none is idle.
    for (const socket of held) socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const extra = await open(port);
    expect(await received(extra, 3000)).toBe('');
    for (const socket of held) socket.destroy();
    await new Promise((r) => setTimeout(r, 200));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 30_000);

  it('does not log a client that hangs up mid-body as a server error', async () => {
    for (let i = 0; i < 3; i++) {
      const socket = await open(portOf(server.url));
      socket.write(put(server.token, 1000));
      socket.write('{"value":');
      await new Promise((r) => setTimeout(r, 100));
      socket.destroy();
    }
    await new Promise((r) => setTimeout(r, 1500));
    expect(server.output()).not.toMatch(/internal error/);
    // Still serving.
    const ok = await fetch(`${server.url}/api/v1/admin/secrets/acme/production/TRICKLE`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: '{"value":"x"}',
    });
    expect(ok.status).toBe(200);
  }, 30_000);
});
