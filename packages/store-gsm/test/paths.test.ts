// readScope's paths: a secret id, {id}/versions/{v}, or a full name of the configured project.
import { describe, expect, it } from 'vitest';
import { gsmBackendType } from '../src/backend-type.js';
import { parseSecretPath } from '../src/paths.js';

const parse = (path: string) => parseSecretPath(path, 'my-project');

describe('parseSecretPath', () => {
  it.each([
    ['db-password', { secretId: 'db-password', version: 'latest' }],
    ['API_KEY_2', { secretId: 'API_KEY_2', version: 'latest' }],
    ['db-password/versions/3', { secretId: 'db-password', version: '3' }],
    ['db-password/versions/latest', { secretId: 'db-password', version: 'latest' }],
    ['projects/my-project/secrets/db', { secretId: 'db', version: 'latest' }],
    ['projects/my-project/secrets/db/versions/12', { secretId: 'db', version: '12' }],
    ['x'.repeat(255), { secretId: 'x'.repeat(255), version: 'latest' }],
  ])('reads %s', (path, expected) => {
    expect(parse(path)).toEqual(expected);
  });

  it.each([
    ['', 'secret id'],
    ['a.b', 'secret id'],
    ['x'.repeat(256), 'secret id'],
    ['db/versions', '{secret id}/versions/{version}'],
    ['db/version/1', '{secret id}/versions/{version}'],
    ['db/versions/0', 'version number'],
    ['db/versions/01', 'version number'],
    ['db/versions/-1', 'version number'],
    ['db/versions/1/extra', '{secret id}/versions/{version}'],
    ['projects/other/secrets/db', 'another project'],
    ['projects/my-project/db', 'projects/{project}/secrets'],
    ['projects/my-project/secrets/../versions/1', 'secret id'],
  ])('refuses %s', (path, problem) => {
    const parsed = parse(path);
    expect('problem' in parsed && parsed.problem).toContain(problem);
  });
});

describe('linkKey (the key a link reads when it names none)', () => {
  const { linkKey } = gsmBackendType(() => {});
  it('is the secret id of every path form, undefined for a malformed path', () => {
    expect(linkKey?.('db-password')).toBe('db-password');
    expect(linkKey?.('db-password/versions/3')).toBe('db-password');
    expect(linkKey?.('projects/p1/secrets/api-key/versions/latest')).toBe('api-key');
    expect(linkKey?.('not a/secret id')).toBeUndefined();
  });
});
