import type { ExtensionSecretInfo, ManifestField } from '@kici/contracts';
import { cell, table } from '../../output.js';

/** Where a value is: stored here (sealed), or a reference to an external backend. */
export const source = (s: ExtensionSecretInfo) =>
  s.external
    ? `external ${s.external_backend ?? '?'}:${s.external_secret_name ?? '?'}`
    : s.masked_value_present
      ? 'stored'
      : 'none';

/** The secrets of one scope as a table: metadata only, a value never. */
export function secretsTable(secrets: readonly ExtensionSecretInfo[]): string {
  return table(
    ['KEY', 'VALUE', 'ROTATIONS', 'LAST ROTATED', 'UPDATED', 'UPDATED BY'],
    secrets.map((s) => [
      s.key,
      source(s),
      cell(s.rotation_count),
      cell(s.last_rotated_at),
      s.updated_at,
      s.updated_by,
    ]),
  );
}

/** `, with 3 secrets and 1 installation`: what a confirmed delete took along. */
export function deletedNote(counts: { deleted_secrets: number; deleted_installations: number }) {
  const parts = [
    counts.deleted_secrets > 0 &&
      `${counts.deleted_secrets} secret${counts.deleted_secrets === 1 ? '' : 's'}`,
    counts.deleted_installations > 0 &&
      `${counts.deleted_installations} installation${counts.deleted_installations === 1 ? '' : 's'}`,
  ].filter((part): part is string => part !== false);
  return parts.length === 0 ? '' : `, with ${parts.join(' and ')}`;
}

/** A manifest's configuration: each field's type, scope and flags. */
export function fieldsTable(configuration: Readonly<Record<string, ManifestField>>): string {
  const fields = Object.entries(configuration);
  if (fields.length === 0) return 'No configuration fields';
  return table(
    ['KEY', 'LABEL', 'TYPE', 'SCOPE', 'REQUIRED', 'SECRET'],
    fields.map(([key, f]) => [
      key,
      f.label,
      f.type,
      f.scope,
      f.required ? 'yes' : 'no',
      f.secret ? 'yes' : 'no',
    ]),
  );
}
