import type { Readable, Writable } from 'node:stream';

/** The process surface a command may touch; `runCli` takes it so that it can be embedded. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: Readable & { readonly isTTY?: boolean };
  readonly stdout: Writable;
  /** isTTY: a spinner is drawn only on a terminal. */
  readonly stderr: Writable & { readonly isTTY?: boolean };
}

export function processIo(): CliIo {
  return { env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}
