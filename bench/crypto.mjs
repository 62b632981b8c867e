// Throughput of @kici/crypto: portable vs node:crypto-backed keyring, against bare
// node:crypto AES-256-GCM measured in the same run, plus run-key envelopes.
// Usage: npm run bench:crypto -- [--seconds 0.05] [--rounds 15] [--json]
import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import * as portable from '@kici/crypto';
import * as native from '@kici/crypto/node';
import { measure, opsPerSecond, parseArgs, printTable, timeRatio } from './lib/measure.mjs';

const args = parseArgs(process.argv.slice(2));
const SIZES = [32, 256, 4096, 65536];
const TARGET = 1.5;
const aad = portable.secretAad({
  orgId: 'org_01HZX3',
  scope: 'pg:production/db',
  key: 'DATABASE_URL',
});
const key = randomFillSync(new Uint8Array(32));

// The baseline: one AES-256-GCM seal/open exactly as node:crypto offers it, with a fresh
// random 96-bit nonce per seal (correct use needs it) and no envelope around the output.
function bareSeal(plaintext) {
  const nonce = randomFillSync(Buffer.allocUnsafe(12));
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = cipher.update(plaintext);
  cipher.final();
  return { nonce, body, tag: cipher.getAuthTag() };
}
function bareOpen({ nonce, body, tag }) {
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  const plaintext = decipher.update(body);
  decipher.final();
  return plaintext;
}

const portableRing = portable.createKeyring({ current: key, version: 1 });
const nodeRing = native.createKeyring({ current: key, version: 1 });
// The node keyring against bare node:crypto first, for every size, before any pure-JS case
// runs: both keyrings share the envelope code, and a process that has run both makes its
// call sites polymorphic, which a server (node keyring only) never sees.
const plaintexts = SIZES.map((size) => randomFillSync(new Uint8Array(size)));
const nativeNs = plaintexts.map((plaintext) => {
  const sealedBare = bareSeal(plaintext);
  const envelope = nodeRing.seal(plaintext, aad);
  return measure(
    {
      'bare seal': () => bareSeal(plaintext),
      'node seal': () => nodeRing.seal(plaintext, aad),
      'bare open': () => bareOpen(sealedBare),
      'node open': () => nodeRing.open(envelope, aad),
    },
    args,
  );
});
const portableNs = plaintexts.map((plaintext) => {
  const envelope = nodeRing.seal(plaintext, aad);
  return measure(
    {
      'node seal': () => nodeRing.seal(plaintext, aad),
      'portable seal': () => portableRing.seal(plaintext, aad),
      'node open': () => nodeRing.open(envelope, aad),
      'portable open': () => portableRing.open(envelope, aad),
    },
    { ...args, rounds: Math.min(args.rounds, 7) },
  );
});

const rows = [];
SIZES.forEach((size, i) => {
  const ns = nativeNs[i];
  const pns = portableNs[i];
  for (const op of ['seal', 'open']) {
    rows.push({
      bench: `keyring ${op}`,
      size,
      'bare ops/s': opsPerSecond(ns[`bare ${op}`]),
      'node ops/s': opsPerSecond(ns[`node ${op}`]),
      'portable ops/s': opsPerSecond(pns[`portable ${op}`]),
      'node/bare time': timeRatio(ns[`node ${op}`], ns[`bare ${op}`]),
      'portable/node time': timeRatio(pns[`portable ${op}`], pns[`node ${op}`]),
    });
  }
});

const run = native.generateRunKeyPair();
const value = randomFillSync(new Uint8Array(256));
const runEnvelope = native.sealForRun(run.publicKey, value, aad);
const runNs = measure(
  {
    'node sealForRun': () => native.sealForRun(run.publicKey, value, aad),
    'node openForRun': () => native.openForRun(run.privateKey, runEnvelope, aad),
    'portable sealForRun': () => portable.sealForRun(run.publicKey, value, aad),
    'portable openForRun': () => portable.openForRun(run.privateKey, runEnvelope, aad),
  },
  { ...args, seconds: Math.max(args.seconds, 0.1), rounds: Math.min(args.rounds, 7) },
);
for (const op of ['sealForRun', 'openForRun']) {
  rows.push({
    bench: op,
    size: 256,
    'node ops/s': opsPerSecond(runNs[`node ${op}`]),
    'portable ops/s': opsPerSecond(runNs[`portable ${op}`]),
    'portable/node time': timeRatio(runNs[`portable ${op}`], runNs[`node ${op}`]),
  });
}

const keyringRows = rows.filter((r) => r.bench.startsWith('keyring'));
const worst = Math.max(...keyringRows.map((r) => r['node/bare time']));
const verdict = {
  target: `node keyring time within ${TARGET}x of bare node:crypto at every size`,
  worstRatio: Number(worst.toFixed(3)),
  met: worst <= TARGET,
};
if (args.json) {
  console.log(JSON.stringify({ node: process.version, rows, verdict }, null, 2));
} else {
  console.log(
    `@kici/crypto benchmark — Node ${process.version}, ${args.rounds} interleaved rounds of ${args.seconds}s per case`,
  );
  console.log('ops/s and time ratios: each case in its fastest round (see bench/README.md).');
  console.log(
    '  node/bare time     = node keyring / bare node:crypto AES-256-GCM (random nonce, no envelope); target <= 1.5',
  );
  console.log('  portable/node time = portable (pure JS) / node:crypto-backed\n');
  printTable(rows);
  console.log(
    `\n${verdict.met ? 'MET' : 'MISSED'}: ${verdict.target} (worst ${verdict.worstRatio}x)`,
  );
}
