import type * as v from 'valibot';
import type { ErrorDetail } from './errors.js';

/**
 * Turns valibot issues into the API's invalid_input error, naming the first failing field
 * by its dotted path. The message is built from what was expected, never from the input:
 * valibot's own messages quote the received value, which may be a secret.
 */

// This package's messages read `<field>: <expectation>`; valibot's read `Invalid type: ...`.
const OWN_MESSAGE = /^([A-Za-z][\w.]*): (.+)$/s;

const OBJECT_TYPES = new Set(['object', 'strict_object', 'loose_object', 'object_with_rest']);

const ARTICLES: Readonly<Record<string, string>> = {
  Object: 'an object',
  Array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
};

// An unknown key is named only if it looks like a field name: a key is input too.
const NAMEABLE_KEY = /^[A-Za-z_][\w.-]{0,63}$/;

function isUnknownKey(issue: v.BaseIssue<unknown>): boolean {
  return OBJECT_TYPES.has(issue.type) && issue.path !== undefined && issue.expected === 'never';
}

/** The dotted path of the field at fault; for an unnameable unknown key, its parent's. */
function fieldOf(issue: v.BaseIssue<unknown>): string | null {
  const keys = (issue.path ?? []).map((item) => item.key);
  const last = keys.at(-1);
  if (isUnknownKey(issue) && !(typeof last === 'string' && NAMEABLE_KEY.test(last))) keys.pop();
  if (keys.length === 0) return null;
  return keys.every((key) => typeof key === 'string' || typeof key === 'number')
    ? keys.join('.')
    : null;
}

function expectation(issue: v.BaseIssue<unknown>): string {
  if (isUnknownKey(issue)) {
    const last = issue.path?.at(-1)?.key;
    return typeof last === 'string' && NAMEABLE_KEY.test(last)
      ? 'unknown field'
      : 'has an unknown field';
  }
  if (OBJECT_TYPES.has(issue.type) && issue.path !== undefined && issue.received === 'undefined') {
    return 'required';
  }
  if (issue.expected === null) return 'invalid';
  return `expected ${ARTICLES[issue.expected] ?? issue.expected}`;
}

type InvalidInput = ErrorDetail & { code: 'invalid_input' };

/**
 * `{ code: 'invalid_input', message: '<field>: <what was expected>', field }`, for the
 * first issue. The field is the issue's dotted path (`scopes.0.updatedAt`); for a schema
 * parsed on its own (no path) it is the name the schema's message gives, and an issue
 * about the whole input is named `root` and carries no field.
 */
export function validationError(
  issues: readonly v.BaseIssue<unknown>[],
  root = 'input',
): InvalidInput {
  const issue = issues[0];
  if (issue === undefined) return { code: 'invalid_input', message: `${root}: invalid` };
  const own = OWN_MESSAGE.exec(issue.message);
  const field = fieldOf(issue) ?? own?.[1] ?? null;
  const message = `${field ?? root}: ${own?.[2] ?? expectation(issue)}`;
  return field === null
    ? { code: 'invalid_input', message }
    : { code: 'invalid_input', message, field };
}
