// Start-up options: `--name value` flags (`--sealed` alone means true), falling back to
// VAULT_TEST_NAME variables, falling back to defaults.
import { readFileSync } from 'node:fs';

const SPEC = {
  host: '127.0.0.1',
  port: '0',
  'control-port': '0',
  'root-token': 'hvs.root-test-token',
  'role-id': 'kici-role-id',
  'secret-id': 'kici-secret-id',
  'token-ttl': '3600',
  namespaces: '',
  mounts: 'secret',
  sealed: 'false',
  'delay-ms': '0',
  'deny-token': '',
  'deny-path': '',
  'tls-cert': '',
  'tls-key': '',
};

/** @typedef {keyof typeof SPEC} Name */

/** @param {string[]} argv @param {Record<string, string | undefined>} env */
export function readOptions(argv, env) {
  /** @type {Partial<Record<Name, string>>} */
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    const name = arg.replace(/^--/, '');
    if (!arg.startsWith('--') || !(name in SPEC)) throw new Error(`unknown option ${arg}`);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) flags[/** @type {Name} */ (name)] = 'true';
    else {
      flags[/** @type {Name} */ (name)] = next;
      i++;
    }
  }
  /** @param {Name} name */
  const get = (name) =>
    flags[name] ?? env[`VAULT_TEST_${name.toUpperCase().replace(/-/g, '_')}`] ?? SPEC[name];
  /** @param {Name} name */
  const int = (name) => {
    const value = Number(get(name));
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`--${name}: expected a non-negative integer`);
    return value;
  };
  /** @param {Name} name */
  const list = (name) =>
    get(name)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const cert = get('tls-cert');
  const key = get('tls-key');
  if (Boolean(cert) !== Boolean(key)) throw new Error('--tls-cert and --tls-key go together');
  return {
    host: get('host'),
    port: int('port'),
    controlPort: int('control-port'),
    rootToken: get('root-token'),
    roleId: get('role-id'),
    secretId: get('secret-id'),
    tokenTtlSeconds: int('token-ttl'),
    namespaces: list('namespaces'),
    mounts: list('mounts'),
    sealed: get('sealed') === 'true',
    delayMs: int('delay-ms'),
    denyTokens: list('deny-token'),
    denyPaths: list('deny-path'),
    ...(cert && key ? { tls: { cert: readFileSync(cert), key: readFileSync(key) } } : {}),
  };
}
