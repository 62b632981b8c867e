import * as v from 'valibot';
import {
  EXTENSION_ID,
  EXTENSION_SCOPES,
  type ExtensionScope,
  MAX_EXTENSION_ID_LENGTH,
  PROJECT_KEY,
} from '../vocabulary/extensions.js';

/**
 * The identifiers of the extension store (the Kiket seed). Messages read `<field>: <expected>`
 * and never repeat the input.
 */

export function extensionScopeSchema(field = 'scope') {
  return v.picklist(EXTENSION_SCOPES, `${field}: expected one of ${EXTENSION_SCOPES.join(', ')}`);
}

/** A project key: upper snake case, 1-64 characters (`PROJECT_KEY`, `OPS`). */
export function projectKeySchema(field = 'projectKey') {
  return v.pipe(
    v.string(`${field}: expected a string`),
    v.regex(
      PROJECT_KEY,
      `${field}: expected a project key of 1-64 upper case letters, digits or "_", starting with a letter (e.g. OPS)`,
    ),
  );
}

/** An extension or product id: reverse DNS, at most 128 characters (`com.example.mailchimp`). */
export function extensionIdSchema(field = 'extensionId') {
  return v.pipe(
    v.string(`${field}: expected a string`),
    v.maxLength(MAX_EXTENSION_ID_LENGTH, `${field}: expected at most 128 characters`),
    v.regex(
      EXTENSION_ID,
      `${field}: expected a reverse-DNS id of lower case letters, digits and "-" (e.g. com.example.mailchimp)`,
    ),
  );
}

/** Which id a scope expects, for messages. */
export const SCOPE_ID_EXPECTED: Readonly<Record<ExtensionScope, string>> = {
  organization: 'the org id (or nothing)',
  project: 'a project key (e.g. OPS)',
  extension: 'an extension id (e.g. com.example.mailchimp)',
  product_installation: 'a product id (e.g. com.example.suite)',
  installation: 'PROJECT_KEY/extension.id (e.g. OPS/com.example.mailchimp)',
};

/** Whether `id` is a valid id of `scope` in org `orgId` (undefined only for organization). */
export function isScopeId(scope: ExtensionScope, id: string | undefined, orgId: string): boolean {
  if (id === undefined) return scope === 'organization';
  switch (scope) {
    case 'organization':
      return id === orgId;
    case 'project':
      return PROJECT_KEY.test(id);
    case 'extension':
    case 'product_installation':
      return id.length <= MAX_EXTENSION_ID_LENGTH && EXTENSION_ID.test(id);
    case 'installation': {
      const slash = id.indexOf('/');
      const extension = id.slice(slash + 1);
      return (
        slash > 0 &&
        PROJECT_KEY.test(id.slice(0, slash)) &&
        extension.length <= MAX_EXTENSION_ID_LENGTH &&
        EXTENSION_ID.test(extension)
      );
    }
  }
}

/** A scope id: any printable string here; checked against the scope by `withScopeId`. */
export const ScopeIdSchema = v.pipe(
  v.string('id: expected a string'),
  v.regex(/^[\x21-\x7e]{1,200}$/, 'id: expected 1-200 printable characters'),
);

type ScopedInput = { org_id: string; scope: ExtensionScope; id?: string | undefined };

/**
 * The object-level check of `{ org_id, scope, id }`: the id must suit the scope (named `id`).
 * For `organization` the id is optional and, when given, must be the org id.
 */
export function withScopeId<TInput, TOutput extends ScopedInput>(
  schema: v.GenericSchema<TInput, TOutput>,
) {
  return v.pipe(
    schema,
    v.rawCheck<TOutput>(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const { scope, id, org_id } = dataset.value;
      if (isScopeId(scope, id, org_id)) return;
      addIssue({
        message: `id: expected ${SCOPE_ID_EXPECTED[scope]} for scope ${scope}`,
        path: [
          {
            type: 'object',
            origin: 'value',
            input: dataset.value as Record<string, unknown>,
            key: 'id',
            value: id,
          },
        ],
      });
    }),
  );
}
