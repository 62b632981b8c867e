import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';

/**
 * `kici-admin help <command>`: the router (cli.ts) turns it into `<command> --help` before
 * any command runs, so this definition only documents it (and feeds completion).
 */
export default defineCommand({
  name: 'help [...command]',
  description: 'Show the help of a command (same as <command> --help); alone, this help',
  examples: ['kici-admin help secret set', 'kici-admin help backend', 'kici-admin help'],
  async run() {
    throw new UsageError('help is handled before the commands run');
  },
});
