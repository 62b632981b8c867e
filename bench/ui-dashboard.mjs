// The web dashboard on the embedded default (PGlite): the first-load transfer size of the
// secrets page and its two assets (raw and gzip), time to interactive in headless Chromium,
// and the secrets page for an org with 1,000 scopes across 3 backends (pg plus two Vault
// backends on the tests-e2e Vault test server), server render and browser load, beside the
// same page with 10 scopes on one backend and GET /readyz, all measured in the same run.
// Usage: npm run bench:ui -- [--samples 15] [--scopes 1000] [--json]
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createAdminClient } from '@kici/contracts';
import { startTestServer } from '@kici/server/testing';
import { printTable } from './lib/measure.mjs';

const args = { samples: 15, scopes: 1000, json: false };
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (arg === '--json') args.json = true;
  else if (arg === '--samples') args.samples = Number(process.argv[++i]);
  else if (arg === '--scopes') args.scopes = Number(process.argv[++i]);
  else throw new Error(`unknown argument ${arg} (expected --samples N, --scopes N, --json)`);
}
const TARGET_GZIP_KB = 200;
const CHROMIUM = process.env.KICI_CHROMIUM ?? '/usr/bin/chromium';
// puppeteer-core is the server's test dependency (the dashboard's browser tests use it).
const serverRequire = createRequire(new URL('../packages/server/package.json', import.meta.url));
const { default: puppeteer } = await import(serverRequire.resolve('puppeteer-core'));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** The Vault-compatible test server of tests-e2e, as a process. */
async function startVault() {
  const rootToken = 'hvs.bench-root-token';
  const main = fileURLToPath(new URL('../tests-e2e/vault-test-server/main.mjs', import.meta.url));
  const child = spawn(process.execPath, [main, '--port', '0', '--root-token', rootToken], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [url, controlUrl] = await new Promise((resolve) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (\S+) control (\S+)/.exec(output);
      if (match) resolve([match[1], match[2]]);
    });
  });
  const control = async (command) => {
    const response = await fetch(`${controlUrl}/__control`, {
      method: 'POST',
      body: JSON.stringify(command),
      headers: { 'content-type': 'application/json' },
    });
    if (!response.ok) throw new Error(`control ${command.op}: ${response.status}`);
    return response.json();
  };
  return {
    url,
    rootToken,
    control,
    stop: () => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM')),
  };
}

/** Signs in through the form as a browser would; answers the session cookie. */
async function sessionCookie(server, admin) {
  const { token } = await admin.tokens.create({
    label: 'bench',
    role: 'owner',
    surface: 'dashboard',
  });
  const response = await fetch(`${server.url}/ui/sign-in`, {
    method: 'POST',
    body: new URLSearchParams({ token }),
    redirect: 'manual',
  });
  const cookie = /kici_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie;
}

/** Median server time of a GET (first byte to last, keep-alive, sequential), in ms. */
async function serverMs(url, headers) {
  const times = [];
  for (let i = 0; i < args.samples + 3; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    const body = await response.arrayBuffer();
    if (!response.ok || body.byteLength === 0) throw new Error(`${url}: ${response.status}`);
    if (i >= 3) times.push(performance.now() - started); // three warm-up requests
  }
  return median(times);
}

/** Median browser figures of loading `url` in a fresh tab (no cache), in ms. */
async function browserMs(browser, url, cookie) {
  const [name, value] = cookie.split('=');
  const samples = { dcl: [], load: [] };
  for (let i = 0; i < args.samples + 2; i++) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setCookie({ name, value, url });
    await page.goto(url, { waitUntil: 'load' });
    // A module script runs before DOMContentLoaded: at that point the page is interactive.
    const nav = await page.evaluate(() => {
      const [entry] = performance.getEntriesByType('navigation');
      return { dcl: entry.domContentLoadedEventEnd, load: entry.loadEventEnd };
    });
    if (i >= 2) {
      samples.dcl.push(nav.dcl);
      samples.load.push(nav.load);
    }
    await context.close();
  }
  return { dcl: median(samples.dcl), load: median(samples.load) };
}

const vault = await startVault();
const server = await startTestServer({
  driver: 'pglite',
  env: { KICI_BACKEND_SYNC_TICK_MS: '3600000' },
});
const admin = createAdminClient({ baseUrl: server.url, token: server.token, timeoutMs: 300_000 });
const cookie = await sessionCookie(server, admin);
const headers = { cookie };
const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

// The small org: 10 pg scopes, no registered backend yet.
for (let i = 0; i < 10; i++) await admin.secrets.set('small', `pg:svc-${i}/prod`, 'K', 'v');
const page = (org, path = 'secrets') => `${server.url}/ui/${path}?org=${org}`;

