import { defineCommand } from '../../command.js';
import { milliseconds } from './format.js';
import { backendName, NAME_OPTION } from './options.js';

export default defineCommand({
  group: 'backend',
  name: 'test [name]',
  usage: 'test --name <name> [options]',
  description: "Check a backend's connectivity and credentials (exit 1 when it fails)",
  options: [NAME_OPTION],
  examples: ['kici-admin backend test --name openbao-prod'],
  async run({ args, flags, out, client }) {
    const name = backendName(args, flags);
    // A failure is an ApiError carrying the server's message, which names the backend.
    const result = await client().backends.test({ name });
    out.result(result, () => `${result.message} (${milliseconds(result.latencyMs)} ms)`);
  },
});
