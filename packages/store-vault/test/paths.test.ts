// Path segments are checked before anything reaches hashi-vault-js (which does not encode
// them): a refused path sends no request at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPath } from '../src/paths.js';
import {
  failure,
  requestCount,
  startVaultTestServer,
  tokenBackend,
  type VaultTestServer,
} from './helpers.js';

let server: VaultTestServer;
beforeAll(async () => {
  server = await startVaultTestServer();
  await server.seed('kici/secrets/app', { KEY: 'v' });
  await server.seed('outside', { KEY: 'must not be readable' });
});
afterAll(() => server.stop());

const BAD: Array<[string, string]> = [
  ['', 'invalid path: is empty'],
  ['/app', 'invalid path: segment 1 is empty'],
  ['app/', 'invalid path: segment 2 is empty'],
  ['a//b', 'invalid path: segment 2 is empty'],
  ['..', 'invalid path: segment 1 is ".."'],
  ['../../outside', 'invalid path: segment 1 is ".."'],
  ['app/.', 'invalid path: segment 2 is "."'],
  ['app?list=true', 'invalid path: segment 1 contains "?"'],
  ['app#frag', 'invalid path: segment 1 contains "#"'],
  ['%2e%2e/outside', 'invalid path: segment 1 contains "%"'],
  ['app%2F..', 'invalid path: segment 1 contains "%"'],
  ['a\\..\\b', 'invalid path: segment 1 contains "\\"'],
  ['app\nX-Injected: 1', 'invalid path: segment 1 contains control character U+000A'],
  ['app\ttab', 'invalid path: segment 1 contains control character U+0009'],
  ['nul\u0000', 'invalid path: segment 1 contains control character U+0000'],
  ['del\u007f', 'invalid path: segment 1 contains control character U+007F'],
  [' app', 'invalid path: segment 1 starts or ends with white space'],
  ['x'.repeat(256), 'invalid path: segment 1 is longer than 255 characters'],
];

describe('invalid paths', () => {
  it.each(BAD)('%j is refused before any request', async (path, message) => {
    const backend = tokenBackend(server);
    const before = await requestCount(server);
    const error = await failure(backend.readScope(path));
    expect(error).toMatchObject({
      reason: 'invalid_path',
      code: 'invalid_input',
      backend: 'openbao-test',
    });
    expect(error.message).toBe(`Vault backend "openbao-test": ${message}`);
    expect(await requestCount(server)).toBe(before);
    await backend.close();
  });

  it('the message never echoes the path', async () => {
    const backend = tokenBackend(server);
    const error = await failure(backend.readScope('hvs.secret-looking-name/../x'));
    expect(error.message).not.toContain('secret-looking');
    await backend.close();
  });

  it('accepts ordinary names, including spaces inside and non-ASCII', () => {
    expect(checkPath('aws/prod')).toEqual(['aws', 'prod']);
    expect(checkPath('a b/ü-1_2.3:@+=,~')).toEqual(['a b', 'ü-1_2.3:@+=,~']);
    expect(checkPath('...')).toEqual(['...']);
  });
});
