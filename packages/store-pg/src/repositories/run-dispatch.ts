import type { DispatchView, RunRepository } from '@kici/core';
import { sql } from 'drizzle-orm';
import { prepare } from '../prepared.js';
import type { RawQuery } from '../rows.js';

interface ViewRow {
  orgId: string;
  runState: DispatchView['runState'];
  jobState: NonNullable<DispatchView['job']>['state'] | null;
  needs: string[] | null;
}

// The run and the job's state and needs: why a job was not dispatched (the dispatch itself is
// the chain statement's, chain-dispatch.ts).
const view = prepare<'runId' | 'jobId'>(sql`select r.org_id as "orgId", r.state as "runState",
    j.state as "jobState", j.needs
  from runs r
  left join run_jobs j on j.run_id = r.run_id and j.job_id = ${sql.placeholder('jobId')}
  where r.run_id = ${sql.placeholder('runId')}`);

export function runDispatch(raw: RawQuery): Pick<RunRepository, 'dispatchView'> {
  return {
    async dispatchView(runId, jobId) {
      const [row] = await raw<ViewRow>(view({ runId, jobId }));
      if (!row) return undefined;
      return {
        orgId: row.orgId,
        runState: row.runState,
        job: row.jobState ? { state: row.jobState, needs: row.needs ?? [] } : undefined,
      };
    },
  };
}
