// Wires the state, the /v1 API and the control API onto two listeners: the main one (http or
// https, can be closed to simulate connection refused) and a plain-http control one that
// stays up.
import { setTimeout as sleep } from 'node:timers/promises';
import { control } from './control.mjs';
import { createHttpServer } from './http.mjs';
import { errors } from './responses.mjs';
import { VaultState } from './state.mjs';
import { vaultApi } from './vault-api.mjs';

/**
 * @typedef {import('./state.mjs').StateOptions & { host: string, port: number,
 *   controlPort: number, tls?: { cert: Buffer, key: Buffer } }} ServerOptions
 */

/** @param {string} target */
function splitTarget(target) {
  const question = target.indexOf('?');
  const rawPath = question < 0 ? target : target.slice(0, question);
  const query = new URLSearchParams(question < 0 ? '' : target.slice(question + 1));
  try {
    // Vault percent-decodes the whole path before routing (%2F is a slash).
    return { path: decodeURIComponent(rawPath), query };
  } catch {
    return { path: undefined, query };
  }
}

/** @param {ServerOptions} options */
export async function startServer(options) {
  const state = new VaultState(options);
  let port = options.port;
  /** @type {import('./control.mjs').Target} */
  const target = {
    state,
    refuse: async () => {
      await main.close();
    },
    listen: async () => {
      if (!main.listening()) port = await main.listen(port, options.host);
    },
    listening: () => main.listening(),
  };

  const main = createHttpServer(
    async (request) => {
      const { path, query } = splitTarget(request.target);
      if (path === undefined) return errors(400, ['invalid URL escape']);
      if (path === '/__control') return control(target, request, true);
      if (!path.startsWith('/v1/')) return errors(404, []);
      state.requests += 1;
      if (state.delayMs > 0) await sleep(state.delayMs);
      return vaultApi(state, request, path.slice('/v1/'.length), query);
    },
    options.tls ? { tls: options.tls } : {},
  );
  const controlServer = createHttpServer(async (request) => control(target, request, false));

  port = await main.listen(options.port, options.host);
  const controlPort = await controlServer.listen(options.controlPort, options.host);
  const scheme = options.tls ? 'https' : 'http';
  return {
    state,
    url: `${scheme}://${options.host}:${port}`,
    controlUrl: `http://${options.host}:${controlPort}`,
    async close() {
      await main.close();
      await controlServer.close();
    },
  };
}
