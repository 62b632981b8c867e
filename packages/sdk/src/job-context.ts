import {
  agentRoutes,
  JobIdSchema,
  RunIdSchema,
  SecretKeySchema,
  SetOutputResponseSchema,
} from '@kici/contracts';
import { jobOutputAad, sealForRun } from '@kici/crypto';
import * as v from 'valibot';
import { toBase64 } from './base64.js';
import { SecretOutputError } from './errors.js';
import { send } from './http.js';
import { parsePublicKey } from './keys.js';
import { createMasker, type Masker } from './masker/masker.js';
import { type RetryOptions, retryPolicy } from './retry.js';

export interface JobContextOptions {
  /** The orchestrator's URL, e.g. `https://kici.example.com`. */
  readonly url: string;
  readonly runId: string;
  readonly jobId: string;
  /** The resolve answer's `runPublicKey` (base64) or its bytes. */
  readonly runPublicKey: string | Uint8Array;
  /** The resolve answer's `credential` (`kici_job_…`). */
  readonly credential: string;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch | undefined;
  readonly retry?: RetryOptions | undefined;
  /** Per request. Default 30 000 ms. */
  readonly timeoutMs?: number | undefined;
  /** Register output values with this masker (e.g. JobSecrets.masker) instead of a new one. */
  readonly masker?: Masker | undefined;
}

export interface SecretOutput {
  readonly runId: string;
  readonly jobId: string;
  readonly key: string;
  /** The value's size in UTF-8 bytes. */
  readonly bytes: number;
  readonly createdAt: string;
}

export interface JobContext {
  readonly runId: string;
  readonly jobId: string;
  /** Every value set as an output is added to it before it is sent. */
  readonly masker: Masker;
  /**
   * Seals `value` to the run's key (bound to run, job and key) and stores it for the jobs
   * that `need` this one. Setting a key again replaces its value.
   */
  setSecretOutput(key: string, value: string): Promise<SecretOutput>;
}

const encoder = new TextEncoder();
// Fields a newer server may add are dropped, not refused.
const OutputAnswerSchema = v.object(SetOutputResponseSchema.entries);

function check<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) throw new TypeError(result.issues[0].message);
  return result.output;
}

function baseUrl(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {}
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new TypeError('url: expected the http(s) URL of the orchestrator');
  }
  // Error messages name the URL: it must not carry a password.
  if (parsed.username !== '' || parsed.password !== '') {
    throw new TypeError('url: expected no user or password (the job credential authenticates)');
  }
  return parsed.href.replace(/\/+$/, '');
}

/** A lone surrogate would silently become U+FFFD in UTF-8: refuse it instead. */
function hasLoneSurrogate(text: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/** The job's side of the orchestrator: what the agent does with the job's credential. */
export function createJobContext(options: JobContextOptions): JobContext {
  const runId = check(RunIdSchema, options.runId);
  const jobId = check(JobIdSchema, options.jobId);
  const runPublicKey = parsePublicKey(options.runPublicKey, 'runPublicKey');
  const url = baseUrl(options.url);
  if (typeof options.credential !== 'string' || !/^[\x21-\x7e]+$/.test(options.credential)) {
    throw new TypeError('credential: expected the job credential (kici_job_…) of the dispatch');
  }
  const authorization = `Bearer ${options.credential}`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) {
    throw new TypeError('timeoutMs: expected a positive integer');
  }
  const retry = retryPolicy(options.retry);
  // Called unbound: a browser's fetch throws when called as a method of another object.
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const masker = options.masker ?? createMasker();
  const outputUrl = (key: string) =>
    url +
    agentRoutes['agent.setOutput'].path
      .replace(':runId', encodeURIComponent(runId))
      .replace(':jobId', encodeURIComponent(jobId))
      .replace(':key', encodeURIComponent(key));

  return Object.freeze({
    runId,
    jobId,
    masker,
    async setSecretOutput(key: string, value: string): Promise<SecretOutput> {
      const refuse = (message: string) =>
        new SecretOutputError({ message, status: 0, code: 'invalid_input', attempts: 0 });
      // The key is not echoed: a misplaced value must not end up in an error message.
      const keyCheck = v.safeParse(SecretKeySchema, key);
      if (!keyCheck.success) throw refuse(`setSecretOutput: ${keyCheck.issues[0].message}`);
      if (typeof value !== 'string')
        throw refuse(`setSecretOutput ${key}: value: expected a string`);
      if (hasLoneSurrogate(value)) {
        throw refuse(
          `setSecretOutput ${key}: value: holds a lone surrogate, which UTF-8 cannot carry`,
        );
      }
      masker.add(value);
      const plaintext = encoder.encode(value);
      const envelope = toBase64(
        sealForRun(runPublicKey, plaintext, jobOutputAad(runId, jobId, key)),
      );
      plaintext.fill(0);
      const text = await send({
        fetch: fetchFn,
        url: outputUrl(key),
        init: {
          method: 'PUT',
          headers: {
            authorization,
            'content-type': 'application/json',
            accept: 'application/json',
          },
          body: JSON.stringify({ envelope }),
        },
        timeoutMs,
        retry,
        what: `setSecretOutput ${key}`,
      });
      let answer: unknown;
      try {
        answer = JSON.parse(text);
      } catch {}
      const parsed = v.safeParse(OutputAnswerSchema, answer);
      if (!parsed.success) {
        throw new SecretOutputError({
          message: `setSecretOutput ${key}: the orchestrator's answer is not a secret output`,
          status: 200,
          code: 'invalid_response',
          attempts: 1,
        });
      }
      return parsed.output;
    },
  });
}
