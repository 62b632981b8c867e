import { PolicyParamsSchema, SURFACES } from '@kici/contracts';
import { defineCommand } from '../../command.js';
import { checkInput } from '../../validate.js';
import { parseSurfaces, surfaceList } from './surfaces.js';

export default defineCommand({
  group: 'policy',
  name: 'set <operation> <surfaces>',
  description: 'Set which surfaces (cli, dashboard) may perform a write operation',
  examples: [
    'kici-admin policy set secrets.set cli',
    'kici-admin policy set variables.set cli',
    'kici-admin policy set environments.test_access.set cli,dashboard',
  ],
  async run({ args, out, client }) {
    const [given = '', text = ''] = args;
    const { operation } = checkInput(PolicyParamsSchema, { operation: given });
    const surfaces = parseSurfaces(text);
    const result = await client().policy.set(operation, surfaces);
    const now = result.policy[operation];
    const refused = SURFACES.filter((surface) => !now.includes(surface));
    out.result(
      result,
      () =>
        `${operation}: accepted from ${surfaceList(now)}${refused.length === 0 ? '' : `; refused from ${refused.join(', ')}`}`,
    );
  },
});
