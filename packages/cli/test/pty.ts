import { spawn } from 'node:child_process';
import { BIN, type Connection, type Result } from './helpers.js';

const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

export interface TtyRun {
  /** Written to the terminal once `when` shows in the output (e.g. `\x03` for Ctrl-C). */
  readonly keys?: { readonly when: string; readonly send: string };
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * `kici-admin <args>` with stdin, stdout and stderr on one pseudo-terminal (util-linux
 * `script`); the output is what the terminal showed, both streams mixed.
 */
export function onTty(
  connection: Connection,
  args: readonly string[],
  { keys, env = {} }: TtyRun = {},
): Promise<Result> {
  const command = `stty cols 200 rows 50; exec ${[process.execPath, BIN, ...args].map(quote).join(' ')}`;
  const child = spawn('script', ['-qefc', command, '/dev/null'], {
    env: {
      PATH: process.env.PATH ?? '',
      SHELL: '/bin/sh',
      KICI_ADMIN_URL: connection.url,
      KICI_ADMIN_TOKEN: connection.token,
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (keys && !sent && stdout.includes(keys.when)) {
      sent = true;
      child.stdin.write(keys.send);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
