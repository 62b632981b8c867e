/**
 * The transport under hashi-vault-js's axios instance: one node:http(s) request per call on
 * our keep-alive agents, in place of axios's own http adapter (follow-redirects, proxies,
 * decompression and stream plumbing this backend never uses; about half the CPU of a read,
 * and the garbage behind the latency tail of every dispatch that reads Vault).
 *
 * It keeps axios's adapter contract, so hashi-vault-js and axios see what they always did:
 * the body comes back as text for axios to parse, a status that `validateStatus` refuses
 * rejects with `{ response: { status, data } }`, and failures carry axios's codes
 * (ECONNABORTED for the timeout, ERR_CANCELED for an aborted signal, Node's own otherwise).
 * `timeout` is an overall deadline, from sending the request to the response's last byte.
 * Its errors are made here and never hold the request config: no token in them, ever.
 */
import http from 'node:http';
import https from 'node:https';

/** The parts of an axios request config that a transport reads. */
export interface TransportRequest {
  readonly baseURL?: string;
  readonly url?: string;
  readonly method?: string;
  readonly params?: Record<string, unknown>;
  readonly headers?: { toJSON?: () => Record<string, unknown> } & Record<string, unknown>;
  readonly data?: unknown;
  readonly timeout?: number;
  readonly signal?: AbortSignal;
  readonly maxContentLength?: number;
  readonly validateStatus?: ((status: number) => boolean) | null;
}

export interface TransportResponse {
  readonly data: string;
  readonly status: number;
  readonly statusText: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly config: TransportRequest;
  readonly request: undefined;
}

/** A failed call as hashi-vault-js and readFailure read it: a code, or Vault's answer. */
class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly response?: {
      readonly status: number;
      readonly data: string;
      readonly headers: http.IncomingHttpHeaders;
    },
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

function urlOf(request: TransportRequest): URL {
  const path = request.url ?? '';
  const url = /^https?:\/\//i.test(path)
    ? new URL(path)
    : new URL(`${(request.baseURL ?? '').replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
  for (const [name, value] of Object.entries(request.params ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.append(name, String(value));
  }
  return url;
}

function headersOf(request: TransportRequest): Record<string, string> {
  const source = request.headers?.toJSON?.() ?? request.headers ?? {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (typeof value === 'string' || typeof value === 'number') out[name] = String(value);
  }
  return out;
}

export function createTransport(agents: { http: http.Agent; https: https.Agent }) {
  return (request: TransportRequest): Promise<TransportResponse> =>
    new Promise((resolve, reject) => {
      const url = urlOf(request);
      const secure = url.protocol === 'https:';
      const body = typeof request.data === 'string' ? request.data : undefined;
      const headers = headersOf(request);
      if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
      const limit = request.maxContentLength ?? -1;
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => fail(new TransportError('canceled', 'ERR_CANCELED'));
      /** True the first time only: the deadline and the abort listener go with it. */
      const settle = () => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const fail = (error: TransportError) => {
        if (!settle()) return;
        outgoing.destroy();
        reject(error);
      };
      const outgoing = (secure ? https : http).request(
        url,
        {
          method: (request.method ?? 'get').toUpperCase(),
          headers,
          agent: secure ? agents.https : agents.http,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          let received = 0;
          incoming.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (limit > -1 && received > limit) {
              fail(
                new TransportError(
                  `maxContentLength size of ${limit} exceeded`,
                  'ERR_BAD_RESPONSE',
                ),
              );
              return;
            }
            chunks.push(chunk);
          });
          incoming.on('error', (error: NodeJS.ErrnoException) =>
            fail(new TransportError('The response was cut off', error.code ?? 'ECONNRESET')),
          );
          incoming.on('end', () => {
            if (!settle()) return;
            const status = incoming.statusCode ?? 0;
            const data = Buffer.concat(chunks).toString('utf8');
            const response = {
              data,
              status,
              statusText: incoming.statusMessage ?? '',
              headers: incoming.headers,
              config: request,
              request: undefined,
            };
            const accepted = request.validateStatus ? request.validateStatus(status) : true;
            if (accepted) resolve(response);
            else {
              reject(
                new TransportError(
                  `Request failed with status code ${status}`,
                  status >= 400 && status < 500 ? 'ERR_BAD_REQUEST' : 'ERR_BAD_RESPONSE',
                  { status, data, headers: incoming.headers },
                ),
              );
            }
          });
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) =>
        fail(new TransportError('The request failed', error.code)),
      );
      const timeout = request.timeout ?? 0;
      if (timeout > 0) {
        timer = setTimeout(
          () => fail(new TransportError(`timeout of ${timeout}ms exceeded`, 'ECONNABORTED')),
          timeout,
        );
      }
      request.signal?.addEventListener('abort', onAbort, { once: true });
      if (request.signal?.aborted) onAbort();
      outgoing.end(body);
    });
}
