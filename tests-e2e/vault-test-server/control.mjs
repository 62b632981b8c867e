// The control API (POST /__control with a JSON command, on the main port and on the control
// port): seal, deny, expire, revoke, delay, refuse connections, seed data.
import { errors, json } from './responses.mjs';
import { normalizeNamespace } from './state.mjs';

/**
 * @typedef {Record<string, unknown> & { op?: unknown }} Command
 * @typedef {{ state: import('./state.mjs').VaultState,
 *   refuse(): Promise<void>, listen(): Promise<void>, listening(): boolean }} Target
 */

/** @param {unknown} value @param {string} field */
const text = (value, field) => {
  if (typeof value !== 'string') throw new Error(`${field}: expected a string`);
  return value;
};
/** @param {Command} command @param {string} field */
const optionalText = (command, field) =>
  command[field] === undefined ? undefined : text(command[field], field);
/** @param {unknown} value @param {string} field */
const count = (value, field) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Error(`${field}: expected a non-negative integer`);
  }
  return value;
};

/**
 * Seeds secrets straight into a mount (creating the namespace and mount if needed).
 * @param {import('./state.mjs').VaultState} state @param {Command} command
 * @param {Array<{ path?: unknown, data?: unknown }>} secrets
 */
function seed(state, command, secrets) {
  const namespace = normalizeNamespace(optionalText(command, 'namespace'));
  const mountPath = optionalText(command, 'mount') ?? 'secret';
  state.addMount(namespace, mountPath);
  const found = state.findMount(namespace, mountPath);
  if (!found) throw new Error('mount: not found');
  for (const secret of secrets) {
    const data = secret.data;
    if (!data || typeof data !== 'object') throw new Error('data: expected an object');
    const written = found.mount.write(
      text(secret.path, 'path'),
      /** @type {Record<string, unknown>} */ (data),
      undefined,
    );
    if (!written.ok) throw new Error(written.error);
  }
  return { written: secrets.length };
}

/**
 * @param {Target} target @param {Command} command
 * @returns {Promise<Record<string, unknown>>}
 */
async function run(target, command) {
  const { state } = target;
  switch (command.op) {
    case 'state':
      return {
        sealed: state.sealed,
        delayMs: state.delayMs,
        listening: target.listening(),
        tokenTtlSeconds: state.tokenTtlSeconds,
        namespaces: [...state.namespaces.keys()],
        requests: state.requests,
      };
    case 'seal':
      state.sealed = true;
      return {};
    case 'unseal':
      state.sealed = false;
      return {};
    case 'delay':
      state.delayMs = count(command.ms, 'ms');
      return {};
    case 'deny': {
      const token = optionalText(command, 'token');
      const path = optionalText(command, 'path');
      if (token === undefined && path === undefined) throw new Error('deny: give token or path');
      if (token !== undefined) state.denyTokens.add(token);
      if (path !== undefined) state.denyPaths.push(path);
      return {};
    }
    case 'allow':
      state.denyTokens.clear();
      state.denyPaths = [];
      return {};
    case 'token-ttl':
      state.tokenTtlSeconds = count(command.seconds, 'seconds');
      return {};
    case 'expire':
      state.expire(optionalText(command, 'token'));
      return {};
    case 'revoke':
      state.revoke(optionalText(command, 'token'));
      return {};
    case 'tokens':
      return {
        tokens: [...state.tokens.values()].map((token) => ({
          id: token.id,
          namespace: token.namespace,
          root: token.root,
          expiresAt: token.expiresAt ?? null,
        })),
      };
    case 'approle':
      state.approle = {
        roleId: text(command.roleId, 'roleId'),
        secretId: text(command.secretId, 'secretId'),
      };
      return {};
    case 'namespace':
      return { namespace: state.addNamespace(text(command.name, 'name')) };
    case 'mount':
      state.addMount(
        normalizeNamespace(optionalText(command, 'namespace')),
        text(command.path, 'path'),
      );
      return {};
    case 'unmount':
      state.removeMount(
        normalizeNamespace(optionalText(command, 'namespace')),
        text(command.path, 'path'),
      );
      return {};
    case 'write':
      return seed(state, command, [{ path: command.path, data: command.data }]);
    case 'write-many':
      if (!Array.isArray(command.secrets)) throw new Error('secrets: expected an array');
      return seed(state, command, command.secrets);
    case 'listen':
      await target.listen();
      return {};
    default:
      throw new Error(`op: unknown command ${JSON.stringify(command.op)}`);
  }
}

/**
 * @param {Target} target @param {import('./http.mjs').Request} request
 * @param {boolean} onMainPort  whether the request came in on the main (Vault) port
 * @returns {Promise<import('./http.mjs').Response>}
 */
export async function control(target, request, onMainPort) {
  if (request.method !== 'POST') return errors(405, ['POST a JSON command']);
  let command;
  try {
    command = /** @type {Command} */ (JSON.parse(request.body.toString('utf8') || '{}'));
  } catch {
    return errors(400, ['expected a JSON command']);
  }
  if (command.op === 'refuse') {
    // On the main port, answer first and close it then (this very connection is on it);
    // on the control port, close it before answering, so that the caller can rely on it.
    if (onMainPort) return { ...json(200, { ok: true }), after: () => void target.refuse() };
    await target.refuse();
    return json(200, { ok: true });
  }
  try {
    return json(200, { ok: true, ...(await run(target, command)) });
  } catch (error) {
    return errors(400, [error instanceof Error ? error.message : String(error)]);
  }
}
