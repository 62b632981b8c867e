import { conflict, type KiciError } from '../kernel/errors.js';
import type { SealedRow } from '../kernel/reseal.js';

export type RotatedTable =
  | 'scoped_secrets'
  | 'config_versions'
  | 'backends'
  | 'run_ephemeral_keys'
  | 'run_secret_outputs';

/** PostgreSQL `integer`, the type of every key_version column (and far below the uint32 an envelope records). */
export const MAX_KEY_VERSION = 2_147_483_647;

/** Where a row that did not open lives: coordinates only, never a value or its ciphertext. */
export interface UnreadableRow {
  readonly table: RotatedTable;
  readonly orgId?: string;
  readonly scope?: string;
  /** The secret's key, the config key, the backend's name or the run id. */
  readonly key: string;
  /** The config version, for config_versions. */
  readonly version?: number;
}

/** Only the coordinates each table's AAD binds. */
export function unreadableRow(table: RotatedTable, row: SealedRow): UnreadableRow {
  switch (table) {
    case 'scoped_secrets':
      return { table, orgId: row.orgId, scope: row.scope, key: row.key };
    case 'config_versions':
      return { table, key: row.key, version: row.version };
    case 'backends':
      return { table, key: row.key };
    case 'run_ephemeral_keys':
      return { table, orgId: row.orgId, key: row.key };
    case 'run_secret_outputs':
      return { table, orgId: row.orgId, scope: row.scope, key: row.key };
  }
}

export function describeRow(row: UnreadableRow): string {
  const parts = [
    row.orgId ? `org ${row.orgId}` : '',
    row.scope ? `scope ${row.scope}` : '',
    `${row.table === 'backends' ? 'name' : row.table === 'run_ephemeral_keys' ? 'run' : 'key'} ${row.key}`,
    row.version !== undefined ? `version ${row.version}` : '',
  ];
  return `${row.table} (${parts.filter(Boolean).join(', ')})`;
}

/** Enough to find them: the first rows in the message and the audit row, then a count. */
export const LISTED_ROWS = 20;

export function listRows(rows: readonly UnreadableRow[]): string {
  const listed = rows.slice(0, LISTED_ROWS).map(describeRow).join('; ');
  return rows.length > LISTED_ROWS ? `${listed}; and ${rows.length - LISTED_ROWS} more` : listed;
}

/** The default: stop before changing anything, name the rows and the way past them. */
export function unreadableError(rows: readonly UnreadableRow[]): KiciError {
  return conflict(
    `Key rotation stopped: ${rows.length} stored value(s) failed their integrity check (they open with neither the current nor the old master key): ${listRows(rows)}. Nothing was re-encrypted. Restore those rows, or rotate the rest and leave them as they are with --skip-unreadable (POST /rotate-key body {"skipUnreadable": true}).`,
  );
}

export function keyVersionOverflow(target: number): KiciError {
  return conflict(
    `Key rotation refused: key version ${target} would pass the largest key_version the database stores (${MAX_KEY_VERSION}). A key version that high means the key_version columns were written by something other than rotation: inspect them before rotating.`,
  );
}
