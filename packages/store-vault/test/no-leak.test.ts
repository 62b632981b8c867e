// No Vault credential (root token, AppRole role and secret IDs, AppRole-issued tokens) appears
// in any log line, console call, stdout/stderr write, or error message, stack, JSON or
// inspection, across every failure mode. hashi-vault-js's errors carry the token and the
// login body in `err.config`: this proves none of them escapes.
import { inspect } from 'node:util';
import Vault from 'hashi-vault-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultBackend, type VaultBackendConfig } from '../src/index.js';
import {
  makeTestCertificates,
  startVaultTestServer,
  type TestCertificates,
  type VaultTestServer,
} from './helpers.js';

let server: VaultTestServer;
let tlsServer: VaultTestServer;
let certificates: TestCertificates;
const captured: string[] = [];
const restore: Array<() => void> = [];

beforeAll(async () => {
  certificates = await makeTestCertificates();
  server = await startVaultTestServer({ namespaces: ['team-a'] });
  tlsServer = await startVaultTestServer({
    tls: { certFile: certificates.certFile, keyFile: certificates.keyFile },
    rootToken: server.rootToken,
    roleId: server.roleId,
    secretId: server.secretId,
  });
  await server.seed('kici/secrets/app', { KEY: 'v' });
  await server.seed('kici/secrets/private', { KEY: 'v' });
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      captured.push(
        args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 10 }))).join(' '),
      );
    };
    restore.push(() => {
      console[method] = original;
    });
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      captured.push(String(chunk));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = original;
    });
  }
});
afterAll(async () => {
  for (const undo of restore) undo();
  await server.stop();
  await tlsServer.stop();
  await certificates.dispose();
});

const backendFor = (target: VaultTestServer, config: Partial<VaultBackendConfig>) =>
  // No logger option: warnings go to the (captured) console.
  createVaultBackend({
    name: 'leak-check',
    url: target.url,
    authMethod: 'token',
    token: target.rootToken,
    ...config,
  });

const approle = (config: Partial<VaultBackendConfig> = {}) =>
  backendFor(server, {
    authMethod: 'approle',
    roleId: server.roleId,
    secretId: server.secretId,
    ...config,
  });

describe('no credential leaks', () => {
  it('across every failure mode', async () => {
    const errors: unknown[] = [];
    const attempt = async (run: () => Promise<unknown> | unknown) => {
      try {
        await run();
      } catch (error) {
        errors.push(error);
      }
    };
    const token = backendFor(server, {});
    const role = approle();

    // Successes first, so that AppRole tokens exist and are held.
    await attempt(() => role.readScope('app'));
    await attempt(() => role.check());
    // Revoked and expired AppRole tokens: re-login (a warning on the console).
    await server.control({ op: 'revoke' });
    await attempt(() => role.readScope('app'));
    await server.control({ op: 'expire' });
    await attempt(() => role.listPaths());
    // Refused AppRole credentials (the secret ID is in the failed request's body).
    await attempt(() => approle({ secretId: 'wrong-secret' }).readScope('app'));
    await attempt(() => approle({ roleId: 'wrong-role' }).check());
    // Unknown token, policy denials.
    await attempt(() => backendFor(server, { token: 'hvs.not-a-real-token' }).readScope('app'));
    await server.control({ op: 'deny', path: 'secret/data/kici/secrets/private' });
    await attempt(() => token.readScope('private'));
    await attempt(() => role.readScope('private'));
    await server.control({ op: 'allow' });
    // Missing things.
    await attempt(() => token.readScope('missing'));
    await attempt(() => backendFor(server, { mountPath: 'nope' }).readScope('app'));
    await attempt(() => backendFor(server, { namespace: 'nope' }).listPaths());
    await attempt(() => approle({ namespace: 'nope' }).readScope('app'));
    // Invalid paths and read-only refusals.
    await attempt(() => token.readScope('../x'));
    await attempt(() => token.write('x', {}));
    await attempt(() => token.delete('x'));
    // Sealed.
    await server.control({ op: 'seal' });
    await attempt(() => token.readScope('app'));
    await attempt(() => role.check());
    await server.control({ op: 'unseal' });
    // Slow.
    await server.control({ op: 'delay', ms: 600 });
    await attempt(() => backendFor(server, { timeoutMs: 150 }).readScope('app'));
    await attempt(() => approle({ timeoutMs: 150 }).readScope('app'));
    await server.control({ op: 'delay', ms: 0 });
    // Untrusted TLS.
    await attempt(() => backendFor(tlsServer, {}).readScope('app'));
    await attempt(() =>
      backendFor(tlsServer, {
        authMethod: 'approle',
        roleId: server.roleId,
        secretId: server.secretId,
      }).readScope('app'),
    );
    // Unreachable.
    await server.control({ op: 'refuse' });
    await attempt(() => token.readScope('app'));
    await attempt(() => role.readScope('app'));
    await attempt(() => approle().check());
    await server.control({ op: 'listen' });
    // Invalid configurations.
    await attempt(() =>
      createVaultBackend({
        name: 'x',
        url: server.url,
        authMethod: 'token',
        token: `${server.rootToken} `,
      }),
    );
    await attempt(() =>
      createVaultBackend({
        name: 'x',
        url: `http://u:${server.secretId}@127.0.0.1:1`,
        authMethod: 'token',
        token: 'a',
      }),
    );

    const issued = ((await server.control({ op: 'tokens' })).tokens as Array<{ id: string }>).map(
      (t) => t.id,
    );
    const credentials = [
      server.rootToken,
      server.roleId,
      server.secretId,
      'wrong-secret',
      'hvs.not-a-real-token',
      ...issued,
    ];
    expect(issued.length).toBeGreaterThan(2);
    const reasons = new Set(
      errors.map(
        (e) => (e as { reason?: string; code: string }).reason ?? (e as { code: string }).code,
      ),
    );
    expect([...reasons].sort()).toEqual([
      'auth_failed',
      'forbidden',
      'invalid_input',
      'invalid_path',
      'mount_not_found',
      'not_found',
      'read_only',
      'sealed',
      'timeout',
      'unreachable',
    ]);
    expect(captured.some((line) => line.includes('logging in again with AppRole'))).toBe(true);

    const texts = [
      ...captured,
      ...errors.flatMap((error) => {
        const e = error as Error;
        return [
          String(e),
          e.message,
          e.stack ?? '',
          JSON.stringify(e),
          inspect(e, { depth: 10, showHidden: true }),
        ];
      }),
    ];
    for (const credential of credentials) {
      for (const text of texts)
        expect(text.includes(credential), `leaked into: ${text.slice(0, 300)}`).toBe(false);
    }
    for (const error of errors)
      expect((error as Error).message).toMatch(
        /^(Vault backend "(leak-check|x)": |(name|url|token|secretId|roleId): )/,
      );
    await Promise.all([token.close(), role.close()]);
  }, 60_000);

  it('the defect is real: hashi-vault-js errors carry the token, so the check above can see one', async () => {
    const client = new Vault({ baseUrl: `${server.url}/v1`, timeout: 2000 });
    await server.control({ op: 'deny', token: server.rootToken });
    try {
      await client.readKVSecret(server.rootToken, 'kici/secrets/app', undefined, 'secret');
      expect.unreachable();
    } catch (error) {
      expect(inspect(error, { depth: 10 })).toContain(server.rootToken);
    } finally {
      await server.control({ op: 'allow' });
    }
  });
});
