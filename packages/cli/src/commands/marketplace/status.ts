import type { InstallationStatus } from '@kici/contracts';
import { defineCommand } from '../../command.js';
import { OperationError } from '../../errors.js';
import { table } from '../../output.js';
import { extensionId, orgOf, projectKey } from '../extensions/target.js';
import { ORG_OPTION, PROJECT_OPTION } from './options.js';

const name = (s: InstallationStatus) =>
  `${s.installation.project_key}/${s.installation.extension_id}`;
const keys = (list: readonly string[]) => (list.length === 0 ? '-' : list.join(','));

/** What keeps an installation from being enabled, in words. */
function problems(s: InstallationStatus): string {
  return [
    s.missing.length > 0 && `missing ${s.missing.join(', ')}`,
    s.placeholder.length > 0 && `placeholder ${s.placeholder.join(', ')}`,
    s.errors.length > 0 && `unreadable ${s.errors.join(', ')}`,
  ]
    .filter((part): part is string => part !== false)
    .join('; ');
}

export default defineCommand({
  group: 'marketplace',
  name: 'status',
  description:
    'Every installation with its missing and placeholder keys; exits 1 while any is not ready',
  options: [
    PROJECT_OPTION,
    { flags: '--extension <id>', description: 'Only the installations of this extension' },
    ORG_OPTION,
  ],
  examples: [
    'kiket marketplace status',
    'kiket marketplace status --project OPS --extension com.example.zoom',
    'kiket marketplace status --json || echo "an installation is misconfigured"',
  ],
  async run(context) {
    const { flags, out, client } = context;
    const project = flags.string('project');
    const extension = flags.string('extension');
    if (project !== undefined) projectKey('--project', project);
    if (extension !== undefined) extensionId('--extension', extension);
    const orgId = await orgOf(context);
    const admin = client();
    // One installation named: its status (404 when it is not installed).
    const installations =
      project !== undefined && extension !== undefined
        ? [{ project_key: project, extension_id: extension }]
        : (
            await admin.extensions.installations.list(
              orgId,
              project === undefined ? {} : { project },
            )
          ).installations.filter((i) => extension === undefined || i.extension_id === extension);
    const statuses = await Promise.all(
      installations.map((i) =>
        admin.extensions.installations.status(orgId, i.project_key, i.extension_id),
      ),
    );
    const notReady = statuses.filter((s) => !s.ready);
    out.result({ org_id: orgId, ready: notReady.length === 0, installations: statuses }, () =>
      statuses.length === 0
        ? `No installations in org ${orgId}`
        : table(
            ['INSTALLATION', 'ENABLED', 'READY', 'MISSING', 'PLACEHOLDER', 'UNREADABLE'],
            statuses.map((s) => [
              name(s),
              s.installation.enabled ? 'yes' : 'no',
              s.ready ? 'yes' : 'no',
              keys(s.missing),
              keys(s.placeholder),
              keys(s.errors),
            ]),
          ),
    );
    if (notReady.length > 0) {
      const count =
        notReady.length === 1 ? '1 installation is' : `${notReady.length} installations are`;
      throw new OperationError(
        `${count} not ready: ${notReady.map((s) => `${name(s)} (${problems(s)})`).join('; ')}`,
      );
    }
  },
});
