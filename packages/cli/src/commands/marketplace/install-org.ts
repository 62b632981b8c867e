import type { AdminClient, ManifestField } from '@kici/contracts';
import type { CommandContext } from '../../command.js';
import { fieldsOfScope, planEnvFile } from './plan.js';
import { askFields } from './prompts.js';

/**
 * The org-level wizard: the extension's `scope: extension` fields (shared by every project),
 * from the env file, then asked on a terminal for the required ones still missing; all set at
 * the extension scope in one transaction.
 */
export async function installOrgWide(
  { io, out }: CommandContext,
  admin: AdminClient,
  orgId: string,
  extension: string,
  fields: Readonly<Record<string, ManifestField>>,
  fromFile: ReadonlyMap<string, string>,
): Promise<void> {
  planEnvFile(extension, fields, fromFile, undefined);
  const at = { orgId, scope: 'extension' as const, id: extension };
  const orgWide = fieldsOfScope(fields, 'extension');
  const held = new Set((await admin.extensions.secrets.list(at)).secrets.map((s) => s.key));
  const open = orgWide.filter(([key, f]) => f.required && !held.has(key) && !fromFile.has(key));
  const asked =
    io.stdin.isTTY === true && open.length > 0
      ? await askFields(io, open, 'no organization-wide credential was written')
      : new Map<string, string>();
  const values = new Map([...fromFile, ...asked]);
  if (values.size > 0) await admin.extensions.secrets.set(at, Object.fromEntries(values));
  const set = [...values.keys()];
  const missing = open.map(([key]) => key).filter((key) => !values.has(key));
  out.result({ org_id: orgId, extension_id: extension, scope: 'extension', set, missing }, () =>
    [
      orgWide.length === 0
        ? `${extension} has no organization-wide fields: install it on a project with --project <KEY>`
        : set.length === 0
          ? `No organization-wide credential of ${extension} was set (org ${orgId})`
          : `Configured organization-wide credentials of ${extension} (org ${orgId}): ${set.join(', ')}`,
      ...(missing.length > 0 ? [`Still missing (required): ${missing.join(', ')}`] : []),
      `Next: kiket marketplace install ${extension} --project <KEY>`,
    ].join('\n'),
  );
}
