// Admin API throughput and latency: secret set and secret list at 1, 16 and 64 concurrent
// clients, on PGlite and PostgreSQL, beside a bare Hono route measured in the same run.
// Usage: npm run bench:admin-api -- [--seconds 3] [--json]
// PostgreSQL needs KICI_TEST_DATABASE_URL (an account that may create databases), e.g.
//   bash -c '. .ci/postgres.sh && npm run bench:admin-api'
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTestServer, testDrivers } from '@kici/server/testing';
import { cpuMeter } from './lib/cpu.mjs';
import { load, warmUp } from './lib/load.mjs';
import { printTable } from './lib/measure.mjs';

const args = { seconds: 3, json: false };
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--json') args.json = true;
  else if (process.argv[i] === '--seconds') args.seconds = Number(process.argv[++i]);
  else throw new Error(`unknown argument ${process.argv[i]} (expected --seconds N, --json)`);
}
const CLIENTS = [1, 16, 64];
const TARGET_MS = 10;
const KEYS = 50;

async function startBareHono() {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./lib/bare-hono.mjs', import.meta.url))],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise((resolve) => {
    child.stdout.on('data', (chunk) => {
      const match = /Listening on (\S+)/.exec(String(chunk));
      if (match) resolve(match[1]);
    });
  });
  return {
    url,
    pid: child.pid,
    stop: () => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM')),
  };
}

function requests(base, token, path) {
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  const unknownToken = { ...headers, authorization: `Bearer kici_${'0'.repeat(64)}` };
  const value = JSON.stringify({
    value: 'postgresql://bench:password@db:5432/app?sslmode=require',
  });
  return {
    set: (i) => ({ url: `${base}${path.set(i % KEYS)}`, method: 'PUT', headers, body: value }),
    list: () => ({ url: `${base}${path.list}`, method: 'GET', headers }),
    // The floor of any audited request: the token check, one audit row, a 401.
    ...(path.denied && {
      denied: () => ({ url: `${base}${path.denied}`, method: 'GET', headers: unknownToken }),
    }),
  };
}
const EXPECTED_STATUS = { denied: 401 };

const rows = [];
async function measure(name, build, serverPid) {
  await warmUp([build.set, build.list]);
  for (const op of Object.keys(build)) {
    const expectStatus = EXPECTED_STATUS[op] ?? 200;
    for (const clients of CLIENTS) {
      await load({ clients, seconds: 0.5, next: build[op], expectStatus }); // warm-up
      const stopMeter = cpuMeter(serverPid);
      const result = await load({ clients, seconds: args.seconds, next: build[op], expectStatus });
      const cpu = stopMeter(result.requests);
      rows.push({
        target: name,
        op,
        clients,
        'req/s': result.rps,
        'p50 ms': result.p50,
        'p99 ms': result.p99,
        failures: result.failures,
        'server ms/req': cpu.serverMsPerRequest,
        'server %': cpu.server,
        'pg %': cpu.postgres,
        'bench %': cpu.bench,
        'idle %': cpu.idle,
        'steal %': cpu.steal,
      });
    }
  }
}

const bare = await startBareHono();
await measure(
  'bare hono',
  requests(bare.url, 'none', { set: () => '/bare', list: '/bare' }),
  bare.pid,
);
await bare.stop();

for (const driver of testDrivers()) {
  const server = await startTestServer({ driver });
  const admin = {
    set: (i) => `/api/v1/admin/secrets/bench/pg%3Abench/KEY_${i}`,
    list: '/api/v1/admin/secrets/keys?orgId=bench&scope=pg%3Abench',
    denied: '/api/v1/admin/secrets/keys?orgId=bench&scope=pg%3Abench',
  };
  const build = requests(server.url, server.token, admin);
  for (let i = 0; i < KEYS; i++) {
    const { url, ...init } = build.set(i);
    const response = await fetch(url, init);
    if (!response.ok)
      throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
  }
  await measure(driver, build, server.process.pid);
  await server.dispose();
}

const postgres = rows.filter(
  (r) => r.target === 'postgres' && r.clients === 16 && r.op !== 'denied',
);
const verdict = postgres.length
  ? {
      target: `p99 < ${TARGET_MS} ms at 16 clients on PostgreSQL (set and list)`,
      met: postgres.every((r) => r['p99 ms'] < TARGET_MS),
    }
  : { target: 'PostgreSQL not measured: set KICI_TEST_DATABASE_URL', met: false };
if (args.json)
  console.log(
    JSON.stringify({ node: process.version, seconds: args.seconds, rows, verdict }, null, 2),
  );
else {
  console.log(
    `Admin API benchmark — Node ${process.version}, ${args.seconds}s per case, closed-loop keep-alive clients`,
  );
  console.log(
    'Each PUT sets one of 50 keys (an upsert, an audit row, a seal); each GET lists those 50 keys;',
  );
  console.log(
    'each denied GET presents an unknown token (a 401 and its audit row: the floor of an audited request).',
  );
  console.log(
    'CPU columns: the server process, PostgreSQL and this load generator in % of one core; idle and steal in % of the machine.\n',
  );
  printTable(rows);
  console.log(`\n${verdict.met ? 'MET' : 'MISSED'}: ${verdict.target}`);
}
