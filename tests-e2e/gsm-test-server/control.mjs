// The control API (POST /__control with a JSON command, on the main port and on the control
// port, which stays up while the main one refuses connections): secrets and their versions,
// simulated failures, token expiry, and counters for the tests.
import { json } from './responses.mjs';
import { VERSION_STATES } from './state.mjs';

/**
 * @typedef {Record<string, unknown> & { op?: unknown }} Command
 * @typedef {{ state: import('./state.mjs').GsmState, refuse(): Promise<void>,
 *   listen(): Promise<void> }} Target
 */

/** @param {unknown} value @param {string} field */
const text = (value, field) => {
  if (typeof value !== 'string') throw new Error(`${field}: expected a string`);
  return value;
};
/** @param {unknown} value @param {string} field */
const count = (value, field) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Error(`${field}: expected a non-negative integer`);
  }
  return value;
};
/** @param {unknown} value */
const versionState = (value) => {
  if (!VERSION_STATES.includes(/** @type {string} */ (value))) {
    throw new Error(`state: expected one of ${VERSION_STATES.join(', ')}`);
  }
  return /** @type {import('./state.mjs').VersionState} */ (value);
};

/** @param {Target} target @param {Command} command */
async function run(target, command) {
  const { state } = target;
  switch (command.op) {
    case 'state':
      return {
        requests: state.requests,
        tokenRequests: state.tokenRequests,
        secrets: state.secrets.size,
        liveTokens: [...state.tokens.values()].filter((t) => t.expiresAt > Date.now()).length,
      };
    case 'tokens':
      return { tokens: state.issued };
    case 'addVersion': {
      const data =
        command.dataBase64 === undefined
          ? Buffer.from(text(command.data, 'data'), 'utf8')
          : Buffer.from(text(command.dataBase64, 'dataBase64'), 'base64');
      const version = state.addVersion(text(command.secret, 'secret'), data, {
        ...(command.state === undefined ? {} : { state: versionState(command.state) }),
        badCrc: command.badCrc === true,
      });
      return { version };
    }
    case 'setVersionState':
      state.setVersionState(
        text(command.secret, 'secret'),
        count(command.version, 'version'),
        versionState(command.state),
      );
      return {};
    case 'deleteSecret':
      return { deleted: state.secrets.delete(text(command.secret, 'secret')) };
    case 'deny':
      state.denied.add(text(command.secret, 'secret'));
      return {};
    case 'allow':
      state.denied.delete(text(command.secret, 'secret'));
      return {};
    case 'fail': {
      // `status: 0` ends the failure.
      const status = count(command.status, 'status');
      state.failure = status === 0 ? undefined : { status, token: command.token === true };
      return {};
    }
    case 'delay':
      state.delayMs = count(command.ms, 'ms');
      return {};
    case 'tokenTtl':
      state.tokenTtlSeconds = count(command.seconds, 'seconds');
      return {};
    case 'expireTokens':
      state.expireTokens();
      return {};
    case 'addAccount':
      state.addAccount({
        email: text(command.email, 'email'),
        keyId: text(command.keyId, 'keyId'),
        publicKey: text(command.publicKey, 'publicKey'),
      });
      return {};
    case 'refuse':
      await target.refuse();
      return {};
    case 'listen':
      await target.listen();
      return {};
    default:
      throw new Error(`op: unknown command ${String(command.op)}`);
  }
}

/** @param {Target} target @param {Buffer} body */
export async function control(target, body) {
  try {
    const command = /** @type {Command} */ (JSON.parse(body.toString('utf8')));
    return json(200, { ok: true, ...(await run(target, command)) });
  } catch (error) {
    return json(400, { errors: [error instanceof Error ? error.message : String(error)] });
  }
}
