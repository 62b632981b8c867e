import type { RouteResponse } from '@kici/contracts';
import { cell, printable, table } from '../../output.js';

type Detail = RouteResponse<'runs.show'>;

/** `1.2 KiB`: output sizes for people (the JSON keeps the exact byte counts). */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * One run, as `show` and `cancel` print it: a heading, its times, then one row per job with
 * its outputs' keys and sizes (never a value: the API has none to give).
 */
export function describeRun(run: Detail, did = 'Run'): string {
  const heading = `${did} ${printable(run.runId)} (org ${printable(run.orgId)}): ${run.state}`;
  const times = [
    `  Created    ${run.createdAt}`,
    `  Completed  ${cell(run.completedAt)}`,
    `  Expires    ${run.expiresAt}`,
  ];
  const jobs = table(
    ['JOB', 'STATE', 'NEEDS', 'DISPATCHED', 'FINISHED', 'OUTPUTS'],
    run.jobs.map((job) => [
      job.jobId,
      job.state,
      job.needs.length === 0 ? '-' : job.needs.join(','),
      cell(job.dispatchedAt),
      cell(job.finishedAt),
      job.outputs.length === 0
        ? '-'
        : job.outputs.map((o) => `${o.key} (${size(o.bytes)})`).join(', '),
    ]),
  );
  return [heading, ...times, '', jobs].join('\n');
}
