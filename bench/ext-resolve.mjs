// Extension secret resolution through the five-level hierarchy (the Kiket seed's fallback
// order: installation → product installation → extension → project → organization) against
// the same 20 keys held by one scope, in the same run: core's resolveInstallation on the real
// store, audited as a delivery would be (one `ext.resolve` row per call). Five-level case: each
// level supplies 4 of the 20 keys and also holds the 4 keys of the next narrower level (which
// shadow them). One-scope case: another org whose installation scope holds all 20 keys and
// whose other levels are empty. Calls alternate between the two, one at a time.
// Target: p50 of the five levels within 1.5× of the one scope, on PostgreSQL.
// Usage: npm run bench:ext-resolve -- [--seconds 3] [--json]
// PostgreSQL needs KICI_TEST_DATABASE_URL, e.g. bash -c '. .ci/postgres.sh && npm run bench:ext-resolve'
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
const TARGET = 1.5;
const EXT = 'com.example.mailchimp';
const PRODUCT = 'com.example.suite';
const owner = { tokenId: 'bench', label: 'bench', role: 'owner', surface: 'cli' };
const value = (level, k) => `value-${level}-${k}-${'x'.repeat(40)}`;
const keys = (from) => Array.from({ length: 4 }, (_, i) => `KEY_${from + i}`);

/** An org with project OPS, the extension installed there (from the product when given). */
async function installation(core, orgId, product) {
  const { model } = core.extensions;
  await model.putProject(owner, orgId, 'OPS', 'Operations');
  if (product) await model.putProduct(owner, orgId, PRODUCT);
  await model.putInstallation(
    owner,
    { orgId, projectKey: 'OPS', extensionId: EXT },
    product ? PRODUCT : null,
  );
  return { orgId, projectKey: 'OPS', extensionId: EXT };
}

async function seed(core) {
  await core.extensions.model.putCatalog(owner, EXT, 'extension:\n  configuration: {}\n');
  const tiered = await installation(core, 'bench-tiered', true);
  const levels = [
    ['installation', `OPS/${EXT}`],
    ['product_installation', PRODUCT],
    ['extension', EXT],
    ['project', 'OPS'],
    ['organization', 'bench-tiered'],
  ];
  for (const [n, [scope, id]] of levels.entries()) {
    const values = {};
    for (const key of keys(4 * n)) values[key] = value(n, key);
    // The narrower level's keys too: shadowed here, so the chain has work to do.
    if (n > 0) for (const key of keys(4 * (n - 1))) values[key] = value(n, key);
    await core.extensions.secrets.set(owner, { orgId: 'bench-tiered', scope, id }, values);
  }
  const flat = await installation(core, 'bench-flat', false);
  const values = {};
  for (let k = 0; k < 20; k++) values[`KEY_${k}`] = value(0, k);
  await core.extensions.secrets.set(
    owner,
    { orgId: 'bench-flat', scope: 'installation', id: `OPS/${EXT}` },
    values,
  );
  return { tiered, flat };
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function run(driver) {
  const { store, database } = await openTestStore(driver);
  try {
    const core = await createCore({
      store,
      keyring: createKeyring({ current: new Uint8Array(32).fill(7), version: 1 }),
    });
    const { tiered, flat } = await seed(core);
    const resolve = (ref) => core.extensions.resolveInstallation(ref, { auditAs: 'dispatcher' });
    const check = [await resolve(tiered), await resolve(flat)];
    for (const secrets of check) {
      if (Object.keys(secrets).length !== 20) throw new Error('expected 20 keys resolved');
    }
    if (
      check[0].KEY_0.scope.scope !== 'installation' ||
      check[0].KEY_19.scope.scope !== 'organization'
    )
      throw new Error('the five-level chain did not resolve as expected');
    const samples = { tiered: [], flat: [] };
    const end = Date.now() + args.seconds * 1000;
    for (let warm = 0; warm < 50; warm++) await Promise.all([resolve(tiered), resolve(flat)]);
    // Alternating one at a time, so that the machine's noise lands on both.
    for (let i = 0; Date.now() < end; i++) {
      for (const [name, ref] of i % 2
        ? [
            ['tiered', tiered],
            ['flat', flat],
          ]
        : [
            ['flat', flat],
            ['tiered', tiered],
          ]) {
        const start = process.hrtime.bigint();
        await resolve(ref);
        samples[name].push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
    const [t, f] = [samples.tiered.sort((a, b) => a - b), samples.flat.sort((a, b) => a - b)];
    return {
      driver,
      calls: t.length,
      'five levels p50 ms': percentile(t, 0.5),
      'one scope p50 ms': percentile(f, 0.5),
      'p50 ×': percentile(t, 0.5) / percentile(f, 0.5),
      'five levels p99 ms': percentile(t, 0.99),
      'one scope p99 ms': percentile(f, 0.99),
      'p99 ×': percentile(t, 0.99) / percentile(f, 0.99),
    };
  } finally {
    await store.close();
    await database.drop();
  }
}

const rows = [];
for (const driver of testDrivers()) rows.push(await run(driver));
if (args.json) console.log(JSON.stringify(rows));
else {
  console.log(
    `Extension resolution, 20 keys: five levels against one scope — Node ${process.version}, ${args.seconds}s per driver, calls alternating`,
  );
  printTable(rows);
  const postgres = rows.find((row) => row.driver === 'postgres');
  console.log(
    postgres
      ? `\nTarget: five levels p50 within ${TARGET}x of one scope on PostgreSQL: ${postgres['p50 ×'].toFixed(2)}x — ${postgres['p50 ×'] <= TARGET ? 'met' : 'NOT met'}`
      : "\nPostgreSQL not measured: set KICI_TEST_DATABASE_URL (bash -c '. .ci/postgres.sh && npm run bench:ext-resolve')",
  );
}
