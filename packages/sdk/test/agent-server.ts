import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jobOutputAad } from '@kici/crypto';
import { generateRunKeyPair, openForRun } from '@kici/crypto/node';

export interface Received {
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  /** The value, opened with the run's private key and the AAD of the path; or the failure. */
  readonly opened?: string;
  readonly openError?: string | undefined;
}

export interface Reply {
  readonly status: number;
  readonly json?: unknown;
  readonly headers?: Record<string, string>;
}

/**
 * A stand-in for the orchestrator's agent route on 127.0.0.1: opens each envelope with the
 * run's private key and the AAD its path names (run, job, key), as the real one does, and
 * answers the queued replies first, then 200.
 */
export async function startAgentServer(credential: string) {
  const run = generateRunKeyPair();
  const received: Received[] = [];
  const queue: Reply[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '';
      const match = /^\/agent\/v1\/runs\/([^/]+)\/jobs\/([^/]+)\/outputs\/([^/]+)$/.exec(path);
      let opened: string | undefined;
      let openError: string | undefined;
      try {
        const [, runId, jobId, key] = (match ?? []).map((part) => decodeURIComponent(part));
        const envelope = Buffer.from(JSON.parse(body).envelope, 'base64');
        const aad = jobOutputAad(runId ?? '', jobId ?? '', key ?? '');
        opened = new TextDecoder().decode(openForRun(run.privateKey, envelope, aad));
      } catch (error) {
        openError = (error as Error).message;
      }
      received.push({
        path,
        headers: req.headers,
        body,
        ...(opened === undefined ? { openError } : { opened }),
      });
      const reply = queue.shift() ?? defaultReply(req.headers.authorization, match, opened);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.json ?? {}));
    });
  });

  function defaultReply(
    authorization: string | undefined,
    match: RegExpExecArray | null,
    opened: string | undefined,
  ): Reply {
    if (authorization !== `Bearer ${credential}`) {
      return { status: 401, json: { error: { code: 'unauthorized', message: 'Invalid token' } } };
    }
    if (!match || opened === undefined) {
      return {
        status: 400,
        json: {
          error: {
            code: 'invalid_input',
            message: 'envelope: could not be opened for this run, job and key',
          },
        },
      };
    }
    const [, runId, jobId, key] = match;
    return {
      status: 200,
      json: {
        runId,
        jobId,
        key,
        bytes: new TextEncoder().encode(opened).length,
        createdAt: new Date().toISOString(),
      },
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    runPublicKey: Buffer.from(run.publicKey).toString('base64'),
    runPrivateKey: run.privateKey,
    received,
    /** Answer these first, in order. */
    queue: (...replies: Reply[]) => queue.push(...replies),
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
