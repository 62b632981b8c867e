import type { AuditEntry, AuditWriter } from '../kernel/audit-entry.js';

/** What the audit domain needs from storage: the rows every domain appends, and queries. */

export interface AuditRecord extends AuditEntry {
  readonly id: number;
  readonly at: Date;
}

export interface AuditQuery {
  readonly contextName?: string | undefined;
  readonly orgId?: string | undefined;
  /** Rows whose metadata names this secret key (secret and variable rows carry `key`). */
  readonly key?: string | undefined;
  readonly routingKey?: string | undefined;
  readonly action?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** Appends rows (every domain) and reads them back (the audit domain). */
export interface AuditRepository extends AuditWriter {
  /** Newest first. */
  query(query: AuditQuery): Promise<AuditRecord[]>;
}
