import { jobBundleAad } from '@kici/crypto';
import { describe, expect, it } from 'vitest';
import {
  BundleError,
  createMasker,
  generateAgentKey,
  JOB_OUTPUT_BACKEND,
  openJobSecrets,
} from '../src/index.js';
import { b64, generateRunKeyPair, jobBundle, sealJobBundle } from './helpers.js';

const dispatch = (bundle: string | Uint8Array) => ({ runId: 'run-42', jobId: 'deploy', bundle });
const values = Object.values(jobBundle.secrets).map((meta) => meta.value);

function expectRefused(open: () => unknown): BundleError {
  let caught: unknown;
  try {
    open();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(BundleError);
  const message = (caught as Error).message;
  for (const value of values) expect(message).not.toContain(value);
  return caught as BundleError;
}

describe('generateAgentKey', () => {
  it('gives a raw X25519 pair and the base64 public key the dispatcher sends', () => {
    const key = generateAgentKey();
    expect(key.publicKey).toHaveLength(32);
    expect(key.privateKey).toHaveLength(32);
    expect(key.publicKeyBase64).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(key.publicKeyBase64, 'base64')).toEqual(Buffer.from(key.publicKey));
    expect(generateAgentKey().publicKeyBase64).not.toBe(key.publicKeyBase64);
  });
});

describe('openJobSecrets (bundles sealed by @kici/crypto/node)', () => {
  const agent = generateAgentKey();
  const sealed = sealJobBundle(agent.publicKey);

  it('opens a base64 bundle: get, getMeta, has, keys, env, variables', () => {
    const secrets = openJobSecrets(dispatch(b64(sealed)), agent);
    expect([secrets.runId, secrets.jobId, secrets.environment]).toEqual([
      'run-42',
      'deploy',
      'production',
    ]);
    expect(secrets.get('DB_PASSWORD')).toBe('hunter2-db-password');
    expect(secrets.getMeta('API_TOKEN')).toEqual({
      value: 'tok_from_job_build',
      backend: 'job-output',
      scope: 'run-42/build',
    });
    expect(secrets.getMeta('API_TOKEN')?.backend).toBe(JOB_OUTPUT_BACKEND);
    expect(secrets.get('NOPE')).toBeUndefined();
    expect(secrets.getMeta('NOPE')).toBeUndefined();
    expect(secrets.has('DB_PASSWORD')).toBe(true);
    expect(secrets.keys()).toEqual(['API_TOKEN', 'DB_PASSWORD']);
    expect(secrets.env()).toEqual({
      API_TOKEN: 'tok_from_job_build',
      DB_PASSWORD: 'hunter2-db-password',
    });
    expect(secrets.variables.get('REGION')).toBe('eu-west-1');
    expect(secrets.variables.getMeta('REGION')).toEqual({
      value: 'eu-west-1',
      scope: 'pg:production',
    });
    expect(secrets.variables.env()).toEqual({ REGION: 'eu-west-1' });
  });

  it('opens the bundle bytes, with the raw private key', () => {
    expect(openJobSecrets(dispatch(sealed), agent.privateKey).keys()).toHaveLength(2);
  });

  it('registers every secret value with the masker, and not the variables', () => {
    const masker = createMasker();
    const secrets = openJobSecrets(dispatch(sealed), agent, { masker });
    expect(secrets.masker).toBe(masker);
    expect(masker.mask('db=hunter2-db-password region=eu-west-1')).toBe('db=*** region=eu-west-1');
    expect(openJobSecrets(dispatch(sealed), agent).masker.size).toBe(2);
  });

  it('shows keys, never values, when logged as JSON', () => {
    const text = JSON.stringify(openJobSecrets(dispatch(sealed), agent));
    for (const value of values) expect(text).not.toContain(value);
    expect(text).toContain('DB_PASSWORD');
  });

  it('refuses every byte region flipped: format, ephemeral key, ciphertext, tag', () => {
    const messages = new Set<string>();
    const regions = { format: 0, ephemeral: 1, 'ephemeral end': 32, ciphertext: 33 };
    const positions = [...Object.values(regions), sealed.length - 17, sealed.length - 1];
    for (const position of positions) {
      for (const bit of [0x01, 0x80]) {
        const tampered = Uint8Array.from(sealed);
        tampered[position] = (tampered[position] as number) ^ bit;
        messages.add(expectRefused(() => openJobSecrets(dispatch(tampered), agent)).message);
      }
    }
    messages.add(expectRefused(() => openJobSecrets(dispatch(sealed.slice(0, 48)), agent)).message);
    messages.add(expectRefused(() => openJobSecrets(dispatch(sealed.slice(0, -1)), agent)).message);
    expect([...messages]).toEqual([
      'the job bundle could not be opened: a wrong agent key, or a bundle that was changed or sealed for another run or job',
    ]);
  });

  it('refuses a wrong agent key with the same message', () => {
    const other = generateAgentKey();
    const error = expectRefused(() => openJobSecrets(dispatch(sealed), other));
    expect(error.message).toMatch(/could not be opened/);
  });

  it('refuses a bundle presented for another run or job', () => {
    expectRefused(() => openJobSecrets({ ...dispatch(sealed), runId: 'run-43' }, agent));
    expectRefused(() => openJobSecrets({ ...dispatch(sealed), jobId: 'build' }, agent));
  });

  it('refuses a bundle whose contents name another run, even when the AAD matches', () => {
    const moved = sealJobBundle(
      agent.publicKey,
      { ...jobBundle, jobId: 'build' },
      jobBundleAad('run-42', 'deploy'),
    );
    expect(expectRefused(() => openJobSecrets(dispatch(moved), agent)).message).toMatch(
      /another run or job/,
    );
  });

  it('refuses an authentic bundle that is not a JobBundle, naming where, not what', () => {
    const bad = { ...jobBundle, secrets: { X: { value: 'leaky-value-123', backend: 1 } } };
    const error = expectRefused(() =>
      openJobSecrets(dispatch(sealJobBundle(agent.publicKey, bad)), agent),
    );
    expect(error.message).toMatch(/not what the contract says at secrets\.X/);
    expect(error.message).not.toContain('leaky-value-123');
  });

  it('refuses text that is not base64, and a key that is not one', () => {
    expect(() => openJobSecrets(dispatch('not base64!'), agent)).toThrow(BundleError);
    expect(() => openJobSecrets(dispatch(sealed), new Uint8Array(31))).toThrow(/agentKey/);
  });

  it('opens a bundle sealed with the agent key of generateRunKeyPair (node) too', () => {
    const pair = generateRunKeyPair();
    expect(openJobSecrets(dispatch(sealJobBundle(pair.publicKey)), pair).keys()).toHaveLength(2);
  });
});
