// Discovery through real HTTP: every secret id of the project, across pages; and the page
// walk's guards against a server that never ends it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSecrets } from '../src/list.js';
import { failure, type GsmTestServer, gsmBackend, startGsmTestServer } from './helpers.js';

let server: GsmTestServer;
const ids = Array.from({ length: 1_234 }, (_, i) => `secret-${String(i).padStart(4, '0')}`);
beforeAll(async () => {
  server = await startGsmTestServer();
  for (const id of ids) await server.addVersion(id, `value-${id}`);
}, 60_000);
afterAll(() => server.stop());

describe('listPaths', () => {
  it('pages through secrets.list and answers every secret id, sorted', async () => {
    const backend = gsmBackend(server);
    const before = (await server.counts()).requests;
    expect(await backend.listPaths()).toEqual(ids);
    // 500 a page: three pages.
    expect((await server.counts()).requests - before).toBe(3);
    expect(backend.warnings).toEqual([]);
    await backend.close();
  });

  it('answers no ids for an empty project', async () => {
    const empty = await startGsmTestServer();
    try {
      const backend = gsmBackend(empty);
      expect(await backend.listPaths()).toEqual([]);
      await backend.close();
    } finally {
      await empty.stop();
    }
  });
});

describe('listSecrets (the page walk)', () => {
  it('skips names that are not secrets and counts them', async () => {
    const pages: Record<string, unknown> = {
      '': {
        secrets: [{ name: 'projects/1/secrets/a' }, { name: 'weird' }, {}],
        nextPageToken: 't1',
      },
      t1: { secrets: [{ name: 'projects/1/secrets/b' }, { name: 'projects/1/secrets/a' }] },
    };
    expect(await listSecrets(async (token) => pages[token])).toEqual({
      ids: ['a', 'b'],
      skipped: 2,
    });
  });

  it('refuses a page token that repeats (a loop) or a bad shape', async () => {
    const loop = listSecrets(async () => ({ secrets: [], nextPageToken: 'again' }));
    expect((await failure(loop)).message).toContain('page token repeated');
    const bad = listSecrets(async () => ({ secrets: 'nope' }));
    expect((await failure(bad)).message).toContain('unexpected answer shape');
  });
});
