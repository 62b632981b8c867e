import type { AdminClient, InstallationStatus, ManifestField } from '@kici/contracts';
import { ApiError } from '@kici/contracts';
import type { CommandContext } from '../../command.js';
import { OperationError } from '../../errors.js';
import { planEnvFile } from './plan.js';
import { askFields } from './prompts.js';
import { installSummary } from './summary.js';

export interface ProjectInstall {
  readonly orgId: string;
  readonly project: string;
  readonly extension: string;
  readonly product: string | undefined;
  readonly enable: boolean;
}

/**
 * The project wizard: the installation created (disabled), the env file's keys and the answers
 * for the per-project fields still missing set at the installation scope in one transaction;
 * organization-wide credentials reported as used; enabled on request once ready.
 */
export async function installOnProject(
  { io, out }: CommandContext,
  admin: AdminClient,
  target: ProjectInstall,
  fields: Readonly<Record<string, ManifestField>>,
  fromFile: ReadonlyMap<string, string>,
): Promise<void> {
  const { orgId, project, extension, product } = target;
  planEnvFile(extension, fields, fromFile, project);
  const installs = admin.extensions.installations;
  await installs.put(
    orgId,
    project,
    extension,
    product === undefined ? {} : { product_id: product },
  );
  let status: InstallationStatus = await installs.status(orgId, project, extension);
  // Only per-project fields are asked for: org-wide ones belong to the org-level wizard.
  const open = status.fields
    .filter(
      (f) => f.scope === 'installation' && (f.status === 'missing' || f.status === 'placeholder'),
    )
    .filter((f) => !fromFile.has(f.key))
    .flatMap((f) => {
      const field = fields[f.key];
      return field === undefined ? [] : [[f.key, field] as const];
    });
  const asked =
    io.stdin.isTTY === true && open.length > 0
      ? await askFields(
          io,
          open,
          `no secret was written; ${project}/${extension} is installed, disabled`,
        )
      : new Map<string, string>();
  const values = new Map([...fromFile, ...asked]);
  if (values.size > 0) {
    const at = { orgId, scope: 'installation' as const, id: `${project}/${extension}` };
    await admin.extensions.secrets.set(at, Object.fromEntries(values));
    status = await installs.status(orgId, project, extension);
  }
  let refused: string | undefined;
  if (target.enable) {
    try {
      status = { ...status, installation: await installs.enable(orgId, project, extension) };
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 409) throw error;
      refused = error.message;
    }
  }
  const set = [...values.keys()];
  out.result({ org_id: orgId, set, status }, () => installSummary(status, set));
  if (refused !== undefined) throw new OperationError(`not enabled: ${refused}`);
}
