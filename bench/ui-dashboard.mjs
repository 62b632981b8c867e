// The web dashboard on the embedded default (PGlite): the first-load transfer size of the
// secrets page and its two assets (raw and gzip), time to interactive in headless Chromium,
// and the secrets page for an org with 1,000 scopes across 3 backends (pg plus two Vault
// backends on the tests-e2e Vault test server), server render and browser load, beside the
// same page with 10 scopes on one backend and GET /readyz, all measured in the same run.
// Usage: npm run bench:ui -- [--samples 15] [--scopes 1000] [--json]
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { createAdminClient } from '@kici/contracts';
import { startTestServer } from '@kici/server/testing';
import { printTable } from './lib/measure.mjs';
import { startVault } from './lib/vault.mjs';

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

/**
 * Median time of each GET (request to last byte, keep-alive, sequential), the cases
 * alternating request by request so that the machine's noise lands on all of them alike.
 */
async function serverMs(cases) {
  const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let i = 0; i < args.samples + 3; i++) {
    for (const [name, { url, headers }] of Object.entries(cases)) {
      const started = performance.now();
      const response = await fetch(url, { headers });
      const body = await response.arrayBuffer();
      if (!response.ok || body.byteLength === 0) throw new Error(`${url}: ${response.status}`);
      if (i >= 3) times[name].push(performance.now() - started); // three warm-up rounds
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)]));
}

/** Median browser figures of loading each page in a fresh context (no cache), alternating. */
async function browserMs(browser, pages) {
  const samples = pages.map(() => ({ dcl: [], load: [] }));
  for (let i = 0; i < args.samples + 2; i++) {
    for (const [k, { url, cookie }] of pages.entries()) {
      const [name, value] = cookie.split('=');
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
        samples[k].dcl.push(nav.dcl);
        samples[k].load.push(nav.load);
      }
      await context.close();
    }
  }
  return samples.map((s) => ({ dcl: median(s.dcl), load: median(s.load) }));
}

const vault = await startVault();
const server = await startTestServer({
  driver: 'pglite',
  env: { KICI_BACKEND_SYNC_TICK_MS: '3600000' },
});
const admin = createAdminClient({ baseUrl: server.url, token: server.token, timeoutMs: 300_000 });
const cookie = await sessionCookie(server, admin);
const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

// The baseline: a second server whose org has 10 pg scopes and no registered backend.
const baseline = await startTestServer({ driver: 'pglite' });
const baseAdmin = createAdminClient({ baseUrl: baseline.url, token: baseline.token });
const baseCookie = await sessionCookie(baseline, baseAdmin);
for (let i = 0; i < 10; i++) await baseAdmin.secrets.set('small', `pg:svc-${i}/prod`, 'K', 'v');
const page = (org, path = 'secrets', base = server) => `${base.url}/ui/${path}?org=${org}`;

// First load: the page and the two assets it links, as sent and as gzip would carry them.
const smallPage = page('small', 'secrets', baseline);
const gz = await fetch(smallPage, { headers: { cookie: baseCookie, 'accept-encoding': 'gzip' } });
const compressed = gz.headers.get('content-encoding');
await gz.arrayBuffer();
async function transfer(url, cookie) {
  const { origin } = new URL(url);
  const parts = [url, `${origin}/ui/assets/app.css`, `${origin}/ui/assets/app.js`];
  let raw = 0;
  let gzip = 0;
  for (const url of parts) {
    const body = Buffer.from(await (await fetch(url, { headers: { cookie } })).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  return { raw, gzip };
}
const smallBytes = await transfer(smallPage, baseCookie);

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

const pages = {
  [`secrets, ${args.scopes} scopes, 3 backends`]: { url: page('big'), cookie },
  'secrets, 10 scopes, 1 backend (baseline server)': { url: smallPage, cookie: baseCookie },
  'diagnostics, 3 backends': { url: page('big', 'diagnostics'), cookie },
};
const bearer = { authorization: `Bearer ${server.token}` };
const server_ = await serverMs({
  readyz: { url: `${server.url}/readyz`, headers: {} },
  ...Object.fromEntries(
    Object.entries(pages).map(([k, p]) => [k, { url: p.url, headers: { cookie: p.cookie } }]),
  ),
  // What one backends.discovered() costs (token check, authorize, one query, one audit row)
  // against the floor of an authenticated API call (whoami: token check only).
  discovered: { url: `${server.url}/api/v1/admin/backends/vault-a/scopes`, headers: bearer },
  whoami: { url: `${server.url}/api/v1/admin/whoami`, headers: bearer },
});
const inBrowser = await browserMs(browser, Object.values(pages));
const rows = [];
for (const [k, [label, p]] of Object.entries(pages).entries()) {
  const bytes = await transfer(p.url, p.cookie);
  rows.push({
    page: label,
    'HTML+assets KB': bytes.raw / 1024,
    'gzip KB': bytes.gzip / 1024,
    'server ms': server_[label],
    '× readyz': server_[label] / server_.readyz,
    'DOMContentLoaded ms': inBrowser[k].dcl,
    'load ms': inBrowser[k].load,
  });
}
const readyz = server_.readyz;
const discoveredMs = server_.discovered - server_.whoami;

await browser.close();
await server.dispose();
await baseline.dispose();
await vault.stop();

const [big, small] = rows;
const result = {
  node: process.version,
  samples: args.samples,
  compressed: compressed ?? 'no',
  firstLoad: { rawKB: smallBytes.raw / 1024, gzipKB: smallBytes.gzip / 1024 },
  readyzMs: readyz,
  discoveredMs,
  rows,
  ratios: {
    bigOverSmallServer: big['server ms'] / small['server ms'],
    bigOverSmallLoad: big['load ms'] / small['load ms'],
  },
  verdict: {
    target: `first load (secrets page + assets) under ${TARGET_GZIP_KB} KB gzip`,
    met: smallBytes.gzip / 1024 < TARGET_GZIP_KB && big['gzip KB'] < TARGET_GZIP_KB,
  },
};
const f = (n) => n.toFixed(2);
if (args.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(
    `Dashboard benchmark — Node ${process.version}, PGlite, headless Chromium, median of ${args.samples}, cases alternating`,
  );
  console.log(
    `Server compresses responses: ${result.compressed} (gzip KB: what a client would get gzipped).`,
  );
  console.log(
    `First load (10-scope secrets page, app.css, app.js): ${f(result.firstLoad.rawKB)} KB, ${f(result.firstLoad.gzipKB)} KB gzip.`,
  );
  console.log(
    `GET /readyz ${f(readyz)} ms; one backends.discovered() (API /backends/:name/scopes minus /whoami) ${f(discoveredMs)} ms.\n`,
  );
  printTable(rows);
  console.log(
    `\n${args.scopes} vs 10 scopes: server ${result.ratios.bigOverSmallServer.toFixed(1)}×, browser load ${result.ratios.bigOverSmallLoad.toFixed(1)}×`,
  );
  console.log(`${result.verdict.met ? 'MET' : 'MISSED'}: ${result.verdict.target}`);
}
