import type { TestRunBundle } from '@kici/contracts';
import { testRunBundleAad, testRunLocalAad } from '@kici/crypto';
import { generateRunKeyPair, openForRun, sealForRun } from '@kici/crypto/node';
import { describe, expect, it } from 'vitest';
import {
  BundleError,
  generateAgentKey,
  openTestRunBundle,
  sealTestRunValues,
} from '../src/index.js';
import { b64, encode } from './helpers.js';

describe('sealTestRunValues', () => {
  const run = generateRunKeyPair();
  const input = {
    runPublicKey: b64(run.publicKey),
    orgId: 'acme',
    runId: 'test-run-1',
    context: 'deploy',
    values: { DB_PASSWORD: 'my-local-password', API_KEY: 'local-key-1234' },
  };

  it('seals the values as JSON to the run key, bound to org, run and context', () => {
    const envelope = Buffer.from(sealTestRunValues(input), 'base64');
    const opened = openForRun(
      run.privateKey,
      envelope,
      testRunLocalAad('acme', 'test-run-1', 'deploy'),
    );
    expect(JSON.parse(new TextDecoder().decode(opened))).toEqual(input.values);
    for (const aad of [
      testRunLocalAad('other', 'test-run-1', 'deploy'),
      testRunLocalAad('acme', 'test-run-2', 'deploy'),
      testRunLocalAad('acme', 'test-run-1', 'build'),
    ]) {
      expect(() => openForRun(run.privateKey, envelope, aad)).toThrow(/Decryption failed/);
    }
  });

  it('takes the public key as bytes too, and seals afresh each time', () => {
    const a = sealTestRunValues({ ...input, runPublicKey: run.publicKey });
    expect(a).not.toBe(sealTestRunValues(input));
  });

  it('refuses keys that are not upper snake case and values that are not strings', () => {
    expect(() => sealTestRunValues({ ...input, values: { lower: 'x' } })).toThrow(
      'values: expected upper snake case keys, e.g. DB_PASSWORD',
    );
    expect(() => sealTestRunValues({ ...input, values: { K: 1 as unknown as string } })).toThrow(
      'values.K: expected a string',
    );
    expect(() => sealTestRunValues({ ...input, context: '' })).toThrow(/context/);
    expect(() => sealTestRunValues({ ...input, runPublicKey: 'nope' })).toThrow(/runPublicKey/);
  });
});

describe('openTestRunBundle', () => {
  const agent = generateAgentKey();
  const bundle: TestRunBundle = {
    runId: 'test-run-1',
    contexts: {
      deploy: {
        environment: 'staging',
        secrets: {
          DB_PASSWORD: { value: 'my-local-password', backend: 'local', scope: 'local' },
          STORED: { value: 'stored-staging-value', backend: 'pg', scope: 'pg:staging' },
        },
        variables: { REGION: { value: 'eu', scope: 'pg:staging' } },
      },
    },
  };
  const seal = (aad = testRunBundleAad('test-run-1'), body: unknown = bundle) =>
    b64(sealForRun(agent.publicKey, encode(JSON.stringify(body)), aad));

  it('opens each context: get, getMeta (local values say so), variables, masker', () => {
    const opened = openTestRunBundle({ runId: 'test-run-1', bundle: seal() }, agent);
    const deploy = opened.contexts.deploy;
    expect(deploy?.environment).toBe('staging');
    expect(deploy?.getMeta('DB_PASSWORD')).toEqual({
      value: 'my-local-password',
      backend: 'local',
      scope: 'local',
    });
    expect(deploy?.env()).toEqual({
      DB_PASSWORD: 'my-local-password',
      STORED: 'stored-staging-value',
    });
    expect(deploy?.variables.get('REGION')).toBe('eu');
    expect(opened.masker.mask('pw=my-local-password s=stored-staging-value')).toBe('pw=*** s=***');
  });

  it('refuses another run, a flipped byte and a wrong key with one BundleError', () => {
    const sealed = seal();
    expect(() => openTestRunBundle({ runId: 'test-run-2', bundle: sealed }, agent)).toThrow(
      BundleError,
    );
    const bytes = Buffer.from(sealed, 'base64');
    bytes[40] = (bytes[40] as number) ^ 1;
    expect(() => openTestRunBundle({ runId: 'test-run-1', bundle: bytes }, agent)).toThrow(
      /test-run bundle could not be opened/,
    );
    expect(() =>
      openTestRunBundle({ runId: 'test-run-1', bundle: sealed }, generateAgentKey()),
    ).toThrow(/test-run bundle could not be opened/);
    const renamed = seal(testRunBundleAad('test-run-1'), { ...bundle, runId: 'test-run-9' });
    expect(() => openTestRunBundle({ runId: 'test-run-1', bundle: renamed }, agent)).toThrow(
      /names another run/,
    );
  });
});
