import { SecretKeySchema, TestRunBundleSchema } from '@kici/contracts';
import { sealForRun, testRunBundleAad, testRunLocalAad } from '@kici/crypto';
import * as v from 'valibot';
import { toBase64 } from './base64.js';
import { openBundle } from './bundle.js';
import { BundleError } from './errors.js';
import type { OpenOptions } from './job-secrets.js';
import { type AgentKeyInput, parsePublicKey } from './keys.js';
import { createMasker, type Masker } from './masker/masker.js';
import { type SecretsView, type VariablesView, valuesView } from './views.js';

export interface TestRunValues {
  /** The answer of POST /internal/v1/runs/:runId/key: base64, or its bytes. */
  readonly runPublicKey: string | Uint8Array;
  readonly orgId: string;
  readonly runId: string;
  /** The secret context (a fixture's key) these values are for. */
  readonly context: string;
  /** The developer's own values: KEY (upper snake case) → value. */
  readonly values: Readonly<Record<string, string>>;
}

const encoder = new TextEncoder();

/**
 * Seals a developer's local values for one context of a test run to the run's public key
 * (testRunLocalAad(orgId, runId, context)): the base64 envelope goes in the test-run resolve
 * request's `local[context]`, so the values never cross the wire in plaintext.
 */
export function sealTestRunValues(input: TestRunValues): string {
  const runPublicKey = parsePublicKey(input.runPublicKey, 'runPublicKey');
  for (const field of ['orgId', 'runId', 'context'] as const) {
    if (typeof input[field] !== 'string' || input[field] === '') {
      throw new TypeError(`${field}: expected a non-empty string`);
    }
  }
  const { values } = input;
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw new TypeError('values: expected an object of KEY → value');
  }
  for (const [key, value] of Object.entries(values)) {
    if (!v.is(SecretKeySchema, key)) {
      throw new TypeError('values: expected upper snake case keys, e.g. DB_PASSWORD');
    }
    if (typeof value !== 'string') throw new TypeError(`values.${key}: expected a string`);
  }
  const plaintext = encoder.encode(JSON.stringify(values));
  const envelope = sealForRun(
    runPublicKey,
    plaintext,
    testRunLocalAad(input.orgId, input.runId, input.context),
  );
  plaintext.fill(0);
  return toBase64(envelope);
}

/** One context of a test run, opened. */
export interface TestRunContext extends SecretsView {
  readonly environment: string;
  readonly variables: VariablesView;
}

export interface TestRunSecrets {
  readonly runId: string;
  readonly contexts: Readonly<Record<string, TestRunContext>>;
  /** The masker every secret value of every context was added to. */
  readonly masker: Masker;
}

/**
 * Opens the test-run resolve answer's bundle (sealed to the agent's key with
 * testRunBundleAad(runId)). Local values show `backend: 'local'` in getMeta.
 */
export function openTestRunBundle(
  dispatch: { readonly runId: string; readonly bundle: string | Uint8Array },
  agentKey: AgentKeyInput,
  options: OpenOptions = {},
): TestRunSecrets {
  const { runId } = dispatch;
  if (typeof runId !== 'string') throw new TypeError('dispatch: expected { runId, bundle }');
  const bundle = openBundle(
    dispatch.bundle,
    agentKey,
    testRunBundleAad(runId),
    TestRunBundleSchema,
    'test-run bundle',
  );
  if (bundle.runId !== runId) {
    throw new BundleError(`the test-run bundle names another run than ${runId}`);
  }
  const masker = options.masker ?? createMasker();
  const contexts: Record<string, TestRunContext> = {};
  for (const [name, context] of Object.entries(bundle.contexts)) {
    for (const meta of Object.values(context.secrets)) masker.add(meta.value);
    contexts[name] = Object.freeze({
      ...valuesView(context.secrets),
      environment: context.environment,
      variables: valuesView(context.variables),
    });
  }
  return Object.freeze({ runId, contexts: Object.freeze(contexts), masker });
}
