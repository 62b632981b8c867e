// Run envelopes on the node path: @kici/crypto/node's sealForRun/openForRun against bare
// node:crypto doing the same work with the same inputs and outputs (raw 32-byte X25519 keys
// in, raw bytes out): an ephemeral X25519 key (32 random bytes imported as a JWK, which Node
// builds from `d` alone, its public key exported as a JWK), diffieHellman, hkdfSync (SHA-256, 44 bytes) and AES-256-GCM of the
// same plaintext, measured interleaved in one run. Neither side uses generateKeyPairSync: on
// Node 20 exporting a key it generated can deadlock in a garbage collection (see run-keys.ts).
// The bare open is even handed the recipient's public key, which openForRun derives itself.
// Usage: node --expose-gc bench/run-envelope.mjs [--seconds 0.05] [--rounds 15] [--json]
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  randomFillSync,
} from 'node:crypto';
import { jobOutputAad } from '@kici/crypto';
import * as native from '@kici/crypto/node';
import { measure, opsPerSecond, parseArgs, printTable, timeRatio } from './lib/measure.mjs';

const args = parseArgs(process.argv.slice(2));
const SIZES = [64, 1024, 65536];
const TARGET = 1.5;
const INFO = Buffer.from('kici/run-envelope/v1 x25519-hkdf-sha256-aes256gcm');
const aad = jobOutputAad('run-4711', 'build', 'DEPLOY_TOKEN');
const run = native.generateRunKeyPair();

const b64u = (bytes) => Buffer.from(bytes).toString('base64url');
const jwkPublic = (raw) =>
  createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64u(raw) }, format: 'jwk' });
const ZERO_X = b64u(new Uint8Array(32)); // required in the JWK, not read by Node

function bareSeal(recipientRaw, plaintext) {
  const privateKey = createPrivateKey({
    key: { kty: 'OKP', crv: 'X25519', d: b64u(randomFillSync(Buffer.alloc(32))), x: ZERO_X },
    format: 'jwk',
  });
  const shared = diffieHellman({ privateKey, publicKey: jwkPublic(recipientRaw) });
  const ephemeralRaw = Buffer.from(
    createPublicKey(privateKey).export({ format: 'jwk' }).x,
    'base64url',
  );
  const okm = Buffer.from(
    hkdfSync('sha256', shared, Buffer.concat([ephemeralRaw, recipientRaw]), INFO, 44),
  );
  const cipher = createCipheriv('aes-256-gcm', okm.subarray(0, 32), okm.subarray(32, 44));
  cipher.setAAD(aad);
  const body = cipher.update(plaintext);
  cipher.final();
  return Buffer.concat([ephemeralRaw, body, cipher.getAuthTag()]);
}

function bareOpen(privateRaw, publicRaw, sealed) {
  const own = createPrivateKey({
    key: { kty: 'OKP', crv: 'X25519', d: b64u(privateRaw), x: b64u(publicRaw) },
    format: 'jwk',
  });
  const ephemeralRaw = sealed.subarray(0, 32);
  const shared = diffieHellman({ privateKey: own, publicKey: jwkPublic(ephemeralRaw) });
  const okm = Buffer.from(
    hkdfSync('sha256', shared, Buffer.concat([ephemeralRaw, publicRaw]), INFO, 44),
  );
  const decipher = createDecipheriv('aes-256-gcm', okm.subarray(0, 32), okm.subarray(32, 44));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const plaintext = decipher.update(sealed.subarray(32, sealed.length - 16));
  decipher.final();
  return plaintext;
}

const rows = SIZES.flatMap((size) => {
  const plaintext = randomFillSync(new Uint8Array(size));
  const sealedBare = bareSeal(run.publicKey, plaintext);
  const envelope = native.sealForRun(run.publicKey, plaintext, aad);
  // Both paths must agree on what they compute before their speed is compared.
  if (!Buffer.from(native.openForRun(run.privateKey, envelope, aad)).equals(plaintext)) {
    throw new Error('openForRun did not return the plaintext');
  }
  if (!bareOpen(run.privateKey, run.publicKey, sealedBare).equals(plaintext)) {
    throw new Error('the bare open did not return the plaintext');
  }
  const ns = measure(
    {
      'bare seal': () => bareSeal(run.publicKey, plaintext),
      'kici seal': () => native.sealForRun(run.publicKey, plaintext, aad),
      'bare open': () => bareOpen(run.privateKey, run.publicKey, sealedBare),
      'kici open': () => native.openForRun(run.privateKey, envelope, aad),
    },
    args,
  );
  return ['seal', 'open'].map((op) => ({
    op: `${op}ForRun`,
    size,
    'bare ops/s': opsPerSecond(ns[`bare ${op}`]),
    'kici ops/s': opsPerSecond(ns[`kici ${op}`]),
    'kici/bare time': timeRatio(ns[`kici ${op}`], ns[`bare ${op}`]),
  }));
});

const worst = Math.max(...rows.map((r) => r['kici/bare time']));
const verdict = {
  target: `sealForRun/openForRun (node) within ${TARGET}x of bare node:crypto at every size`,
  worstRatio: Number(worst.toFixed(3)),
  met: worst <= TARGET,
};
if (args.json) {
  console.log(JSON.stringify({ node: process.version, rows, verdict }, null, 2));
} else {
  console.log(
    `run envelopes (node path) — Node ${process.version}, ${args.rounds} interleaved rounds of ${args.seconds}s per case`,
  );
  printTable(rows);
  console.log(
    `\nTarget: ${verdict.target}. Worst: ${verdict.worstRatio}x — ${verdict.met ? 'met' : 'NOT met'}`,
  );
}
