// SIGKILL of the server in the middle of a stream of outputs loses nothing it acknowledged:
// many concurrent setSecretOutput calls, the server killed mid-stream, restarted on the same
// database; every output that got a 200 is listed by `runs.show` and reaches the job that
// needs its producer, with its value.
import { createAdminClient } from '@kici/contracts';
import { startTestServer, type TestServer } from '@kici/server/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { singleDriver, waitFor } from './orchestrator.js';
import { createRun, dispatchJob, finishJob, putOutput, sealOutput } from './runs.js';

const ORG = 'acme';
const RUN = 'run-crash';
const OUTPUTS = 400;
const CONCURRENCY = 16;
const env = { KICI_RUN_MAX_OUTPUTS_PER_JOB: String(OUTPUTS) };

describe(`SIGKILL between ingest and re-seal (${singleDriver()})`, () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await servers[0]?.dispose();
  });

  it('keeps every acknowledged output', async () => {
    const first = await startTestServer({ driver: singleDriver(), env });
    servers.push(first);
    const admin = createAdminClient({ baseUrl: first.url, token: first.token });
    await admin.environments.create(ORG, { name: 'production', scopes: ['production'] });
    const run = await createRun(first, ORG, RUN, [{ id: 'A' }, { id: 'B', needs: ['A'] }]);
    const a = await dispatchJob(first, ORG, RUN, 'A', { environment: 'production' });
    const credential = a.body.credential;
    const value = (i: number) => `crash-value-${i}-${'v'.repeat(i % 50)}`;
    const envelopes = Array.from({ length: OUTPUTS }, (_, i) =>
      sealOutput(run.publicKey, RUN, 'A', `KEY_${i}`, value(i)),
    );

    // 16 agents put outputs as fast as they can; the server is killed once 40 were acknowledged.
    const acknowledged = new Set<number>();
    const failed: number[] = [];
    let next = 0;
    const agent = async () => {
      while (next < OUTPUTS) {
        const i = next++;
        try {
          const answer = await putOutput(
            first,
            credential,
            { runId: RUN, jobId: 'A', key: `KEY_${i}` },
            envelopes[i] as Uint8Array,
          );
          if (answer.status === 200) acknowledged.add(i);
          else failed.push(answer.status);
        } catch {
          failed.push(0); // the connection died with the server
        }
      }
    };
    const stream = Promise.all(Array.from({ length: CONCURRENCY }, agent));
    await waitFor('40 acknowledged outputs', () => (acknowledged.size >= 40 ? true : undefined), {
      intervalMs: 1,
    });
    first.process.kill('SIGKILL');
    await stream;
    expect(acknowledged.size).toBeGreaterThanOrEqual(40);
    expect(acknowledged.size).toBeLessThan(OUTPUTS); // killed mid-stream, not after it
    expect(failed.length).toBeGreaterThan(0);
    await new Promise((resolve) =>
      first.process.exitCode !== null || first.process.signalCode !== null
        ? resolve(undefined)
        : first.process.once('exit', resolve),
    );

    const second = await startTestServer({
      driver: singleDriver(),
      env,
      reuse: first,
      token: first.token,
    });
    servers.push(second);
    const after = createAdminClient({ baseUrl: second.url, token: second.token });
    const detail = await after.runs.show(RUN);
    const stored = new Map(
      (detail.jobs.find((j) => j.jobId === 'A')?.outputs ?? []).map((o) => [o.key, o.bytes]),
    );
    const lost = [...acknowledged].filter((i) => stored.get(`KEY_${i}`) !== value(i).length);
    expect(lost).toEqual([]);

    // And their values reach B, which needs A.
    expect((await finishJob(second, RUN, 'A')).status).toBe(200);
    const b = await dispatchJob(second, ORG, RUN, 'B', { environment: 'production' });
    expect(b.status).toBe(200);
    const wrong = [...acknowledged].filter((i) => b.secrets?.get(`KEY_${i}`) !== value(i));
    expect(wrong).toEqual([]);
    console.log(
      `crash: ${acknowledged.size} acknowledged of ${OUTPUTS}, ${stored.size} stored, ${failed.length} refused or cut`,
    );
  }, 180_000);
});
