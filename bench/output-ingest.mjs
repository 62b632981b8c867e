// Ingest of cross-job secret outputs: 16 agents (one job each in one run) PUT sealed outputs
// with their job credentials as fast as the server answers (each PUT: open with the run's key,
// limits, re-seal with the master key, one transaction with its audit row, committed before the
// answer). Keys cycle through 20 per job, so the limits hold and rows are overwritten. Beside
// it, in the same run, GET /readyz at the same concurrency: the floor of one round trip and one
// query. On PGlite and PostgreSQL (KICI_TEST_DATABASE_URL).
// Usage: npm run bench:output-ingest -- [--seconds 3] [--json]
import { createAdminClient } from '@kici/contracts';
import { startTestServer, testDrivers } from '@kici/server/testing';
import { load, warmUp } from './lib/load.mjs';
import { printTable } from './lib/measure.mjs';
import { agentKey, internal, outputRequest, sealOutput } from './lib/runs.mjs';

const args = { seconds: 3, json: false };
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--json') args.json = true;
  else if (process.argv[i] === '--seconds') args.seconds = Number(process.argv[++i]);
  else throw new Error(`unknown argument ${process.argv[i]} (expected --seconds N, --json)`);
}
const AGENTS = 16;
const KEYS = 20;
const RUN = 'ingest-run';

/** Every agent's requests: job j's credential and its 20 sealed outputs (64-byte tokens). */
async function agentRequests(server) {
  const jobs = Array.from({ length: AGENTS }, (_, j) => ({ id: `job-${j}` }));
  const run = await internal(server, '/runs', { orgId: 'bench', runId: RUN, jobs });
  return Promise.all(
    jobs.map(async ({ id }) => {
      const { credential } = await internal(server, '/resolve', {
        orgId: 'bench',
        environment: 'ci',
        repository: 'bench/api',
        branch: 'main',
        trigger: 'push',
        runId: RUN,
        jobId: id,
        agentPublicKey: agentKey().publicKeyBase64,
      });
      return Array.from({ length: KEYS }, (_, k) => {
        const key = `TOKEN_${k}`;
        const envelope = sealOutput(run.publicKey, RUN, id, key, `t-${id}-${k}-${'z'.repeat(56)}`);
        return outputRequest(server, credential, RUN, id, key, envelope);
      });
    }),
  );
}

const rows = [];
for (const driver of testDrivers()) {
  const server = await startTestServer({ driver });
  try {
    const admin = createAdminClient({ baseUrl: server.url, token: server.token });
    await admin.environments.create('bench', { name: 'ci', scopes: ['pg:bench/ci'] });
    const agents = await agentRequests(server);
    // Request i: agent i mod 16, its next key; with 16 clients each agent keeps a client busy.
    const ingest = (i) => ({ ...agents[i % AGENTS][(i >> 4) % KEYS], group: 'ingest' });
    const readyz = { url: `${server.url}/readyz`, method: 'GET', headers: {}, group: 'readyz' };
    await warmUp([ingest]);
    for (const clients of [1, AGENTS]) {
      const floor = () => readyz;
      await load({ clients, seconds: 0.5, next: ingest });
      const measured = await load({ clients, seconds: args.seconds, next: ingest });
      const reference = await load({ clients, seconds: args.seconds, next: floor });
      rows.push({
        target: driver,
        clients,
        'outputs/s': measured.rps,
        'p50 ms': measured.p50,
        'p99 ms': measured.p99,
        'readyz req/s': reference.rps,
        'ingest/readyz': measured.rps / reference.rps,
        failures: measured.failures + reference.failures,
      });
    }
  } finally {
    await server.dispose();
  }
}

if (args.json) console.log(JSON.stringify({ node: process.version, rows }, null, 2));
else {
  console.log(
    `Output ingest — Node ${process.version}, ${args.seconds}s per case, ${AGENTS} agents with ${KEYS} keys each, sealed 64-byte tokens`,
  );
  printTable(rows);
}
