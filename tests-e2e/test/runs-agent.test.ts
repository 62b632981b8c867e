// A run end to end with a real server and real agent processes built on @kici/sdk: job A sets
// a secret output, job B (needs A) receives it with its meta, job C (no needs) does not; the
// run's completion leaves no row in run_ephemeral_keys or run_secret_outputs; and afterwards
// (forward secrecy) the master key and a dump of every table recover no output of that run.
import { randomBytes } from 'node:crypto';
import { createAdminClient, JOB_OUTPUT_BACKEND } from '@kici/contracts';
import { encodeAad, jobOutputAad, secretAad } from '@kici/crypto';
import { createKeyring, openForRun, sealForRun } from '@kici/crypto/node';
import { startTestServer, type TestServer } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentRun, runAgent } from './agent.js';
import { containsBytes, count, dumpEverything, openDirect } from './database.js';
import { singleDriver } from './orchestrator.js';
import { createRun, finishJob } from './runs.js';

const ORG = 'acme';
const RUN = 'run-e2e-outputs';
const MASTER = 'ab'.repeat(32); // startTestServer's KICI_SECRET_KEY
const VALUE = `minted-${randomBytes(18).toString('hex')}`;
const EXTRA = `second-${randomBytes(18).toString('hex')}`;
const utf8 = (text: string) => new TextEncoder().encode(text);

