import { defineCommand } from '../../command.js';
import { runIdArgument } from './options.js';
import { describeRun } from './render.js';

export default defineCommand({
  group: 'run',
  name: 'show <run-id>',
  description: 'Show a run: its jobs, their states and their output keys and sizes',
  examples: ['kici-admin run show 4711', 'kici-admin run show 4711 --json'],
  async run({ args, out, client }) {
    const runId = runIdArgument(args);
    const result = await client().runs.show(runId);
    out.result(result, () => describeRun(result));
  },
});
