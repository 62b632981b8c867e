/**
 * The one HTTP exchange every call makes, on node:http(s) with our keep-alive agents:
 * `timeoutMs` as an overall deadline (request sent to the answer's last byte), no redirects
 * (following one would carry the Bearer token elsewhere), no proxy, a cap on the answer's
 * size. A failure without an answer is a `NetworkFailure` holding only a code: never the
 * request, whose headers and body hold the token or the signed assertion.
 */
import http from 'node:http';
import https from 'node:https';

export interface Exchange {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface Answer {
  readonly status: number;
  /** The parsed JSON body, or undefined when it is not JSON. */
  readonly json: unknown;
}

/** No answer: a Node error code (ECONNREFUSED, CERT_…), TIMEOUT or TOO_LARGE. */
export class NetworkFailure extends Error {
  constructor(readonly code: string) {
    super(`request failed (${code})`);
    this.name = 'NetworkFailure';
  }
}

export interface HttpSettings {
  readonly timeoutMs: number;
  readonly caCert?: string | undefined;
  readonly maxResponseBytes?: number;
}

const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
const SAFE_CODE = /^[A-Z0-9_]{1,64}$/;

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createHttp(settings: HttpSettings) {
  const limit = settings.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({
      keepAlive: true,
      ...(settings.caCert ? { ca: settings.caCert } : {}),
    }),
  };

  const send = (exchange: Exchange): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const secure = exchange.url.protocol === 'https:';
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const fail = (code: string | undefined) =>
        finish(() => {
          outgoing.destroy();
          reject(new NetworkFailure(code && SAFE_CODE.test(code) ? code : 'NETWORK_ERROR'));
        });
      const outgoing = (secure ? https : http).request(
        exchange.url,
        {
          method: exchange.method,
          headers: {
            Accept: 'application/json',
            ...exchange.headers,
            ...(exchange.body === undefined
              ? {}
              : { 'Content-Length': String(Buffer.byteLength(exchange.body)) }),
          },
          agent: secure ? agents.https : agents.http,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          let received = 0;
          incoming.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > limit) return fail('TOO_LARGE');
            chunks.push(chunk);
          });
          incoming.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'ECONNRESET'));
          incoming.on('end', () =>
            finish(() =>
              resolve({
                status: incoming.statusCode ?? 0,
                json: parse(Buffer.concat(chunks).toString('utf8')),
              }),
            ),
          );
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) => fail(error.code));
      const timer = setTimeout(() => fail('TIMEOUT'), settings.timeoutMs);
      outgoing.end(exchange.body);
    });

  return {
    send,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

export type Http = ReturnType<typeof createHttp>;
