import type { RouteInput } from '@kici/contracts';
import { defineCommand } from '../../command.js';
import { cell, table } from '../../output.js';
import { ORG_VARIABLE } from '../../target.js';
import { LIST_OPTIONS } from './options.js';
import { size } from './render.js';

export default defineCommand({
  group: 'run',
  name: 'list',
  description: 'List runs, newest first: state, jobs, output counts and sizes (never values)',
  options: LIST_OPTIONS,
  examples: [
    'kici-admin run list',
    'kici-admin run list --org acme --state running --limit 20',
    'kici-admin run list --state expired --json',
  ],
  async run({ flags, io, out, client }) {
    const orgId = flags.string('org') ?? io.env[ORG_VARIABLE];
    const state = flags.string('state');
    const limit = flags.string('limit');
    // The client checks the query (org id, state, limit) with the route's schema before sending.
    const query = {
      ...(orgId === undefined || orgId === '' ? {} : { orgId }),
      ...(state === undefined ? {} : { state }),
      ...(limit === undefined ? {} : { limit }),
    } as RouteInput<'runs.list', 'query'>;
    const result = await client().runs.list(query);
    out.result(result, () =>
      result.runs.length === 0
        ? 'No runs match'
        : table(
            ['RUN', 'ORG', 'STATE', 'JOBS', 'OUTPUTS', 'SIZE', 'CREATED', 'COMPLETED'],
            result.runs.map((r) => [
              r.runId,
              r.orgId,
              r.state,
              String(r.jobs),
              String(r.outputs),
              size(r.outputBytes),
              r.createdAt,
              cell(r.completedAt),
            ]),
          ),
    );
  },
});
