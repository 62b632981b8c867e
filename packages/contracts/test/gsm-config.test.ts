// The one GSM backend config schema: every rule accepts and refuses, every refusal names the
// field (dotted inside the key file) and never the value, above all never the private key.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  AddBackendBodySchema,
  GSM_DEFAULT_TOKEN_URI,
  GsmConfigSchema,
  NamedGsmConfigSchema,
} from '../src/index.js';
import { accepted } from './issues.js';

const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQ-secret-material\n-----END PRIVATE KEY-----\n';
const keyFile = {
  type: 'service_account',
  project_id: 'my-project',
  private_key_id: 'abc123',
  private_key: KEY,
  client_email: 'kici@my-project.iam.gserviceaccount.com',
  client_id: '1234',
  token_uri: 'https://oauth2.googleapis.com/token',
};
const config = { project: 'my-project', credentials: keyFile };

/** The first issue's message, or undefined when accepted. */
const message = (schema: v.GenericSchema, input: unknown) => {
  const result = v.safeParse(schema, input);
  return result.success ? undefined : result.issues[0]?.message;
};

describe('GsmConfigSchema', () => {
  it('accepts a key file as an object or as its JSON text, keeping only what a token needs', () => {
    const expected = {
      type: 'service_account',
      client_email: keyFile.client_email,
      private_key: KEY,
      private_key_id: 'abc123',
      token_uri: keyFile.token_uri,
    };
    expect(accepted(GsmConfigSchema, config).credentials).toEqual(expected);
    expect(
      accepted(GsmConfigSchema, { ...config, credentials: JSON.stringify(keyFile) }).credentials,
    ).toEqual(expected);
  });

  it("fills in Google's token endpoint, trims the endpoint's slashes, takes a project number", () => {
    const { token_uri: _, ...withoutUri } = keyFile;
    const out = accepted(GsmConfigSchema, {
      project: '123456789012',
      credentials: withoutUri,
      endpoint: 'http://127.0.0.1:9000/',
      timeoutMs: 100,
    });
    expect(out.credentials.token_uri).toBe(GSM_DEFAULT_TOKEN_URI);
    expect(out.endpoint).toBe('http://127.0.0.1:9000');
  });

  it.each([
    [{ credentials: keyFile }, 'project: expected a Google Cloud project id, e.g. my-project'],
    [{ ...config, project: 'My_Project' }, 'project: expected a Google Cloud project id'],
    [{ project: 'my-project' }, 'credentials: expected the service-account key JSON'],
    [{ ...config, credentials: '{not json' }, 'credentials: expected the service-account key JSON'],
    [{ ...config, credentials: 42 }, 'credentials: expected the service-account key JSON'],
    [
      { ...config, credentials: { ...keyFile, type: 'authorized_user' } },
      'credentials.type: expected "service_account"',
    ],
    [
      { ...config, credentials: { ...keyFile, private_key: 'hunter2' } },
      'credentials.private_key: expected an RSA private key in PEM',
    ],
    [
      { ...config, credentials: { ...keyFile, client_email: undefined } },
      'credentials.client_email: expected the service account e-mail address',
    ],
    [
      { ...config, credentials: { ...keyFile, token_uri: 'ftp://x' } },
      'credentials.token_uri: expected an http:// or https:// URL',
    ],
    [{ ...config, endpoint: 'https://user:pw@gsm' }, 'endpoint: expected an http:// or https://'],
    [{ ...config, tokenUri: 'https://x/?q=1' }, 'tokenUri: expected an http:// or https://'],
    [{ ...config, caCert: 'nope' }, 'caCert: expected PEM certificates'],
    [{ ...config, timeoutMs: 99 }, 'timeoutMs: expected an integer from 100 to 120000'],
    [{ ...config, url: 'https://x' }, 'url: unknown field'],
    ['text', 'config: expected an object'],
  ])('refuses %j naming the field', (input, expected) => {
    const said = message(GsmConfigSchema, input);
    expect(said).toContain(expected);
  });

  it('never repeats the private key, whatever is wrong with it', () => {
    for (const privateKey of [KEY.repeat(10), `${KEY} `, 'MIIEvQ-secret-material']) {
      const input = { ...config, credentials: { ...keyFile, private_key: privateKey.repeat(300) } };
      const said = message(GsmConfigSchema, input) ?? '';
      expect(said).toMatch(/^credentials\.private_key: /);
      expect(said).not.toContain('secret-material');
    }
  });

  it('names the backend with NamedGsmConfigSchema', () => {
    expect(accepted(NamedGsmConfigSchema, { name: 'gsm-prod', ...config }).name).toBe('gsm-prod');
    expect(message(NamedGsmConfigSchema, config)).toBe('name: expected a backend name');
  });

  it('is carried as the config of a gsm backend by the admin API', () => {
    const body = { name: 'gsm-prod', backendType: 'gsm', config };
    expect(v.safeParse(AddBackendBodySchema, body).success).toBe(true);
    expect(message(AddBackendBodySchema, { ...body, backendType: 'aws' })).toBe(
      'backendType: expected vault or gsm',
    );
  });
});
