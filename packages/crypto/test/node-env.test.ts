import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyring, secretAad } from '../src/index.js';
import { KEY_NOT_FOUND_MESSAGE, KeyConfigError, loadKeyringFromEnv } from '../src/node/index.js';
import { bytes } from './implementations.js';

const dir = mkdtempSync(join(tmpdir(), 'kici-crypto-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NEW_KEY = bytes(32, 0x11);
const OLD_KEY = bytes(32, 0x22);
const NEW_HEX = Buffer.from(NEW_KEY).toString('hex');
const OLD_B64 = Buffer.from(OLD_KEY).toString('base64');
const AAD = secretAad({ orgId: 'org', scope: 'pg:production', key: 'API_KEY' });

function keyFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

function failure(env: Record<string, string>): KeyConfigError {
  try {
    loadKeyringFromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(KeyConfigError);
    return error as KeyConfigError;
  }
  throw new Error('expected loadKeyringFromEnv to throw');
}

/** Proves which keys a loaded keyring holds by opening envelopes sealed with each. */
function opens(env: Record<string, string>, key: Uint8Array) {
  const envelope = createKeyring({ current: key, version: 5 }).seal(bytes(3, 1), AAD);
  return loadKeyringFromEnv(env).open(envelope, AAD);
}

describe('loadKeyringFromEnv', () => {
  it('reads KICI_SECRET_KEY as hex', () => {
    expect(opens({ KICI_SECRET_KEY: NEW_HEX }, NEW_KEY).usedPrevious).toBe(false);
    expect(loadKeyringFromEnv({ KICI_SECRET_KEY: NEW_HEX }).hasPrevious).toBe(false);
  });

  it('reads KICI_SECRET_KEY_FILE (a single line, hex or base64)', () => {
    const path = keyFile('secret.key', `${NEW_HEX}\n`);
    expect(opens({ KICI_SECRET_KEY_FILE: path }, NEW_KEY).plaintext).toEqual(bytes(3, 1));
  });

  it('reads the previous key from KICI_SECRET_KEY_OLD or KICI_SECRET_KEY_FILE_OLD', () => {
    const fromValue = { KICI_SECRET_KEY: NEW_HEX, KICI_SECRET_KEY_OLD: OLD_B64 };
    expect(opens(fromValue, OLD_KEY)).toEqual({
      plaintext: bytes(3, 1),
      usedPrevious: true,
      version: 5,
    });
    const fromFile = {
      KICI_SECRET_KEY: NEW_HEX,
      KICI_SECRET_KEY_FILE_OLD: keyFile('secret.key.old', OLD_B64),
    };
    expect(opens(fromFile, OLD_KEY).usedPrevious).toBe(true);
    expect(loadKeyringFromEnv(fromFile).hasPrevious).toBe(true);
  });

  it('writes the requested key version', () => {
    expect(loadKeyringFromEnv({ KICI_SECRET_KEY: NEW_HEX }, { version: 12 }).version).toBe(12);
    expect(loadKeyringFromEnv({ KICI_SECRET_KEY: NEW_HEX }).version).toBe(1);
  });

  it('refuses both KICI_SECRET_KEY and KICI_SECRET_KEY_FILE', () => {
    const error = failure({
      KICI_SECRET_KEY: NEW_HEX,
      KICI_SECRET_KEY_FILE: keyFile('both.key', NEW_HEX),
    });
    expect(error.code).toBe('KEY_CONFLICT');
    expect(error.message).toBe(
      'Both KICI_SECRET_KEY and KICI_SECRET_KEY_FILE are set: set only one of them',
    );
    const old = failure({
      KICI_SECRET_KEY: NEW_HEX,
      KICI_SECRET_KEY_OLD: OLD_B64,
      KICI_SECRET_KEY_FILE_OLD: '/x',
    });
    expect(old.message).toMatch(/^Both KICI_SECRET_KEY_OLD and KICI_SECRET_KEY_FILE_OLD are set/);
  });

  it('names the path of a key file it cannot read', () => {
    const missing = join(dir, 'missing.key');
    const error = failure({ KICI_SECRET_KEY_FILE: missing });
    expect(error.code).toBe('KEY_FILE_UNREADABLE');
    expect(error.message).toContain(missing);
    expect(error.message).toContain('KICI_SECRET_KEY_FILE');
    expect(error.message).toContain('ENOENT');
    expect(failure({ KICI_SECRET_KEY_FILE: dir }).message).toContain('EISDIR');
  });

  it.runIf(process.getuid?.() !== 0)('names the path of a key file without read permission', () => {
    const path = keyFile('locked.key', NEW_HEX);
    chmodSync(path, 0o000);
    expect(failure({ KICI_SECRET_KEY_FILE: path }).message).toContain('EACCES');
  });

  it('says "Secret encryption key not found" with the three checks when nothing is set', () => {
    for (const env of [
      {},
      { KICI_SECRET_KEY: '' },
      { KICI_SECRET_KEY: '  ', KICI_SECRET_KEY_FILE: '' },
    ]) {
      const error = failure(env);
      expect(error.code).toBe('KEY_NOT_FOUND');
      expect(error.message).toBe(KEY_NOT_FOUND_MESSAGE);
      expect(error.message.startsWith('Secret encryption key not found')).toBe(true);
      expect(error.message).toContain('The environment variable is set and non-empty');
      expect(error.message).toContain('The key file exists and is readable');
      expect(error.message).toContain(
        'The key is exactly 64 hex characters or valid base64-encoded 32 bytes',
      );
    }
  });

  it('names the variable or file holding a malformed key, without the key', () => {
    const short = NEW_HEX.slice(2);
    const fromValue = failure({ KICI_SECRET_KEY: short });
    expect(fromValue.code).toBe('KEY_INVALID');
    expect(fromValue.message).toMatch(/^KICI_SECRET_KEY: Invalid master key/);
    expect(fromValue.message).not.toContain(short.slice(0, 16));
    const path = keyFile('bad.key', 'not-a-key');
    const fromFile = failure({ KICI_SECRET_KEY: NEW_HEX, KICI_SECRET_KEY_FILE_OLD: path });
    expect(fromFile.message).toContain(`KICI_SECRET_KEY_FILE_OLD (${path}): Invalid master key`);
    expect(fromFile.message).not.toContain('not-a-key');
  });

  it('reads process.env by default', () => {
    const saved = process.env.KICI_SECRET_KEY;
    process.env.KICI_SECRET_KEY = NEW_HEX;
    try {
      expect(loadKeyringFromEnv().version).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.KICI_SECRET_KEY;
      else process.env.KICI_SECRET_KEY = saved;
    }
  });
});
