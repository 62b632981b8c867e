import type { RotationReportAnswer } from './rotation.js';

/** The rotation report's CSV columns, in order (the header row). */
export const ROTATION_REPORT_COLUMNS = [
  'key',
  'scope',
  'scope_id',
  'created_at',
  'last_rotated_at',
  'rotation_count',
  'age_days',
  'external',
  'compliant',
  'max_age_days',
] as const;

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The rotation report as CSV (RFC 4180: CRLF line ends, a header row): what the server sends
 * for `format=csv` and what `kici-admin report rotation --format csv` writes.
 */
export function rotationReportCsv(report: RotationReportAnswer): string {
  const maxAge = report.policy?.max_age_days ?? null;
  const rows = report.secrets.map((s) => [
    s.key,
    s.scope.scope,
    s.scope.id,
    s.created_at,
    s.last_rotated_at,
    s.rotation_count,
    s.age_days,
    s.external,
    s.compliant,
    maxAge,
  ]);
  return [ROTATION_REPORT_COLUMNS, ...rows]
    .map((row) => row.map((cell) => csvField(cell)).join(','))
    .map((line) => `${line}\r\n`)
    .join('');
}
