// The SDK's example extension (packages/sdk/examples/mailer.mjs) as a real process: it verifies
// each signed delivery with @kici/sdk/extension and lists what its handler saw at GET /seen.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const MAILER = fileURLToPath(
  new URL('../../packages/sdk/examples/mailer.mjs', import.meta.url),
);

/** One handled delivery, as the mailer's GET /seen reports it (see the top of mailer.mjs). */
export interface Seen {
  readonly kind: 'invocation' | 'rotation';
  readonly delivery_id: string;
  readonly attempt: number;
  readonly event_type: string;
  readonly installation: Record<string, unknown>;
  readonly smtp_host: string | null;
  readonly smtp_host_scope: { scope: string; id: string } | null;
  readonly smtp_host_backend: string | null;
  readonly missing: string[];
  readonly smtp_password_from_env: boolean;
  readonly smtp_password_present: boolean;
  readonly client: { generation: number; password_sha256: string } | null;
  readonly rotated_keys: string[] | null;
  readonly log_line: string;
}

export interface Mailer {
  readonly port: number;
  /** The callback URL of a manifest. */
  readonly url: string;
  seen(): Promise<Seen[]>;
  /** Resolves with the record of `deliveryId` once the mailer has handled it. */
  waitFor(deliveryId: string, timeoutMs?: number): Promise<Seen>;
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts the mailer with `env` (KIKET_SIGNING_SECRET, the fallbacks; PORT to reuse one). */
export async function startMailer(env: Record<string, string>): Promise<Mailer> {
  const child = spawn(process.execPath, [MAILER], {
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
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the mailer did not start:\n${output}`));
    }, 30_000);
    child.stdout.on('data', () => {
      const match = /^listening on (\d+)$/m.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the mailer exited with ${code}:\n${output}`));
    });
  });
  const base = `http://127.0.0.1:${port}`;
  const seen = async () => (await (await fetch(`${base}/seen`)).json()) as Seen[];
  return {
    port,
    url: `${base}/kiket/events`,
    seen,
    async waitFor(deliveryId, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (await seen()).find((record) => record.delivery_id === deliveryId);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`the mailer never saw ${deliveryId}:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
