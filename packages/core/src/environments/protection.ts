import { globMatches } from '../kernel/glob.js';
import { qualifiedPattern, qualifiedRef } from '../kernel/refs.js';
import type { GateResult, JobContext, ProtectionRules } from './port.js';

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
