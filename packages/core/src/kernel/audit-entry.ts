/**
 * The audit row every domain writes. Core builds the whole row (guard.ts); a store only writes
 * it, in the same round trip as the change it records.
 */

export type Outcome = 'success' | 'denied' | 'failure';

export interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly outcome: Outcome;
  readonly orgId: string | null;
  readonly contextName: string | null;
  readonly routingKey: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Where audit rows go: the one part of the store every service touches. */
export interface AuditWriter {
  append(entry: AuditEntry): Promise<void>;
}
