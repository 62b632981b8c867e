import * as v from 'valibot';
import { MISFIT, withResponseStep } from './shape.js';
import { BUILT_IN_BACKEND } from './vocabulary/backends.js';

/**
 * A scope's canonical id is `backend:path` (`pg:aws/prod`, `openbao-prod:aws/credentials`).
 * A bare path names a scope of the built-in PostgreSQL backend: `production` is
 * `pg:production`. Schemas output the canonical id, so that one scope has one spelling in
 * the database, the audit log and every response.
 */

const BACKEND = /^[a-z][a-z0-9-]{0,62}$/;
const SEGMENT = /^[A-Za-z0-9_.-]+$/;

export interface ParsedScope {
  readonly backend: string;
  readonly path: string;
  /** The canonical `backend:path`. */
  readonly id: string;
}

/** The parsed scope, or what was expected (without the input, which may be anything). */
function analyse(text: string): ParsedScope | string {
  const colon = text.indexOf(':');
  const backend = colon === -1 ? BUILT_IN_BACKEND : text.slice(0, colon);
  const path = colon === -1 ? text : text.slice(colon + 1);
  if (!BACKEND.test(backend)) {
    return 'expected backend:path, the backend being 1-63 lowercase letters, digits or "-" starting with a letter (e.g. pg:aws/prod)';
  }
  if (path.length < 1 || path.length > 255) {
    return 'expected a path of 1-255 characters (e.g. pg:aws/prod or production)';
  }
  for (const segment of path.split('/')) {
    if (!SEGMENT.test(segment) || segment === '.' || segment === '..') {
      return 'expected path segments of letters, digits, "_", "." or "-" joined by "/", none empty, "." or ".."';
    }
  }
  return { backend, path, id: `${backend}:${path}` };
}

/** Whether `path` may be the path part of a scope (`aws/prod`), on any backend. */
export const isScopePath = (path: string): boolean =>
  typeof analyse(`${BUILT_IN_BACKEND}:${path}`) !== 'string';

/** A scope schema whose messages name `field` (`scope`, or `contextName` in audit queries). */
export function scopeSchema(field = 'scope') {
  const schema = v.pipe(
    v.string(`${field}: expected a string`),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const parsed = analyse(dataset.value);
      if (typeof parsed === 'string') {
        addIssue({ message: `${field}: ${parsed}` });
        return NEVER;
      }
      return parsed.id;
    }),
  );
  return withResponseStep(schema, (value) => {
    const parsed = typeof value === 'string' ? analyse(value) : undefined;
    return typeof parsed === 'object' ? parsed.id : MISFIT;
  });
}

/** Accepts `backend:path` or a bare path; outputs the canonical `backend:path`. */
export const ScopeSchema = scopeSchema();

/** Splits a scope into backend and path. Throws a ValiError naming what was expected. */
export function parseScope(text: string): ParsedScope {
  const id = v.parse(ScopeSchema, text);
  const colon = id.indexOf(':');
  return { backend: id.slice(0, colon), path: id.slice(colon + 1), id };
}

/** The canonical id of a backend and a path. Throws a ValiError if either is not valid. */
export function formatScope(scope: { readonly backend: string; readonly path: string }): string {
  return parseScope(`${scope.backend}:${scope.path}`).id;
}
