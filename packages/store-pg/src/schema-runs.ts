import {
  bigserial,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { bytea, createdAt } from './schema-columns.js';

/**
 * A run: its job graph lives in run_jobs; its key pair in run_ephemeral_keys. Ended runs
 * keep their rows here (state, and each job's output keys and sizes) for listings.
 */
export const runs = pgTable(
  'runs',
  {
    runId: text('run_id').primaryKey(),
    orgId: text('org_id').notNull(),
    /** RUN_STATES, spelled out: drizzle-kit cannot load @kici/contracts. */
    state: text('state').notNull().default('running'),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('runs_created_at').on(t.createdAt),
    index('runs_org_created_at').on(t.orgId, t.createdAt),
    // The orphan cleanup looks for runs still running created before its cutoff.
    index('runs_state_created_at').on(t.state, t.createdAt),
  ],
);

/** A run's jobs in declared order, with their states and job credentials (hashed). */
export const runJobs = pgTable(
  'run_jobs',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.runId, { onDelete: 'cascade' }),
    jobId: text('job_id').notNull(),
    position: integer('position').notNull(),
    needs: jsonb('needs').$type<string[]>().notNull().default([]),
    state: text('state').notNull().default('pending'),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** `sha256:<hex>` of the job's credential; cleared when the job or its run ends. */
    credentialHash: text('credential_hash'),
    credentialExpiresAt: timestamp('credential_expires_at', { withTimezone: true }),
    /** Written when the run ends: [{ key, bytes, createdAt }] of the outputs then deleted. */
    outputSummary: jsonb('output_summary')
      .$type<{ key: string; bytes: number; createdAt: string }[]>()
      .notNull()
      .default([]),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.jobId] }),
    uniqueIndex('run_jobs_credential_hash').on(t.credentialHash),
  ],
);

/**
 * Secret outputs of a run's jobs, sealed with the master key (AAD: org, `<run>/<job>`, key).
 * Deleted when the run ends; `created_at` is the last write (a replaced value restarts it).
 */
export const runSecretOutputs = pgTable(
  'run_secret_outputs',
  {
    // A row number for rotation, which re-seals envelopes in batches by id.
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: text('org_id').notNull(),
    runId: text('run_id').notNull(),
    jobId: text('job_id').notNull(),
    key: text('key').notNull(),
    ciphertext: bytea('ciphertext').notNull(),
    keyVersion: integer('key_version').notNull(),
    /** The plaintext's UTF-8 size. */
    bytes: integer('bytes').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('run_secret_outputs_run_job_key').on(t.runId, t.jobId, t.key),
    index('run_secret_outputs_created_at').on(t.createdAt),
    index('run_secret_outputs_key_version').on(t.keyVersion),
    foreignKey({
      columns: [t.runId, t.jobId],
      foreignColumns: [runJobs.runId, runJobs.jobId],
      name: 'run_secret_outputs_job_fk',
    }).onDelete('cascade'),
  ],
);

/**
 * Periodic work shared by every instance on the database (the run cleanup): whoever moves
 * `due_at` forward runs the task for that interval.
 */
export const periodicTasks = pgTable('periodic_tasks', {
  name: text('name').primaryKey(),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  claimedBy: text('claimed_by'),
  claimedAt: timestamp('claimed_at', { withTimezone: true }),
});
