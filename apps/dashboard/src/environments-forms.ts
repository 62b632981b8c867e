// Reading the environments pages' form fields with the API's own schemas, so that bad input
// gets the same 400 naming the field as the admin API gives.
import {
  BranchPatternsSchema,
  EnvironmentNameSchema,
  RepositoryPatternsSchema,
  ScopeSchema,
  TriggersSchema,
} from '@kici/contracts';
import type { Context } from 'hono';
import { checked } from './form.js';
import type { Env } from './hono-env.js';

export type Form = Record<string, unknown>;

/** A text field of a posted form ('' when absent). */
export function textField(form: Form, field: string): string {
  const value = form[field];
  return typeof value === 'string' ? value.trim() : '';
}

/** The environment named in the address (`:name`), validated as the API validates it. */
export const environmentName = (c: Context<Env>) =>
  checked(EnvironmentNameSchema, c.req.param('name') ?? '', 'name');

export const nameField = (form: Form) =>
  checked(EnvironmentNameSchema, textField(form, 'name'), 'name');

/** A copyable scope id (`backend:path`, or a bare pg path), canonicalised. */
export const scopeField = (form: Form) => checked(ScopeSchema, textField(form, 'scope'), 'scope');

/** A list field: entries separated by commas, spaces or new lines. */
const listOf = (form: Form, field: string) =>
  textField(form, field)
    .split(/[\s,]+/)
    .filter((entry) => entry !== '');

/** The protection rules form: every rule, as setPolicy's `rules` (the form shows them all). */
export function rulesFields(form: Form) {
  return {
    branches: checked(BranchPatternsSchema, listOf(form, 'branches'), 'branches'),
    triggers: checked(TriggersSchema, listOf(form, 'triggers'), 'triggers'),
    repositories: checked(RepositoryPatternsSchema, listOf(form, 'repositories'), 'repositories'),
    allowForks: textField(form, 'allowForks') === 'true',
  };
}

/** A switch posts its value only when on. */
export const switchField = (form: Form, field: string) => textField(form, field) === 'true';
