// The access token: one exchange for many reads (concurrent ones sharing it), a new one once
// it is about to expire, a refused token replaced once; the token endpoint's refusals named.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type GsmTestServer, gsmBackend, startGsmTestServer } from './helpers.js';

let server: GsmTestServer;
beforeAll(async () => {
  server = await startGsmTestServer({ tokenTtlSeconds: 3600 });
  await server.addVersion('api-key', 'k1');
});
afterAll(() => server.stop());

const tokenRequests = async () => (await server.counts()).tokenRequests;

describe('access tokens', () => {
  it('exchanges one token for many reads, concurrent callers sharing the one in flight', async () => {
    const backend = gsmBackend(server);
    const before = await tokenRequests();
    const reads = await Promise.all(Array.from({ length: 20 }, () => backend.readScope('api-key')));
    expect(reads.every((read) => read['api-key'] === 'k1')).toBe(true);
    for (let i = 0; i < 10; i++) await backend.readScope('api-key');
    await backend.listPaths();
    expect((await tokenRequests()) - before).toBe(1);
    await backend.close();
  });

  it('gets a new token shortly before expiry, once per expiry', async () => {
    let now = Date.now();
    const backend = gsmBackend(server, {}, () => now);
    const before = await tokenRequests();
    await backend.readScope('api-key');
    now += 3_500_000; // still more than the renewal margin (60 s) before expiry
    await backend.readScope('api-key');
    expect((await tokenRequests()) - before).toBe(1);
    now += 50_000; // within the margin: renewed, once for these concurrent reads
    await Promise.all([backend.readScope('api-key'), backend.readScope('api-key')]);
    await backend.readScope('api-key');
    expect((await tokenRequests()) - before).toBe(2);
    await backend.close();
  });

  it('refreshes for real after a short-lived token expires on the server', async () => {
    const short = await startGsmTestServer({ tokenTtlSeconds: 1 });
    try {
      await short.addVersion('s', 'v');
      const backend = gsmBackend(short);
      await backend.readScope('s');
      await backend.readScope('s');
      expect((await short.counts()).tokenRequests).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await backend.readScope('s')).toEqual({ s: 'v' });
      expect((await short.counts()).tokenRequests).toBe(2);
      await backend.close();
    } finally {
      await short.stop();
    }
  });

  it('replaces a token Secret Manager refuses (401), once', async () => {
    const backend = gsmBackend(server);
    await backend.readScope('api-key');
    const before = await tokenRequests();
    await server.control({ op: 'expireTokens' });
    expect(await backend.readScope('api-key')).toEqual({ 'api-key': 'k1' });
    expect((await tokenRequests()) - before).toBe(1);
    await backend.close();
  });

  it('names a key the token endpoint does not trust as auth_failed, without the key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const backend = gsmBackend(server, {
      credentials: { ...server.credentials, private_key: pem },
    });
    const error = await failure(backend.readScope('api-key'));
    expect(error).toMatchObject({ backend: 'gsm-test', reason: 'auth_failed' });
    expect(error.message).toMatch(/^GSM backend "gsm-test": the service account's credentials/);
    expect(error.message).toContain('invalid_grant');
    expect(error.message).not.toContain('PRIVATE KEY');
    await backend.close();
  });

  it('names an unknown service account and a token endpoint elsewhere', async () => {
    const stranger = gsmBackend(server, {
      credentials: { ...server.credentials, client_email: 'nobody@x.iam.gserviceaccount.com' },
    });
    expect(await failure(stranger.readScope('api-key'))).toMatchObject({
      reason: 'auth_failed',
    });
    await stranger.close();
    // The assertion's audience is the endpoint it goes to: the server checks `aud`.
    const elsewhere = gsmBackend(server, {
      tokenUri: server.tokenUri.replace('127.0.0.1', 'localhost'),
    });
    const error = await failure(elsewhere.readScope('api-key'));
    expect(error).toMatchObject({ reason: 'auth_failed' });
    expect(error.message).toContain('Failed audience check');
    await elsewhere.close();
  });
});
