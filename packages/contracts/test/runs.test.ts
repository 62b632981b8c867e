// The schemas of runs, their jobs and the sealed dispatch: what the server refuses, and how
// each refusal names its field.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  CreateRunBodySchema,
  EnvelopeSchema,
  JobIdSchema,
  ListRunsQuerySchema,
  OutputParamsSchema,
  ResolveJobBodySchema,
  RunIdSchema,
  SetOutputBodySchema,
  X25519PublicKeySchema,
} from '../src/index.js';
import { accepted, rejection } from './issues.js';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');

describe('X25519PublicKeySchema', () => {
  const schema = X25519PublicKeySchema('agentPublicKey');

  it('accepts the base64 of any 32 raw bytes (44 characters)', () => {
    for (const fill of [0, 1, 0x7f, 0xff]) expect(accepted(schema, key(fill))).toBe(key(fill));
    const random = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256));
    expect(accepted(schema, random.toString('base64'))).toHaveLength(44);
  });

  it.each([
    ['31 bytes', Buffer.alloc(31, 1).toString('base64')],
    ['33 bytes', Buffer.alloc(33, 1).toString('base64')],
    ['no padding', key(1).slice(0, 43)],
    ['base64url', key(0xfb).replace(/\+/g, '-').replace(/\//g, '_')],
    ['non-canonical last character', `${key(1).slice(0, 42)}B=`],
    ['hex', 'ab'.repeat(32)],
    ['empty', ''],
  ])('refuses %s, naming the field', (_, text) => {
    expect(rejection(schema, text)?.message).toBe(
      'agentPublicKey: expected a raw 32-byte X25519 public key, base64 (44 characters)',
    );
  });

  it('refuses a non-string, naming the field', () => {
    expect(rejection(schema, 42)?.message).toBe('agentPublicKey: expected a string');
  });
});

describe('RunIdSchema and JobIdSchema', () => {
  it.each(['run-1', 'R', '2026.12.07_build:42', 'x'.repeat(128)])('accept %s', (id) => {
    expect(accepted(RunIdSchema, id)).toBe(id);
    expect(accepted(JobIdSchema, id)).toBe(id);
  });

  it.each([
    ['a "/" (an output scope is <runId>/<jobId>)', 'run/1'],
    ['a space', 'run 1'],
    ['a leading "."', '.run'],
    ['129 characters', 'x'.repeat(129)],
    ['nothing', ''],
  ])('refuse %s, naming the field', (_, id) => {
    expect(rejection(RunIdSchema, id)?.message).toMatch(/^runId: expected 1-128 letters/);
    expect(rejection(JobIdSchema, id)?.message).toMatch(/^jobId: expected 1-128 letters/);
  });

  it('bind the dispatch body and the output path too', () => {
    const job = {
      orgId: 'acme',
      environment: 'production',
      repository: 'acme/api',
      branch: 'main',
      trigger: 'push',
      runId: 'run-1',
      jobId: 'deploy',
      agentPublicKey: key(3),
    };
    expect(v.is(ResolveJobBodySchema, job)).toBe(true);
    expect(rejection(ResolveJobBodySchema, { ...job, jobId: 'a/b' })?.field).toBe('jobId');
    const { agentPublicKey: _, ...withoutKey } = job;
    expect(rejection(ResolveJobBodySchema, withoutKey)?.field).toBe('agentPublicKey');
    expect(rejection(OutputParamsSchema, { runId: 'r', jobId: 'j', key: 'not a key' })?.field).toBe(
      'key',
    );
  });
});

describe('CreateRunBodySchema', () => {
  it('accepts a graph and defaults needs to []', () => {
    const body = accepted(CreateRunBodySchema, {
      orgId: 'acme',
      runId: 'run-1',
      jobs: [{ id: 'A' }, { id: 'B', needs: ['A'] }],
    });
    expect(body.jobs).toEqual([
      { id: 'A', needs: [] },
      { id: 'B', needs: ['A'] },
    ]);
  });

  it.each([
    [{ runId: 'run-1', jobs: [{ id: 'A' }] }, 'orgId'],
    [{ orgId: 'acme', runId: 'a/b', jobs: [{ id: 'A' }] }, 'runId'],
    [{ orgId: 'acme', runId: 'r', jobs: [] }, 'jobs'],
    [{ orgId: 'acme', runId: 'r', jobs: 'A' }, 'jobs'],
    [{ orgId: 'acme', runId: 'r', jobs: [{ id: 'A', extra: 1 }] }, 'jobs.0.extra'],
    [{ orgId: 'acme', runId: 'r', jobs: [{ id: 'A', needs: 'B' }] }, 'jobs.0.needs'],
    [{ orgId: 'acme', runId: 'r', jobs: [{ id: 'A', needs: ['x y'] }] }, 'jobs.0.needs.0'],
  ])('refuses %j, naming %s', (body, field) => {
    expect(rejection(CreateRunBodySchema, body)?.field).toBe(field);
  });

  it('refuses more than 256 jobs', () => {
    const jobs = Array.from({ length: 257 }, (_, i) => ({ id: `j${i}` }));
    expect(rejection(CreateRunBodySchema, { orgId: 'acme', runId: 'r', jobs })?.message).toBe(
      'jobs: expected at most 256 jobs',
    );
  });
});

describe('ListRunsQuerySchema', () => {
  it('turns limit into a number from 1 to 1000', () => {
    expect(accepted(ListRunsQuerySchema, {})).toEqual({});
    expect(accepted(ListRunsQuerySchema, { limit: '1' }).limit).toBe(1);
    expect(accepted(ListRunsQuerySchema, { limit: '1000' }).limit).toBe(1000);
    expect(accepted(ListRunsQuerySchema, { state: 'running', orgId: 'acme' })).toEqual({
      state: 'running',
      orgId: 'acme',
    });
  });

  it.each(['0', '1001', '-1', '1.5', 'ten', '', '01'])('refuses limit %j', (limit) => {
    expect(rejection(ListRunsQuerySchema, { limit })?.message).toBe(
      'limit: expected a number from 1 to 1000',
    );
  });

  it('refuses an unknown state, naming the states', () => {
    expect(rejection(ListRunsQuerySchema, { state: 'done' })?.message).toBe(
      'state: expected one of running, completed, cancelled, expired',
    );
  });
});

describe('EnvelopeSchema', () => {
  it('accepts base64 and refuses anything else, naming the field', () => {
    expect(v.is(SetOutputBodySchema, { envelope: 'AAAA' })).toBe(true);
    for (const text of ['', 'not base64!', 'AA==AA']) {
      expect(rejection(EnvelopeSchema('envelope'), text)?.message).toBe(
        'envelope: expected a base64 envelope (sealForRun)',
      );
    }
    expect(rejection(SetOutputBodySchema, {})?.field).toBe('envelope');
  });
});
