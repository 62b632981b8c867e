import { defineCommand } from '../../../command.js';
import { fieldsTable } from '../render.js';
import { extensionId } from '../target.js';

export default defineCommand({
  group: 'extensions catalog',
  name: 'show <id>',
  description: 'Show an extension of the catalog: its manifest configuration fields',
  examples: [
    'kiket extensions catalog show com.example.zoom',
    'kiket extensions catalog show com.example.zoom --json',
  ],
  async run({ args, out, client }) {
    const id = extensionId('id', args[0] ?? '');
    const entry = await client().extensions.catalog.get(id);
    out.result(entry, () =>
      [
        `${entry.id} (${entry.name}), updated ${entry.updated_at} by ${entry.updated_by}`,
        '',
        fieldsTable(entry.manifest.configuration),
      ].join('\n'),
    );
  },
});
