import * as v from 'valibot';
import { OrgIdSchema } from '../fields.js';
import { ScopeSchema } from '../scope.js';
import { ENVIRONMENT_NAME, TriggerSchema } from './environments.js';
import { EnvelopeSchema, JobIdSchema, RunIdSchema, X25519PublicKeySchema } from './runs.js';

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

/**
 * POST /internal/v1/resolve: the dispatcher's request for one job of a run created with
 * POST /internal/v1/runs. `agentPublicKey` is the agent's ephemeral X25519 key: the answer's
 * bundle is sealed to it, so no value crosses the wire in plaintext.
 */
export const ResolveJobBodySchema = v.strictObject({
  ...jobFields,
  fork: v.optional(v.boolean('fork: expected true or false')),
  runId: RunIdSchema,
  jobId: JobIdSchema,
  agentPublicKey: X25519PublicKeySchema('agentPublicKey'),
});

/**
 * The job's dispatch: its secret bundle sealed to the agent (`sealForRun(agentPublicKey,
 * JSON, jobBundleAad(runId, jobId))`, whose JSON is a JobBundle), the run's public key for
 * its outputs, and its credential for posting them.
 */
export const ResolveJobResponseSchema = v.strictObject({
  runId: v.string(),
  jobId: v.string(),
  environment: v.string(),
  /** The run's raw X25519 public key, base64: what `setSecretOutput` seals to. */
  runPublicKey: v.string(),
  /** base64 of the envelope. */
  bundle: v.string(),
  /** `kici_job_…`: lets the agent post this job's outputs, and nothing else. */
  credential: v.string(),
  credentialExpiresAt: v.string(),
  /**
   * Where the secrets came from (never a value), for the dispatcher's logs: per scope (an
   * environment's, or `<runId>/<jobId>` for upstream outputs) its backend and keys, sorted.
   */
  sources: v.record(v.string(), v.strictObject({ backend: v.string(), keys: v.array(v.string()) })),
});

const SecretMetaSchema = v.strictObject({
  value: v.string(),
  backend: v.string(),
  scope: v.string(),
});
const VariableMetaSchema = v.strictObject({ value: v.string(), scope: v.string() });

/** What a job bundle's envelope holds: the `getMeta` shape for every secret. */
export const JobBundleSchema = v.strictObject({
  runId: v.string(),
  jobId: v.string(),
  environment: v.string(),
  secrets: v.record(v.string(), SecretMetaSchema),
  variables: v.record(v.string(), VariableMetaSchema),
});
export type JobBundle = v.InferOutput<typeof JobBundleSchema>;

export const RunKeyParamsSchema = v.strictObject({ runId: RunIdSchema });
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
  runId: RunIdSchema,
  /** The agent's ephemeral X25519 key: the answer is sealed to it. */
  agentPublicKey: X25519PublicKeySchema('agentPublicKey'),
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
  local: v.optional(v.record(contextName, EnvelopeSchema('local'))),
});

/**
 * The test run's contexts sealed to the agent: `sealForRun(agentPublicKey, JSON,
 * testRunBundleAad(runId))`, whose JSON is a TestRunBundle.
 */
export const ResolveTestRunResponseSchema = v.strictObject({
  runId: v.string(),
  bundle: v.string(),
});

export const TestRunBundleSchema = v.strictObject({
  runId: v.string(),
  contexts: v.record(
    v.string(),
    v.strictObject({
      environment: v.string(),
      secrets: v.record(v.string(), SecretMetaSchema),
      variables: v.record(v.string(), VariableMetaSchema),
    }),
  ),
});
export type TestRunBundle = v.InferOutput<typeof TestRunBundleSchema>;
