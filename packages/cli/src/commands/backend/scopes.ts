import { defineCommand } from '../../command.js';
import { printable } from '../../output.js';
import { backendName, NAME_OPTION } from './options.js';

export default defineCommand({
  group: 'backend',
  name: 'scopes [name]',
  usage: 'scopes --name <name> [options]',
  description: "List a backend's discovered scopes (as of its last sync), one per line",
  options: [NAME_OPTION],
  examples: [
    'kici-admin backend scopes --name openbao-prod',
    'kici-admin backend scopes --name openbao-prod --json',
  ],
  async run({ args, flags, out, client }) {
    const name = backendName(args, flags);
    const result = await client().backends.scopes(name);
    out.result(result, () =>
      result.scopes.length === 0
        ? `No scopes discovered for ${result.name}: run kici-admin backend sync --name ${result.name}`
        : result.scopes.map(printable).join('\n'),
    );
  },
});
