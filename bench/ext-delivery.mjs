// Delivering invocations to an extension: deliveries/s and p50/p99 of core's delivery worker
// (claim with SKIP LOCKED, resolve the installation's keys just before the attempt, sign with
// Standard Webhooks, POST to a local node:http receiver, record the attempt and the delivery's
// state in one transaction) for an installation with 20 secrets, against the same delivery of
// an installation with none, in the same run, at 1 and 16 concurrent deliveries (one worker
// tick claims that many and attempts them at once). Rounds alternate the cases, so that the
// machine's noise lands on both; the ratio is what the secrets cost. When the access log's
// `recordReads` is in core (`core.accessLog`), a third case runs it with the 20 reads of each
// delivery, and the cost it adds per read is printed.
// A delivery's latency is its tick's (enqueue excluded): claimed → attempted → recorded; at 16
// the tick's deliveries run concurrently and each counts the whole tick.
// Usage: npm run bench:ext-delivery -- [--seconds 3] [--json]
// PostgreSQL needs KICI_TEST_DATABASE_URL, e.g. bash -c '. .ci/postgres.sh && npm run bench:ext-delivery'
import { createServer } from 'node:http';
import { createCore } from '@kici/core';
import { createKeyring } from '@kici/crypto/node';
import { openTestStore, testDrivers } from '@kici/store-pg/testing';
import { printTable } from './lib/measure.mjs';

const args = { seconds: 3, json: false };
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--json') args.json = true;
  else if (process.argv[i] === '--seconds') args.seconds = Number(process.argv[++i]);
  else throw new Error(`unknown argument ${process.argv[i]} (expected --seconds N, --json)`);
}
const CONCURRENCIES = [1, 16];
const KEYS = 20;
const owner = { tokenId: 'bench', label: 'bench', role: 'owner', surface: 'cli' };
const SECRETS = 'com.example.secrets';
const PLAIN = 'com.example.plain';

