// Tampered output envelopes: any byte region flipped (format, the agent's ephemeral key, the
// ciphertext, the tag), or a valid envelope moved to another run, job or key, or sealed to
// another run's key, is refused with 400, never stored, audited; the server stays up and a
// correct envelope is still accepted.
import { createAdminClient } from '@kici/contracts';
import { startTestServer, type TestServer } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { singleDriver } from './orchestrator.js';
import { createRun, dispatchJob, putOutput, sealOutput } from './runs.js';

const ORG = 'acme';
const VALUE = 'tamper-target-value-6f2c9d';
const REFUSED = 'envelope: could not be opened for this run, job and key';

describe(`tampered output envelopes (${singleDriver()})`, () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ driver: singleDriver() });
    const admin = createAdminClient({ baseUrl: server.url, token: server.token });
    await admin.environments.create(ORG, { name: 'production', scopes: ['production'] });
  }, 120_000);
  afterAll(() => server?.dispose());

  it('refuses every altered or moved envelope with 400, audited, and stays up', async () => {
    const one = await createRun(server, ORG, 'run-tamper-1', [{ id: 'A' }, { id: 'B' }]);
    const two = await createRun(server, ORG, 'run-tamper-2', [{ id: 'A' }]);
    const job = { environment: 'production' };
    const [a1, b1, a2] = await Promise.all([
      dispatchJob(server, ORG, 'run-tamper-1', 'A', job),
      dispatchJob(server, ORG, 'run-tamper-1', 'B', job),
      dispatchJob(server, ORG, 'run-tamper-2', 'A', job),
    ]);
    const target = { runId: 'run-tamper-1', jobId: 'A', key: 'TOKEN' };
    const good = sealOutput(one.publicKey, 'run-tamper-1', 'A', 'TOKEN', VALUE);
    const flipped = (index: number) => {
      const copy = Uint8Array.from(good);
      copy[index] = (copy[index] ?? 0) ^ 0x01;
      return copy;
    };
    const n = good.length;
    const attempts: [string, string | undefined, typeof target, Uint8Array][] = [
      ['format byte', a1.body.credential, target, flipped(0)],
      ['ephemeral key, first byte', a1.body.credential, target, flipped(1)],
      ['ephemeral key, last byte', a1.body.credential, target, flipped(32)],
      ['ciphertext, first byte', a1.body.credential, target, flipped(33)],
      ['ciphertext, last byte', a1.body.credential, target, flipped(n - 17)],
      ['tag, first byte', a1.body.credential, target, flipped(n - 16)],
      ['tag, last byte', a1.body.credential, target, flipped(n - 1)],
      ['truncated', a1.body.credential, target, good.subarray(0, n - 1)],
      ['extended', a1.body.credential, target, Uint8Array.of(...good, 0)],
      ['moved to another key', a1.body.credential, { ...target, key: 'OTHER' }, good],
      ['moved to another job', b1.body.credential, { ...target, jobId: 'B' }, good],
      ['moved to another run', a2.body.credential, { ...target, runId: 'run-tamper-2' }, good],
      [
        "sealed to another run's key",
        a1.body.credential,
        target,
        sealOutput(two.publicKey, 'run-tamper-1', 'A', 'TOKEN', VALUE),
      ],
    ];
    const answers = [];
    for (const [, credential, path, envelope] of attempts) {
      answers.push(await putOutput(server, credential, path, envelope));
    }
    answers.forEach((answer, i) => {
      expect([answer.status, answer.body.error?.message], attempts[i]?.[0]).toEqual([
        400,
        expect.stringContaining(REFUSED),
      ]);
    });

    // Nothing was stored; every refusal has its audit row, without value or envelope.
    const admin = createAdminClient({ baseUrl: server.url, token: server.token });
    const shown = await admin.runs.show('run-tamper-1');
    expect(shown.jobs.flatMap((j) => j.outputs)).toEqual([]);
    expect((await admin.runs.show('run-tamper-2')).jobs.flatMap((j) => j.outputs)).toEqual([]);
    const { entries } = await admin.audit({ action: 'run.output.set', limit: 100 });
    const failures = entries.filter(
      (e) => e.outcome === 'failure' && e.metadata.reason === 'envelope',
    );
    expect(failures).toHaveLength(attempts.length);
    const text = JSON.stringify(entries);
    expect(text).not.toContain(VALUE);
    expect(text).not.toContain(Buffer.from(good).toString('base64').slice(0, 40));

    // Still up, and the genuine envelope is accepted.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const accepted = await putOutput(server, a1.body.credential, target, good);
    expect([accepted.status, accepted.body.bytes]).toEqual([200, VALUE.length]);
    expect(server.process.exitCode).toBeNull();
    expect(server.output()).not.toContain(VALUE);
  });
});