// First load: the page and the two assets it links, as sent and as gzip would carry them.
const gz = await fetch(page('small'), { headers: { ...headers, 'accept-encoding': 'gzip' } });
const compressed = gz.headers.get('content-encoding');
await gz.arrayBuffer();
async function transfer(url) {
  const parts = [url, `${server.url}/ui/assets/app.css`, `${server.url}/ui/assets/app.js`];
  let raw = 0;
  let gzip = 0;
  for (const url of parts) {
    const body = Buffer.from(await (await fetch(url, { headers })).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  return { raw, gzip };
}
const rows = [];
const measurePage = async (label, url) => {
  const bytes = await transfer(url);
  const render = await serverMs(url, headers);
  const inBrowser = await browserMs(browser, url, cookie);
  rows.push({
    page: label,
    'HTML+assets KB': bytes.raw / 1024,
    'gzip KB': bytes.gzip / 1024,
    'server ms': render,
    'DOMContentLoaded ms': inBrowser.dcl,
    'load ms': inBrowser.load,
  });
};
const readyz = await serverMs(`${server.url}/readyz`, {});
const signInPage = await serverMs(`${server.url}/ui/sign-in`, {});
await measurePage('secrets, 10 scopes, 1 backend', page('small'));

// The big org: a third of the scopes in pg, the rest discovered on two Vault backends.
const perBackend = Math.floor(args.scopes / 3);
const pgScopes = args.scopes - 2 * perBackend;
for (let i = 0; i < pgScopes; i++)
  await admin.secrets.set('big', `pg:team-${i % 20}/svc-${i}`, 'K', 'v');
for (const base of ['a', 'b']) {
  const secrets = Array.from({ length: perBackend }, (_, i) => ({
    path: `kici/${base}/team-${i % 20}/svc-${i}`,
    data: { K: 'v' },
  }));
  await vault.control({ op: 'write-many', secrets });
  await admin.backends.add({
    name: `vault-${base}`,
    backendType: 'vault',
    config: {
      url: vault.url,
      authMethod: 'token',
      token: vault.rootToken,
      basePath: `kici/${base}`,
    },
  });
}
const synced = (await admin.backends.sync()).results;
const total = pgScopes + synced.reduce((sum, r) => sum + r.discovered, 0);
if (total !== args.scopes) throw new Error(`seeded ${total} scopes, expected ${args.scopes}`);
await measurePage(`secrets, ${args.scopes} scopes, 3 backends`, page('big'));
// Where the time goes: one backend's discovered scopes (one query, one audit row) on its own.
const discoveredMs = await serverMs(`${server.url}/api/v1/admin/backends/vault-a/scopes`, {
  authorization: `Bearer ${server.token}`,
});
await measurePage('diagnostics, 3 backends', page('big', 'diagnostics'));

await browser.close();
await server.dispose();
await vault.stop();

const [small, big] = rows;
const result = {
  node: process.version,
  samples: args.samples,
  compressed: compressed ?? 'no',
  readyzMs: readyz,
  signInMs: signInPage,
  discoveredMs,
  rows,
  ratios: {
    bigOverSmallServer: big['server ms'] / small['server ms'],
    bigOverReadyz: big['server ms'] / readyz,
    bigOverSmallLoad: big['load ms'] / small['load ms'],
  },
  verdict: {
    target: `first load (secrets page + assets) under ${TARGET_GZIP_KB} KB gzip`,
    met: small['gzip KB'] < TARGET_GZIP_KB,
  },
};
if (args.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(
    `Dashboard benchmark — Node ${process.version}, PGlite, headless Chromium, median of ${args.samples}`,
  );
  console.log(
    `Server compresses responses: ${result.compressed} (gzip KB is the page and assets gzipped as a client would get them).`,
  );
  console.log(
    `Floors: GET /readyz ${readyz.toFixed(2)} ms, GET /ui/sign-in ${signInPage.toFixed(2)} ms; one backend's discovered scopes via the API ${discoveredMs.toFixed(2)} ms.\n`,
  );
  printTable(rows);
  console.log(
    `\n${args.scopes} vs 10 scopes: server ${result.ratios.bigOverSmallServer.toFixed(1)}×, browser load ${result.ratios.bigOverSmallLoad.toFixed(1)}×; ${args.scopes} scopes vs /readyz: ${result.ratios.bigOverReadyz.toFixed(1)}×`,
  );
  console.log(`${result.verdict.met ? 'MET' : 'MISSED'}: ${result.verdict.target}`);
}
