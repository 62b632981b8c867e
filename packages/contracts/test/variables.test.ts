// The variables endpoints: schemas (canonical scopes, query booleans, strict bodies, values
// only when listed with values) and the typed client's requests.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type AdminClient,
  ApiError,
  createAdminClient,
  ListVariablesQuerySchema,
  ListVariablesResponseSchema,
  SetVariableBodySchema,
  setVariableBodySchema,
  shapeResponse,
  VariableParamsSchema,
} from '../src/index.js';
import { startTestServer, type TestServer } from './http-server.js';
import { accepted, rejection } from './issues.js';

const TOKEN = 'kici_tok_variables_0123456789';
const T = '2025-05-01T10:00:00.000Z';

describe('variable schemas', () => {
  it('canonicalises the scope and checks the key like secrets', () => {
    expect(
      accepted(VariableParamsSchema, { orgId: 'acme', scope: 'production', key: 'A' }),
    ).toEqual({ orgId: 'acme', scope: 'pg:production', key: 'A' });
    expect(
      rejection(VariableParamsSchema, { orgId: 'acme', scope: 'x', key: 'lower' })?.field,
    ).toBe('key');
    expect(
      rejection(VariableParamsSchema, { orgId: 'acme', scope: 'pg:../etc', key: 'A' })?.field,
    ).toBe('scope');
  });

  it('takes a non-empty value within the limit and an optional boolean locked', () => {
    expect(accepted(SetVariableBodySchema, { value: 'x' })).toEqual({ value: 'x' });
    expect(accepted(SetVariableBodySchema, { value: 'x', locked: true })).toEqual({
      value: 'x',
      locked: true,
    });
    expect(rejection(SetVariableBodySchema, { value: '' })?.field).toBe('value');
    expect(rejection(SetVariableBodySchema, { value: 'x', locked: 'yes' })?.field).toBe('locked');
    expect(rejection(SetVariableBodySchema, { value: 'x', other: 1 })?.field).toBe('other');
    expect(rejection(setVariableBodySchema(3), { value: 'four' })?.message).toBe(
      'value: expected at most 3 bytes',
    );
  });

  it('reads values=true|false from a query string, false by default', () => {
    expect(accepted(ListVariablesQuerySchema, { orgId: 'acme' })).toEqual({
      orgId: 'acme',
      values: false,
    });
    expect(
      accepted(ListVariablesQuerySchema, { orgId: 'acme', scope: 'staging', values: 'true' }),
    ).toEqual({ orgId: 'acme', scope: 'pg:staging', values: true });
    expect(accepted(ListVariablesQuerySchema, { orgId: 'acme', values: 'false' }).values).toBe(
      false,
    );
    for (const values of ['1', 'yes', 'TRUE', '']) {
      expect(rejection(ListVariablesQuerySchema, { orgId: 'acme', values })?.message).toBe(
        'values: expected true or false',
      );
    }
  });

  it('lets a value through a response only where the listing carries one', () => {
    const row = {
      key: 'REGION',
      scope: 'pg:production',
      locked: false,
      createdAt: new Date(T),
      createdBy: 'token:bootstrap',
      updatedAt: new Date(T),
      updatedBy: 'token:bootstrap',
      id: 7,
      orgId: 'acme',
    };
    const shaped = shapeResponse(ListVariablesResponseSchema, {
      orgId: 'acme',
      variables: [row, { ...row, key: 'ZONE', value: 'eu-west-1a' }],
    });
    expect(shaped.variables[0]).not.toHaveProperty('value');
    expect(shaped.variables[0]).not.toHaveProperty('id');
    expect(shaped.variables[1]?.value).toBe('eu-west-1a');
    expect(shaped).not.toHaveProperty('scope');
  });
});

describe('variables client', () => {
  let server: TestServer;
  let client: AdminClient;

  beforeAll(async () => {
    server = await startTestServer();
    client = createAdminClient({ baseUrl: server.url, token: TOKEN });
  });
  afterAll(() => server.close());
  afterEach(() => {
    server.requests.length = 0;
  });

  const last = () => {
    const request = server.requests.at(-1);
    if (!request) throw new Error('no request reached the server');
    return request;
  };

  it('sets: PUT with the encoded canonical scope, no surface header, locked only when given', async () => {
    const written = {
      orgId: 'acme',
      scope: 'pg:aws/prod',
      key: 'REGION',
      valueLength: 9,
      locked: true,
      updatedAt: T,
      created: true,
    };
    server.reply({ json: written });
    await expect(
      client.variables.set('acme', 'aws/prod', 'REGION', 'eu-west-1', { locked: true }),
    ).resolves.toEqual(written);
    expect(last()).toMatchObject({
      method: 'PUT',
      url: '/api/v1/admin/variables/acme/pg%3Aaws%2Fprod/REGION',
    });
    // The surface is the token's: the client states none.
    expect(last().headers['x-kici-surface']).toBeUndefined();
    expect(JSON.parse(last().body)).toEqual({ value: 'eu-west-1', locked: true });
    await client.variables.set('acme', 'aws/prod', 'REGION', 'eu-west-1');
    expect(JSON.parse(last().body)).toEqual({ value: 'eu-west-1' });
  });

  it('lists with a query string and deletes with DELETE', async () => {
    server.reply({ json: { orgId: 'acme', variables: [] } });
    await client.variables.list('acme');
    expect(last()).toMatchObject({
      method: 'GET',
      url: '/api/v1/admin/variables?orgId=acme&values=false',
    });
    expect(last().headers['x-kici-surface']).toBeUndefined();
    server.reply({ json: { orgId: 'acme', scope: 'pg:production', variables: [] } });
    await client.variables.list('acme', { scope: 'production', values: true });
    expect(last().url).toBe('/api/v1/admin/variables?orgId=acme&scope=pg%3Aproduction&values=true');
    server.reply({ json: { orgId: 'acme', scope: 'pg:production', key: 'A', deleted: true } });
    await client.variables.delete('acme', 'production', 'A');
    expect(last()).toMatchObject({
      method: 'DELETE',
      url: '/api/v1/admin/variables/acme/pg%3Aproduction/A',
    });
  });

  it('refuses a bad key before any request', async () => {
    const error = await client.variables.set('acme', 'production', 'bad key', 'x').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.field]).toEqual([0, 'key']);
    expect(server.requests).toEqual([]);
  });
});
