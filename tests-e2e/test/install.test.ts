// Installable outside the repository: `npm pack` of @kici/server and @kici/cli, then
// `npm install -g --prefix <tmp>` of the two tarballs (third-party packages from the npm
// registry), then the installed bins run from a directory outside the repository: their
// --version / --help, and kici-server serving /readyz to an installed kici-admin and the web
// dashboard (@kici/dashboard, bundled into its bin) under /ui.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListening } from './processes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
function packInto(dir: string, pkg: string): string {
  // As the issue and the READMEs spell it: npm pack in the package's folder.
  execFileSync('npm', ['pack', '--pack-destination', dir], {
    cwd: join(ROOT, 'packages', pkg),
    stdio: 'pipe',
  });
  const name = readdirSync(dir).find((file) => file.startsWith(`kici-${pkg}-`));
  if (!name) throw new Error(`npm pack of packages/${pkg} wrote no tarball into ${dir}`);
  return join(dir, name);
}

describe('the packed @kici/server and @kici/cli, installed with npm install -g', () => {
  let dir: string;
  let prefix: string;
  const bin = (name: string) => join(prefix, 'bin', name);
  const installed = (pkg: string) => join(prefix, 'lib', 'node_modules', '@kici', pkg);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kici-install-'));
    prefix = join(dir, 'prefix');
    const tarballs = [packInto(dir, 'server'), packInto(dir, 'cli')];
    execFileSync(
      'npm',
      [
        'install',
        '-g',
        '--prefix',
        prefix,
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        ...tarballs,
      ],
      { cwd: dir, stdio: 'pipe' },
    );
  }, 150_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('installs no workspace package but the two, and names only registry dependencies', () => {
    expect(readdirSync(join(prefix, 'lib', 'node_modules', '@kici')).sort()).toEqual([
      'cli',
      'server',
    ]);
    for (const pkg of ['server', 'cli']) {
      // The workspace packages are devDependencies (bundled into the bin), never installed.
      const { dependencies } = JSON.parse(
        readFileSync(join(installed(pkg), 'package.json'), 'utf8'),
      ) as { dependencies: Record<string, string> };
      expect(Object.entries(dependencies)).not.toContainEqual([
        expect.stringMatching(/^@kici\//),
        expect.anything(),
      ]);
      expect(Object.values(dependencies)).not.toContainEqual(expect.stringMatching(/^workspace:/));
    }
    // postgres is bundled with the repository's patch (patches/postgres@3.4.9.patch).
    const serverBin = readFileSync(join(installed('server'), 'dist', 'main.js'), 'utf8');
    // (The bundler may rename the patch's locals, e.g. `at2`, when a module of ours shares them.)
    expect(serverBin).toMatch(/const at\d* = xs\.indexOf\(x, index\d*\)/);
    expect(existsSync(join(installed('server'), 'drizzle', 'meta', '_journal.json'))).toBe(true);
  });

  it('kici-admin and kiket --version, kici-server --version / --help answer, from outside the repository', () => {
    const run = (name: string, ...args: string[]) =>
      spawnSync(bin(name), args, { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    const admin = run('kici-admin', '--version');
    expect(admin.status).toBe(0);
    expect(admin.stdout).toContain(manifest('packages/cli/package.json').version);
    const kiket = run('kiket', '--version');
    expect([kiket.status, kiket.stdout]).toEqual([0, expect.stringMatching(/^kiket\//)]);
    // Through its shebang (`node --`), an --env-file is kiket's, not Node 20's own option.
    const envFile = run(
      'kiket',
      'extensions',
      'secrets',
      'set',
      '--scope',
      'organization',
      '--org',
      'acme',
      '--env-file',
      '.env.absent',
    );
    expect(envFile.stderr).toMatch(/^Error: (--env-file: cannot read|no admin API URL)/);
    const version = run('kici-server', '--version');
    expect([version.status, version.stdout.trim()]).toEqual([
      0,
      manifest('packages/server/package.json').version,
    ]);
    const help = run('kici-server', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: kici-server');
    expect(help.stdout).toContain('KICI_SECRET_KEY_FILE');
  });

  it('kici-server starts on a fresh data directory, /readyz and /ui answer, kici-admin talks to it', async () => {
    const dataDir = join(dir, 'data', '.kici');
    const token = `kici_install_${'7'.repeat(40)}`;
    const server = await startListening(bin('kici-server'), [], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: '0',
        KICI_DATA_DIR: dataDir,
        KICI_SECRET_KEY: 'c3'.repeat(32),
        KICI_BOOTSTRAP_ADMIN_TOKEN: token,
      },
      timeoutMs: 90_000,
    });
    try {
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      const signIn = await fetch(`${server.url}/ui/sign-in`);
      expect(signIn.status).toBe(200);
      expect(signIn.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await signIn.text()).toContain('Dashboard token');
      const script = await fetch(`${server.url}/ui/assets/app.js`);
      expect([script.status, script.headers.get('content-type')]).toEqual([
        200,
        'text/javascript; charset=utf-8',
      ]);
      const list = spawnSync(bin('kici-admin'), ['token', 'list', '--json'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 30_000,
        env: { PATH: process.env.PATH ?? '', KICI_ADMIN_URL: server.url, KICI_ADMIN_TOKEN: token },
      });
      expect([list.status, list.stderr]).toEqual([0, '']);
      expect(() => JSON.parse(list.stdout)).not.toThrow();
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);
});
