// The built command lines (`kici-admin`, `kiket`) as real processes, for the e2e tests that
// drive a server through them. Every output is kept, so that a test can check no value leaked.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const cliDir = dirname(createRequire(import.meta.url).resolve('@kici/cli/package.json'));
export const CLI_BINS = {
  'kici-admin': join(cliDir, 'dist/main.js'),
  kiket: join(cliDir, 'dist/kiket.js'),
};

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A runner of one CLI bin with only PATH and `env()` set (read at each call: a server may
 * start after the runner is made); `--` keeps node from taking flags such as --env-file.
 */
export function cliRunner(
  bin: keyof typeof CLI_BINS,
  env: () => Record<string, string>,
  outputs: string[],
  cwd?: () => string,
) {
  return (...args: string[]) =>
    new Promise<CliRun>((resolve) => {
      const child = spawn(process.execPath, ['--', CLI_BINS[bin], ...args], {
        ...(cwd ? { cwd: cwd() } : {}),
        env: { PATH: process.env.PATH ?? '', ...env() },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      child.once('close', (code) => {
        outputs.push(stdout, stderr);
        resolve({ code, stdout, stderr });
      });
    });
}
