// A tour of @kici/crypto from the command line: `npm start` at the repository root.
// It prints fingerprints and sizes, never a key or a secret value.
import {
  DecryptError,
  fingerprint,
  generateAdminToken,
  hashAdminToken,
  parseMasterKey,
  secretAad,
  verifyAdminToken,
} from '@kici/crypto';
import { createKeyring, generateRunKeyPair, openForRun, sealForRun } from '@kici/crypto/node';

const encoder = new TextEncoder();
const hexOf = (bytes) => Buffer.from(bytes).toString('hex');
const randomHexKey = () => hexOf(crypto.getRandomValues(new Uint8Array(32)));
const step = (title) => console.log(`\n== ${title}`);

step('1. A master key, as `openssl rand -hex 32` would print it');
const masterKey = parseMasterKey(randomHexKey());
console.log(`parsed 32-byte key, sha256 ${fingerprint(masterKey).slice(0, 16)}…`);

step('2. Seal a secret for org acme, scope pg:production, key DATABASE_URL');
const keyring = createKeyring({ current: masterKey, version: 1 });
const location = { orgId: 'acme', scope: 'pg:production', key: 'DATABASE_URL' };
const value = encoder.encode('postgresql://app:s3cret@db:5432/app');
const envelope = keyring.seal(value, secretAad(location));
console.log(`value: ${value.length} bytes, sha256 ${fingerprint(value).slice(0, 16)}…`);
console.log(
  `envelope: ${envelope.length} bytes = 1 format + 4 key version + 12 nonce + ciphertext + 16 tag`,
);
console.log(`header ${hexOf(envelope.subarray(0, 5))} (format 01, key version 1)`);

step('3. Open it where it belongs');
const opened = keyring.open(envelope, secretAad(location));
console.log(
  `opened ${opened.plaintext.length} bytes, fingerprint matches: ${fingerprint(opened.plaintext) === fingerprint(value)}`,
);

step('4. Copy the ciphertext to another scope: AAD binding refuses it');
try {
  keyring.open(envelope, secretAad({ ...location, scope: 'pg:staging' }));
} catch (error) {
  console.log(`${error instanceof DecryptError ? 'DecryptError' : 'unexpected'}: ${error.message}`);
}

step('5. Rotate: a new key, the old one kept as previous');
const rotated = createKeyring({
  current: parseMasterKey(randomHexKey()),
  previous: masterKey,
  version: 2,
});
const viaPrevious = rotated.open(envelope, secretAad(location));
console.log(
  `opened with the previous key: usedPrevious=${viaPrevious.usedPrevious}, recorded version ${viaPrevious.version}`,
);
const resealed = rotated.seal(viaPrevious.plaintext, secretAad(location));
console.log(
  `re-sealed under the new key: version ${rotated.open(resealed, secretAad(location)).version}`,
);

step('6. Seal to a run key (X25519 + HKDF-SHA256 + AES-256-GCM), as an agent does');
const run = generateRunKeyPair();
const output = sealForRun(
  run.publicKey,
  encoder.encode('short-lived-token'),
  encoder.encode('run-1/DEPLOY_TOKEN'),
);
const back = openForRun(run.privateKey, output, encoder.encode('run-1/DEPLOY_TOKEN'));
console.log(
  `run envelope ${output.length} bytes; opened ${back.length} bytes with the run's private key`,
);

step('7. An admin token: shown once, stored as a hash');
const token = generateAdminToken();
const stored = hashAdminToken(token);
console.log(`token ${token.slice(0, 9)}… (${token.length} chars); stored ${stored.slice(0, 19)}…`);
console.log(
  `verifies: ${verifyAdminToken(token, stored)}; another token verifies: ${verifyAdminToken(generateAdminToken(), stored)}`,
);
