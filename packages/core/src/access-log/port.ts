/** What the access log needs from storage: its rows and the read counters per window. */
import type { AccessAction, AccessSource } from '@kici/contracts/vocabulary';

/** One read or write of an extension secret (never its value). */
export interface AccessLogRow {
  readonly orgId: string;
  /** The secret's pg scope (`pg:__ext__/…`). */
  readonly scope: string;
  readonly key: string;
  readonly action: AccessAction;
  readonly source: AccessSource;
  readonly actor: string;
  readonly deliveryId: string | null;
}

export interface AccessLogRecord extends AccessLogRow {
  readonly id: number;
  readonly at: Date;
}

export interface AccessLogQuery {
  readonly orgId: string;
  readonly key?: string | undefined;
  readonly action?: AccessAction | undefined;
  readonly source?: AccessSource | undefined;
  readonly limit: number;
}

/** Reads of one secret to add to one window's counter. */
export interface ReadIncrement {
  readonly orgId: string;
  readonly scope: string;
  readonly key: string;
  readonly reads: number;
}

export interface AccessLogRepository {
  /** Every row in ONE multi-row insert. */
  append(rows: readonly AccessLogRow[]): Promise<void>;
  /** Newest first. */
  query(query: AccessLogQuery): Promise<AccessLogRecord[]>;
  /**
   * A delivery's reads in ONE statement: their log rows, and each secret's counter of the
   * window raised by its reads (`ON CONFLICT DO UPDATE SET reads = reads + n`; row locks taken
   * in a stable order make concurrent adds exact on any number of instances). The counts
   * after, one per secret.
   */
  logReads(windowStart: Date, rows: readonly AccessLogRow[]): Promise<ReadIncrement[]>;
}
