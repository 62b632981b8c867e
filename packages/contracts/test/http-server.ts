import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  /** The raw request target, percent-encoding as sent. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface CannedReply {
  readonly status?: number;
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as is, instead of json. */
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Never answer (the client must time out). */
  readonly hang?: boolean;
}

export interface TestServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** The reply to the next requests. */
  reply(next: CannedReply): void;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that records requests and answers canned replies. */
export async function startTestServer(): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  let canned: CannedReply = { json: {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (canned.hang) return;
      const text = canned.text ?? JSON.stringify(canned.json);
      res.writeHead(canned.status ?? 200, {
        'content-type': canned.text === undefined ? 'application/json' : 'text/plain',
        ...canned.headers,
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply(next) {
      canned = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
