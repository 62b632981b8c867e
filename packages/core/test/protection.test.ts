// Protection rules are the gate in front of every secret: these tests pin the matching rules
// an operator relies on, the tag-vs-branch confusion (gitlab-ce#53477) and fork handling.
import { describe, expect, it } from 'vitest';
import { evaluateGates } from '../src/environments/protection.js';
import { type JobContext, NO_RULES, type ProtectionRules } from '../src/index.js';
import { walkChain } from '../src/kernel/chain.js';
import { globMatches } from '../src/kernel/glob.js';
import { qualifiedRef } from '../src/kernel/refs.js';

const job = (over: Partial<JobContext> = {}): JobContext => ({
  orgId: 'acme',
  environment: 'production',
  repository: 'acme/api',
  branch: 'main',
  trigger: 'push',
  runId: 'run-1',
  jobId: 'job-1',
  ...over,
});
const rules = (over: Partial<ProtectionRules>): ProtectionRules => ({ ...NO_RULES, ...over });
const failed = (r: ProtectionRules, j: JobContext) =>
  evaluateGates(r, j)
    .filter((gate) => !gate.passed)
    .map((gate) => gate.gate);

describe('globs', () => {
  it('keeps * and ? inside a segment and lets ** cross segments', () => {
    expect(globMatches('release/*', 'release/1.2')).toBe(true);
    expect(globMatches('release/*', 'release/1.2/hotfix')).toBe(false);
    expect(globMatches('release/**', 'release/1.2/hotfix')).toBe(true);
    expect(globMatches('v?', 'v1')).toBe(true);
    expect(globMatches('v?', 'v10')).toBe(false);
    expect(globMatches('main', 'main-old')).toBe(false);
    expect(globMatches('a.b', 'axb')).toBe(false); // regex characters are literal
    expect(globMatches('(x)+', '(x)+')).toBe(true);
  });
});

describe('refs', () => {
  it('qualifies bare names as branches, or as tags for the tag trigger', () => {
    expect(qualifiedRef('main', 'push')).toBe('refs/heads/main');
    expect(qualifiedRef('v1.0', 'tag')).toBe('refs/tags/v1.0');
    expect(qualifiedRef('refs/tags/main', 'push')).toBe('refs/tags/main');
  });
});

describe('protection gates', () => {
  it('passes every gate when the environment has no rules', () => {
    expect(failed(NO_RULES, job({ branch: 'anything', trigger: 'schedule' }))).toEqual([]);
  });

  it('matches branch rules against full refs, so a tag named main is not the branch main', () => {
    const protectedMain = rules({ branches: ['main', 'release/*'] });
    expect(failed(protectedMain, job({ branch: 'main' }))).toEqual([]);
    expect(failed(protectedMain, job({ branch: 'refs/heads/release/2.0' }))).toEqual([]);
    expect(failed(protectedMain, job({ branch: 'refs/tags/main' }))).toEqual(['branch']);
    expect(failed(protectedMain, job({ branch: 'main', trigger: 'tag' }))).toEqual(['branch']);
    expect(failed(protectedMain, job({ branch: 'feature/x' }))).toEqual(['branch']);
    const tagsOnly = rules({ branches: ['refs/tags/v*'] });
    expect(failed(tagsOnly, job({ branch: 'v1.2', trigger: 'tag' }))).toEqual([]);
    expect(failed(tagsOnly, job({ branch: 'v1.2' }))).toEqual(['branch']);
  });

  it('names the failing rule and what was allowed', () => {
    const [branch] = evaluateGates(rules({ branches: ['main'] }), job({ branch: 'dev' }));
    expect(branch).toEqual({
      gate: 'branch',
      passed: false,
      detail: 'refs/heads/dev matches none of the allowed branches (main)',
    });
  });

  it('filters trigger types and repository globs (case-insensitive)', () => {
    const r = rules({ triggers: ['push', 'manual'], repositories: ['acme/*'] });
    expect(failed(r, job({ trigger: 'schedule' }))).toEqual(['trigger']);
    expect(failed(r, job({ repository: 'ACME/API' }))).toEqual([]);
    expect(failed(r, job({ repository: 'evil/api' }))).toEqual(['repository']);
    expect(failed(r, job({ repository: 'acme/api/extra' }))).toEqual(['repository']);
  });

  it('refuses pull requests from forks unless the environment allows them, failing closed', () => {
    expect(failed(NO_RULES, job({ trigger: 'pull_request', fork: true }))).toEqual(['fork']);
    expect(failed(NO_RULES, job({ trigger: 'pull_request' }))).toEqual(['fork']);
    expect(failed(NO_RULES, job({ trigger: 'pull_request', fork: false }))).toEqual([]);
    expect(
      failed(rules({ allowForks: true }), job({ trigger: 'pull_request', fork: true })),
    ).toEqual([]);
    // A fork's PR also meets every other rule: allowing forks opens no branch.
    expect(
      failed(rules({ allowForks: true, branches: ['main'] }), job({ fork: true, branch: 'x' })),
    ).toEqual(['branch']);
  });
});

describe('scope chains', () => {
  it('gives each key to the earliest scope and lists the ones it shadows', () => {
    const chain = walkChain(
      ['pg:a', 'pg:b', 'pg:c'],
      [
        { scope: 'pg:c', key: 'K' },
        { scope: 'pg:b', key: 'K' },
        { scope: 'pg:c', key: 'ONLY_C' },
        { scope: 'pg:z', key: 'K' }, // not bound: ignored
      ],
    );
    expect(chain.get('K')).toEqual({ winner: { scope: 'pg:b', key: 'K' }, shadowed: ['pg:c'] });
    expect(chain.get('ONLY_C')?.winner.scope).toBe('pg:c');
    expect([...chain.keys()].sort()).toEqual(['K', 'ONLY_C']);
  });
});
