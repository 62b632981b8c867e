// rotate-key over many secrets on PostgreSQL: total seconds, rows/s, the server's peak RSS,
// and the latency of secret reads (and writes) issued concurrently while it runs (none may fail).
// Usage: npm run bench:rotate-key -- [--rows 100000] [--readers 4] [--json]
// Needs KICI_TEST_DATABASE_URL, e.g. bash -c '. .ci/postgres.sh && npm run bench:rotate-key'
import { readFileSync } from 'node:fs';
import { createAdminClient } from '@kici/contracts';
import { secretAad } from '@kici/crypto';
import { createKeyring } from '@kici/crypto/node';
import { startTestServer } from '@kici/server/testing';
import { openStore, schema } from '@kici/store-pg';
import { load } from './lib/load.mjs';
import { printTable } from './lib/measure.mjs';

const args = { rows: 100_000, readers: 4, json: false };
for (let i = 2; i < process.argv.length; i++) {
  const flag = process.argv[i];
  if (flag === '--json') args.json = true;
  else if (flag === '--rows' || flag === '--readers')
    args[flag.slice(2)] = Number(process.argv[++i]);
  else throw new Error(`unknown argument ${flag} (expected --rows N, --readers N, --json)`);
}
if (!process.env.KICI_TEST_DATABASE_URL)
  throw new Error('KICI_TEST_DATABASE_URL is not set: this benchmark runs on PostgreSQL');
const TARGET = { seconds: 30, rssMb: 300 };
const OLD = 'ab'.repeat(32);
const NEW = 'cd'.repeat(32);
const hexKey = (hex) => Uint8Array.from(Buffer.from(hex, 'hex'));

// A server to create and migrate the database, then the rows straight into it.
const setup = await startTestServer({ driver: 'postgres', env: { KICI_SECRET_KEY: OLD } });
await setup.stop();
const seedStart = performance.now();
const store = await openStore({ databaseUrl: setup.database.databaseUrl });
const old = createKeyring({ current: hexKey(OLD), version: 1 });
for (let start = 0; start < args.rows; start += 2000) {
  const rows = Array.from({ length: Math.min(2000, args.rows - start) }, (_, i) => {
    const location = {
      orgId: 'bench',
      scope: `pg:scope-${(start + i) % 100}`,
      key: `KEY_${start + i}`,
    };
    const value = Buffer.from(`value-${start + i}-${'x'.repeat(40)}`);
    return {
      ...location,
      ciphertext: old.seal(value, secretAad(location)),
      keyVersion: 1,
      createdBy: 'bench',
      updatedBy: 'bench',
    };
  });
  await store.db.insert(schema.scopedSecrets).values(rows);
}
await store.close();
const seeded = (performance.now() - seedStart) / 1000;

const server = await startTestServer({
  driver: 'postgres',
  env: { KICI_SECRET_KEY: NEW, KICI_SECRET_KEY_OLD: OLD },
  reuse: setup,
  token: setup.token,
});
const client = createAdminClient({ baseUrl: server.url, token: server.token, timeoutMs: 600_000 });
const headers = { authorization: `Bearer ${server.token}` };
const writeHeaders = { ...headers, 'content-type': 'application/json' };
let rotating = true;
// One writer beside the readers: new and existing secrets set while rows are re-sealed.
const writerLoad = (async () => {
  const results = [];
  while (rotating) {
    results.push(
      await load({
        clients: 1,
        seconds: 0.5,
        next: (i) => ({
          url: `${server.url}/api/v1/admin/secrets/bench/pg%3Awrites/KEY_${i % 500}`,
          method: 'PUT',
          headers: writeHeaders,
          body: JSON.stringify({ value: `written-during-rotation-${i}` }),
        }),
      }),
    );
  }
  return results;
})();
let revealed = 0;
const readerLoad = (async () => {
  const results = [];
  while (rotating) {
    results.push(
      await load({
        clients: args.readers,
        seconds: 0.5,
        next: () => {
          // One sequence across all windows: each load() counts from 0 again.
          const n = (revealed++ * 7919) % args.rows;
          return {
            url: `${server.url}/api/v1/admin/secrets/bench/pg%3Ascope-${n % 100}/KEY_${n}/reveal`,
            method: 'POST',
            headers,
          };
        },
      }),
    );
  }
  return results;
})();
const started = performance.now();
const result = await client.rotateKey();
const seconds = (performance.now() - started) / 1000;
rotating = false;
const reads = await readerLoad;
const writes = await writerLoad;
const peakRssMb =
  Number(
    /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.process.pid}/status`, 'utf8'))?.[1],
  ) / 1024;
await server.dispose();

const requests = reads.reduce((n, r) => n + r.requests, 0);
const failures = reads.reduce((n, r) => n + r.failures, 0);
const summary = {
  rows: args.rows,
  'seed s': seeded,
  'rotate s': seconds,
  'rows/s': result.reEncrypted / seconds,
  'peak RSS MB': peakRssMb,
  reads: requests,
  'read failures': failures,
  'worst window p99 ms': Math.max(...reads.map((r) => r.p99)),
  'median window p50 ms': reads.map((r) => r.p50).sort((a, b) => a - b)[
    Math.floor(reads.length / 2)
  ],
  writes: writes.reduce((n, r) => n + r.requests, 0),
  'write failures': writes.reduce((n, r) => n + r.failures, 0),
};
const met =
  seconds < TARGET.seconds &&
  peakRssMb < TARGET.rssMb &&
  failures === 0 &&
  summary['write failures'] === 0 &&
  result.reEncrypted === args.rows;
if (args.json)
  console.log(JSON.stringify({ node: process.version, result, summary, met }, null, 2));
else {
  console.log(
    `rotate-key benchmark — Node ${process.version}, PostgreSQL, ${args.readers} concurrent readers revealing random secrets, 1 writer`,
  );
  console.log(`server answered: ${result.message}\n`);
  printTable([summary]);
  console.log(
    `\n${met ? 'MET' : 'MISSED'}: under ${TARGET.seconds} s, peak RSS under ${TARGET.rssMb} MB, no failed concurrent read or write`,
  );
}
