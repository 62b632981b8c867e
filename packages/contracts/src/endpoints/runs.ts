import * as v from 'valibot';
import { OrgIdSchema, SecretKeySchema } from '../fields.js';
import { FINAL_JOB_STATES, JOB_STATES, RUN_STATES } from '../vocabulary/runs.js';

/**
 * Runs, their jobs and cross-job secret outputs. A run and a job id travel as path segments
 * and form an output's scope (`<runId>/<jobId>`), so neither may hold a "/".
 */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const runScopedId = (field: string) =>
  v.pipe(
    v.string(`${field}: expected a string`),
    v.regex(
      RUN_ID,
      `${field}: expected 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit`,
    ),
  );

export const RunIdSchema = runScopedId('runId');
export const JobIdSchema = runScopedId('jobId');

/** A raw 32-byte X25519 public key, base64 (standard alphabet, padded: 44 characters). */
export const X25519PublicKeySchema = (field: string) =>
  v.pipe(
    v.string(`${field}: expected a string`),
    v.regex(
      /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/,
      `${field}: expected a raw 32-byte X25519 public key, base64 (44 characters)`,
    ),
  );

/** A `sealForRun` envelope, base64. */
export const EnvelopeSchema = (field: string) =>
  v.pipe(
    v.string(`${field}: expected a string`),
    v.minLength(1, `${field}: expected a base64 envelope (sealForRun)`),
    v.regex(/^[A-Za-z0-9+/]+={0,2}$/, `${field}: expected a base64 envelope (sealForRun)`),
  );

const Timestamp = v.string();

// ---- The dispatcher: runs and their jobs -------------------------------------------------

const JobDeclarationSchema = v.strictObject({
  id: JobIdSchema,
  needs: v.optional(
    v.pipe(
      v.array(JobIdSchema, 'needs: expected an array of job ids'),
      v.maxLength(256, 'needs: expected at most 256 job ids'),
    ),
    [],
  ),
});

/** POST /internal/v1/runs: a run and its job graph (`needs`), declared before any dispatch. */
export const CreateRunBodySchema = v.strictObject({
  orgId: OrgIdSchema,
  runId: RunIdSchema,
  jobs: v.pipe(
    v.array(JobDeclarationSchema, 'jobs: expected an array of { id, needs }'),
    v.minLength(1, 'jobs: expected at least one job'),
    v.maxLength(256, 'jobs: expected at most 256 jobs'),
  ),
});

const RunJobSchema = v.strictObject({ id: v.string(), needs: v.array(v.string()) });

export const CreateRunResponseSchema = v.strictObject({
  runId: v.string(),
  orgId: v.string(),
  state: v.picklist(RUN_STATES),
  /** The run's raw 32-byte X25519 public key, base64: what agents seal outputs to. */
  publicKey: v.string(),
  expiresAt: Timestamp,
  jobs: v.array(RunJobSchema),
});

export const RunParamsSchema = v.strictObject({ runId: RunIdSchema });
export const RunJobParamsSchema = v.strictObject({ runId: RunIdSchema, jobId: JobIdSchema });

/** POST /internal/v1/runs/:runId/jobs/:jobId/finish */
export const FinishJobBodySchema = v.strictObject({
  status: v.picklist(FINAL_JOB_STATES, `status: expected one of ${FINAL_JOB_STATES.join(', ')}`),
});

const DeletedCountsSchema = v.strictObject({
  /** Run key pairs deleted (0 or 1). */
  keys: v.number(),
  /** Secret output rows deleted. */
  outputs: v.number(),
});

export const FinishJobResponseSchema = v.strictObject({
  runId: v.string(),
  jobId: v.string(),
  state: v.picklist(JOB_STATES),
  runState: v.picklist(RUN_STATES),
  /** Present when this finish completed the run. */
  deleted: v.optional(DeletedCountsSchema),
});

/** POST /internal/v1/runs/:runId/complete: the dispatcher ends a run (jobs left are skipped). */
export const CompleteRunResponseSchema = v.strictObject({
  runId: v.string(),
  state: v.picklist(RUN_STATES),
  deleted: DeletedCountsSchema,
});

// ---- The agent: its job's outputs -----------------------------------------------------

export const OutputParamsSchema = v.strictObject({
  runId: RunIdSchema,
  jobId: JobIdSchema,
  key: SecretKeySchema,
});

/** PUT /agent/v1/runs/:runId/jobs/:jobId/outputs/:key (bearer: the job's credential). */
export const SetOutputBodySchema = v.strictObject({ envelope: EnvelopeSchema('envelope') });

export const SetOutputResponseSchema = v.strictObject({
  runId: v.string(),
  jobId: v.string(),
  key: v.string(),
  /** The value's size in UTF-8 bytes. */
  bytes: v.number(),
  createdAt: Timestamp,
});

// ---- Operators: kici-admin run list|show|cancel ---------------------------------------

export const ListRunsQuerySchema = v.strictObject({
  orgId: v.optional(OrgIdSchema),
  state: v.optional(v.picklist(RUN_STATES, `state: expected one of ${RUN_STATES.join(', ')}`)),
  limit: v.optional(
    v.pipe(
      v.string('limit: expected a number'),
      v.regex(/^[1-9][0-9]{0,3}$/, 'limit: expected a number from 1 to 1000'),
      v.transform(Number),
      v.maxValue(1000, 'limit: expected a number from 1 to 1000'),
    ),
  ),
});

export const RunSummarySchema = v.strictObject({
  runId: v.string(),
  orgId: v.string(),
  state: v.picklist(RUN_STATES),
  createdAt: Timestamp,
  completedAt: v.nullable(Timestamp),
  jobs: v.number(),
  outputs: v.number(),
  outputBytes: v.number(),
});
export type RunSummary = v.InferOutput<typeof RunSummarySchema>;

export const ListRunsResponseSchema = v.strictObject({ runs: v.array(RunSummarySchema) });

/** An output as operators see it: its key and size, never its value. */
const OutputInfoSchema = v.strictObject({
  key: v.string(),
  bytes: v.number(),
  createdAt: Timestamp,
});

export const RunDetailSchema = v.strictObject({
  runId: v.string(),
  orgId: v.string(),
  state: v.picklist(RUN_STATES),
  createdAt: Timestamp,
  completedAt: v.nullable(Timestamp),
  expiresAt: Timestamp,
  jobs: v.array(
    v.strictObject({
      jobId: v.string(),
      needs: v.array(v.string()),
      state: v.picklist(JOB_STATES),
      dispatchedAt: v.nullable(Timestamp),
      finishedAt: v.nullable(Timestamp),
      outputs: v.array(OutputInfoSchema),
    }),
  ),
});
export type RunDetail = v.InferOutput<typeof RunDetailSchema>;

export const CancelRunResponseSchema = v.strictObject({
  ...RunDetailSchema.entries,
  deleted: DeletedCountsSchema,
});
