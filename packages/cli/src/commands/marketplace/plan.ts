import type { ManifestField } from '@kici/contracts';
import { OperationError } from '../../errors.js';

type Fields = Readonly<Record<string, ManifestField>>;

/**
 * The env file's keys checked against the manifest before anything is written: each must be a
 * configuration field of the extension (a typo is refused, naming it). At the org level
 * (`project` undefined) only `scope: extension` fields belong; on a project every field does
 * (an extension-scope key there overrides the org-wide value for that project).
 */
export function planEnvFile(
  extension: string,
  fields: Fields,
  values: ReadonlyMap<string, string>,
  project: string | undefined,
): void {
  for (const key of values.keys()) {
    const field = fields[key];
    if (field === undefined) {
      const known = Object.keys(fields);
      throw new OperationError(
        `--env-file: ${key} is not a configuration field of ${extension} (${known.length === 0 ? 'it has none' : `fields: ${known.join(', ')}`}); nothing was written`,
      );
    }
    if (project === undefined && field.scope !== 'extension') {
      throw new OperationError(
        `--env-file: ${key} is a per-project field (scope: installation): install on a project with --project <KEY>; nothing was written`,
      );
    }
  }
}

/** The fields of one manifest scope, in manifest order. */
export const fieldsOfScope = (fields: Fields, scope: ManifestField['scope']) =>
  Object.entries(fields).filter(([, field]) => field.scope === scope);
