import type { OptionSpec } from '../../command.js';

export { ORG_OPTION } from '../secret/options.js';

/** The environment of every `environment` command: an argument, or this flag. */
export const ENV_OPTION: OptionSpec = {
  flags: '--env <name>',
  description: 'Environment name, instead of an argument',
};

/** `[org-id] [name]`, the name replaceable by --env. */
export const NAME_USAGE = '[org-id] <name> [options]';

/** The protection rules' lists: comma-separated, repeatable; an empty list means "any". */
export const RULE_LIST_OPTIONS: readonly OptionSpec[] = [
  {
    flags: '--branches <patterns>',
    description: 'Allowed branches, comma-separated globs (main,release/*); refs/tags/… for tags',
  },
  {
    flags: '--triggers <types>',
    description: 'Allowed trigger types, comma-separated (push,tag,pull_request,schedule,manual)',
  },
  { flags: '--repos <patterns>', description: 'Allowed repositories, comma-separated (acme/*)' },
];
