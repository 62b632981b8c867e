import * as v from 'valibot';
import { OrgIdSchema } from '../fields.js';
import { ScopeSchema } from '../scope.js';
import { ENVIRONMENT_NAME, TriggerSchema } from './environments.js';

const id = (field: string) =>
  v.pipe(
    v.string(`${field}: expected a string`),
    v.regex(/^[\x21-\x7e]{1,128}$/, `${field}: expected 1-128 printable characters, no spaces`),
  );

const booleanText = (field: string) =>
  v.pipe(
    v.picklist(['true', 'false'], `${field}: expected true or false`),
    v.transform((text) => text === 'true'),
  );

/** What a job looks like to the protection rules. */
const jobFields = {
  orgId: OrgIdSchema,
  environment: v.pipe(
    v.string('environment: expected a string'),
    v.regex(ENVIRONMENT_NAME, 'environment: expected an environment name'),
  ),
  repository: v.pipe(
    v.string('repository: expected a string'),
    v.regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'repository: expected owner/name'),
  ),
  branch: v.pipe(
    v.string('branch: expected a string'),
    v.regex(
      /^[\x21-\x7e]{1,255}$/,
      'branch: expected a branch name or a full ref such as refs/heads/main',
    ),
  ),
  trigger: TriggerSchema,
};

/** GET /resolve: an explanation for operators, without values. */
export const ExplainResolutionQuerySchema = v.strictObject({
  ...jobFields,
  fork: v.optional(booleanText('fork')),
  runId: v.optional(id('runId')),
  jobId: v.optional(id('jobId')),
});

const GateSchema = v.strictObject({
  gate: v.picklist(['environment', 'branch', 'trigger', 'repository', 'fork']),
  passed: v.boolean(),
  detail: v.string(),
});

const KeySourceSchema = v.strictObject({
  key: v.string(),
  backend: v.string(),
  scope: ScopeSchema,
  shadowed: v.array(ScopeSchema),
});

export const ExplainResolutionResponseSchema = v.strictObject({
  allowed: v.boolean(),
  environment: v.string(),
  reason: v.optional(v.string()),
  gates: v.array(GateSchema),
  scopes: v.array(ScopeSchema),
  secrets: v.array(KeySourceSchema),
  variables: v.array(KeySourceSchema),
  /** Bound scopes whose backend did not answer; a job bound to them fails at dispatch. */
  unreachable: v.array(
    v.strictObject({ scope: ScopeSchema, backend: v.string(), message: v.string() }),
  ),
});

/** POST /internal/v1/resolve: the dispatcher's request for one job. */
export const ResolveJobBodySchema = v.strictObject({
  ...jobFields,
  fork: v.optional(v.boolean('fork: expected true or false')),
  runId: id('runId'),
  jobId: id('jobId'),
});

export const ResolveJobResponseSchema = v.strictObject({
  environment: v.string(),
  secrets: v.record(
    v.string(),
    v.strictObject({ value: v.string(), backend: v.string(), scope: v.string() }),
  ),
  variables: v.record(v.string(), v.strictObject({ value: v.string(), scope: v.string() })),
});

export const RunKeyParamsSchema = v.strictObject({ runId: id('runId') });
export const RunKeyBodySchema = v.strictObject({ orgId: OrgIdSchema });
export const RunKeyResponseSchema = v.strictObject({
  runId: v.string(),
  /** Raw 32-byte X25519 public key, base64. */
  publicKey: v.string(),
  expiresAt: v.string(),
});

const contextName = v.pipe(
  v.string('fixture: expected context names as keys'),
  v.regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'fixture: expected context names of 1-64 letters, digits, ".", "_" or "-"',
  ),
);

export const ResolveTestRunBodySchema = v.strictObject({
  orgId: OrgIdSchema,
  runId: id('runId'),
  fixture: v.record(
    contextName,
    v.pipe(
      v.string('fixture: expected environment names as values'),
      // An environment name's own rule: no NUL, lone surrogate or other stray character.
      v.regex(
        ENVIRONMENT_NAME,
        'fixture: expected environment names of 1-64 letters, digits, ".", "_" or "-"',
      ),
    ),
  ),
  local: v.optional(
    v.record(
      contextName,
      v.pipe(
        v.string('local: expected base64 envelopes'),
        v.regex(/^[A-Za-z0-9+/]+={0,2}$/, 'local: expected base64 envelopes (sealForRun)'),
      ),
    ),
  ),
});

export const ResolveTestRunResponseSchema = v.strictObject({
  contexts: v.record(
    v.string(),
    v.strictObject({
      environment: v.string(),
      secrets: v.record(
        v.string(),
        v.strictObject({ value: v.string(), backend: v.string(), scope: v.string() }),
      ),
      variables: v.record(v.string(), v.strictObject({ value: v.string(), scope: v.string() })),
    }),
  ),
});
