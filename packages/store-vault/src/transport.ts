/**
 * The HTTP client under hashi-vault-js. The library makes every call as
 * `this.instance({ url, method, params?, headers?, data? })` on an axios instance and reads
 * `{ data, status, statusText }` back (or, from a failure, `code` and `response`); this
 * function takes that instance's place, so the library still builds every request and
 * parses every answer, and the HTTP exchange is ours, on undici (Node's own HTTP client):
 * - keep-alive connections of our own (https with the configured CA as PEM text);
 * - `timeoutMs` as an overall deadline, from sending the request to the response's last byte;
 * - no redirects (following one would send X-Vault-Token to wherever it points), no proxy;
 * - errors made here, which never hold the request: no token in them, ever.
 * axios's per-call work (config merging, header objects, transforms) was about 40% of the CPU
 * of a Vault read, and node:http's client took twice undici's: a read is on the dispatch path
 * of every job that binds a Vault scope.
 *
 * What the library relied on axios for is kept: the default headers under the call's own,
 * an object body sent as JSON, a JSON answer parsed (and any other kept as text), a status
 * outside 2xx rejected with `{ code, response: { status, data } }`, and axios's codes
 * (ECONNABORTED for the deadline, ERR_BAD_REQUEST/ERR_BAD_RESPONSE, Node's own otherwise).
 */
import { STATUS_CODES } from 'node:http';
import { Agent } from 'undici';

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
  readonly headers: Headers;
}

/** Response headers, lower-case names. */
type Headers = Record<string, string | string[] | undefined>;

export interface TransportSettings {
  /** The API root, e.g. https://vault:8200/v1. */
  readonly baseUrl: string;
  /** Headers of every call; a call's own headers win. */
  readonly headers: Record<string, string>;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  /** PEM text of the CA that signs an https Vault's certificate. */
  readonly caCert?: string;
}

/** A failed call as hashi-vault-js and readFailure read it: a code, or Vault's answer. */
class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly response?: {
      readonly status: number;
      readonly data: unknown;
      readonly headers: Headers;
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

/** What undici's codes mean in axios's terms, where hashi-vault-js or readFailure reads them. */
const CODES: Record<string, string> = { UND_ERR_RES_EXCEEDED_MAX_SIZE: 'ERR_BAD_RESPONSE' };

/**
 * The instance hashi-vault-js calls, with `defaults.headers` as on an axios instance, and
 * `close()` for its connections.
 */
export function createTransport(settings: TransportSettings) {
  const { maxResponseBytes, timeoutMs } = settings;
  const defaults = { headers: { ...settings.headers } };
  const dispatcher = new Agent({
    maxResponseSize: maxResponseBytes,
    ...(settings.caCert ? { connect: { ca: settings.caCert } } : {}),
  });
  const call = async (request: LibraryRequest): Promise<LibraryResponse> => {
    const url = urlOf(settings.baseUrl, request);
    const { headers, body } = prepare(defaults.headers, request);
    const deadline = new AbortController();
    const timer = timeoutMs > 0 ? setTimeout(() => deadline.abort(), timeoutMs) : undefined;
    let answer: { status: number; data: unknown; headers: Headers };
    try {
      const response = await dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: (request.method ?? 'get').toUpperCase(),
        headers,
        body: body ?? null,
        signal: deadline.signal,
      });
      const text = await response.body.text();
      answer = { status: response.statusCode, data: parseBody(text), headers: response.headers };
    } catch (error) {
      if (deadline.signal.aborted) {
        throw new TransportError(`timeout of ${timeoutMs}ms exceeded`, 'ECONNABORTED');
      }
      const code = (error as { code?: unknown }).code;
      const known = typeof code === 'string' ? (CODES[code] ?? code) : undefined;
      throw new TransportError('The request failed', known);
    } finally {
      clearTimeout(timer);
    }
    const { status, data } = answer;
    if (status >= 200 && status < 300) {
      return { data, status, statusText: STATUS_CODES[status] ?? '', headers: answer.headers };
    }
    throw new TransportError(
      `Request failed with status code ${status}`,
      status >= 400 && status < 500 ? 'ERR_BAD_REQUEST' : 'ERR_BAD_RESPONSE',
      answer,
    );
  };
  return Object.assign(call, {
    defaults,
    /** Ends every connection; calls after this fail. */
    close: () => dispatcher.destroy(),
  });
}