/** The extension's side: reads each body, answers 200 as the SDK does; counts secrets seen. */
async function startReceiver() {
  const seen = { requests: 0, secrets: 0 };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      seen.requests += 1;
      seen.secrets += Object.keys(body.secrets).length;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/kiket/events`, seen, server };
}

const manifest = (url, keys) =>
  [
    'extension:',
    keys === 0 ? '  configuration: {}' : '  configuration:',
    ...Array.from({ length: keys }, (_, k) => `    SECRET_${k}: {secret: true, required: true}`),
    '  delivery:',
    '    callback:',
    `      url: ${url}`,
  ].join('\n');

async function seed(core, url) {
  const { model, secrets, gate } = core.extensions;
  await model.putProject(owner, 'acme', 'OPS', 'Operations');
  const refs = {};
  for (const [id, keys] of [
    [SECRETS, KEYS],
    [PLAIN, 0],
  ]) {
    await model.putCatalog(owner, id, manifest(url, keys));
    refs[id] = { orgId: 'acme', projectKey: 'OPS', extensionId: id };
    await model.putInstallation(owner, refs[id], null);
    if (keys > 0) {
      const values = {};
      for (let k = 0; k < keys; k++) values[`SECRET_${k}`] = `value-${k}-${'x'.repeat(40)}`;
      await secrets.set(owner, { orgId: 'acme', scope: 'installation', id: `OPS/${id}` }, values);
    }
    await gate.enable(owner, refs[id]);
  }
  return refs;
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function run(driver) {
  const { store, database } = await openTestStore(driver);
  const receiver = await startReceiver();
  // Switched per case: the access log's batch of reads, or nothing.
  let recordReads = async () => undefined;
  try {
    const core = await createCore({
      store,
      keyring: createKeyring({ current: new Uint8Array(32).fill(7), version: 1 }),
      instanceId: 'bench',
      delivery: { concurrency: Math.max(...CONCURRENCIES), maxAttempts: 1 },
      recordReads: (tx, reads) => recordReads(tx, reads),
    });
    const accessLog = core.accessLog?.recordReads;
    const refs = await seed(core, receiver.url);
    const cases = [
      { name: 'no secrets', ref: refs[PLAIN], reads: undefined },
      { name: '20 secrets', ref: refs[SECRETS], reads: undefined },
      ...(accessLog
        ? [{ name: '20 secrets + access log', ref: refs[SECRETS], reads: accessLog }]
        : []),
    ];
    const rows = [];
    for (const concurrency of CONCURRENCIES) {
      const samples = Object.fromEntries(cases.map((c) => [c.name, { ms: [], busy: 0 }]));
      const tick = async (c, i) => {
        for (let n = 0; n < concurrency; n++) {
          await core.deliveries.invoke(owner, c.ref, { type: 'bench.event', payload: { i, n } });
        }
        recordReads = c.reads ?? (async () => undefined);
        const start = process.hrtime.bigint();
        const done = await core.deliveries.work();
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (done !== concurrency) throw new Error(`a tick attempted ${done}, not ${concurrency}`);
        return ms;
      };
      for (let warm = 0; warm < 20; warm++) for (const c of cases) await tick(c, -1);
      const end = Date.now() + args.seconds * 1000;
      for (let i = 0; Date.now() < end; i++) {
        // Alternating, each round in another order, so that noise lands on every case.
        const order = i % 2 ? [...cases].reverse() : cases;
        for (const c of order) {
          const ms = await tick(c, i);
          const s = samples[c.name];
          s.busy += ms;
          for (let n = 0; n < concurrency; n++) s.ms.push(ms);
        }
      }
      for (const c of cases) {
        const { ms, busy } = samples[c.name];
        const sorted = ms.sort((a, b) => a - b);
        rows.push({
          driver,
          concurrent: concurrency,
          case: c.name,
          deliveries: ms.length,
          'deliveries/s': (ms.length / busy) * 1000,
          'p50 ms': percentile(sorted, 0.5),
          'p99 ms': percentile(sorted, 0.99),
          'mean ms': busy / (ms.length / concurrency),
        });
      }
    }
    const failed = await core.deliveries.list(owner, { orgId: 'acme', status: 'failed', limit: 1 });
    if (failed.length > 0) throw new Error(`a delivery failed: ${failed[0].lastError}`);
    if (receiver.seen.secrets === 0) throw new Error('no secret reached the receiver');
    core.deliveries.close();
    return rows;
  } finally {
    receiver.server.close();
    receiver.server.closeAllConnections();
    await store.close();
    await database.drop();
  }
}

const rows = [];
for (const driver of testDrivers()) rows.push(...(await run(driver)));
const find = (driver, concurrent, name) =>
  rows.find((r) => r.driver === driver && r.concurrent === concurrent && r.case === name);
const ratios = [];
for (const row of rows.filter((r) => r.case === '20 secrets')) {
  const plain = find(row.driver, row.concurrent, 'no secrets');
  const logged = find(row.driver, row.concurrent, '20 secrets + access log');
  ratios.push({
    driver: row.driver,
    concurrent: row.concurrent,
    'p50 × (20 secrets / none)': row['p50 ms'] / plain['p50 ms'],
    'p99 × (20 secrets / none)': row['p99 ms'] / plain['p99 ms'],
    'deliveries/s × (none / 20 secrets)': plain['deliveries/s'] / row['deliveries/s'],
    ...(logged
      ? {
          'access log µs per read (mean)':
            ((logged['mean ms'] - row['mean ms']) * 1000) / (KEYS * row.concurrent),
          'access log p50 ×': logged['p50 ms'] / row['p50 ms'],
        }
      : {}),
  });
}
if (args.json) console.log(JSON.stringify({ rows, ratios }));
else {
  console.log(
    `Extension delivery: an invocation with ${KEYS} secrets against none, to a local node:http receiver — Node ${process.version}, ${args.seconds}s per concurrency, cases alternating tick by tick`,
  );
  printTable(rows);
  console.log('');
  printTable(ratios);
  if (!rows.some((r) => r.case.endsWith('access log'))) {
    console.log('\nThe access log is not in this build (core.accessLog.recordReads): not measured');
  }
  if (!rows.some((r) => r.driver === 'postgres')) {
    console.log(
      "\nPostgreSQL not measured: set KICI_TEST_DATABASE_URL (bash -c '. .ci/postgres.sh && npm run bench:ext-delivery')",
    );
  }
}
