import { JOB_OUTPUT_BACKEND } from '@kici/contracts/vocabulary';
import { jobOutputAad } from '@kici/crypto';
import { runKeyAad, runOutputAad } from '../kernel/aad.js';
import { invalidInput, KiciError, notFound } from '../kernel/errors.js';
import { auditEntry } from '../kernel/guard.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import type { RunEnvelopes } from '../kernel/run-envelopes.js';
import type { ResolvedSecret, UpstreamOutput } from '../resolution/port.js';
import type { Store } from '../store.js';
import type { JobPrincipal } from './credentials.js';
import type { OutputInfo } from './port.js';

/** Per job: how many outputs, how large one value, how large all of them together. */
export interface RunLimits {
  readonly maxOutputsPerJob: number;
  readonly maxOutputBytes: number;
  readonly maxOutputTotalBytes: number;
}

export interface OutputRequest {
  readonly runId: string;
  readonly jobId: string;
  readonly key: string;
  readonly envelope: Uint8Array;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
export const ENVELOPE_REFUSED = 'could not be opened for this run, job and key';

/** The scope a job's outputs carry in `getMeta` and in their AAD: `<runId>/<jobId>`. */
export const outputScope = (runId: string, jobId: string) => `${runId}/${jobId}`;

/** The limit an output would break, in words naming its variable; undefined when it fits. */
function brokenLimit(
  limits: RunLimits,
  live: readonly OutputInfo[],
  key: string,
  bytes: number,
): string | undefined {
  if (bytes > limits.maxOutputBytes)
    return `key ${key}: a secret output may hold at most ${limits.maxOutputBytes} bytes (KICI_RUN_MAX_OUTPUT_BYTES)`;
  const others = live.filter((output) => output.key !== key);
  if (others.length + 1 > limits.maxOutputsPerJob)
    return `a job may set at most ${limits.maxOutputsPerJob} secret outputs (KICI_RUN_MAX_OUTPUTS_PER_JOB)`;
  const total = others.reduce((sum, output) => sum + output.bytes, bytes);
  if (total > limits.maxOutputTotalBytes)
    return `a job's secret outputs may hold at most ${limits.maxOutputTotalBytes} bytes together (KICI_RUN_MAX_OUTPUT_TOTAL_BYTES)`;
  return undefined;
}

export interface OutputDeps {
  readonly store: Pick<Store, 'runs' | 'runKeys' | 'audit' | 'transaction'>;
  readonly keyring: KeyringHolder;
  readonly envelopes: RunEnvelopes;
  readonly limits: RunLimits;
}

/**
 * Cross-job outputs: an agent's envelope is opened with the run's private key, checked
 * against the limits and re-sealed with the master key in one transaction, committed before
 * the answer (an acknowledged output survives a crash). Neither the value nor the envelope is
 * ever written anywhere else; the audit rows name the key and its size.
 */
export function createOutputs({ store, keyring, envelopes, limits }: OutputDeps) {
  const audit = (
    principal: JobPrincipal,
    outcome: 'success' | 'denied' | 'failure',
    metadata: Record<string, unknown>,
  ) =>
    store.audit.append(
      auditEntry(`job:${principal.runId}/${principal.jobId}`, 'run.output.set', outcome, {
        orgId: principal.orgId,
        metadata: { runId: principal.runId, jobId: principal.jobId, ...metadata },
      }),
    );

  /** The run's private key, unsealed with the master key; undefined once the run has ended. */
  async function runPrivateKey(orgId: string, runId: string) {
    const record = await store.runKeys.find(runId);
    if (!record || record.orgId !== orgId) return undefined;
    return keyring.current().open(record.privateKeyCiphertext, runKeyAad(orgId, runId)).plaintext;
  }

  function openValue(privateKey: Uint8Array, request: OutputRequest): string | undefined {
    try {
      const aad = jobOutputAad(request.runId, request.jobId, request.key);
      const plaintext = envelopes.openForRun(privateKey, request.envelope, aad);
      try {
        return decoder.decode(plaintext);
      } finally {
        plaintext.fill(0);
      }
    } catch {
      return undefined;
    }
  }

  return {
    async set(
      principal: JobPrincipal,
      request: OutputRequest,
    ): Promise<OutputInfo & { runId: string; jobId: string }> {
      const { runId, jobId, key } = request;
      if (principal.runId !== runId || principal.jobId !== jobId) {
        await audit(principal, 'denied', {
          key,
          target: outputScope(runId, jobId),
          reason: 'scope',
        });
        throw new KiciError(
          'forbidden',
          `This job credential may only set outputs of job ${principal.jobId} of run ${principal.runId}`,
        );
      }
      const privateKey = await runPrivateKey(principal.orgId, runId);
      if (!privateKey) throw notFound(`Run ${runId}'s key pair`);
      const value = openValue(privateKey, request);
      privateKey.fill(0);
      if (value === undefined) {
        await audit(principal, 'failure', { key, reason: 'envelope' });
        throw invalidInput('envelope', ENVELOPE_REFUSED);
      }
      const bytes = new TextEncoder().encode(value).length;
      const ring = keyring.current();
      const outcome = await store.transaction(async (tx) => {
        const live = await tx.runs.lockJobOutputs(runId, jobId);
        if (!live) return { refused: `job ${jobId} of run ${runId} not found` };
        const broken = brokenLimit(limits, live, key, bytes);
        if (broken) return { refused: broken, limit: true };
        const ciphertext = ring.seal(
          new TextEncoder().encode(value),
          runOutputAad(principal.orgId, outputScope(runId, jobId), key),
        );
        return {
          info: await tx.runs.putOutput({
            orgId: principal.orgId,
            runId,
            jobId,
            key,
            ciphertext,
            keyVersion: ring.version,
            bytes,
          }),
        };
      });
      if ('refused' in outcome) {
        if (!outcome.limit) throw notFound(`Job ${jobId} of run ${runId}`);
        await audit(principal, 'denied', { key, bytes, reason: 'limit', limit: outcome.refused });
        throw new KiciError('payload_too_large', outcome.refused, 'envelope');
      }
      await audit(principal, 'success', { key, bytes });
      return { runId, jobId, ...outcome.info };
    },

    /**
     * The needed jobs' outputs a dispatch's statement read (per key the first of `needs` that
     * set it: resolution/port.ts DispatchedJob), opened with the master key.
     */
    openUpstream(orgId: string, runId: string, rows: readonly UpstreamOutput[]) {
      const found = new Map<string, ResolvedSecret>();
      if (rows.length === 0) return found;
      const ring = keyring.current();
      for (const row of rows) {
        const scope = outputScope(runId, row.jobId);
        const { plaintext } = ring.open(row.ciphertext, runOutputAad(orgId, scope, row.key));
        found.set(row.key, {
          value: decoder.decode(plaintext),
          backend: JOB_OUTPUT_BACKEND,
          scope,
        });
        plaintext.fill(0);
      }
      return found;
    },
  };
}