describe(`a run with secret outputs, agents on @kici/sdk (${singleDriver()})`, () => {
  let server: TestServer;
  let a: AgentRun;
  let b: AgentRun;
  let c: AgentRun;
  /** The ingest envelope of EXTRA_TOKEN, as it crossed the wire. */
  let envelope: Uint8Array;

  beforeAll(async () => {
    server = await startTestServer({ driver: singleDriver() });
    const admin = createAdminClient({ baseUrl: server.url, token: server.token });
    await admin.secrets.set(ORG, 'production', 'API_TOKEN', 'pg-api-token-value');
    await admin.environments.create(ORG, { name: 'production', scopes: ['production'] });
  }, 120_000);
  afterAll(() => server?.dispose());

  it('job A sets outputs; B (needs A) gets them as job-output, C does not', async () => {
    const run = await createRun(server, ORG, RUN, [
      { id: 'A' },
      { id: 'B', needs: ['A'] },
      { id: 'C' },
    ]);
    expect(run.state).toBe('running');
    // A also tries to shadow the environment's API_TOKEN: the environment wins (documented).
    a = await runAgent(server, ORG, RUN, 'A', {
      environment: 'production',
      outputs: { DEPLOY_TOKEN: VALUE, API_TOKEN: 'shadow-attempt-from-job-a' },
    });
    expect(a.exitCode, a.output).toBe(0);
    expect(a.report.outputs).toEqual([
      { key: 'DEPLOY_TOKEN', bytes: VALUE.length },
      { key: 'API_TOKEN', bytes: 25 },
    ]);
    // The dispatch answer names sources, never a value; the agent's log is masked.
    expect(JSON.stringify(a.dispatch)).not.toContain('pg-api-token-value');
    expect(a.report.log).not.toContain(VALUE);
    expect(a.report.log).not.toContain('pg-api-token-value');

    // A second output sealed here, so that its envelope is known to the forward-secrecy check.
    envelope = sealForRun(
      Buffer.from(run.publicKey, 'base64'),
      utf8(EXTRA),
      jobOutputAad(RUN, 'A', 'EXTRA_TOKEN'),
    );
    const put = await fetch(`${server.url}/agent/v1/runs/${RUN}/jobs/A/outputs/EXTRA_TOKEN`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${a.dispatch.credential}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ envelope: Buffer.from(envelope).toString('base64') }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ runId: RUN, jobId: 'A', key: 'EXTRA_TOKEN' });
    expect((await finishJob(server, RUN, 'A')).body.runState).toBe('running');

    [b, c] = await Promise.all([
      runAgent(server, ORG, RUN, 'B', {
        environment: 'production',
        reveal: ['DEPLOY_TOKEN', 'EXTRA_TOKEN', 'API_TOKEN'],
      }),
      runAgent(server, ORG, RUN, 'C', { environment: 'production', reveal: ['API_TOKEN'] }),
    ]);
    expect([b.exitCode, c.exitCode], b.output + c.output).toEqual([0, 0]);
    const scope = `${RUN}/A`;
    expect(b.report.secrets).toEqual({
      API_TOKEN: { value: 'pg-api-token-value', backend: 'pg', scope: 'pg:production' },
      DEPLOY_TOKEN: { value: VALUE, backend: JOB_OUTPUT_BACKEND, scope },
      EXTRA_TOKEN: { value: EXTRA, backend: JOB_OUTPUT_BACKEND, scope },
    });
    expect(b.dispatch.sources?.[scope]).toEqual({
      backend: 'job-output',
      keys: ['DEPLOY_TOKEN', 'EXTRA_TOKEN'],
    });
    expect(c.report.secrets).toEqual({
      API_TOKEN: { value: 'pg-api-token-value', backend: 'pg', scope: 'pg:production' },
    });
    expect(JSON.stringify(c)).not.toContain(VALUE);
    // No dispatch answer carries a value.
    for (const answer of [b.dispatch, c.dispatch]) {
      expect(JSON.stringify(answer)).not.toContain(VALUE);
      expect(JSON.stringify(answer)).not.toContain('pg-api-token-value');
    }
  });

  it('shows output keys and sizes to operators while the run lives, never values', async () => {
    const admin = createAdminClient({ baseUrl: server.url, token: server.token });
    const detail = await admin.runs.show(RUN);
    const jobA = detail.jobs.find((job) => job.jobId === 'A');
    expect(jobA?.outputs.map((o) => [o.key, o.bytes]).sort()).toEqual(
      [
        ['API_TOKEN', 25],
        ['DEPLOY_TOKEN', VALUE.length],
        ['EXTRA_TOKEN', EXTRA.length],
      ].sort(),
    );
    expect(JSON.stringify(detail)).not.toContain(VALUE);
  });

  it('completion deletes the run key and every output row', async () => {
    expect((await finishJob(server, RUN, 'B')).body.runState).toBe('running');
    const last = await finishJob(server, RUN, 'C');
    expect(last.body).toMatchObject({ runState: 'completed', deleted: { keys: 1, outputs: 3 } });
    await server.stop(); // PGlite: one process at a time
    const store = await openDirect(server);
    try {
      expect(await count(store, 'run_ephemeral_keys')).toBe(0);
      expect(await count(store, 'run_secret_outputs')).toBe(0);
      expect(await count(store, 'runs', `run_id = '${RUN}' and state = 'completed'`)).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('forward secrecy: the master key and a full dump recover no output of the run', async () => {
    const store = await openDirect(server);
    let cells: Awaited<ReturnType<typeof dumpEverything>>;
    try {
      cells = await dumpEverything(store);
    } finally {
      await store.close();
    }
    expect(cells.length).toBeGreaterThan(50); // secrets, audit rows, runs, jobs…
    const b64 = Buffer.from(envelope).toString('base64');
    const secrets = [VALUE, EXTRA];
    const needles = [
      ...secrets.flatMap((s) => [s, Buffer.from(s).toString('base64')]),
      b64,
      b64.slice(0, 40), // its ephemeral public key
      Buffer.from(envelope).toString('hex'),
    ];
    const keyring = createKeyring({ current: Buffer.from(MASTER, 'hex'), version: 1 });
    // Every AAD a row of this run could have been sealed with, to the master key.
    const keys = ['DEPLOY_TOKEN', 'EXTRA_TOKEN', 'API_TOKEN'];
    const aads = [
      encodeAad('kici/run-key/v1', [ORG, RUN]),
      ...['A', 'B', 'C'].flatMap((job) =>
        keys.map((key) => encodeAad('kici/run-output/v1', [ORG, `${RUN}/${job}`, key])),
      ),
    ];
    const found: string[] = [];
    for (const cell of cells) {
      if (cell.text !== undefined) {
        for (const needle of needles) if (cell.text.includes(needle)) found.push(cell.where);
        continue;
      }
      const bytes = cell.bytes as Uint8Array;
      for (const s of secrets) if (containsBytes(bytes, utf8(s))) found.push(cell.where);
      if (containsBytes(bytes, envelope.subarray(32))) found.push(`${cell.where} (envelope)`);
      for (const aad of aads) {
        let opened: Uint8Array | undefined;
        try {
          opened = keyring.open(bytes, aad).plaintext;
        } catch {}
        if (opened === undefined) continue;
        found.push(`${cell.where} opens with the master key`);
        // Even a recovered run key must not open the envelope that was sent.
        try {
          openForRun(opened, envelope, jobOutputAad(RUN, 'A', 'EXTRA_TOKEN'));
          found.push(`${cell.where} opens the ingest envelope`);
        } catch {}
      }
    }
    expect(found).toEqual([]);
    // The search can find: the environment's secret, sealed with the same key, does open.
    const secretRow = secretAad({ orgId: ORG, scope: 'pg:production', key: 'API_TOKEN' });
    const opened = cells.filter((cell) => {
      try {
        return cell.bytes && keyring.open(cell.bytes, secretRow) !== undefined;
      } catch {
        return false;
      }
    });
    expect(opened.length).toBe(1);
    // Nor did the server ever print a value or an envelope.
    const logs = server.output();
    for (const needle of needles) expect(logs.includes(needle)).toBe(false);
  });
});
