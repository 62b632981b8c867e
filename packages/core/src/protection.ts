import { globMatches } from './glob.js';
import type { ProtectionRules } from './ports.js';

/** What the dispatcher knows about a job when it asks for its secrets. */
export interface JobContext {
  readonly orgId: string;
  readonly environment: string;
  /** `owner/name`. */
  readonly repository: string;
  /** A full ref (`refs/heads/main`, `refs/tags/v1.2`) or a branch name. */
  readonly branch: string;
  readonly trigger: string;
  /** The job runs for a pull request from a fork; unstated on a pull_request counts as true. */
  readonly fork?: boolean | undefined;
  readonly runId: string;
  readonly jobId: string;
}

export type GateName = 'environment' | 'branch' | 'trigger' | 'repository' | 'fork';

export interface GateResult {
  readonly gate: GateName;
  readonly passed: boolean;
  /** Why, in words an operator can act on; never a value. */
  readonly detail: string;
}

/**
 * The fully qualified ref of a job. A bare name is a branch, or a tag when the trigger is
 * `tag`: rules compare full refs, so a tag called `main` can never pass as the branch `main`.
 */
export function qualifiedRef(branch: string, trigger: string): string {
  if (branch.startsWith('refs/')) return branch;
  return trigger === 'tag' ? `refs/tags/${branch}` : `refs/heads/${branch}`;
}

/** A branch rule as a full-ref pattern: `release/*` means `refs/heads/release/*`. */
export const qualifiedPattern = (pattern: string): string =>
  pattern.startsWith('refs/') ? pattern : `refs/heads/${pattern}`;

const list = (items: readonly string[]) => items.join(', ');

/** Every protection rule of an environment against one job, each with its verdict. */
export function evaluateGates(rules: ProtectionRules, job: JobContext): GateResult[] {
  const ref = qualifiedRef(job.branch, job.trigger);
  const results: GateResult[] = [];

  if (rules.branches.length === 0) {
    results.push({ gate: 'branch', passed: true, detail: 'no branch restriction' });
  } else {
    const match = rules.branches.find((pattern) => globMatches(qualifiedPattern(pattern), ref));
    results.push(
      match
        ? { gate: 'branch', passed: true, detail: `${ref} matches ${match}` }
        : {
            gate: 'branch',
            passed: false,
            detail: `${ref} matches none of the allowed branches (${list(rules.branches)})`,
          },
    );
  }

  if (rules.triggers.length === 0) {
    results.push({ gate: 'trigger', passed: true, detail: 'no trigger restriction' });
  } else {
    const passed = rules.triggers.includes(job.trigger);
    results.push({
      gate: 'trigger',
      passed,
      detail: passed
        ? `trigger ${job.trigger} is allowed`
        : `trigger ${job.trigger} is not one of the allowed triggers (${list(rules.triggers)})`,
    });
  }

  if (rules.repositories.length === 0) {
    results.push({ gate: 'repository', passed: true, detail: 'no repository restriction' });
  } else {
    // Repository names are case-insensitive on the forges.
    const match = rules.repositories.find((pattern) => globMatches(pattern, job.repository, 'i'));
    results.push(
      match
        ? { gate: 'repository', passed: true, detail: `${job.repository} matches ${match}` }
        : {
            gate: 'repository',
            passed: false,
            detail: `${job.repository} matches none of the allowed repositories (${list(rules.repositories)})`,
          },
    );
  }

  // Fail closed: a pull request that does not say where it comes from counts as a fork's.
  const fromFork = job.fork ?? job.trigger === 'pull_request';
  if (fromFork && !rules.allowForks) {
    results.push({
      gate: 'fork',
      passed: false,
      detail: 'pull requests from forks are not allowed in this environment',
    });
  } else {
    results.push({
      gate: 'fork',
      passed: true,
      detail: fromFork ? 'forks are allowed' : 'not from a fork',
    });
  }
  return results;
}
