#!/usr/bin/env node
// Runs a root task on a machine that may have only Node and npm (`npm start`, `npm test`,
// `npm run bench:crypto`):
// uses pnpm when the pinned major is installed, otherwise fetches the pinned pnpm through
// npx; installs the workspace; then runs `pnpm run <task>`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [task, ...taskArgs] = process.argv.slice(2);
if (!task) {
  console.error('usage: node scripts/bootstrap.mjs <root script> [arguments for it]');
  process.exit(2);
}

const root = new URL('..', import.meta.url);
const { packageManager } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const pinned = packageManager.split('+')[0]; // "pnpm@10.34.8"
const pinnedMajor = pinned.split('@')[1].split('.')[0];
const windows = process.platform === 'win32';
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', shell: windows });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function installedPnpmMajor() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: windows });
  return probe.status === 0 ? probe.stdout.trim().split('.')[0] : undefined;
}

const pnpm = installedPnpmMajor() === pinnedMajor ? ['pnpm'] : ['npx', '--yes', pinned];
if (pnpm[0] === 'npx') console.log(`> pnpm ${pinnedMajor} not found; using ${pinned} through npx`);

const install = [
  ...pnpm.slice(1),
  'install',
  process.env.CI ? '--frozen-lockfile' : '--prefer-offline',
];
const installed = run(pnpm[0], install);
if (installed !== 0) process.exit(installed);
process.exit(run(pnpm[0], [...pnpm.slice(1), 'run', task, ...taskArgs]));
