import { defineCommand } from '../../command.js';
import { confirmDestructive, YES_OPTION } from '../../confirm.js';
import { runIdArgument } from './options.js';
import { describeRun } from './render.js';

export default defineCommand({
  group: 'run',
  name: 'cancel <run-id>',
  description:
    'Cancel a run: its key and every secret output are deleted at once (asks first unless --yes)',
  options: [YES_OPTION],
  examples: ['kici-admin run cancel 4711', 'kici-admin run cancel 4711 --yes --json'],
  async run(context) {
    const runId = runIdArgument(context.args);
    const admin = await confirmDestructive(
      context,
      'cancel',
      `Cancel run ${runId}? Its key and secret outputs are deleted; jobs still running lose them.`,
    );
    const result = await admin.runs.cancel(runId);
    const { keys, outputs } = result.deleted;
    context.out.result(result, () =>
      [
        describeRun(result, 'Cancelled run'),
        '',
        `Deleted ${keys} run key${keys === 1 ? '' : 's'} and ${outputs} secret output${outputs === 1 ? '' : 's'}`,
      ].join('\n'),
    );
  },
});
