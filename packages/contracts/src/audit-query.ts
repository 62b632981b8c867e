import * as v from 'valibot';
import { dateTimeSchema } from './datetime.js';
import { AuditActionSchema, isWellFormed } from './fields.js';
import { scopeSchema } from './scope.js';

/**
 * Integers of a query string arrive as text. Only plain decimal digits count: `1e3`, `0x10`,
 * ` 5` and `2.0` are refused rather than guessed at. Numbers are accepted too, for callers
 * in code (the typed client).
 */
export function queryInteger(field: string, min: number, max: number, fallback: number) {
  const message =
    max === Number.MAX_SAFE_INTEGER
      ? `${field}: expected an integer >= ${min}`
      : `${field}: expected an integer from ${min} to ${max}`;
  return v.optional(
    v.pipe(
      v.union([v.string(), v.number()], message),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        const raw = dataset.value;
        const n = typeof raw === 'number' ? raw : /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
        if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
        addIssue({ message });
        return NEVER;
      }),
    ),
    fallback,
  );
}

export const DEFAULT_AUDIT_LIMIT = 50;
export const MAX_AUDIT_LIMIT = 1000;

/**
 * GET /audit's query string. Output: `contextName` canonical (`production` becomes
 * `pg:production`), `from`/`to` as Dates, `limit` and `offset` as numbers with their
 * defaults filled in. Unknown parameters are refused, so a misspelt filter is not silently
 * ignored.
 */
export const AuditQuerySchema = v.pipe(
  v.strictObject({
    contextName: v.optional(scopeSchema('contextName')),
    routingKey: v.optional(
      v.pipe(
        v.string('routingKey: expected a string'),
        v.minLength(1, 'routingKey: expected 1-256 characters'),
        v.maxLength(256, 'routingKey: expected 1-256 characters'),
        // Recorded keys are percent-encoded paths: a control character or lone surrogate
        // matches none, and PostgreSQL cannot even compare a NUL.
        v.check(
          (key) => !/\p{Cc}/u.test(key) && isWellFormed(key),
          'routingKey: expected no control character or lone surrogate',
        ),
      ),
    ),
    action: v.optional(AuditActionSchema),
    from: v.optional(dateTimeSchema('from')),
    to: v.optional(dateTimeSchema('to')),
    limit: queryInteger('limit', 1, MAX_AUDIT_LIMIT, DEFAULT_AUDIT_LIMIT),
    offset: queryInteger('offset', 0, Number.MAX_SAFE_INTEGER, 0),
  }),
  v.forward(
    v.partialCheck(
      [['from'], ['to']],
      ({ from, to }) => from === undefined || to === undefined || from <= to,
      'from: expected a date-time not after to',
    ),
    ['from'],
  ),
);

export type AuditQueryInput = v.InferInput<typeof AuditQuerySchema>;
export type AuditQuery = v.InferOutput<typeof AuditQuerySchema>;
