// Wires the state, /token, /v1 and the control API onto two node:http listeners: the main one
// (which can be closed to simulate connection refused) and a control one that stays up.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { gsmApi } from './api.mjs';
import { control } from './control.mjs';
import { googleError } from './responses.mjs';
import { GsmState } from './state.mjs';
import { tokenRoute } from './token-route.mjs';

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * @typedef {import('./responses.mjs').Reply} Reply
 * @typedef {import('./token-route.mjs').Request} Request
 */

/** @param {(request: Request) => Promise<Reply>} handle */
function createListener(handle) {
  const server = http.createServer((incoming, outgoing) => {
    const chunks = /** @type {Buffer[]} */ ([]);
    let size = 0;
    incoming.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://x');
      const request = {
        method: incoming.method ?? 'GET',
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        headers: incoming.headers,
        body: Buffer.concat(chunks),
      };
      const answer =
        size > MAX_BODY_BYTES
          ? Promise.resolve(googleError(413, 'Request too large.'))
          : handle(request).catch(() => googleError(500, 'Internal error.'));
      void answer.then((reply) => {
        const text = JSON.stringify(reply.body);
        outgoing.writeHead(reply.status, {
          'Content-Type': 'application/json; charset=UTF-8',
          'Content-Length': Buffer.byteLength(text),
          'Cache-Control': 'no-store',
        });
        outgoing.end(text);
      });
    });
  });
  return {
    /** @param {number} port @param {string} host @returns {Promise<number>} */
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(/** @type {import('node:net').AddressInfo} */ (server.address()).port);
        });
      }),
    listening: () => server.listening,
    /** @returns {Promise<void>} */
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** @param {import('./state.mjs').StateOptions} options */
export async function startServer(options) {
  const state = new GsmState(options);
  let port = options.port;
  let url = '';
  /** @type {import('./control.mjs').Target} */
  const target = {
    state,
    refuse: () => main.close(),
    listen: async () => {
      if (!main.listening()) port = await main.listen(port, options.host);
    },
  };
  const main = createListener(async (request) => {
    if (request.path === '/__control') return control(target, request.body);
    if (state.delayMs > 0) await sleep(state.delayMs);
    if (request.path === '/token') return tokenRoute(state, request, `${url}/token`);
    if (request.path.startsWith('/v1/')) {
      return gsmApi(state, request, request.path.slice('/v1/'.length));
    }
    return googleError(404, 'Not found.');
  });
  const controlServer = createListener(async (request) => control(target, request.body));
  port = await main.listen(options.port, options.host);
  url = `http://${options.host}:${port}`;
  const controlPort = await controlServer.listen(options.controlPort, options.host);
  return {
    state,
    url,
    controlUrl: `http://${options.host}:${controlPort}`,
    async close() {
      await main.close();
      await controlServer.close();
    },
  };
}
