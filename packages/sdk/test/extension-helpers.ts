// Deliveries signed exactly as the orchestrator signs them (spec18 "The wire format"), and
// the three adapters served for real: node:http, Hono on @hono/node-server, and fetch.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { generateWebhookSecret, webhookHeaders } from '@kici/crypto/webhooks';
import { Hono } from 'hono';
import type { Extension } from '../src/extension/index.js';

export const SIGNING_SECRET = generateWebhookSecret();
export const OLD_SIGNING_SECRET = generateWebhookSecret();

let sequence = 0;
/** `msg_` + 26 Crockford base32 characters, as the orchestrator makes them. */
export function deliveryId(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let n = Date.now() * 1000 + (sequence++ % 1000);
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = alphabet[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return `msg_${out}`;
}

export interface InvocationInput {
  id?: string;
  attempt?: number;
  event?: { type: string; payload?: unknown };
  installation?: Partial<{
    org_id: string;
    project_key: string;
    extension_id: string;
    product_id: string | null;
  }>;
  secrets?: Record<string, string>;
  secret_meta?: Record<string, { backend: string; scope: { scope: string; id: string } }>;
  missing?: string[];
  configuration?: Record<string, unknown>;
}

export function invocation(input: InvocationInput = {}) {
  const id = input.id ?? deliveryId();
  const secrets = input.secrets ?? { SMTP_HOST: 'smtp.example.com' };
  const meta =
    input.secret_meta ??
    Object.fromEntries(
      Object.keys(secrets).map((key) => [
        key,
        { backend: 'pg', scope: { scope: 'extension', id: 'com.example.mailer' } },
      ]),
    );
  return {
    type: 'ExtensionInvocation',
    id,
    attempt: input.attempt ?? 1,
    created_at: new Date().toISOString(),
    event: input.event ?? { type: 'issue.created', payload: { any: 'json' } },
    installation: {
      org_id: 'acme',
      project_key: 'OPS',
      extension_id: 'com.example.mailer',
      product_id: null,
      ...input.installation,
    },
    secrets,
    secret_meta: meta,
    secret_status: { missing: input.missing ?? [] },
    configuration: input.configuration ?? { CHANNEL_ID: 'C123' },
  };
}

export const rotation = (keys: string[], input: InvocationInput = {}) =>
  invocation({
    ...input,
    event: {
      type: 'secret.rotated',
      payload: { keys, scope: { scope: 'extension', id: 'com.example.mailer' } },
    },
  });

export interface SignOptions {
  secrets?: string | string[];
  timestamp?: number;
  id?: string;
}

/** Headers and body of one attempt, with every header the orchestrator sends. */
export function signed(body: unknown, options: SignOptions = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const parsed = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const id = options.id ?? (typeof parsed.id === 'string' ? parsed.id : deliveryId());
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...webhookHeaders({
      id,
      body: text,
      secrets: options.secrets ?? SIGNING_SECRET,
      ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
    }),
    'user-agent': 'kici-orchestrator',
    'x-kici-event': String((parsed.event as { type?: string } | undefined)?.type ?? 'kiket.test'),
    'x-kici-attempt': String(parsed.attempt ?? 1),
  };
  return { headers, body: text };
}

export interface Served {
  readonly name: string;
  /** Posts one signed delivery; answers the status and the parsed JSON body. */
  post(
    delivery: { headers: Record<string, string>; body: string | Uint8Array },
    method?: string,
  ): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

async function parse(response: Response) {
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as Record<string, unknown> };
}

const listening = (server: Server) =>
  new Promise<string>((resolve) => {
    const address = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (server.listening) resolve(address());
    else server.once('listening', () => resolve(address()));
  });

function overHttp(name: string, server: Server, path: string): Promise<Served> {
  return listening(server).then((base) => ({
    name,
    post: async (delivery, method = 'POST') =>
      parse(
        await fetch(`${base}${path}`, {
          method,
          headers: delivery.headers,
          ...(method === 'GET' ? {} : { body: delivery.body }),
        }),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }));
}

export function serveNode(extension: Extension): Promise<Served> {
  const server = createServer((req, res) => void extension.node(req, res));
  server.listen(0, '127.0.0.1');
  return overHttp('node:http', server, '/kiket/events');
}

export function serveHono(extension: Extension): Promise<Served> {
  const app = new Hono();
  app.post('/kiket/events', extension.hono);
  app.get('/kiket/events', extension.hono);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  return overHttp('hono', server, '/kiket/events');
}

/** The fetch adapter called directly with Request objects (as an edge runtime would). */
export async function serveFetch(extension: Extension): Promise<Served> {
  return {
    name: 'fetch',
    post: async (delivery, method = 'POST') =>
      parse(
        await extension.fetch(
          new Request('https://ext.example.com/kiket/events', {
            method,
            headers: delivery.headers,
            ...(method === 'GET' ? {} : { body: delivery.body }),
          }),
        ),
      ),
    close: async () => undefined,
  };
}

export const adapters = [serveNode, serveHono, serveFetch] as const;

/** A log sink that keeps every line, for assertions. */
export function collectingSink() {
  const lines: string[] = [];
  const keep = (line: string) => void lines.push(line);
  return { lines, sink: { debug: keep, info: keep, warn: keep, error: keep } };
}
