import { KiciError } from '@kici/core';
import type { Context } from 'hono';
import * as v from 'valibot';
import type { Env } from './hono-env.js';

/** The largest form a page posts: a secret value within the admin API's default body limit. */
export const MAX_FORM_BYTES = 1024 * 1024;

const FORM_TYPE = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/**
 * A posted form's fields. A body that is not a well-formed form is the caller's 400 naming
 * `body`, never a 500 (the size is held to MAX_FORM_BYTES by the routes' body limit).
 */
export async function readForm(c: Context<Env>): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  const notForm = () =>
    new KiciError(
      'invalid_input',
      'body: expected a form (application/x-www-form-urlencoded)',
      'body',
    );
  if (!FORM_TYPE.test(type)) throw notForm();
  try {
    return await c.req.parseBody();
  } catch {
    throw notForm();
  }
}

/** A field checked with the admin API's own schema: a failure is a 400 naming `field`. */
export function checked<T>(schema: v.GenericSchema<unknown, T>, value: unknown, field: string): T {
  const result = v.safeParse(schema, value);
  if (!result.success) throw new KiciError('invalid_input', result.issues[0].message, field);
  return result.output;
}
