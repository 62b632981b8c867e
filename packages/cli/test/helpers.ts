import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built bin, run as a user runs it. */
export const BIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
/**
 * As the bins' shebang (`node --`): Node 20 would take an `--env-file` after the script as its
 * own option.
 */
const NODE_ARGS = ['--'];
/** The built `kiket` bin. */
export const KIKET_BIN = fileURLToPath(new URL('../dist/kiket.js', import.meta.url));

export interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Connection {
  readonly url: string;
  readonly token: string;
}

export interface RunOptions {
  /** Extra environment; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Written to stdin, which is then closed (stdin is always a pipe, never a TTY). */
  readonly input?: string | Buffer;
  /** The working directory (relative paths such as `--env-file .env.x`). */
  readonly cwd?: string;
}

function environment(connection: Connection | undefined, extra: RunOptions['env'] = {}) {
  // Not the parent's environment: a stray KICI_* variable must not change what is tested.
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', SHELL: '/bin/sh' };
  if (connection) {
    env.KICI_ADMIN_URL = connection.url;
    env.KICI_ADMIN_TOKEN = connection.token;
  }
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

function collect(child: ReturnType<typeof spawn>): Promise<Result> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `kici-admin <args>` as a child process against `connection` (KICI_ADMIN_URL/TOKEN). */
export function kiciAdmin(
  connection: Connection | undefined,
  args: readonly string[],
  options: RunOptions = {},
  bin: string = BIN,
): Promise<Result> {
  const child = spawn(process.execPath, [...NODE_ARGS, bin, ...args], {
    env: environment(connection, options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  const done = collect(child);
  child.stdin?.end(options.input ?? '');
  return done;
}

/** A runner bound to one server. */
export function cli(connection: Connection) {
  return (args: readonly string[], options?: RunOptions) => kiciAdmin(connection, args, options);
}

/** `kiket <args>` as a child process against `connection`. */
export const kiket = (
  connection: Connection | undefined,
  args: readonly string[],
  options: RunOptions = {},
) => kiciAdmin(connection, args, options, KIKET_BIN);

const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * `kici-admin <args>` on a pseudo-terminal (util-linux `script`), answering the prompt with
 * `answer` + Enter once `promptText` shows. The answer goes through the terminal, never argv.
 */
export function kiciAdminOnTty(
  connection: Connection,
  args: readonly string[],
  promptText: string,
  answer: string,
  env: RunOptions['env'] = {},
  bin: string = BIN,
): Promise<Result & { readonly prompted: boolean }> {
  // A pty made by script has no size; clack would wrap its prompt at every character.
  const command = `stty cols 200 rows 50; exec ${[process.execPath, ...NODE_ARGS, bin, ...args].map(quote).join(' ')}`;
  const child = spawn('script', ['-qefc', command, '/dev/null'], {
    env: environment(connection, env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let prompted = false;
  let seen = '';
  child.stdout?.on('data', (chunk: Buffer | string) => {
    seen += String(chunk);
    if (!prompted && seen.includes(promptText)) {
      prompted = true;
      child.stdin?.write(`${answer}\r`);
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return collect(child).then((result) => {
    clearTimeout(timer);
    child.stdin?.end();
    return { ...result, prompted };
  });
}

/** Parses stdout as the one JSON document it must be. */
export function json<T = Record<string, unknown>>(result: Result): T {
  return JSON.parse(result.stdout) as T;
}
