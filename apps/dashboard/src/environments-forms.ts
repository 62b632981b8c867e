// Reading the environments pages' form fields with the API's own schemas, so that bad input
// gets the same 400 naming the field as the admin API gives.
import {
  BranchPatternsSchema,
  EnvironmentNameSchema,
  RepositoryPatternsSchema,
  ScopeSchema,
  TriggersSchema,
} from '@kici/contracts';
import { KiciError } from '@kici/core';
import type { Context } from 'hono';
import * as v from 'valibot';
import type { Env } from './hono-env.js';

export type Form = Record<string, unknown>;

function parsed<T>(schema: v.GenericSchema<unknown, T>, value: unknown, field: string): T {
  const result = v.safeParse(schema, value);
  if (!result.success) throw new KiciError('invalid_input', result.issues[0].message, field);
  return result.output;
}

/** A text field of a posted form ('' when absent). */
export function textField(form: Form, field: string): string {
  const value = form[field];
  return typeof value === 'string' ? value.trim() : '';
}

/** The environment named in the address (`:name`), validated as the API validates it. */
export const environmentName = (c: Context<Env>) =>
  parsed(EnvironmentNameSchema, c.req.param('name') ?? '', 'name');

export const nameField = (form: Form) =>
  parsed(EnvironmentNameSchema, textField(form, 'name'), 'name');

/** A copyable scope id (`backend:path`, or a bare pg path), canonicalised. */
export const scopeField = (form: Form) => parsed(ScopeSchema, textField(form, 'scope'), 'scope');

/** A list field: entries separated by commas, spaces or new lines. */
const listOf = (form: Form, field: string) =>
  textField(form, field)
    .split(/[\s,]+/)
    .filter((entry) => entry !== '');

/** The protection rules form: every rule, as setPolicy's `rules` (the form shows them all). */
export function rulesFields(form: Form) {
  return {
    branches: parsed(BranchPatternsSchema, listOf(form, 'branches'), 'branches'),
    triggers: parsed(TriggersSchema, listOf(form, 'triggers'), 'triggers'),
    repositories: parsed(RepositoryPatternsSchema, listOf(form, 'repositories'), 'repositories'),
    allowForks: textField(form, 'allowForks') === 'true',
  };
}

/** A switch posts its value only when on. */
export const switchField = (form: Form, field: string) => textField(form, field) === 'true';
