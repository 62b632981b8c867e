import type {
  DeliveryAttempt,
  DeliveryRecord,
  DeliveryRepository,
  DeliveryWithPayload,
} from '@kici/core';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { drizzleQuery, epochMs } from '../rows.js';

type Row = Omit<DeliveryRecord, 'nextAttemptAt' | 'createdAt' | 'completedAt'> & {
  nextAttemptAt: number;
  createdAt: number;
  completedAt: number | null;
  payload?: string;
};

// Raw statements (SKIP LOCKED, the database clock); timestamps as epoch ms on both drivers,
// the payload as text (postgres-js and PGlite parse jsonb differently).
const COLUMNS = sql.raw(`id, org_id as "orgId", project_key as "projectKey",
  extension_id as "extensionId", kind, event_type as "eventType", status, attempts,
  max_attempts as "maxAttempts", ${epochMs('next_attempt_at')} as "nextAttemptAt",
  last_status_code as "lastStatusCode", last_error as "lastError",
  ${epochMs('created_at')} as "createdAt", created_by as "createdBy",
  ${epochMs('completed_at')} as "completedAt"`);
const WITH_PAYLOAD = sql`${COLUMNS}, payload::text as payload`;

function toRecord(row: Row): DeliveryRecord {
  return {
    id: row.id,
    orgId: row.orgId,
    projectKey: row.projectKey,
    extensionId: row.extensionId,
    kind: row.kind,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    nextAttemptAt: new Date(row.nextAttemptAt),
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: new Date(row.createdAt),
    createdBy: row.createdBy,
    completedAt: row.completedAt === null ? null : new Date(row.completedAt),
  };
}

const withPayload = (row: Row): DeliveryWithPayload => ({
  ...toRecord(row),
  payload: JSON.parse(row.payload ?? 'null') as unknown,
});

/** ext_deliveries (the outbox) and ext_delivery_attempts. */
export function deliveryRepository(db: Db): DeliveryRepository {
  const raw = drizzleQuery(db);
  const one = async (query: SQL) => (await raw<Row>(query))[0];

  return {
    async insert(delivery) {
      const row = await one(sql`insert into ext_deliveries (id, org_id, project_key, extension_id,
          kind, event_type, payload, max_attempts, created_by)
        values (${delivery.id}, ${delivery.orgId}, ${delivery.projectKey}, ${delivery.extensionId},
          ${delivery.kind}, ${delivery.eventType}, ${JSON.stringify(delivery.payload)}::jsonb,
          ${delivery.maxAttempts}, ${delivery.createdBy})
        returning ${COLUMNS}`);
      if (!row) throw new Error('insert into ext_deliveries returned no row');
      return toRecord(row);
    },

    async find(id) {
      const row = await one(sql`select ${WITH_PAYLOAD} from ext_deliveries where id = ${id}`);
      return row && withPayload(row);
    },

    async list(filter) {
      const rows = await raw<Row>(sql`select ${COLUMNS} from ext_deliveries
        where org_id = ${filter.orgId}
          ${filter.projectKey === undefined ? sql`` : sql`and project_key = ${filter.projectKey}`}
          ${filter.extensionId === undefined ? sql`` : sql`and extension_id = ${filter.extensionId}`}
          ${filter.status === undefined ? sql`` : sql`and status = ${filter.status}`}
        order by created_at desc, id desc limit ${filter.limit}`);
      return rows.map(toRecord);
    },

    async attempts(id) {
      const rows = await raw<Omit<DeliveryAttempt, 'startedAt'> & { startedAt: number }>(
        sql`select attempt, ${sql.raw(epochMs('started_at'))} as "startedAt",
          latency_ms as "latencyMs", status_code as "statusCode", outcome, error
        from ext_delivery_attempts where delivery_id = ${id} order by attempt`,
      );
      return rows.map((row) => ({ ...row, startedAt: new Date(row.startedAt) }));
    },

    async latest(ref) {
      const row = await one(sql`select ${COLUMNS} from ext_deliveries
        where org_id = ${ref.orgId} and project_key = ${ref.projectKey}
          and extension_id = ${ref.extensionId}
        order by created_at desc, id desc limit 1`);
      return row && toRecord(row);
    },

    async claim(instanceId, limit, leaseMs) {
      // SKIP LOCKED: concurrent claimers take disjoint rows without waiting; the lease keeps a
      // claimed row from being claimed again until it ends (a crashed instance's claim).
      const rows = await raw<Row>(sql`update ext_deliveries d
        set locked_by = ${instanceId},
          locked_until = now() + ${leaseMs}::float8 * interval '1 millisecond',
          attempts = d.attempts + 1
        where d.id in (select id from ext_deliveries
          where status = 'pending' and next_attempt_at <= now()
            and (locked_until is null or locked_until < now())
          order by next_attempt_at limit ${limit} for update skip locked)
        returning ${WITH_PAYLOAD}`);
      return rows.map(withPayload).sort((a, b) => +a.nextAttemptAt - +b.nextAttemptAt);
    },

    async complete({ id, instanceId, attempt, status, retryInMs }) {
      const next =
        retryInMs === undefined
          ? sql`next_attempt_at`
          : sql`now() + ${retryInMs}::float8 * interval '1 millisecond'`;
      const updated = await raw(sql`update ext_deliveries set status = ${status},
          next_attempt_at = ${next}, last_status_code = ${attempt.statusCode},
          last_error = ${attempt.error},
          completed_at = ${status === 'pending' ? sql`null` : sql`now()`},
          locked_by = null, locked_until = null
        where id = ${id} and locked_by = ${instanceId} and attempts = ${attempt.attempt}
        returning id`);
      if (updated.length === 0) return false;
      // Numbered after the log's last row: a retried delivery counts its attempts from 1 again.
      await raw(sql`insert into ext_delivery_attempts (delivery_id, attempt, started_at,
          latency_ms, status_code, outcome, error, instance_id)
        select ${id}::text, coalesce(max(attempt), 0) + 1, ${attempt.startedAt.toISOString()}::timestamptz,
          ${attempt.latencyMs}::int, ${attempt.statusCode}::int, ${attempt.outcome}::text,
          ${attempt.error}::text, ${instanceId}::text
        from ext_delivery_attempts where delivery_id = ${id}`);
      return true;
    },

    async requeue(id) {
      const row = await one(sql`update ext_deliveries set status = 'pending', attempts = 0,
          next_attempt_at = now(), completed_at = null, locked_by = null, locked_until = null
        where id = ${id} and status = 'failed' returning ${COLUMNS}`);
      return row && toRecord(row);
    },
  };
}
