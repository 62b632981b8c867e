// The same server work on this build and on a baseline build (another checkout, built), in the
// same run: secret set, secret list (50 keys), job-time resolution (3 scopes, 50 secrets) and
// GET /readyz, at 1 and 16 clients, on PGlite and PostgreSQL. The two servers take requests
// alternately (request i goes to one, i + 1 to the other), so the machine's noise lands on
// both alike, and the ratio current / baseline is the change's own cost.
// Usage: npm run bench:baseline -- --baseline DIR [--seconds 3] [--json]
//   DIR: a checkout whose packages/server/dist/main.js is built, e.g.
//   git worktree add /tmp/kici-base main~5 && (cd /tmp/kici-base && pnpm install && pnpm build)
import { createAdminClient } from '@kici/contracts';
import { startTestServer, testDrivers } from '@kici/server/testing';
import { baselineArgs } from './lib/baseline-args.mjs';
import { load, warmUp } from './lib/load.mjs';
import { printTable } from './lib/measure.mjs';
import { jobResolve } from './lib/runs.mjs';

const args = baselineArgs();
const { baselineBin } = args;

const SCOPES = ['pg:bench/app', 'pg:bench/db', 'pg:bench/shared'];
const KEYS = 50;

async function seed(server) {
  const admin = createAdminClient({ baseUrl: server.url, token: server.token });
  for (const [s, scope] of SCOPES.entries()) {
    for (let i = 0; i < [20, 15, 15][s]; i++) {
      await admin.secrets.set('bench', scope, `KEY_${i}`, `value-${s}-${i}-${'x'.repeat(40)}`);
    }
  }
  for (let i = 0; i < 5; i++) await admin.variables.set('bench', SCOPES[2], `VAR_${i}`, `v${i}`);
  for (let i = 0; i < KEYS; i++) await admin.secrets.set('bench', 'pg:list', `KEY_${i}`, 'v');
  await admin.environments.create('bench', {
    name: 'production',
    branches: ['main'],
    triggers: ['push'],
    repositories: ['bench/*'],
    scopes: SCOPES,
  });
}

/** The request builders of one server, each answering 200 (resolve: sealed where runs exist). */
async function requestsOf(server) {
  const admin = {
    authorization: `Bearer ${server.token}`,
    'content-type': 'application/json',
    // A baseline from before the surface became the token's still asks for the header.
    'x-kici-surface': 'cli',
  };
  const value = JSON.stringify({ value: 'postgresql://bench:password@db:5432/app' });
  const job = await jobResolve(server, {
    orgId: 'bench',
    environment: 'production',
    repository: 'bench/api',
    branch: 'refs/heads/main',
    trigger: 'push',
    runId: 'run-1',
    jobId: 'deploy',
  });
  const dispatcher = {
    authorization: `Bearer ${server.dispatcherToken}`,
    'content-type': 'application/json',
  };
  const base = `${server.url}/api/v1/admin/secrets`;
  return {
    set: (i) => ({
      url: `${base}/bench/pg%3Aset/KEY_${i % KEYS}`,
      method: 'PUT',
      headers: admin,
      body: value,
    }),
    list: () => ({
      url: `${base}/keys?orgId=bench&scope=pg%3Alist`,
      method: 'GET',
      headers: admin,
    }),
    resolve: () => ({
      url: `${server.url}/internal/v1/resolve`,
      method: 'POST',
      headers: dispatcher,
      body: job.body,
    }),
    readyz: () => ({ url: `${server.url}/readyz`, method: 'GET', headers: {} }),
  };
}

const rows = [];
for (const driver of testDrivers()) {
  const current = await startTestServer({ driver });
  const baseline = await startTestServer({ driver, bin: baselineBin });
  await Promise.all([seed(current), seed(baseline)]);
  const ops = [await requestsOf(current), await requestsOf(baseline)];
  // Request i goes to the current build when i is even, to the baseline when odd.
  const paired = (op) => (i) => ({
    ...ops[i % 2][op](i >> 1),
    group: i % 2 ? 'baseline' : 'current',
  });
  await warmUp(Object.keys(ops[0]).map(paired));
  for (const op of Object.keys(ops[0])) {
    for (const clients of [1, 16]) {
      await load({ clients, seconds: 0.5, next: paired(op) }); // warm-up
      const { groups, failures } = await load({
        clients,
        seconds: args.seconds * 2,
        next: paired(op),
      });
      const [c, b] = [groups.current, groups.baseline];
      rows.push({
        target: driver,
        op,
        clients,
        'p50 ms': c.p50,
        'base p50': b.p50,
        'p50 ×': c.p50 / b.p50,
        'p99 ms': c.p99,
        'base p99': b.p99,
        'p99 ×': c.p99 / b.p99,
        failures,
      });
    }
  }
  await Promise.all([current.dispose(), baseline.dispose()]);
}

if (args.json)
  console.log(JSON.stringify({ node: process.version, baseline: args.baseline, rows }, null, 2));
else {
  console.log(
    `This build against ${args.baseline} — Node ${process.version}, ${args.seconds * 2}s per case, requests alternating between the two servers`,
  );
  printTable(rows);
}
