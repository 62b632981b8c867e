/**
 * The HTTP client under hashi-vault-js. The library makes every call as
 * `this.instance({ url, method, params?, headers?, data? })` on an axios instance and reads
 * `{ data, status, statusText }` back (or, from a failure, `code` and `response`); this
 * function takes that instance's place, so the library still builds every request and
 * parses every answer, and the HTTP exchange is ours:
 * - one node:http(s) request per call on our keep-alive agents;
 * - `timeoutMs` as an overall deadline, from sending the request to the response's last byte;
 * - no redirects (following one would send X-Vault-Token to wherever it points), no proxy;
 * - errors made here, which never hold the request: no token in them, ever.
 * axios's own per-call work (config merging, header objects, transforms) was about 40% of
 * the CPU of a Vault read, on the dispatch path of every job that reads Vault.
 *
 * What the library relied on axios for is kept: the default headers under the call's own,
 * an object body sent as JSON, a JSON answer parsed (and any other kept as text), a status
 * outside 2xx rejected with `{ code, response: { status, data } }`, and axios's codes
 * (ECONNABORTED for the deadline, ERR_BAD_REQUEST/ERR_BAD_RESPONSE, Node's own otherwise).
 */
import http from 'node:http';
import https from 'node:https';

/** What hashi-vault-js passes for one call. */
export interface LibraryRequest {
  /** Relative to `baseUrl` (or absolute). */
  readonly url: string;
  readonly method?: string;
  readonly params?: Record<string, unknown>;
  readonly headers?: Record<string, unknown>;
  readonly data?: unknown;
}

export interface LibraryResponse {
  readonly data: unknown;
  readonly status: number;
  readonly statusText: string;
  readonly headers: http.IncomingHttpHeaders;
}

export interface TransportSettings {
  /** The API root, e.g. https://vault:8200/v1. */
  readonly baseUrl: string;
  /** Headers of every call; a call's own headers win. */
  readonly headers: Record<string, string>;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly agents: { readonly http: http.Agent; readonly https: https.Agent };
}

/** A failed call as hashi-vault-js and readFailure read it: a code, or Vault's answer. */
class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly response?: {
      readonly status: number;
      readonly data: unknown;
      readonly headers: http.IncomingHttpHeaders;
    },
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** Parsed JSON, or the text itself when it is not JSON (as axios's silent JSON parsing did). */
function parseBody(text: string): unknown {
  if (text === '') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function urlOf(baseUrl: string, request: LibraryRequest): URL {
  const path = request.url;
  const url = /^https?:\/\//i.test(path)
    ? new URL(path)
    : new URL(`${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
  for (const [name, value] of Object.entries(request.params ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.append(name, String(value));
  }
  return url;
}

/** The headers to send and the body, if any: an object goes as JSON. */
function prepare(defaults: Record<string, string>, request: LibraryRequest) {
  const headers: Record<string, string> = { ...defaults };
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') headers[name] = String(value);
  }
  const data = request.data;
  if (data === undefined || data === null) return { headers, body: undefined };
  const json = typeof data !== 'string';
  const body = json ? JSON.stringify(data) : data;
  if (json) headers['Content-Type'] = 'application/json';
  headers['Content-Length'] = String(Buffer.byteLength(body));
  return { headers, body };
}

/** The instance hashi-vault-js calls; `defaults.headers` as on an axios instance. */
export function createTransport(settings: TransportSettings) {
  const { agents, maxResponseBytes: limit, timeoutMs } = settings;
  const defaults = { headers: { ...settings.headers } };
  const call = (request: LibraryRequest): Promise<LibraryResponse> =>
    new Promise((resolve, reject) => {
      const url = urlOf(settings.baseUrl, request);
      const secure = url.protocol === 'https:';
      const { headers, body } = prepare(defaults.headers, request);
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      /** True the first time only: the deadline goes with it. */
      const settle = () => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
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
            if (received > limit) {
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
            const data = parseBody(Buffer.concat(chunks).toString('utf8'));
            if (status >= 200 && status < 300) {
              resolve({
                data,
                status,
                statusText: incoming.statusMessage ?? '',
                headers: incoming.headers,
              });
              return;
            }
            reject(
              new TransportError(
                `Request failed with status code ${status}`,
                status >= 400 && status < 500 ? 'ERR_BAD_REQUEST' : 'ERR_BAD_RESPONSE',
                { status, data, headers: incoming.headers },
              ),
            );
          });
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) =>
        fail(new TransportError('The request failed', error.code)),
      );
      if (timeoutMs > 0) {
        timer = setTimeout(
          () => fail(new TransportError(`timeout of ${timeoutMs}ms exceeded`, 'ECONNABORTED')),
          timeoutMs,
        );
      }
      outgoing.end(body);
    });
  return Object.assign(call, { defaults });
}
