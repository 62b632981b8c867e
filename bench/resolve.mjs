// Job-time resolution (sealed to the agent's key since runs exist): a job whose environment binds 3 scopes holding 50 secrets in total
// (plus 5 variables), resolved through the dispatcher's endpoint, on PGlite and PostgreSQL.
// Beside it, in the same run, GET /readyz: one HTTP round trip and one database query, the
// floor any resolution stands on.
// Usage: npm run bench:resolve -- [--seconds 3] [--json]
// PostgreSQL needs KICI_TEST_DATABASE_URL, e.g. bash -c '. .ci/postgres.sh && npm run bench:resolve'
import { createAdminClient } from '@kici/contracts';
import { startTestServer, testDrivers } from '@kici/server/testing';
import { load, warmUp } from './lib/load.mjs';
import { printTable } from './lib/measure.mjs';
import { jobResolve } from './lib/runs.mjs';

const args = { seconds: 3, json: false };
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--json') args.json = true;
  else if (process.argv[i] === '--seconds') args.seconds = Number(process.argv[++i]);
  else throw new Error(`unknown argument ${process.argv[i]} (expected --seconds N, --json)`);
}
const TARGET_MS = 5;
const SCOPES = ['pg:bench/app', 'pg:bench/db', 'pg:bench/shared'];
const SECRETS_PER_SCOPE = [20, 15, 15]; // 50 in total

async function seed(server) {
  const admin = createAdminClient({ baseUrl: server.url, token: server.token });
  const writes = [];
  SCOPES.forEach((scope, s) => {
    for (let i = 0; i < SECRETS_PER_SCOPE[s]; i++) {
      // Every scope also holds KEY_0..: the chain decides which one wins.
      writes.push(() =>
        admin.secrets.set('bench', scope, `KEY_${i}`, `value-${s}-${i}-${'x'.repeat(40)}`),
      );
    }
  });
  for (let i = 0; i < 5; i++)
    writes.push(() => admin.variables.set('bench', SCOPES[2], `VAR_${i}`, `v${i}`));
  for (const write of writes) await write();
  await admin.environments.create('bench', {
    name: 'production',
    branches: ['main', 'release/*'],
    triggers: ['push', 'tag'],
    repositories: ['bench/*'],
    scopes: SCOPES,
  });
}

async function resolveRequest(server) {
  const job = await jobResolve(server, {
    orgId: 'bench',
    environment: 'production',
    repository: 'bench/api',
    branch: 'refs/heads/main',
    trigger: 'push',
    runId: 'run-1',
    jobId: 'deploy',
  });
  const headers = {
    authorization: `Bearer ${server.dispatcherToken}`,
    'content-type': 'application/json',
  };
  const next = () => ({
    url: `${server.url}/internal/v1/resolve`,
    method: 'POST',
    headers,
    body: job.body,
  });
  return { next, secretsOf: job.secretsOf };
}

const rows = [];
for (const driver of testDrivers()) {
  const server = await startTestServer({ driver });
  await seed(server);
  const resolve = await resolveRequest(server);
  const check = await fetch(resolve.next().url, resolve.next());
  const answer = await check.json();
  if (!check.ok || Object.keys(resolve.secretsOf(answer)).length !== 20) {
    throw new Error(`resolution check failed: ${check.status} ${JSON.stringify(answer.error)}`);
  }
  const cases = {
    resolve: resolve.next,
    'readyz (floor)': () => ({ url: `${server.url}/readyz`, method: 'GET', headers: {} }),
  };
  await warmUp(Object.values(cases));
  for (const [op, next] of Object.entries(cases)) {
    for (const clients of [1, 16]) {
      await load({ clients, seconds: 0.5, next }); // warm-up
      const result = await load({ clients, seconds: args.seconds, next });
      rows.push({
        target: driver,
        op,
        clients,
        'req/s': result.rps,
        'p50 ms': result.p50,
        'p99 ms': result.p99,
        failures: result.failures,
      });
    }
  }
  await server.dispose();
}

for (const row of rows) {
  const floor = rows.find(
    (r) => r.target === row.target && r.clients === row.clients && r.op !== 'resolve',
  );
  row['p99 × floor'] = row.op === 'resolve' && floor ? row['p99 ms'] / floor['p99 ms'] : '';
}
const single = rows.find((r) => r.target === 'postgres' && r.op === 'resolve' && r.clients === 1);
const verdict = single
  ? {
      target: `p99 < ${TARGET_MS} ms for one call on PostgreSQL`,
      met: single['p99 ms'] < TARGET_MS,
    }
  : { target: 'PostgreSQL not measured: set KICI_TEST_DATABASE_URL', met: false };
if (args.json) console.log(JSON.stringify({ node: process.version, rows, verdict }, null, 2));
else {
  console.log(
    `Resolution benchmark — Node ${process.version}, ${args.seconds}s per case, closed-loop keep-alive clients`,
  );
  console.log(
    'A job whose environment binds 3 scopes (50 secrets, 20 distinct keys, 5 variables), all gates passing.\n',
  );
  printTable(rows);
  console.log(`\n${verdict.met ? 'MET' : 'MISSED'}: ${verdict.target}`);
}
