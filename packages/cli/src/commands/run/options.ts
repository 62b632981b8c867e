import { RunIdSchema } from '@kici/contracts';
import type { OptionSpec } from '../../command.js';
import { checkInput } from '../../validate.js';

/** The run of `show` and `cancel`: its one positional, checked before any I/O. */
export const runIdArgument = (args: readonly string[]): string =>
  checkInput(RunIdSchema, args[0] ?? '');

export const LIST_OPTIONS: readonly OptionSpec[] = [
  {
    flags: '--org <org-id>',
    description: 'Only the runs of this org (default: $KICI_ORG_ID, else every org)',
  },
  {
    flags: '--state <state>',
    description: 'Only runs in this state: running, completed, cancelled or expired',
  },
  { flags: '--limit <n>', description: 'At most n runs, newest first, 1-1000 (default: 50)' },
];
