import { ExplainResolutionQuerySchema, type RouteResponse } from '@kici/contracts';
import { defineCommand } from '../command.js';
import { OperationError, UsageError } from '../errors.js';
import type { Flags } from '../flags.js';
import { table } from '../output.js';
import { resolveTarget } from '../target.js';
import { checkFlag } from '../validate.js';
import { ORG_OPTION } from './environment/options.js';

type Explanation = RouteResponse<'resolve.explain'>;
type Sources = Explanation['secrets'];

const FIELDS = ExplainResolutionQuerySchema.entries;
type JobField = 'environment' | 'repository' | 'branch' | 'trigger';

/** A required job flag, checked with the contracts' schema for its query field. */
function jobFlag(flags: Flags, flag: string, field: JobField, what: string): string {
  const value = flags.string(flag);
  if (value === undefined) throw new UsageError(`--${flag} is required: ${what}`);
  return checkFlag(`--${flag}`, FIELDS[field], value);
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function sourceTable(headers: readonly string[], sources: Sources): string {
  const withBackend = headers.includes('BACKEND');
  return table(
    headers,
    sources.map((s) => [
      s.key,
      s.scope,
      ...(withBackend ? [s.backend] : []),
      s.shadowed.length === 0 ? '-' : s.shadowed.join(', '),
    ]),
  );
}

/** Where each secret and variable comes from, or a pointer when the scopes hold none. */
function keys(result: Explanation, orgId: string): string[] {
  return [
    result.secrets.length === 0
      ? `No secrets in the bound scopes for org ${orgId}: compare them with \`kici-admin secret scopes ${orgId}\``
      : sourceTable(['SECRET', 'FROM SCOPE', 'BACKEND', 'SHADOWS'], result.secrets),
    '',
    result.variables.length === 0
      ? 'No variables in the bound scopes'
      : sourceTable(['VARIABLE', 'FROM SCOPE', 'SHADOWS'], result.variables),
  ];
}

/** Gates first, then the chain, then where each key comes from; never a value. */
function render(result: Explanation, orgId: string): string {
  const { gates, scopes } = result;
  const lines = [
    `Environment ${result.environment} (org ${orgId})`,
    '',
    table(
      ['GATE', 'RESULT', 'DETAIL'],
      gates.map((g) => [g.gate, g.passed ? 'pass' : 'FAIL', g.detail]),
    ),
  ];
  // A missing environment has no scopes to speak of.
  if (gates.some((g) => g.gate === 'environment' && !g.passed)) return lines.join('\n');
  if (scopes.length === 0) {
    lines.push(
      '',
      `No scopes are bound to ${result.environment}: a job gets no secrets from it (bind one with \`kici-admin environment bind --env ${result.environment} --scope <scope>\`).`,
    );
  } else {
    lines.push(
      '',
      'Scopes, in order (per key, the first scope that holds it supplies it):',
      ...scopes.map((scope, i) => `  ${i + 1}. ${scope}`),
    );
    if (!result.allowed) lines.push('', 'What the job would get once every gate passes:');
    lines.push('', ...keys(result, orgId));
    if (result.unreachable.length > 0) {
      lines.push(
        '',
        'Unreachable (a job bound to these scopes fails at dispatch; `kici-admin backend list` shows their health):',
        table(
          ['SCOPE', 'BACKEND', 'ERROR'],
          result.unreachable.map((u) => [u.scope, u.backend, u.message]),
        ),
      );
    }
  }
  if (result.allowed && result.unreachable.length === 0) {
    lines.push(
      '',
      `Allowed: every gate passes; the job gets ${plural(result.secrets.length, 'secret')} and ${plural(result.variables.length, 'variable')}.`,
    );
  }
  return lines.join('\n');
}

/** The last line of a denial, on stderr: which gates fail, and what that means. */
function denial(result: Explanation): string {
  const failed = result.gates.filter((g) => !g.passed);
  const which =
    failed.length === 1
      ? `the ${failed[0]?.gate} gate fails (${failed[0]?.detail})`
      : `the ${failed
          .map((g) => g.gate)
          .join(', ')
          .replace(/, ([^,]+)$/, ' and $1')} gates fail`;
  return `denied: ${which}; the job gets no secrets or variables`;
}

/** Gates pass, but a bound backend does not answer: the job would fail, naming it. */
function unreachable(result: Explanation): string {
  const backends = [...new Set(result.unreachable.map((u) => u.backend))].join(', ');
  return `every gate passes, but the job would fail: backend ${backends} did not answer`;
}

export default defineCommand({
  name: 'resolve [org-id]',
  usage: 'resolve [org-id] --env <name> --repo <owner/name> --branch <branch> --trigger <type>',
  description: 'Explain what a job would get: each gate, and the scope of each key (no values)',
  options: [
    ORG_OPTION,
    { flags: '--env <name>', description: 'The environment the job targets' },
    { flags: '--repo <owner/name>', description: 'The repository the job runs for' },
    {
      flags: '--branch <branch-or-ref>',
      description: 'Branch name or full ref (refs/heads/main, refs/tags/v1)',
    },
    {
      flags: '--trigger <type>',
      description: 'push, pull_request, tag, schedule, manual, … (tag: a bare name is a tag)',
    },
    { flags: '--fork', description: 'The job runs for a pull request from a fork' },
  ],
  examples: [
    'kici-admin resolve acme --env production --repo acme/api --branch main --trigger push',
    'kici-admin resolve acme --env production --repo acme/api --branch feature/x --trigger pull_request --fork',
    'KICI_ORG_ID=acme kici-admin resolve --env production --repo acme/api --branch refs/tags/v1.2 --trigger tag --json',
  ],
  async run({ args, flags, io, out, client }) {
    const { orgId } = await resolveTarget(['org'], args, flags, io.env, client);
    const query = {
      orgId,
      environment: jobFlag(flags, 'env', 'environment', 'the environment the job targets'),
      repository: jobFlag(flags, 'repo', 'repository', 'the repository, owner/name'),
      branch: jobFlag(flags, 'branch', 'branch', 'a branch name or a full ref'),
      trigger: jobFlag(flags, 'trigger', 'trigger', 'the trigger type (push, tag, …)'),
      fork: flags.bool('fork') ? ('true' as const) : ('false' as const),
    };
    const result = await client().explainResolution(query);
    out.result(result, () => render(result, orgId));
    if (!result.allowed) throw new OperationError(denial(result));
    if (result.unreachable.length > 0) throw new OperationError(unreachable(result));
  },
});
