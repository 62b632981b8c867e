// `kici-admin run list|show|cancel` against a real kici-server: a run created and one output
// set through the dispatcher's and the agent's routes, then listed, shown (keys and sizes,
// never the value), refused to an auditor, declined and confirmed on a terminal, cancelled.
import { generateRunKeyPair, jobOutputAad, sealForRun } from '@kici/crypto';
import { startTestServer, type TestServer, testDrivers } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, json, kiciAdminOnTty } from './helpers.js';

const VALUE = 'cli-run-output-value-3e1b';
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function internal(server: TestServer, path: string, body: unknown) {
  const response = await fetch(`${server.url}/internal/v1${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.dispatcherToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  expect(response.status, path).toBe(200);
  return (await response.json()) as Record<string, string>;
}

/** A run of acme with jobs build and deploy (needs build), build dispatched, one output set. */
async function runWithOutput(server: TestServer, runId: string): Promise<void> {
  const run = await internal(server, '/runs', {
    orgId: 'acme',
    runId,
    jobs: [{ id: 'build' }, { id: 'deploy', needs: ['build'] }],
  });
  const dispatched = await internal(server, '/resolve', {
    orgId: 'acme',
    environment: 'production',
    repository: 'acme/api',
    branch: 'main',
    trigger: 'push',
    runId,
    jobId: 'build',
    agentPublicKey: b64(generateRunKeyPair().publicKey),
  });
  const envelope = sealForRun(
    Buffer.from(run.publicKey ?? '', 'base64'),
    new TextEncoder().encode(VALUE),
    jobOutputAad(runId, 'build', 'DEPLOY_TOKEN'),
  );
  const put = await fetch(`${server.url}/agent/v1/runs/${runId}/jobs/build/outputs/DEPLOY_TOKEN`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${dispatched.credential}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ envelope: b64(envelope) }),
  });
  expect(put.status).toBe(200);
}

describe.each(testDrivers())('kici-admin run (%s)', (driver) => {
  let server: TestServer;
  let run: ReturnType<typeof cli>;

  beforeAll(async () => {
    server = await startTestServer({ driver });
    run = cli(server);
    const created = await run([
      'environment',
      'create',
      'acme',
      'production',
      '--scope',
      'production',
    ]);
    expect(created.code, created.stderr).toBe(0);
    await runWithOutput(server, 'run-cli-1');
    await runWithOutput(server, 'run-cli-2');
  }, 120_000);
  afterAll(() => server?.dispose());

  it('lists runs with their state, jobs, outputs and sizes; filters by org, state, limit', async () => {
    const [table, asJson, limited, completed, otherOrg, byVariable] = await Promise.all([
      run(['run', 'list']),
      run(['run', 'list', '--json']),
      run(['run', 'list', '--limit', '1', '--json']),
      run(['run', 'list', '--state', 'completed']),
      run(['run', 'list', '--org', 'other', '--json']),
      run(['run', 'list', '--json'], { env: { KICI_ORG_ID: 'other' } }),
    ]);
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RUN\s+ORG\s+STATE\s+JOBS\s+OUTPUTS\s+SIZE\s+CREATED\s+COMPLETED$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 7))).toEqual([
      ['run-cli-2', 'acme', 'running', '2', '1', '25', 'B'],
      ['run-cli-1', 'acme', 'running', '2', '1', '25', 'B'],
    ]);
    const { runs } = json<{ runs: { runId: string; outputBytes: number }[] }>(asJson);
    expect(runs.map((r) => [r.runId, r.outputBytes])).toEqual([
      ['run-cli-2', VALUE.length],
      ['run-cli-1', VALUE.length],
    ]);
    expect(json<{ runs: unknown[] }>(limited).runs).toHaveLength(1);
    expect([completed.code, completed.stdout]).toEqual([0, 'No runs match\n']);
    expect(json<{ runs: unknown[] }>(otherOrg).runs).toEqual([]);
    expect(json<{ runs: unknown[] }>(byVariable).runs).toEqual([]);
    for (const result of [table, asJson]) expect(result.stdout).not.toContain(VALUE);
  });

  it('shows a run: jobs, needs, states, output keys and sizes, never values', async () => {
    const [human, asJson, unknown] = await Promise.all([
      run(['run', 'show', 'run-cli-1']),
      run(['run', 'show', 'run-cli-1', '--json']),
      run(['run', 'show', 'run-nope']),
    ]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^Run run-cli-1 \(org acme\): running\n/);
    expect(human.stdout).toMatch(/\nbuild\s+dispatched\s+-\s+\S+\s+-\s+DEPLOY_TOKEN \(25 B\)\n/);
    expect(human.stdout).toMatch(/\ndeploy\s+pending\s+build\s+-\s+-\s+-$/m);
    const detail = json<{ jobs: { jobId: string; outputs: { key: string; bytes: number }[] }[] }>(
      asJson,
    );
    expect(detail.jobs.map((j) => [j.jobId, j.outputs.map((o) => [o.key, o.bytes])])).toEqual([
      ['build', [['DEPLOY_TOKEN', VALUE.length]]],
      ['deploy', []],
    ]);
    for (const result of [human, asJson]) expect(result.stdout).not.toContain(VALUE);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('run-nope');
  });

  it('cancels only with run.cancel, after a confirmation, and deletes the key and outputs', async () => {
    const auditor = json<{ token: string }>(
      await run(['token', 'create', 'review', '--role', 'auditor', '--json']),
    ).token;
    const [seen, denied] = await Promise.all([
      run(['run', 'show', 'run-cli-1', '--token', auditor]),
      run(['run', 'cancel', 'run-cli-1', '--yes', '--token', auditor]),
    ]);
    expect(seen.code).toBe(0);
    expect([denied.code, denied.stderr.split('\n')[0]]).toEqual([
      1,
      "Error: Permission denied: this token's role lacks run.cancel",
    ]);

    const declined = await kiciAdminOnTty(
      server,
      ['run', 'cancel', 'run-cli-1'],
      'Cancel run run-cli-1',
      'n',
    );
    expect([declined.prompted, declined.code], declined.stdout).toEqual([true, 1]);
    expect(declined.stdout).toContain('cancelled: nothing was cancelled');
    const confirmed = await kiciAdminOnTty(
      server,
      ['run', 'cancel', 'run-cli-1'],
      'Cancel run run-cli-1',
      'y',
    );
    expect([confirmed.prompted, confirmed.code], confirmed.stdout).toEqual([true, 0]);
    expect(confirmed.stdout).toContain('Cancelled run run-cli-1 (org acme): cancelled');
    expect(confirmed.stdout).toContain('Deleted 1 run key and 1 secret output');

    const [again, asJson] = await Promise.all([
      run(['run', 'cancel', 'run-cli-1', '--yes']),
      run(['run', 'cancel', 'run-cli-2', '--yes', '--json']),
    ]);
    const listed = await run(['run', 'list', '--state', 'cancelled', '--json']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^Error: .*run-cli-1.*cancelled/);
    expect(json<{ state: string; deleted: unknown }>(asJson)).toMatchObject({
      state: 'cancelled',
      deleted: { keys: 1, outputs: 1 },
    });
    // Ended runs keep the keys and sizes of their outputs (the values are gone).
    const ended = json<{ runs: { runId: string; outputs: number }[] }>(listed).runs;
    expect(ended.map((r) => r.runId).sort()).toEqual(['run-cli-1', 'run-cli-2']);
    const shown = await run(['run', 'show', 'run-cli-1']);
    expect(shown.stdout).toContain('DEPLOY_TOKEN (25 B)');
  });
});
