// Multi-backend resolution: a job binding one PG scope and one Vault scope (25 secrets each,
// the Vault scope one KV v2 path) against the same job binding only the PG scope, with the
// Vault-compatible test server on loopback; then the time and memory of discovering 10,000
// Vault paths (a backend sync through the admin API).
// Usage: npm run bench:resolve-vault -- [--seconds 3] [--paths 10000] [--json]
// PostgreSQL needs KICI_TEST_DATABASE_URL, e.g. bash -c '. .ci/postgres.sh && npm run bench:resolve-vault'
import { readFileSync, writeFileSync } from 'node:fs';
import { createAdminClient } from '@kici/contracts';
import { startTestServer, testDrivers } from '@kici/server/testing';
import { load, warmUp } from './lib/load.mjs';
import { printTable } from './lib/measure.mjs';
import { jobResolve } from './lib/runs.mjs';
import { startVault } from './lib/vault.mjs';

const args = { seconds: 5, paths: 10_000, json: false };
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (arg === '--json') args.json = true;
  else if (arg === '--seconds') args.seconds = Number(process.argv[++i]);
  else if (arg === '--paths') args.paths = Number(process.argv[++i]);
  else throw new Error(`unknown argument ${arg} (expected --seconds N, --paths N, --json)`);
}
const TARGET_ADDED_MS = 2;
const VAULT_ALONE = 'Vault read alone';
const rssOf = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
};

const vault = await startVault();
const secrets = Object.fromEntries(
  Array.from({ length: 25 }, (_, i) => [`VAULT_KEY_${i}`, `vault-value-${i}-${'x'.repeat(32)}`]),
);
await vault.seed('kici/secrets/app/prod', secrets);

const rows = [];
const discovery = [];
for (const driver of testDrivers()) {
  const server = await startTestServer({ driver, env: { KICI_BACKEND_SYNC_TICK_MS: '3600000' } });
  const admin = createAdminClient({ baseUrl: server.url, token: server.token, timeoutMs: 300_000 });
  for (let i = 0; i < 25; i++)
    await admin.secrets.set('bench', 'app/prod', `PG_KEY_${i}`, `pg-value-${i}-${'x'.repeat(32)}`);
  await admin.backends.add({
    name: 'openbao',
    backendType: 'vault',
    config: { url: vault.url, authMethod: 'token', token: vault.rootToken },
  });
  await admin.environments.create('bench', { name: 'pg-only', scopes: ['pg:app/prod'] });
  await admin.environments.create('bench', {
    name: 'pg-and-vault',
    scopes: ['pg:app/prod', 'openbao:app/prod'],
  });

  const request = async (environment) => {
    const job = await jobResolve(server, {
      orgId: 'bench',
      environment,
      repository: 'bench/api',
      branch: 'main',
      trigger: 'push',
      runId: `run-${environment}`,
      jobId: 'j',
    });
    const headers = {
      authorization: `Bearer ${server.dispatcherToken}`,
      'content-type': 'application/json',
    };
    const url = `${server.url}/internal/v1/resolve`;
    return { request: { url, method: 'POST', headers, body: job.body }, ...job };
  };
  const [pgOnly, pgAndVault] = [await request('pg-only'), await request('pg-and-vault')];
  const check = await fetch(pgAndVault.request.url, pgAndVault.request);
  const answer = await check.json();
  if (!check.ok || Object.keys(pgAndVault.secretsOf(answer)).length !== 50)
    throw new Error(`resolution check failed: ${JSON.stringify(answer.error)}`);

  // Paired: the two jobs alternate request by request, so that every moment of the machine's
  // noise lands on both alike and their difference is what the Vault scope costs. For one call,
  // a bare read of the same KV path (bench → test server, one loopback hop) alternates with
  // them, as the floor of what any Vault read can add on this machine at that moment.
  const jobs = [
    { ...pgOnly.request, group: 'pg-only' },
    { ...pgAndVault.request, group: 'pg-and-vault' },
  ];
  const bareRead = {
    url: `${vault.url}/v1/secret/data/kici/secrets/app/prod`,
    method: 'GET',
    headers: { 'x-vault-token': vault.rootToken },
    group: VAULT_ALONE,
  };
  await warmUp([(i) => jobs[i % 2]]);
  for (const clients of [1, 16]) {
    const alternating = clients === 1 ? [...jobs, bareRead] : jobs;
    const next = (i) => alternating[i % alternating.length];
    await load({ clients, seconds: 0.5, next });
    const seconds = args.seconds * alternating.length;
    const result = await load({ clients, seconds, next });
    for (const [environment, group] of Object.entries(result.groups)) {
      rows.push({
        target: driver,
        environment,
        clients,
        requests: group.requests,
        'p50 ms': group.p50,
        'p99 ms': group.p99,
        failures: result.failures,
      });
    }
  }

  // Discovery: 10,000 paths under the base path, listed folder by folder.
  const batch = Array.from({ length: args.paths }, (_, i) => ({
    path: `kici/secrets/team-${i % 50}/svc-${Math.floor(i / 50)}/cfg`,
    data: { K: 'v' },
  }));
  await vault.control({ op: 'write-many', secrets: batch });
  // Reset the peak (VmHWM) so that it covers the discovery alone, not the load before it.
  writeFileSync(`/proc/${server.process.pid}/clear_refs`, '5');
  const before = rssOf(server.process.pid);
  const started = performance.now();
  const [result] = (await admin.backends.sync('openbao')).results;
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 'ok' || result.discovered < args.paths) {
    throw new Error(`discovery failed: ${result.status} ${result.message}`);
  }
  const after = rssOf(server.process.pid);
  discovery.push({
    target: driver,
    paths: result.discovered,
    seconds,
    'paths/s': result.discovered / seconds,
    'RSS before MB': before.rss,
    'peak RSS MB': after.peak,
    status: result.status,
  });
  await server.dispose();
}
await vault.stop();

