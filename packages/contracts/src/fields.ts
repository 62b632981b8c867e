import * as v from 'valibot';
import { ROLES } from './vocabulary/access.js';
import { DEFAULT_MAX_SECRET_BYTES } from './vocabulary/limits.js';

/**
 * The identifiers of the admin API. Every message starts with `<field>: ` and says what was
 * expected; none repeats the input (a value typed into the wrong flag may be a secret).
 */

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const OrgIdSchema = v.pipe(
  v.string('orgId: expected a string'),
  v.minLength(1, 'orgId: expected 1-128 characters'),
  v.maxLength(128, 'orgId: expected 1-128 characters'),
  v.regex(
    ID_PATTERN,
    'orgId: expected letters, digits, ".", "_" or "-", starting with a letter or digit',
  ),
);

export const SecretKeySchema = v.pipe(
  v.string('key: expected a string'),
  v.minLength(1, 'key: expected 1-128 characters'),
  v.maxLength(128, 'key: expected 1-128 characters'),
  v.regex(/^[A-Z][A-Z0-9_]*$/, 'key: expected upper snake case, e.g. DB_PASSWORD'),
);

export const RoleSchema = v.picklist(ROLES, `role: expected one of ${ROLES.join(', ')}`);

export const TokenLabelSchema = v.pipe(
  v.string('label: expected a string'),
  v.minLength(1, 'label: expected 1-64 characters'),
  v.maxLength(64, 'label: expected 1-64 characters'),
  v.regex(
    /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/,
    'label: expected letters, digits, spaces, ".", "_" or "-", starting with a letter or digit',
  ),
);

/** A token's id: it travels as a path segment, so it may not be "." or "..". */
export const TokenIdSchema = v.pipe(
  v.string('id: expected a string'),
  v.minLength(1, 'id: expected 1-128 characters'),
  v.maxLength(128, 'id: expected 1-128 characters'),
  v.regex(
    ID_PATTERN,
    'id: expected letters, digits, ".", "_" or "-", starting with a letter or digit',
  ),
);

export const ConfigKeySchema = v.pipe(
  v.string('key: expected a string'),
  v.regex(
    /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/,
    'key: expected 1-128 letters, digits, "_", "." or "-", starting with a letter, e.g. pgCustomerSecrets',
  ),
);

/** An audit action: `rotateKey`, `secret.set`, ... */
export const AuditActionSchema = v.pipe(
  v.string('action: expected a string'),
  v.regex(
    /^[A-Za-z][A-Za-z0-9._-]{0,63}$/,
    'action: expected 1-64 letters, digits, ".", "_" or "-", starting with a letter, e.g. secret.set',
  ),
);

/**
 * A secret value: a non-empty string of at most `maxBytes` UTF-8 bytes (not characters:
 * the store holds bytes). Messages never contain the value.
 */
export function secretValueSchema(maxBytes: number = DEFAULT_MAX_SECRET_BYTES) {
  return v.pipe(
    v.string('value: expected a string'),
    v.minLength(1, 'value: expected a non-empty string'),
    v.maxBytes(maxBytes, `value: expected at most ${maxBytes} bytes`),
    // UTF-8 cannot carry a lone surrogate: it would be stored as U+FFFD and not round-trip.
    v.check(
      isWellFormed,
      'value: expected well-formed Unicode (a lone surrogate cannot be stored)',
    ),
  );
}

// In unicode mode a surrogate pair is one code point, so this matches only lone surrogates.
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether `text` is well-formed UTF-16 (String#isWellFormed, which Node 20 has but es2022 lacks). */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Who did something, as recorded by the server (a token label, `bootstrap`, ...). */
export const ActorSchema = v.pipe(
  v.string('actor: expected a string'),
  v.minLength(1, 'actor: expected a non-empty string'),
);

/** A whole number >= `min` named `field` in its messages: counts, versions, offsets. */
export function integerAtLeast(field: string, min: number) {
  return v.pipe(
    v.number(`${field}: expected a number`),
    v.safeInteger(`${field}: expected an integer`),
    v.minValue(min, `${field}: expected an integer >= ${min}`),
  );
}

/** A boolean of a query string: `true` or `false` (booleans too, for callers in code). */
export function queryFlag(field: string) {
  const message = `${field}: expected true or false`;
  return v.optional(
    v.pipe(
      v.union([v.string(), v.boolean()], message),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        const raw = dataset.value;
        if (raw === true || raw === 'true') return true;
        if (raw === false || raw === 'false') return false;
        addIssue({ message });
        return NEVER;
      }),
    ),
    false,
  );
}
