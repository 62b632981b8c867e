import { defineCommand } from '../../../command.js';
import { readTextFile } from '../../../input/read.js';
import { fieldsTable } from '../render.js';
import { extensionId, required } from '../target.js';

export default defineCommand({
  group: 'extensions catalog',
  name: 'add <id>',
  description:
    'Add an extension to the catalog, or replace its manifest (YAML or JSON, validated by the server)',
  options: [{ flags: '--manifest <file>', description: 'The manifest, YAML or JSON' }],
  examples: [
    'kiket extensions catalog add com.example.zoom --manifest zoom.yaml',
    'kiket extensions catalog add com.example.mailchimp --manifest manifest.json --json',
  ],
  async run({ args, flags, out, client }) {
    const id = extensionId('id', args[0] ?? '');
    const file = required(flags, 'manifest', 'the manifest file, e.g. --manifest zoom.yaml');
    const admin = client();
    // Sent as text: the server parses it and names the line and column of a YAML error.
    const entry = await admin.extensions.catalog.put(id, await readTextFile(file));
    out.result(entry, () =>
      [
        `Added ${entry.id} (${entry.name}) to the catalog`,
        '',
        fieldsTable(entry.manifest.configuration),
      ].join('\n'),
    );
  },
});
