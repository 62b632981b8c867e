import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { UsageError } from './errors.js';

export const CA_VARIABLE = 'KICI_ADMIN_CA_FILE';

/**
 * The PEM certificate(s) of `--ca <file>` / KICI_ADMIN_CA_FILE, read at once so that a wrong
 * path is a usage error naming the flag or variable, never a TLS failure later.
 */
export function readCa(source: string, path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`${source}: cannot read ${path} (${code})`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----'))
    throw new UsageError(`${source}: ${path} holds no PEM certificate`);
  return text;
}

/**
 * A `fetch` for the typed client that trusts `ca` for https URLs (Node's global fetch cannot
 * be given a CA without undici). Plain http goes to the global fetch. Failures keep fetch's
 * shape, a TypeError whose cause carries the code, so the client words them the same way.
 */
export function fetchTrusting(ca: string): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith('https:')) return globalThis.fetch(input, init);
    const signal = init?.signal ?? undefined;
    signal?.throwIfAborted();
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const body = typeof init?.body === 'string' ? init.body : undefined;
    return new Promise<Response>((resolve, reject) => {
      const req = request(url, { method: init?.method ?? 'GET', headers, ca, signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
        res.on('end', () => {
          const answer = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const one of [value ?? []].flat()) answer.append(name, one);
          }
          const status = res.statusCode ?? 0;
          const empty = status === 204 || status === 304;
          resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers: answer }));
        });
      });
      req.on('error', (error) =>
        reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error })),
      );
      req.end(body);
    });
  };
}
