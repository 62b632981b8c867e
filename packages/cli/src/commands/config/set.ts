import type { JsonValue } from '@kici/contracts';
import { defineCommand } from '../../command.js';

/** JSON when it parses (`false`, `42`, `{"a":1}`, `"quoted"`), else the text as a string. */
function parseConfigValue(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

export default defineCommand({
  group: 'config',
  name: 'set <key> <value>',
  description:
    'Set a configuration value (JSON when it parses, else a string): a new version. Known keys: pgCustomerSecrets (true|false), writePolicy (see policy set); another key is refused',
  examples: [
    'kici-admin config set pgCustomerSecrets false',
    `kici-admin config set writePolicy '{"secrets.set":["cli"]}'`,
  ],
  async run({ args, out, client }) {
    const [key = '', text = ''] = args;
    const result = await client().config.set(key, parseConfigValue(text));
    out.result(
      result,
      () => `Set ${result.key} to version ${result.version} (updated_at ${result.updatedAt})`,
    );
  },
});
