// A real node:http receiver of deliveries for the tests: records every request (headers and
// raw body) and answers with the status the test asks for next (200 by default).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  // biome-ignore lint/suspicious/noExplicitAny: each test reads its own fields
  readonly json: any;
}

export interface Receiver {
  readonly url: string;
  readonly requests: Received[];
  /** The statuses of the next answers, in order; then 200 again. */
  answerWith(...statuses: number[]): void;
  /** Holds every answer until the returned function is called (a slow receiver). */
  hold(): () => void;
  /** Resolves with the n-th request (1-based) once it has arrived. */
  nth(n: number, timeoutMs?: number): Promise<Received>;
  close(): Promise<void>;
}

export async function startReceiver(path = '/kiket/events'): Promise<Receiver> {
  const requests: Received[] = [];
  const statuses: number[] = [];
  const waiters: (() => void)[] = [];
  let held: Promise<void> = Promise.resolve();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      requests.push({ headers: req.headers, body, json });
      for (const wake of waiters.splice(0)) wake();
      await held;
      const status = req.url === path ? (statuses.shift() ?? 200) : 404;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: status < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    answerWith: (...next) => statuses.push(...next),
    hold() {
      let release = () => {};
      held = new Promise<void>((resolve) => {
        release = resolve;
      });
      return () => {
        release();
        held = Promise.resolve();
      };
    },
    async nth(n, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < n) {
        if (Date.now() > deadline) throw new Error(`request ${n} did not arrive`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return requests[n - 1] as Received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
