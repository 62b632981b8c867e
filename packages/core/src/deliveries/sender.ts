import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** The client identity of a mutual TLS handshake (PEM), read from the secret store. */
export interface ClientTls {
  readonly cert: string;
  readonly key: string;
  readonly ca?: string;
}

export interface SendRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
  readonly tls?: ClientTls | undefined;
}

/** What came back: a status, or why none did (an error naming the host, never a value). */
export type SendResult =
  | { readonly statusCode: number }
  | { readonly statusCode: null; readonly error: string; readonly timedOut: boolean };

const MAX_AGENTS = 256;

/**
 * POSTs deliveries over node:http / node:https (Node's fetch cannot present a client
 * certificate). Keep-alive agents are pooled per origin and TLS identity; the response body is
 * drained and dropped.
 */
export function createSender() {
  const agents = new Map<string, HttpAgent>();

  function agentFor(url: URL, tls: ClientTls | undefined): HttpAgent {
    // The identity is part of the key so that a rotated certificate gets a new connection.
    const id = `${url.origin}\n${tls ? `${tls.cert}\n${tls.key}\n${tls.ca ?? ''}` : ''}`;
    let agent = agents.get(id);
    if (agent) {
      agents.delete(id); // re-inserted below: the map's order is least recently used first
    } else {
      const options = { keepAlive: true, maxSockets: 64 };
      agent =
        url.protocol === 'https:'
          ? new HttpsAgent({
              ...options,
              ...(tls ? { cert: tls.cert, key: tls.key, ...(tls.ca ? { ca: tls.ca } : {}) } : {}),
            })
          : new HttpAgent(options);
      if (agents.size >= MAX_AGENTS) {
        const [oldest, stale] = agents.entries().next().value as [string, HttpAgent];
        agents.delete(oldest);
        stale.destroy();
      }
    }
    agents.set(id, agent);
    return agent;
  }

  function send(request: SendRequest): Promise<SendResult> {
    const url = new URL(request.url);
    const host = url.host;
    return new Promise((resolve) => {
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = (result: SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const fail = (reason: string, timedOut = false) =>
        done({ statusCode: null, error: `${reason} (${host})`, timedOut });
      const options = {
        method: 'POST',
        agent: agentFor(url, request.tls),
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      };
      const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (res) => {
        res.on('error', () => undefined);
        res.resume();
        done({ statusCode: res.statusCode ?? 0 });
      });
      // A deadline for the whole exchange (connect, TLS, headers), not an idle timeout.
      timer = setTimeout(() => {
        fail(`timed out after ${request.timeoutMs} ms`, true);
        req.destroy();
      }, request.timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) => fail(describe(error)));
      req.end(request.body);
    });
  }

  return {
    send,
    close() {
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
  };
}

/** A connection or TLS error by its code: messages of key parsing could quote input. */
function describe(error: NodeJS.ErrnoException): string {
  const code = error.code ?? 'ERR_UNKNOWN';
  if (code.startsWith('ERR_OSSL') || code.startsWith('ERR_SSL') || /TLS|CERT|SSL/.test(code)) {
    return `TLS error ${code}`;
  }
  return `connection error ${code}`;
}

export type Sender = ReturnType<typeof createSender>;
