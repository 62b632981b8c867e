import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
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

export const scopedSecrets = pgTable(
  'scoped_secrets',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: text('org_id').notNull(),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    ciphertext: bytea('ciphertext').notNull(),
    keyVersion: integer('key_version').notNull(),
    // BUILT_IN_BACKEND, spelled out: drizzle-kit loads this file as CommonJS, and the
    // migrations hold the default as SQL.
    backendType: text('backend_type').notNull().default('pg'),
    createdAt: createdAt(),
    createdBy: text('created_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by').notNull(),
    rotationCount: integer('rotation_count').notNull().default(0),
    lastRotatedAt: timestamp('last_rotated_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('scoped_secrets_org_scope_key').on(t.orgId, t.scope, t.key),
    index('scoped_secrets_key_version').on(t.keyVersion),
  ],
);

export const configVersions = pgTable(
  'config_versions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    ciphertext: bytea('ciphertext').notNull(),
    keyVersion: integer('key_version').notNull(),
    createdAt: createdAt(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    uniqueIndex('config_versions_key_version').on(t.key, t.version),
    index('config_versions_master_key_version').on(t.keyVersion),
  ],
);

export const adminTokens = pgTable(
  'admin_tokens',
  {
    id: text('id').primaryKey(),
    label: text('label').notNull(),
    role: text('role').notNull(),
    /** The surface the token acts from (`cli` or `dashboard`); never chosen per request. */
    surface: text('surface').notNull().default('cli'),
    /** `sha256:<hex>` of the token; the token itself is never stored. */
    hash: text('hash').notNull(),
    createdAt: createdAt(),
    createdBy: text('created_by').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('admin_tokens_hash').on(t.hash)],
);

/** Append-only: a trigger (migration 0001) rejects UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // Millisecond precision, as JSON carries it: an entry's `at` works as a query bound.
    at: timestamp('at', { withTimezone: true, precision: 3 })
      .notNull()
      .default(sql`clock_timestamp()`),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    outcome: text('outcome').notNull(),
    orgId: text('org_id'),
    contextName: text('context_name'),
    routingKey: text('routing_key'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('audit_log_at').on(t.at),
    index('audit_log_action').on(t.action),
    index('audit_log_context_name').on(t.contextName),
  ],
);

/** Protection rules live on the environment; an empty list means no restriction. */
export const environments = pgTable(
  'environments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: text('org_id').notNull(),
    name: text('name').notNull(),
    branchPatterns: jsonb('branch_patterns').$type<string[]>().notNull().default([]),
    triggerTypes: jsonb('trigger_types').$type<string[]>().notNull().default([]),
    repositoryPatterns: jsonb('repository_patterns').$type<string[]>().notNull().default([]),
    allowForks: boolean('allow_forks').notNull().default(false),
    allowLocalExecution: boolean('allow_local_execution').notNull().default(false),
    /** Bumped by every change: resolution checks the copy it evaluated is still current. */
    revision: integer('revision').notNull().default(1),
    createdAt: createdAt(),
    createdBy: text('created_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [uniqueIndex('environments_org_name').on(t.orgId, t.name)],
);

/** An environment's ordered scope chain: position 0 wins a key collision. */
export const environmentScopeBindings = pgTable(
  'environment_scope_bindings',
  {
    environmentId: bigint('environment_id', { mode: 'number' })
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    scope: text('scope').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.environmentId, t.position] }),
    uniqueIndex('environment_scope_bindings_scope').on(t.environmentId, t.scope),
    index('environment_scope_bindings_by_scope').on(t.scope),
  ],
);

/** Non-secret configuration values: stored as plain text, shown on request. */
export const variables = pgTable(
  'variables',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: text('org_id').notNull(),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
    /** Immutable from later dashboard writes. */
    locked: boolean('locked').notNull().default(false),
    createdAt: createdAt(),
    createdBy: text('created_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [uniqueIndex('variables_org_scope_key').on(t.orgId, t.scope, t.key)],
);

/** A run's X25519 key pair; the private key sealed with the master key. */
export const runEphemeralKeys = pgTable(
  'run_ephemeral_keys',
  {
    runId: text('run_id').primaryKey(),
    // A row number for rotation, which re-seals envelopes in batches by id like the other tables.
    id: bigserial('id', { mode: 'number' }).notNull().unique(),
    orgId: text('org_id').notNull(),
    publicKey: bytea('public_key').notNull(),
    privateKeyCiphertext: bytea('private_key_ciphertext').notNull(),
    keyVersion: integer('key_version').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  // The orphan cleanup deletes keys created before its cutoff.
  (t) => [index('run_ephemeral_keys_created_at').on(t.createdAt)],
);

/**
 * Registered external backends. The config (credentials included) is sealed with the master
 * key; `summary` is what listings may show (masked URL, auth method, paths).
 */
export const backends = pgTable('backends', {
  name: text('name').primaryKey(),
  /** For batch re-encryption by rotate-key, which works on numeric row ids. */
  id: bigserial('id', { mode: 'number' }).notNull().unique(),
  type: text('type').notNull(),
  /** `api`: registered through the admin API; `env`: from KICI_VAULT_* (config not stored). */
  source: text('source').notNull().default('api'),
  configCiphertext: bytea('config_ciphertext'),
  keyVersion: integer('key_version').notNull().default(0),
  summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
  scopePatterns: jsonb('scope_patterns').$type<string[]>().notNull().default(['**']),
  syncIntervalSeconds: integer('sync_interval_seconds').notNull().default(300),
  /** The instance that claims a due backend (next_sync_at <= now()) runs its sync tick. */
  nextSyncAt: timestamp('next_sync_at', { withTimezone: true }).notNull().defaultNow(),
  lastSyncAt: timestamp('last_sync_at', { withTimezone: true }),
  lastSyncStatus: text('last_sync_status'),
  lastSyncMessage: text('last_sync_message'),
  /** The last errors, newest first: [{ at, message }]. */
  errors: jsonb('errors').$type<{ at: string; message: string }[]>().notNull().default([]),
  createdAt: createdAt(),
  createdBy: text('created_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Scopes found on external backends by sync. */
export const discoveredScopes = pgTable(
  'discovered_scopes',
  {
    backend: text('backend')
      .notNull()
      .references(() => backends.name, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.backend, t.path] })],
);

/**
 * One key check per master key version: a fixed label sealed with that version's key (the
 * AAD binds the version), so start-up can tell a wrong key before it serves a request.
 */
export const keyChecks = pgTable('key_checks', {
  keyVersion: bigint('key_version', { mode: 'number' }).primaryKey(),
  ciphertext: bytea('ciphertext').notNull(),
  createdAt: createdAt(),
});

export * from './schema-delivery.js';
export * from './schema-extensions.js';
export * from './schema-runs.js';
