import { defineCommand } from '../../../command.js';
import { table } from '../../../output.js';

export default defineCommand({
  group: 'extensions catalog',
  name: 'list',
  description: 'List the extensions of the catalog with their configuration fields',
  examples: ['kiket extensions catalog list', 'kiket extensions catalog list --json'],
  async run({ out, client }) {
    const result = await client().extensions.catalog.list();
    out.result(result, () =>
      result.extensions.length === 0
        ? 'No extensions in the catalog: add one with kiket extensions catalog add <id> --manifest <file>'
        : table(
            ['ID', 'NAME', 'FIELDS', 'UPDATED'],
            result.extensions.map((e) => [
              e.id,
              e.name,
              String(Object.keys(e.manifest.configuration).length),
              e.updated_at,
            ]),
          ),
    );
  },
});
