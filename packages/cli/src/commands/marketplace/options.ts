import type { OptionSpec } from '../../command.js';
import type { Flags } from '../../flags.js';
import { extensionId, projectKey, required } from '../extensions/target.js';

export { ENV_FILE_OPTION, ORG_OPTION, PROJECT_OPTION } from '../extensions/options.js';

export const PRODUCT_OPTION: OptionSpec = {
  flags: '--product <id>',
  description: "The org's product installation this install comes from (com.example.suite)",
};

/** The installation a command acts on: the extension argument and `--project`, both checked. */
export function installationOf(args: readonly string[], flags: Flags) {
  const extension = extensionId('extension-id', args[0] ?? '');
  const project = projectKey(
    '--project',
    required(flags, 'project', 'the project key of the installation, e.g. --project OPS'),
  );
  return { extension, project, id: `${project}/${extension}` };
}
