import { describe, expect, it } from 'vitest';
import { ApiError, createAdminClient } from '../src/index.js';
import { failure, T, TOKEN, useClientServer } from './client-fixtures.js';
import { startTestServer } from './http-server.js';

const t = useClientServer();

const written = {
  orgId: 'acme',
  scope: 'pg:aws/prod',
  key: 'DB_PASSWORD',
  valueLength: 8,
  updatedAt: T,
  created: true,
};

describe('secrets', () => {
  it('sets a secret: PUT, encoded scope, bearer token, JSON body', async () => {
    t.server.reply({ json: written });
    await expect(
      t.client.secrets.set('acme', 'pg:aws/prod', 'DB_PASSWORD', 'p4ss:wörd'),
    ).resolves.toEqual(written);
    const request = t.lastRequest();
    expect(request.method).toBe('PUT');
    expect(request.url).toBe('/api/v1/admin/secrets/acme/pg%3Aaws%2Fprod/DB_PASSWORD');
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ value: 'p4ss:wörd' });
  });

  it('sends the canonical scope for a bare one', async () => {
    t.server.reply({ json: { ...written, scope: 'pg:production' } });
    await t.client.secrets.set('acme', 'production', 'DB_PASSWORD', 'x');
    expect(t.lastRequest().url).toBe('/api/v1/admin/secrets/acme/pg%3Aproduction/DB_PASSWORD');
  });

  it('lists scopes and keys with query strings', async () => {
    const scopes = {
      orgId: 'acme',
      scopes: [
        { scope: 'pg:aws/prod', backend: 'pg', path: 'aws/prod', secretCount: 2, updatedAt: T },
      ],
    };
    t.server.reply({ json: scopes });
    await expect(t.client.secrets.scopes('acme')).resolves.toEqual(scopes);
    expect(t.lastRequest()).toMatchObject({
      method: 'GET',
      url: '/api/v1/admin/secrets/scopes?orgId=acme',
    });

    const keys = {
      orgId: 'acme',
      scope: 'pg:aws/prod',
      keys: [
        {
          key: 'DB_PASSWORD',
          scope: 'pg:aws/prod',
          backendType: 'pg',
          keyVersion: 1,
          createdAt: T,
          createdBy: 'bootstrap',
          updatedAt: T,
          updatedBy: 'bootstrap',
          rotationCount: 0,
          lastRotatedAt: null,
        },
      ],
    };
    t.server.reply({ json: keys });
    await expect(t.client.secrets.keys('acme', 'aws/prod')).resolves.toEqual(keys);
    expect(t.lastRequest().url).toBe('/api/v1/admin/secrets/keys?orgId=acme&scope=pg%3Aaws%2Fprod');
    expect(t.lastRequest().body).toBe('');
  });

  it('deletes and reveals', async () => {
    const id = { orgId: 'acme', scope: 'vault:team/db', key: 'API_KEY' };
    t.server.reply({ json: { ...id, deleted: true } });
    await expect(t.client.secrets.delete('acme', 'vault:team/db', 'API_KEY')).resolves.toEqual({
      ...id,
      deleted: true,
    });
    expect(t.lastRequest()).toMatchObject({
      method: 'DELETE',
      url: '/api/v1/admin/secrets/acme/vault%3Ateam%2Fdb/API_KEY',
    });

    t.server.reply({ json: { ...id, value: 's3cret', updatedAt: T } });
    await expect(t.client.secrets.reveal('acme', 'vault:team/db', 'API_KEY')).resolves.toEqual({
      ...id,
      value: 's3cret',
      updatedAt: T,
    });
    expect(t.lastRequest()).toMatchObject({
      method: 'POST',
      url: '/api/v1/admin/secrets/acme/vault%3Ateam%2Fdb/API_KEY/reveal',
    });
  });

  it('refuses bad input before any request, naming the field', async () => {
    const badKey = await failure(t.client.secrets.set('acme', 'production', 'db_password', 'x'));
    expect(badKey).toMatchObject({ status: 0, code: 'invalid_input', field: 'key' });
    expect(badKey.message).toBe('key: expected upper snake case, e.g. DB_PASSWORD');

    const badScope = await failure(t.client.secrets.keys('acme', 'pg:../x'));
    expect(badScope).toMatchObject({ code: 'invalid_input', field: 'scope' });

    // Past the largest limit any server may have; below it, the server's own limit decides.
    const secret = 'a-long-secret-value-'.repeat(60_000);
    const tooBig = await failure(t.client.secrets.set('acme', 'production', 'BIG', secret));
    expect(tooBig).toMatchObject({
      code: 'invalid_input',
      field: 'value',
      message: 'value: expected at most 1048576 bytes',
    });
    expect(tooBig.message).not.toContain('a-long-secret');
    expect(t.server.requests).toHaveLength(0);
  });
});

describe('responses', () => {
  it('rejects an answer with a field the schema does not name', async () => {
    t.server.reply({ json: { ...written, value: 'leaked' } });
    const error = await failure(t.client.secrets.set('acme', 'pg:aws/prod', 'DB_PASSWORD', 'x'));
    expect(error).toMatchObject({ status: 200, code: 'invalid_response', field: 'value' });
    expect(error.message).toContain('value: unknown field');
    expect(error.message).not.toContain('leaked');
  });

  it('rejects an answer with a missing field', async () => {
    const { created: _, ...partial } = written;
    t.server.reply({ json: partial });
    const error = await failure(t.client.secrets.set('acme', 'pg:aws/prod', 'DB_PASSWORD', 'x'));
    expect(error).toMatchObject({ code: 'invalid_response', field: 'created' });
    expect(error.message).toBe(
      `Unexpected answer from ${t.server.url} to PUT /api/v1/admin/secrets/:orgId/:scope/:key: created: required`,
    );
  });

  it('rejects an answer that is not JSON', async () => {
    t.server.reply({ text: '<html>proxy page</html>' });
    const error = await failure(t.client.tokens.list());
    expect(error).toMatchObject({ status: 200, code: 'invalid_response' });
    expect(error.message).not.toContain('proxy page');
  });
});

