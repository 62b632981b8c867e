// Start-up options: `--name value` flags, falling back to GSM_TEST_NAME variables, falling
// back to defaults. The service account's public key is PEM text (GSM_TEST_SA_PUBLIC_KEY) or
// a file (--sa-public-key-file).
import { readFileSync } from 'node:fs';

const SPEC = {
  host: '127.0.0.1',
  port: '0',
  'control-port': '0',
  project: 'kici-test',
  'project-number': '123456789012',
  'token-ttl': '3600',
  'delay-ms': '0',
  'sa-email': 'kici-test@kici-test.iam.gserviceaccount.com',
  'sa-key-id': 'test-key-1',
  'sa-public-key': '',
  'sa-public-key-file': '',
};

/** @typedef {keyof typeof SPEC} Name */

/** @param {string[]} argv @param {Record<string, string | undefined>} env */
export function readOptions(argv, env) {
  /** @type {Partial<Record<Name, string>>} */
  const flags = {};
  for (let i = 0; i < argv.length; i += 2) {
    const arg = /** @type {string} */ (argv[i]);
    const name = arg.replace(/^--/, '');
    const value = argv[i + 1];
    if (!arg.startsWith('--') || !(name in SPEC)) throw new Error(`unknown option ${arg}`);
    if (value === undefined) throw new Error(`${arg}: expected a value`);
    flags[/** @type {Name} */ (name)] = value;
  }
  /** @param {Name} name */
  const get = (name) =>
    flags[name] ?? env[`GSM_TEST_${name.toUpperCase().replace(/-/g, '_')}`] ?? SPEC[name];
  /** @param {Name} name */
  const int = (name) => {
    const value = Number(get(name));
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`--${name}: expected a non-negative integer`);
    return value;
  };
  const keyFile = get('sa-public-key-file');
  const publicKey = keyFile ? readFileSync(keyFile, 'utf8') : get('sa-public-key');
  return {
    host: get('host'),
    port: int('port'),
    controlPort: int('control-port'),
    project: get('project'),
    projectNumber: get('project-number'),
    tokenTtlSeconds: int('token-ttl'),
    delayMs: int('delay-ms'),
    accounts: publicKey ? [{ email: get('sa-email'), keyId: get('sa-key-id'), publicKey }] : [],
  };
}
