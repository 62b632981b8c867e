import { generateRunKeyPair, jobBundleAad, openForRun } from '@kici/crypto';
import { describe, expect, it } from 'vitest';
import { KiciError } from '../src/kernel/errors.js';
import {
  agreeWithAgent,
  portableRunEnvelopes,
  sealJsonToAgent,
} from '../src/kernel/run-envelopes.js';
import { mergeOutputs, sealJobBundle, sourcesOf } from '../src/runs/bundle.js';
import { newJobCredential } from '../src/runs/credentials.js';
import { checkJobGraph, sameGraph } from '../src/runs/graph.js';

const fieldOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof KiciError ? `${error.field}: ${error.message}` : String(error);
  }
  return 'no error';
};

describe('a run’s job graph', () => {
  it('accepts a DAG and removes repeated needs', () => {
    const graph = checkJobGraph([
      { id: 'A', needs: [] },
      { id: 'B', needs: ['A', 'A'] },
      { id: 'C', needs: ['A', 'B'] },
    ]);
    expect(graph).toEqual([
      { id: 'A', needs: [] },
      { id: 'B', needs: ['A'] },
      { id: 'C', needs: ['A', 'B'] },
    ]);
    expect(sameGraph(graph, checkJobGraph(graph))).toBe(true);
    expect(sameGraph(graph, checkJobGraph([{ id: 'A', needs: [] }]))).toBe(false);
  });

  it('refuses repeated ids, unknown needs, self needs and cycles, naming jobs', () => {
    expect(
      fieldOf(() =>
        checkJobGraph([
          { id: 'A', needs: [] },
          { id: 'A', needs: [] },
        ]),
      ),
    ).toBe('jobs: jobs: expected unique job ids (A repeats)');
    expect(fieldOf(() => checkJobGraph([{ id: 'A', needs: ['Z'] }]))).toMatch(
      /^jobs: .*need Z to be a job of the run/,
    );
    expect(fieldOf(() => checkJobGraph([{ id: 'A', needs: ['A'] }]))).toMatch(/not to need itself/);
    expect(
      fieldOf(() =>
        checkJobGraph([
          { id: 'A', needs: ['C'] },
          { id: 'B', needs: ['A'] },
          { id: 'C', needs: ['B'] },
        ]),
      ),
    ).toMatch(/no cycle in needs \(A → C → B → A\)/);
  });
});

describe('merging upstream outputs', () => {
  it('lets an environment secret win a key an output also sets', () => {
    const env = { TOKEN: { value: 'env', backend: 'pg', scope: 'pg:prod' } };
    const outputs = new Map([
      ['TOKEN', { value: 'out', backend: 'job-output', scope: 'r1/A' }],
      ['MINTED', { value: 'm', backend: 'job-output', scope: 'r1/A' }],
    ]);
    expect(mergeOutputs(env, outputs)).toEqual({
      TOKEN: env.TOKEN,
      MINTED: { value: 'm', backend: 'job-output', scope: 'r1/A' },
    });
  });

  it('names, per scope, its backend and keys for the dispatcher, never a value', () => {
    const sources = sourcesOf({
      B: { value: 'secret-b', backend: 'pg', scope: 'pg:prod' },
      A: { value: 'secret-a', backend: 'pg', scope: 'pg:prod' },
      C: { value: 'secret-c', backend: 'vault', scope: 'vault:kv/ci' },
      D: { value: 'secret-d', backend: 'job-output', scope: 'r1/A' },
    });
    expect(sources).toEqual({
      'pg:prod': { backend: 'pg', keys: ['A', 'B'] },
      'vault:kv/ci': { backend: 'vault', keys: ['C'] },
      'r1/A': { backend: 'job-output', keys: ['D'] },
    });
    expect(JSON.stringify(sources)).not.toMatch(/secret-/);
  });
});

describe('sealed bundles', () => {
  it('open only with the agent key and the same run and job', () => {
    const agent = generateRunKeyPair();
    const bundle = {
      runId: 'r1',
      jobId: 'B',
      environment: 'production',
      secrets: { A: { value: 'x', backend: 'pg', scope: 'pg:a' } },
      variables: {},
    };
    const sealed = sealJobBundle(agreeWithAgent(portableRunEnvelopes, agent.publicKey), bundle);
    const opened = openForRun(agent.privateKey, sealed, jobBundleAad('r1', 'B'));
    expect(JSON.parse(new TextDecoder().decode(opened))).toEqual(bundle);
    expect(() => openForRun(agent.privateKey, sealed, jobBundleAad('r1', 'C'))).toThrow();
    expect(new TextDecoder().decode(sealed)).not.toContain('"x"');
  });

  it('refuses a low-order agent key as a 400 naming agentPublicKey', () => {
    const zero = new Uint8Array(32);
    expect(fieldOf(() => agreeWithAgent(portableRunEnvelopes, zero))).toMatch(/^agentPublicKey: /);
    expect(
      fieldOf(() => sealJsonToAgent(portableRunEnvelopes, zero, {}, new Uint8Array())),
    ).toMatch(/^agentPublicKey: /);
  });
});

describe('job credentials', () => {
  it('are kici_job_ and 64 hex characters, fresh each time, kept only as a hash', () => {
    const a = newJobCredential();
    const b = newJobCredential();
    expect(a.credential).toMatch(/^kici_job_[0-9a-f]{64}$/);
    expect(a.credential).not.toBe(b.credential);
    expect(a.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.credential.slice(9));
  });
});