describe('errors', () => {
  it('turns an error body into ApiError with the server’s message', async () => {
    t.server.reply({
      status: 401,
      json: { error: { code: 'unauthorized', message: 'Invalid or expired token' } },
    });
    const error = await failure(t.client.tokens.list());
    expect(error).toMatchObject({
      status: 401,
      code: 'unauthorized',
      message: 'Invalid or expired token',
    });
    expect(error.field).toBeUndefined();

    t.server.reply({
      status: 400,
      json: {
        error: {
          code: 'invalid_input',
          message: 'orgId: expected 1-128 characters',
          field: 'orgId',
        },
      },
    });
    expect(await failure(t.client.secrets.scopes('acme'))).toMatchObject({
      status: 400,
      code: 'invalid_input',
      message: 'orgId: expected 1-128 characters',
      field: 'orgId',
    });

    t.server.reply({
      status: 403,
      json: {
        error: {
          code: 'forbidden',
          message: 'Permission denied: key.rotate',
          permission: 'key.rotate',
        },
      },
    });
    expect(await failure(t.client.rotateKey())).toMatchObject({
      status: 403,
      code: 'forbidden',
      message: 'Permission denied: key.rotate',
    });
  });

  it('falls back to the status when the body is not an error body', async () => {
    t.server.reply({ status: 502, text: 'Bad Gateway' });
    const error = await failure(t.client.config.list());
    expect(error).toMatchObject({ status: 502, code: 'internal' });
    expect(error.message).toBe(`HTTP 502 from ${t.server.url} for GET /api/v1/admin/config`);

    t.server.reply({
      status: 404,
      json: { error: { code: 'gone_fishing', message: 'No such key' } },
    });
    expect(await failure(t.client.config.get('missing'))).toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'No such key',
    });
  });

  it('does not follow a redirect with the token and the value', async () => {
    t.server.reply({ status: 307, headers: { location: 'http://example.invalid/' }, text: '' });
    const error = await failure(t.client.secrets.set('acme', 'production', 'DB_PASSWORD', 'x'));
    expect(error).toMatchObject({ status: 307, code: 'invalid_response' });
    expect(t.server.requests).toHaveLength(1);
  });

  it('reports a refused connection as unreachable, naming the origin and not the token', async () => {
    const closed = await startTestServer();
    await closed.close();
    const offline = createAdminClient({ baseUrl: `${closed.url}/kici`, token: TOKEN });
    const error = await failure(offline.secrets.scopes('acme'));
    expect(error).toMatchObject({ status: 0, code: 'unreachable' });
    expect(error.message).toMatch(
      new RegExp(`^Cannot reach the admin API at ${closed.url.replaceAll('.', '\\.')}`),
    );
    expect(error.message).not.toContain('/kici');
    expect(error.message).not.toContain('acme');
  });

  it('gives up after timeoutMs', async () => {
    t.server.reply({ hang: true });
    const impatient = createAdminClient({ baseUrl: t.server.url, token: TOKEN, timeoutMs: 150 });
    const started = Date.now();
    const error = await failure(impatient.audit());
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toMatchObject({ status: 0, code: 'timeout' });
    expect(error.message).toBe(`The admin API at ${t.server.url} did not answer within 150 ms`);
  });
});

describe('createAdminClient options', () => {
  it('keeps a base path prefix', async () => {
    const proxied = createAdminClient({ baseUrl: `${t.server.url}/kici/`, token: TOKEN });
    t.server.reply({ json: { tokens: [] } });
    await proxied.tokens.list();
    expect(t.lastRequest().url).toBe('/kici/api/v1/admin/tokens');
  });

  it('uses the fetch it is given', async () => {
    const seen: string[] = [];
    const spying = createAdminClient({
      baseUrl: t.server.url,
      token: TOKEN,
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    t.server.reply({ json: { status: 'ok' } });
    await spying.healthz();
    expect(seen).toEqual([`${t.server.url}/healthz`]);
  });

  it.each([
    [{ baseUrl: 'localhost:4000' }, 'baseUrl'],
    [{ baseUrl: 'ftp://example.com' }, 'baseUrl'],
    [{ baseUrl: 'http://user:hunter2@example.com' }, 'baseUrl'],
    [{ baseUrl: 'http://example.com/?x=1' }, 'baseUrl'],
    [{ baseUrl: 'http://example.com', token: `${TOKEN}\r\nX-Evil: 1` }, 'token'],
    [{ baseUrl: 'http://example.com', token: '' }, 'token'],
    [{ baseUrl: 'http://example.com', timeoutMs: 0 }, 'timeoutMs'],
  ])('refuses %j', (options, field) => {
    let thrown: unknown;
    try {
      createAdminClient(options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ code: 'invalid_input', field });
    expect((thrown as ApiError).message).not.toContain('hunter2');
    expect((thrown as ApiError).message).not.toContain(TOKEN);
  });
});
