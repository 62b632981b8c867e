import type { DispatchView, RunRepository } from '@kici/core';
import { sql } from 'drizzle-orm';
import { prepare } from '../prepared.js';
import { epochMs, type RawQuery } from '../rows.js';
import { plainBytes } from '../schema-columns.js';

interface ViewRow {
  orgId: string;
  runState: DispatchView['runState'];
  jobState: NonNullable<DispatchView['job']>['state'] | null;
  needs: string[] | null;
  publicKey: Uint8Array | null;
  keyExpiresAt: number | null;
  outputJobId: string | null;
  outputKey: string | null;
  ciphertext: Uint8Array | null;
  keyVersion: number | null;
  bytes: number | null;
}

// Everything a dispatch reads, in one statement (one row per upstream output, at least one):
// the run, the job's state and needs, the run's public key, and the outputs of the needed
// jobs while the job may still be dispatched.
const view = prepare<'runId' | 'jobId'>(sql`select r.org_id as "orgId", r.state as "runState",
    j.state as "jobState", j.needs, k.public_key as "publicKey",
    ${sql.raw(epochMs('k.expires_at'))} as "keyExpiresAt", o.job_id as "outputJobId",
    o.key as "outputKey", o.ciphertext, o.key_version as "keyVersion", o.bytes
  from runs r
  left join run_jobs j on j.run_id = r.run_id and j.job_id = ${sql.placeholder('jobId')}
  left join run_ephemeral_keys k on k.run_id = r.run_id
  left join run_secret_outputs o on o.run_id = r.run_id
    and j.state in ('pending', 'dispatched')
    and jsonb_exists(j.needs, o.job_id)
  where r.run_id = ${sql.placeholder('runId')}
  order by o.job_id, o.key`);

export function runDispatch(raw: RawQuery): Pick<RunRepository, 'dispatchView'> {
  return {
    async dispatchView(runId, jobId) {
      const rows = await raw<ViewRow>(view({ runId, jobId }));
      const [first] = rows;
      if (!first) return undefined;
      const answer: DispatchView = {
        orgId: first.orgId,
        runState: first.runState,
        job: first.jobState ? { state: first.jobState, needs: first.needs ?? [] } : undefined,
        key:
          first.publicKey && first.keyExpiresAt !== null
            ? { publicKey: plainBytes(first.publicKey), expiresAt: new Date(first.keyExpiresAt) }
            : undefined,
        upstream: rows.flatMap((row) =>
          row.outputJobId && row.outputKey && row.ciphertext
            ? [
                {
                  runId,
                  jobId: row.outputJobId,
                  key: row.outputKey,
                  ciphertext: plainBytes(row.ciphertext),
                  keyVersion: Number(row.keyVersion),
                  bytes: Number(row.bytes),
                },
              ]
            : [],
        ),
      };
      return answer;
    },
  };
}
