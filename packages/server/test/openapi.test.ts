// GET /api/v1/openapi.json from a real kici-server over HTTP: public, the document of
// @kici/contracts/openapi with the server's own origin, and every operation in it reaches a
// mounted route that answers one of the statuses the document lists for it. (That the
// mounted routes are exactly the table's is permissions.test.ts's; that the document holds
// exactly the table's routes is @kici/contracts' openapi.test.ts.)
import { OPENAPI_PATH, openApiDocument } from '@kici/contracts/openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';

type Operation = {
  operationId: string;
  security: Record<string, string[]>[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
};
type Doc = { paths: Record<string, Record<string, Operation>> };

const document = openApiDocument() as unknown as Doc;
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(
    ([method, op]) => [op.operationId, method.toUpperCase(), path, op] as const,
  ),
);

const NO_ROUTE = /^No route for /;

describe.each(testDrivers())('the OpenAPI description over HTTP (%s)', (driver) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ driver });
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  const credentialOf = (op: Operation): string | undefined => {
    const scheme = Object.keys(op.security[0] ?? {})[0];
    if (scheme === 'adminToken') return server.token;
    if (scheme === 'dispatcherToken') return server.dispatcherToken;
    // A job credential needs a dispatched job: a made-up one is refused (401) before routing.
    if (scheme === 'jobCredential') return 'kici_job_openapi_probe';
    return undefined;
  };

  async function send(method: string, path: string, token?: string, body?: string) {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    const message = response.ok ? '' : String(JSON.parse(text)?.error?.message ?? '');
    return { status: response.status, message, text };
  }

  it('answers the document without a token, its server the origin the request reached', async () => {
    const response = await fetch(`${server.url}${OPENAPI_PATH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const origin = new URL(server.url).origin;
    expect(await response.json()).toEqual(openApiDocument({ serverUrl: origin }));
  });

  it('an unmounted path under each prefix answers 404 "No route for" (so the probe below can tell)', async () => {
    const prefixes = [
      ['/api/v1/admin', server.token],
      ['/api/v1/extensions', server.token],
      ['/internal/v1', server.dispatcherToken],
    ] as const;
    for (const [prefix, token] of prefixes) {
      const answer = await send('GET', `${prefix}/no-such-route`, token);
      expect({ prefix, status: answer.status }).toEqual({ prefix, status: 404 });
      expect(answer.message).toMatch(NO_ROUTE);
    }
  });

  it.each(operations)(
    '%s (%s %s) is mounted and answers a documented status',
    async (name, method, path, op) => {
      // Dummy path parameters and a string for a body: refused as invalid input or not found, or
      // answered, but never a write that succeeds and never "no route".
      const url = path.replace(/\{[^}]+\}/g, '~');
      const answer = await send(method, url, credentialOf(op), op.requestBody ? '"~"' : undefined);
      expect(answer.message).not.toMatch(NO_ROUTE);
      if (method !== 'GET') expect({ name, ok: answer.status < 300 }).toEqual({ name, ok: false });
      expect({ name, status: String(answer.status) }).toEqual({
        name,
        status: expect.toBeOneOf(Object.keys(op.responses)),
      });
    },
  );
});
