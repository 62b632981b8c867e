import { readFileSync } from 'node:fs';
import { type CAC, cac } from 'cac';
import { type OptionKinds, optionKinds } from './argv.js';
import type { Catalog, CommandSpec, GroupSpec, OptionSpec } from './command.js';
import { COMMANDS, GROUPS } from './commands/index.js';
import { polishHelp } from './help.js';

export const BIN = 'kici-admin';

/** Options every command accepts. */
const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { flags: '--url <url>', description: 'Admin API URL (default: $KICI_ADMIN_URL)' },
  {
    flags: '--token <token>',
    description: 'Admin token (default: $KICI_ADMIN_TOKEN, which stays out of shell history)',
  },
  {
    flags: '--ca <file>',
    description: 'PEM CA certificate to trust for an https URL (default: $KICI_ADMIN_CA_FILE)',
  },
  { flags: '--json', description: 'Print the API response as JSON on stdout, nothing else' },
  {
    flags: '--timeout <seconds>',
    description:
      'Seconds to wait for the server (default: $KICI_ADMIN_TIMEOUT, else 30; rotate-key 3600, backend sync 300)',
  },
];

const HELP: OptionSpec = { flags: '-h, --help', description: 'Display this message' };
const VERSION: OptionSpec = { flags: '-v, --version', description: 'Display version number' };

const ROOT_EXAMPLES = [
  'export KICI_ADMIN_URL=http://localhost:4000 KICI_ADMIN_TOKEN=<your-token>',
  'kici-admin secret set acme production KICI_DATABASE_URL --prompt',
  'kici-admin token create ci-operator --role admin',
  'kici-admin rotate-key',
  'kici-admin audit --context production --limit 50',
];

function version(): string {
  const file = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

export interface Program {
  readonly cli: CAC;
  readonly kinds: OptionKinds;
  /** `kici-admin` or `kici-admin secret`: what help and hints name. */
  readonly name: string;
}

type Runner = (spec: CommandSpec, cli: CAC) => Promise<void>;

function addCommand(cli: CAC, spec: CommandSpec, run: Runner): void {
  const command = cli.command(spec.name, spec.description);
  if (spec.usage !== undefined) command.usage(spec.usage);
  for (const option of spec.options ?? []) command.option(option.flags, option.description);
  for (const example of spec.examples) command.example(`  $ ${example}`);
  command.action(() => run(spec, cli));
}

/**
 * Every option of every command: what the router must know to find the command word among
 * the flags. `--version` counts as the top level's flag, not as `config rollback --version <n>`.
 */
export const ALL_OPTION_KINDS = optionKinds([
  ...GLOBAL_OPTIONS,
  HELP,
  VERSION,
  ...COMMANDS.flatMap((c) => c.options ?? []).filter((o) => !o.flags.startsWith('--version')),
]);

/** What `completion` generates its scripts from. */
export const CATALOG: Catalog = {
  commands: COMMANDS,
  groups: GROUPS,
  globalOptions: GLOBAL_OPTIONS,
};

export function findGroup(name: string | undefined): GroupSpec | undefined {
  return GROUPS.find((group) => group.name === name);
}

/**
 * A cac program for the top level (its commands, and the groups listed for help) or for one
 * group (`kici-admin secret …`): cac matches one command word, so each group gets its own.
 */
export function createProgram(group: GroupSpec | undefined, run: Runner): Program {
  const name = group === undefined ? BIN : `${BIN} ${group.name}`;
  const cli = cac(name);
  const commands = COMMANDS.filter((c) => c.group === group?.name);
  for (const option of GLOBAL_OPTIONS) cli.option(option.flags, option.description);
  cli.help((sections) => polishHelp(cli, sections));
  if (group === undefined) {
    cli.version(version());
    for (const g of GROUPS) cli.command(`${g.name} <command>`, g.description);
    for (const example of ROOT_EXAMPLES) cli.example(`  $ ${example}`);
  } else {
    cli.usage('<command> [options]');
    for (const example of group.examples) cli.example(`  $ ${example}`);
  }
  for (const spec of commands) addCommand(cli, spec, run);
  const options = [
    ...GLOBAL_OPTIONS,
    HELP,
    ...(group === undefined ? [VERSION] : []),
    ...commands.flatMap((c) => c.options ?? []),
  ];
  return { cli, kinds: optionKinds(options), name };
}
