import type { IncomingMessage } from 'node:http';
import { KiciError } from '@kici/core';
import type { Context, MiddlewareHandler } from 'hono';
import type { Env } from './hono-env.js';

const utf8 = new TextDecoder();

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const tooLarge = () => new KiciError('payload_too_large', 'body: too large', 'body');
const notJson = () => new KiciError('invalid_input', 'body: expected a JSON object', 'body');

/** The client closed the connection before its body was in (or Node's request timeout did). */
export class ClientClosedError extends Error {
  override readonly name = 'ClientClosedError';
  constructor() {
    super('The client closed the connection before the request body arrived');
  }
}

/** Reads at most `maxBytes` of a Node request, refusing more before buffering it. */
function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Node reports a connection lost mid-body as an `aborted` error, or only as `close`.
    const gone = () => reject(new ClientClosedError());
    incoming.once('close', () => {
      if (!incoming.complete) gone();
    });
    incoming.once('error', gone);
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        incoming.removeAllListeners('data');
        incoming.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    incoming.once('end', () =>
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)),
    );
  });
}

/**
 * The request's JSON body, at most `maxBytes`. With `allowEmpty`, a request that sent none (no
 * bytes, or only white space) gives `undefined` instead of a 400. On Node it reads the socket stream directly:
 * going through the fetch `Request` that @hono/node-server would build costs a web stream
 * and an AbortSignal per request, a measurable share of a small PUT.
 */
export async function readJsonBody(c: Context<Env>, allowEmpty = false): Promise<unknown> {
  const maxBytes = c.get('maxBodyBytes') ?? DEFAULT_MAX_BODY_BYTES;
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const bytes = incoming
    ? await readIncoming(incoming, maxBytes)
    : new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length > maxBytes) throw tooLarge();
  const text = utf8.decode(bytes);
  if (allowEmpty && text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw notJson();
  }
  // Every route's body is an object: `null` or an array must not pass for "no fields given"
  // (a body of `null` once rotated the master key as if it were `{}`).
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw notJson();
  return parsed;
}

/** Sets the body limit `readJsonBody` enforces; a declared length beyond it is refused at once. */
export function limitBody(maxBytes: number): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (Number(c.req.header('content-length') ?? 0) > maxBytes) throw tooLarge();
    c.set('maxBodyBytes', maxBytes);
    await next();
  };
}
