import { DELIVERY_STATUSES, type RouteInput } from '@kici/contracts';
import { defineCommand } from '../../../command.js';
import { ORG_OPTION, PROJECT_OPTION } from '../options.js';
import { extensionId, orgOf, projectKey } from '../target.js';
import { deliveriesTable } from './render.js';

export default defineCommand({
  group: 'extensions deliveries',
  name: 'list',
  description: 'Deliveries to extensions, newest first: kind, event, status, attempts (no payload)',
  options: [
    PROJECT_OPTION,
    { flags: '--extension <id>', description: 'Only the deliveries to this extension' },
    { flags: '--status <status>', description: `One of ${DELIVERY_STATUSES.join(', ')}` },
    { flags: '--limit <n>', description: 'At most this many, 1-500 (default 50)' },
    ORG_OPTION,
  ],
  examples: [
    'kici-admin extensions deliveries list',
    'kici-admin extensions deliveries list --project OPS --extension com.example.mailer --status failed',
    'kici-admin extensions deliveries list --status pending --limit 10 --json',
  ],
  async run(context) {
    const { flags, out, client } = context;
    const project = flags.string('project');
    const extension = flags.string('extension');
    const status = flags.string('status');
    const limit = flags.string('limit');
    if (project !== undefined) projectKey('--project', project);
    if (extension !== undefined) extensionId('--extension', extension);
    const orgId = await orgOf(context);
    // The client checks status and limit with the route's schema before sending.
    const query = {
      org_id: orgId,
      ...(project === undefined ? {} : { project }),
      ...(extension === undefined ? {} : { extension }),
      ...(status === undefined ? {} : { status }),
      ...(limit === undefined ? {} : { limit }),
    } as RouteInput<'extensions.deliveries.list', 'query'>;
    const result = await client().deliveries.list(query);
    out.result(result, () =>
      result.deliveries.length === 0
        ? `No deliveries match in org ${orgId}`
        : deliveriesTable(result.deliveries),
    );
  },
});
