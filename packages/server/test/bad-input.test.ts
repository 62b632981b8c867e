// Input that reached a 500 before issue 15, sent to a real kici-server over real HTTP: each
// gets a 400 naming the field, and nothing is logged as a server error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';

const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe.each(testDrivers())('bad input (%s)', (driver) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ driver });
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  async function send(method: string, path: string, body?: string, token = server.token) {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body }),
    });
    const { error } = (await response.json()) as { error?: { field?: string; message: string } };
    return { status: response.status, field: error?.field, message: error?.message ?? '' };
  }
  const admin = (method: string, path: string, body?: string) =>
    send(method, `/api/v1/admin${path}`, body);

  it('refuses JSON nested thousands of levels deep (config set, backends add and test)', async () => {
    expect(await admin('PUT', '/config/writePolicy', `{"value":${deep(5000)}}`)).toMatchObject({
      status: 400,
      field: 'value',
    });
    const backend = `{"name":"deep","backendType":"vault","config":{"url":${deep(5000)}}}`;
    for (const path of ['/backends', '/backends/test']) {
      expect(await admin('POST', path, backend)).toMatchObject({
        status: 400,
        field: 'config.url',
      });
    }
  });

  it('refuses a body that is JSON but not an object: null does not pass for "no fields"', async () => {
    for (const body of ['null', '[]', '"rotate"', '42']) {
      for (const path of ['/rotate-key', '/backends/sync']) {
        expect(await admin('POST', path, body)).toMatchObject({
          status: 400,
          field: 'body',
          message: 'body: expected a JSON object',
        });
      }
    }
    const audit = await fetch(`${server.url}/api/v1/admin/audit?action=rotateKey`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(((await audit.json()) as { entries: unknown[] }).entries).toEqual([]);
  });

  it('refuses a NUL in a variable value, and a lone surrogate in any value', async () => {
    expect(await admin('PUT', '/variables/acme/production/A', '{"value":"a\\u0000b"}')).toEqual({
      status: 400,
      field: 'value',
      message: 'value: expected no NUL character',
    });
    for (const kind of ['variables', 'secrets']) {
      const answer = await admin('PUT', `/${kind}/acme/production/B`, '{"value":"a\\ud800b"}');
      expect(answer).toMatchObject({ status: 400, field: 'value' });
      expect(answer.message).toMatch(/^value: expected well-formed Unicode/);
    }
    // A NUL is fine in a secret (sealed bytes) and round-trips.
    expect((await admin('PUT', '/secrets/acme/production/C', '{"value":"a\\u0000b"}')).status).toBe(
      200,
    );
  });

  it('refuses a control character in the audit routingKey filter and years outside 0001-9999', async () => {
    expect(await admin('GET', '/audit?routingKey=%00')).toMatchObject({
      status: 400,
      field: 'routingKey',
    });
    for (const query of ['from=0000-01-01T00:00:00Z', 'to=0000-12-31T23:59:59Z']) {
      const answer = await admin('GET', `/audit?${query}`);
      expect(answer).toMatchObject({ status: 400, field: query.slice(0, query.indexOf('=')) });
      // The message names the field and what was expected, never the input.
      expect(answer.message).not.toMatch(/0000/);
    }
  });

  it("refuses a NUL or lone surrogate in a test-run fixture's environment name", async () => {
    for (const name of ['a\\u0000b', 'a\\ud800']) {
      const key = Buffer.alloc(32, 9).toString('base64');
      const body = `{"orgId":"acme","runId":"r1","agentPublicKey":"${key}","fixture":{"ctx":"${name}"}}`;
      expect(
        await send('POST', '/internal/v1/test-runs/resolve', body, server.dispatcherToken),
      ).toMatchObject({ status: 400, field: 'fixture.ctx' });
    }
  });

  it('logged no server error', () => {
    expect(server.output()).not.toMatch(/internal error/);
  });
});
