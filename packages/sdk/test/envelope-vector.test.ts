// The crypto README's test vector, recomputed from the steps it documents with node:crypto
// alone, and opened with @kici/crypto: the documentation cannot drift from the code.
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { encodeAad, jobOutputAad, openForRun, RUN_ENVELOPE_INFO, sealForRun } from '@kici/crypto';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../../crypto/README.md', import.meta.url), 'utf8');
const block =
  /<!-- envelope-vector:start -->\n```text\n([\s\S]*?)```\n<!-- envelope-vector:end -->/.exec(
    readme,
  )?.[1];
const vector = new Map(
  (block ?? '').split('\n').flatMap((line) => {
    const match = /^(\S+(?: \S+)*)\s{2,}(\S+)$/.exec(line);
    return match ? [[match[1] as string, match[2] as string]] : [];
  }),
);
const field = (name: string) => {
  const value = vector.get(name);
  if (value === undefined) throw new Error(`the README's test vector has no "${name}" line`);
  return value;
};
const hex = (name: string) => Buffer.from(field(name), 'hex');

// RFC 8410 PKCS#8 prefix of a raw X25519 private key: node:crypto only, no @noble.
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const privateKey = (raw: Buffer) =>
  createPrivateKey({ key: Buffer.concat([PKCS8_X25519, raw]), format: 'der', type: 'pkcs8' });
const rawPublic = (key: ReturnType<typeof createPrivateKey>) =>
  createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32);

describe('the envelope test vector in packages/crypto/README.md', () => {
  it('is there, with every line', () => {
    expect(block).toBeDefined();
    expect([...vector.keys()]).toEqual([
      'run private key',
      'run public key',
      'ephemeral private',
      'ephemeral public',
      'runId',
      'jobId',
      'key',
      'plaintext',
      'aad',
      'shared',
      'okm',
      'envelope',
      'envelope base64',
    ]);
  });

  const run = privateKey(hex('run private key'));
  const ephemeral = privateKey(hex('ephemeral private'));
  const runPublic = rawPublic(run);
  const ephemeralPublic = rawPublic(ephemeral);

  it('derives the public keys and the shared secret (RFC 7748 §6.1)', () => {
    expect(runPublic.toString('hex')).toBe(field('run public key'));
    expect(ephemeralPublic.toString('hex')).toBe(field('ephemeral public'));
    const shared = diffieHellman({ privateKey: ephemeral, publicKey: createPublicKey(run) });
    expect(shared.toString('hex')).toBe(field('shared'));
  });

  it('encodes the AAD as documented: 4-byte big-endian lengths, UTF-8, domain first', () => {
    const parts = ['kici/job-output/v1', field('runId'), field('jobId'), field('key')];
    const byHand = Buffer.concat(
      parts.flatMap((part) => {
        const bytes = Buffer.from(part, 'utf8');
        const length = Buffer.alloc(4);
        length.writeUInt32BE(bytes.length);
        return [length, bytes];
      }),
    );
    expect(byHand.toString('hex')).toBe(field('aad'));
    const aad = jobOutputAad(field('runId'), field('jobId'), field('key'));
    expect(Buffer.from(aad).toString('hex')).toBe(field('aad'));
    expect(encodeAad('kici/job-output/v1', parts.slice(1))).toEqual(aad);
  });

  it('derives okm and seals to exactly the documented envelope', () => {
    expect(RUN_ENVELOPE_INFO).toBe('kici/run-envelope/v1 x25519-hkdf-sha256-aes256gcm');
    const shared = hex('shared');
    const salt = Buffer.concat([ephemeralPublic, runPublic]);
    const okm = Buffer.from(hkdfSync('sha256', shared, salt, RUN_ENVELOPE_INFO, 44));
    expect(okm.toString('hex')).toBe(field('okm'));
    const cipher = createCipheriv('aes-256-gcm', okm.subarray(0, 32), okm.subarray(32, 44));
    cipher.setAAD(Buffer.concat([Buffer.of(0x01), hex('aad')]));
    const body = Buffer.concat([
      cipher.update(field('plaintext'), 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    const envelope = Buffer.concat([Buffer.of(0x01), ephemeralPublic, body]);
    expect(envelope.toString('hex')).toBe(field('envelope'));
    expect(envelope.toString('base64')).toBe(field('envelope base64'));
  });

  it('opens with @kici/crypto (the portable path @kici/sdk uses)', () => {
    const opened = openForRun(hex('run private key'), hex('envelope'), hex('aad'));
    expect(Buffer.from(opened).toString('utf8')).toBe(field('plaintext'));
  });

  it("is what @kici/crypto's sealForRun writes: the documented steps open its envelopes", () => {
    const plaintext = Buffer.from('any value at all', 'utf8');
    const envelope = Buffer.from(sealForRun(runPublic, plaintext, hex('aad')));
    expect(envelope[0]).toBe(0x01);
    const ephemeralKey = envelope.subarray(1, 33);
    const shared = diffieHellman({
      privateKey: run,
      publicKey: createPublicKey({
        key: { kty: 'OKP', crv: 'X25519', x: ephemeralKey.toString('base64url') },
        format: 'jwk',
      }),
    });
    const salt = Buffer.concat([ephemeralKey, runPublic]);
    const okm = Buffer.from(hkdfSync('sha256', shared, salt, RUN_ENVELOPE_INFO, 44));
    const decipher = createDecipheriv('aes-256-gcm', okm.subarray(0, 32), okm.subarray(32, 44));
    decipher.setAAD(Buffer.concat([Buffer.of(0x01), hex('aad')]));
    decipher.setAuthTag(envelope.subarray(-16));
    const opened = Buffer.concat([decipher.update(envelope.subarray(33, -16)), decipher.final()]);
    expect(opened).toEqual(plaintext);
    expect(envelope).toHaveLength(plaintext.length + 49);
  });
});
