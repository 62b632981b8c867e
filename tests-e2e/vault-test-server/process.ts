/**
 * What every test server of this folder shares (the Vault- and GSM-compatible ones): a real
 * process on 127.0.0.1, awaited until it prints `listening on <url> control <url>`, its
 * output kept for failures, and its control API.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export type ControlCommand = { readonly op: string } & Record<string, unknown>;

export interface TestServerProcess {
  readonly url: string;
  readonly controlUrl: string;
  readonly process: ChildProcess;
  /** POSTs a command to the control API; rejects with the server's error. */
  control(command: ControlCommand): Promise<Record<string, unknown>>;
  /** Everything the process printed (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** Runs `node <args>` (`name` is what errors call it) with only PATH and `env` set. */
export async function spawnTestServer(
  name: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<TestServerProcess> {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const [url, controlUrl] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 30_000);
    child.stdout.on('data', () => {
      const match = /listening on (\S+) control (\S+)/.exec(output);
      if (match?.[1] && match[2]) {
        clearTimeout(timer);
        resolve([match[1], match[2]]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${name} exited:\n${output}`));
    });
  });

  return {
    url,
    controlUrl,
    process: child,
    async control(command) {
      const response = await fetch(`${controlUrl}/__control`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(command),
      });
      const body = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new Error(`control ${command.op}: ${JSON.stringify(body)}`);
      return body;
    },
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