const added = [];
for (const driver of new Set(rows.map((r) => r.target))) {
  for (const clients of [1, 16]) {
    const pg = rows.find(
      (r) => r.target === driver && r.clients === clients && r.environment === 'pg-only',
    );
    const both = rows.find(
      (r) => r.target === driver && r.clients === clients && r.environment === 'pg-and-vault',
    );
    const alone = rows.find(
      (r) => r.target === driver && r.clients === clients && r.environment === VAULT_ALONE,
    );
    added.push({
      target: driver,
      clients,
      'p50 added ms': both['p50 ms'] - pg['p50 ms'],
      'p99 added ms': both['p99 ms'] - pg['p99 ms'],
      'p99 ratio': both['p99 ms'] / pg['p99 ms'],
      'read alone p50 ms': alone?.['p50 ms'] ?? '',
      'read alone p99 ms': alone?.['p99 ms'] ?? '',
    });
  }
}
const single = added.find((a) => a.target === 'postgres' && a.clients === 1);
const verdict = single
  ? {
      target: `the Vault scope adds under ${TARGET_ADDED_MS} ms p99 (one call, PostgreSQL)`,
      met: single['p99 added ms'] < TARGET_ADDED_MS,
    }
  : { target: 'PostgreSQL not measured: set KICI_TEST_DATABASE_URL', met: false };
if (args.json)
  console.log(JSON.stringify({ node: process.version, rows, added, discovery, verdict }, null, 2));
else {
  console.log(
    `Multi-backend resolution — Node ${process.version}, the cases alternating request by request, ${args.seconds}s each per client count`,
  );
  console.log(
    'pg-only binds pg:app/prod (25 secrets); pg-and-vault adds openbao:app/prod (25 keys in one KV v2 path).',
  );
  console.log(
    `${VAULT_ALONE} (one call only): the bench reading that KV path from the test server itself, the floor of any Vault read here.\n`,
  );
  printTable(rows);
  console.log('');
  printTable(added);
  console.log(`\nDiscovery of ${args.paths} Vault paths (backend sync through the admin API):\n`);
  printTable(discovery);
  console.log(`\n${verdict.met ? 'MET' : 'MISSED'}: ${verdict.target}`);
}
