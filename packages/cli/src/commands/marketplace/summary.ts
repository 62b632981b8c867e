import type { InstallationStatus } from '@kici/contracts';

/** What a project install did and what is left, in lines for people (never a value). */
export function installSummary(status: InstallationStatus, set: readonly string[]): string {
  const { project_key: project, extension_id: extension, org_id: orgId } = status.installation;
  const id = `${project}/${extension}`;
  const orgWide = status.fields.filter((f) => f.using_organization_wide).map((f) => f.key);
  const orgWideMissing = status.fields
    .filter((f) => f.scope === 'extension' && f.status === 'missing')
    .map((f) => f.key);
  const lines = [
    `Installed ${extension} on project ${project} (org ${orgId}), ${status.installation.enabled ? 'enabled' : 'disabled'}`,
  ];
  if (set.length > 0) lines.push(`Set for this installation: ${set.join(', ')}`);
  if (orgWide.length > 0) {
    lines.push(
      `Using organization-wide credentials: ${orgWide.join(', ')}`,
      `  (override for this project: kiket extensions secrets set --scope installation --id ${id} --key <KEY> --prompt)`,
    );
  }
  if (orgWideMissing.length > 0) {
    lines.push(
      `Organization-wide credentials missing: ${orgWideMissing.join(', ')} (kiket marketplace install ${extension})`,
    );
  }
  if (status.missing.length > 0) lines.push(`Missing: ${status.missing.join(', ')}`);
  if (status.placeholder.length > 0)
    lines.push(`Placeholder values: ${status.placeholder.join(', ')}`);
  if (status.errors.length > 0) lines.push(`Unreadable: ${status.errors.join(', ')}`);
  if (!status.installation.enabled) {
    lines.push(
      status.ready
        ? `Ready: kiket marketplace enable ${extension} --project ${project}`
        : 'Not ready: it cannot be enabled until every required key is set',
    );
  }
  return lines.join('\n');
}
