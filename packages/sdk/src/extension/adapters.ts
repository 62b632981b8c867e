// The three ways onto the wire. None imports a `node:` module: the node:http adapter uses
// the request and response objects structurally, so the whole entry stays runtime-neutral.
import { type Answer, answer, type Handler, TOO_LARGE } from './handle.js';

/** What the node adapter needs of an `http.IncomingMessage` (or a framework's raw request). */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  readonly method?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** A raw body a framework already read (`express.raw()`, `express.text()`), used as is. */
  readonly body?: unknown;
}

/** What the node adapter needs of an `http.ServerResponse`. */
export interface NodeResponseLike {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body: string): unknown;
  readonly headersSent?: boolean;
}

/** What the Hono adapter needs of a Hono `Context`. */
export interface HonoContextLike {
  readonly req: { readonly raw: Request };
}

const JSON_TYPE = 'application/json; charset=utf-8';
const encoder = new TextEncoder();

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const declaredTooLarge = (length: string | null | undefined, limit: number): boolean =>
  length != null && /^[0-9]+$/.test(length) && Number(length) > limit;

/** The body, or undefined once it passes `limit` bytes (reading stops there). */
async function readStream(
  stream: AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array | undefined> {
  if (stream === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const take = (chunk: Uint8Array | string): boolean => {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    total += bytes.length;
    chunks.push(bytes);
    return total <= limit;
  };
  if ('getReader' in stream) {
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!take(value)) {
        await reader.cancel().catch(() => undefined);
        return undefined;
      }
    }
  } else {
    for await (const chunk of stream) if (!take(chunk)) return undefined;
  }
  return concat(chunks, total);
}

export type FetchHandler = (request: Request) => Promise<Response>;
export type NodeHandler = (req: NodeRequestLike, res: NodeResponseLike) => Promise<void>;
export type HonoHandler = (c: HonoContextLike) => Promise<Response>;

const toResponse = (a: Answer): Response =>
  new Response(a.body, { status: a.status, headers: { 'content-type': JSON_TYPE } });

const internal = () => answer(500, { error: 'internal', message: 'the request could not be read' });

/** Request → Response: Deno, Bun, Cloudflare Workers, Vercel edge, Node's own fetch servers. */
export function fetchAdapter(handle: Handler, limit: number): FetchHandler {
  return async (request) => {
    try {
      if (declaredTooLarge(request.headers.get('content-length'), limit))
        return toResponse(TOO_LARGE(limit));
      const body = await readStream(request.body, limit);
      if (body === undefined) return toResponse(TOO_LARGE(limit));
      return toResponse(await handle({ method: request.method, headers: request.headers, body }));
    } catch {
      return toResponse(internal());
    }
  };
}

/** `app.post('/kiket/events', extension.hono)`: Hono hands over the raw Request. */
export function honoAdapter(fetch: FetchHandler): HonoHandler {
  return (c) => fetch(c.req.raw);
}

/** `http.createServer(extension.node)`, or a route of Express/Connect/Fastify's raw server. */
export function nodeAdapter(handle: Handler, limit: number): NodeHandler {
  return async (req, res) => {
    let result: Answer;
    try {
      result = await readAndHandle(handle, req, limit);
    } catch {
      result = internal();
    }
    if (res.headersSent === true) return;
    const headers: Record<string, string> = { 'content-type': JSON_TYPE };
    // Refused before the body was read in full: close rather than read the rest.
    if (result.status === 413) headers.connection = 'close';
    res.writeHead(result.status, headers);
    res.end(result.body);
  };
}

async function readAndHandle(
  handle: Handler,
  req: NodeRequestLike,
  limit: number,
): Promise<Answer> {
  const method = req.method ?? 'POST';
  let body: Uint8Array | undefined;
  if (typeof req.body === 'string' || req.body instanceof Uint8Array) {
    body = typeof req.body === 'string' ? encoder.encode(req.body) : req.body;
    if (body.length > limit) return TOO_LARGE(limit);
  } else {
    const length = req.headers['content-length'];
    if (declaredTooLarge(typeof length === 'string' ? length : undefined, limit))
      return TOO_LARGE(limit);
    body = await readStream(req, limit);
    if (body === undefined) return TOO_LARGE(limit);
  }
  return handle({ method, headers: req.headers, body });
}
