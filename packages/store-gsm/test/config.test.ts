// The backend kind as the server uses it: a config checked (refusals name the field, never
// the value), stored with its defaults, summarised without the private key.
import { generateKeyPairSync } from 'node:crypto';
import { KiciError } from '@kici/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gsmBackendType, validateGsmConfig } from '../src/index.js';
import { type GsmTestServer, startGsmTestServer } from './helpers.js';

let server: GsmTestServer;
beforeAll(async () => {
  server = await startGsmTestServer();
  await server.addVersion('api-key', 'from-gsm');
});
afterAll(() => server.stop());

const refusal = (input: unknown) => {
  try {
    validateGsmConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(KiciError);
    return error as KiciError & { field?: string };
  }
  throw new Error('expected a refusal');
};

describe('validateGsmConfig', () => {
  it('fills in the endpoint, the token endpoint of the key file and the timeout', () => {
    const config = validateGsmConfig({
      name: 'gsm-prod',
      project: 'my-project',
      credentials: JSON.stringify(server.credentials),
    });
    expect(config).toMatchObject({
      endpoint: 'https://secretmanager.googleapis.com',
      tokenUri: server.tokenUri,
      timeoutMs: 5000,
    });
    expect(Object.keys(config.credentials).sort()).toEqual([
      'client_email',
      'private_key',
      'private_key_id',
      'token_uri',
      'type',
    ]);
  });

  it.each([
    [{ credentials: {} }, 'project'],
    [
      { project: 'my-project', credentials: { type: 'service_account' } },
      'credentials.client_email',
    ],
    [{ project: 'my-project', credentials: {}, timeoutMs: 5 }, 'credentials.type'],
  ])('refuses %j as invalid_input naming %s', (input, field) => {
    const error = refusal({ name: 'gsm-prod', ...input });
    expect(error.code).toBe('invalid_input');
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });

  it('refuses a PEM key that is not RSA, or not a key at all, without quoting it', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const fake = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LW1hdGVyaWFs\n-----END PRIVATE KEY-----\n';
    for (const privateKey of [ec, fake]) {
      const error = refusal({
        name: 'gsm-prod',
        project: 'my-project',
        credentials: { ...server.credentials, private_key: privateKey },
      });
      expect(error.message).toBe('credentials.private_key: expected an RSA private key in PEM');
    }
  });
});

describe('gsmBackendType', () => {
  const type = gsmBackendType(() => {});

  it('validates under the registered name, summarises without the key, and reads', async () => {
    const stored = type.validate('gsm-prod', {
      name: 'ignored',
      project: server.project,
      credentials: server.credentials,
      endpoint: server.url,
    });
    expect(stored.name).toBe('gsm-prod');
    const summary = type.summarize(stored);
    expect(summary).toEqual({
      project: server.project,
      endpoint: server.url,
      clientEmail: server.credentials.client_email,
    });
    expect(JSON.stringify(summary)).not.toContain('PRIVATE KEY');
    const backend = type.create(JSON.parse(JSON.stringify(stored)), { warn: () => {} });
    expect(backend).toMatchObject({ name: 'gsm-prod', type: 'gsm' });
    expect(await backend.readScope('api-key')).toEqual({ 'api-key': 'from-gsm' });
    expect(await backend.listPaths()).toEqual(['api-key']);
    await backend.close();
  });
});
