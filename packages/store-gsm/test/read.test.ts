// Reading secrets through real HTTP from the GSM test server: latest and numbered versions,
// full names, payload decoding and the CRC32C check.
import { BackendError } from '@kici/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type GsmTestServer, gsmBackend, startGsmTestServer } from './helpers.js';

let server: GsmTestServer;
beforeAll(async () => {
  server = await startGsmTestServer();
  await server.addVersion('db-password', 'first');
  await server.addVersion('db-password', 'second ünïcode ✓');
  await server.addVersion('multi-line', 'line 1\nline 2\n');
  await server.addVersion('empty', '');
  await server.addVersion('corrupt', 'bits flipped', { badCrc: true });
  await server.control({ op: 'addVersion', secret: 'binary', dataBase64: '//79/A==' });
});
afterAll(() => server.stop());

describe('readScope', () => {
  it('reads the latest version of a secret id as { id: text }', async () => {
    const backend = gsmBackend(server);
    expect(await backend.readScope('db-password')).toEqual({ 'db-password': 'second ünïcode ✓' });
    expect(await backend.readScope('multi-line')).toEqual({ 'multi-line': 'line 1\nline 2\n' });
    expect(await backend.readScope('empty')).toEqual({ empty: '' });
    expect(backend).toMatchObject({ name: 'gsm-test', type: 'gsm' });
    await backend.close();
  });

  it('reads a numbered version, and full names of its own project (id or as given)', async () => {
    const backend = gsmBackend(server);
    expect(await backend.readScope('db-password/versions/1')).toEqual({ 'db-password': 'first' });
    expect(await backend.readScope('db-password/versions/latest')).toEqual({
      'db-password': 'second ünïcode ✓',
    });
    expect(
      await backend.readScope(`projects/${server.project}/secrets/db-password/versions/1`),
    ).toEqual({ 'db-password': 'first' });
    await backend.close();
  });

  it('refuses a full name of another project without asking Google', async () => {
    const backend = gsmBackend(server);
    const before = await server.counts();
    const error = await failure(backend.readScope('projects/other-project/secrets/x'));
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ backend: 'gsm-test', reason: 'invalid_path' });
    expect(error.message).toContain('GSM backend "gsm-test"');
    expect(error.message).toContain('projects/other-project/secrets/x');
    expect((await server.counts()).requests).toBe(before.requests);
    await backend.close();
  });

  it('refuses a payload whose CRC32C does not match, naming backend and path', async () => {
    const backend = gsmBackend(server);
    const error = await failure(backend.readScope('corrupt'));
    expect(error).toMatchObject({ backend: 'gsm-test', reason: 'bad_response' });
    expect(error.message).toMatch(/^GSM backend "gsm-test": payload failed its CRC32C check/);
    expect(error.message).toContain('"corrupt"');
    expect(error.message).not.toContain('bits flipped');
    await backend.close();
  });

  it('refuses a payload that is not UTF-8 text rather than mangling it', async () => {
    const backend = gsmBackend(server);
    const error = await failure(backend.readScope('binary'));
    expect(error).toMatchObject({ reason: 'bad_response' });
    expect(error.message).toContain('not UTF-8');
    await backend.close();
  });

  it('answers check() with a latency once authenticated', async () => {
    const backend = gsmBackend(server);
    const { latencyMs } = await backend.check();
    expect(latencyMs).toBeGreaterThanOrEqual(0);
    await backend.close();
    const closed = await failure(backend.readScope('db-password'));
    expect(closed).toMatchObject({ reason: 'unreachable' });
  });
});
