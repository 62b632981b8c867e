import { invalidInput } from '../kernel/errors.js';

export interface JobDeclaration {
  readonly id: string;
  readonly needs: readonly string[];
}

/**
 * Checks a run's job graph: ids unique, every need names another declared job, no cycle
 * (depth-first search with the usual three colours). Returns the graph with needs deduplicated.
 */
export function checkJobGraph(jobs: readonly JobDeclaration[]): JobDeclaration[] {
  const ids = new Set<string>();
  for (const job of jobs) {
    if (ids.has(job.id)) throw invalidInput('jobs', `expected unique job ids (${job.id} repeats)`);
    ids.add(job.id);
  }
  const graph = jobs.map((job) => ({ id: job.id, needs: [...new Set(job.needs)] }));
  for (const job of graph) {
    for (const need of job.needs) {
      if (need === job.id) throw invalidInput('jobs', `expected job ${job.id} not to need itself`);
      if (!ids.has(need))
        throw invalidInput('jobs', `expected job ${job.id}'s need ${need} to be a job of the run`);
    }
  }
  const needsOf = new Map(graph.map((job) => [job.id, job.needs]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(id)), id].join(' → ');
      throw invalidInput('jobs', `expected no cycle in needs (${cycle})`);
    }
    state.set(id, 'visiting');
    for (const need of needsOf.get(id) ?? []) visit(need, [...path, id]);
    state.set(id, 'done');
  };
  for (const job of graph) visit(job.id, []);
  return graph;
}

/** Whether two declarations describe the same graph (an idempotent re-create). */
export function sameGraph(a: readonly JobDeclaration[], b: readonly JobDeclaration[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
