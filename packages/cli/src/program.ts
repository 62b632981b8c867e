import { readFileSync } from 'node:fs';
import { type CAC, cac } from 'cac';
import { type OptionKinds, optionKinds } from './argv.js';
import { type BinSpec, rebrand } from './bins.js';
import type { Catalog, CommandSpec, GroupSpec, OptionSpec } from './command.js';
import { polishHelp } from './help.js';

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

function version(): string {
  const file = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

export interface Program {
  readonly cli: CAC;
  readonly kinds: OptionKinds;
  /** `kici-admin` or `kiket extensions secrets`: what help and hints name. */
  readonly name: string;
}

type Runner = (spec: CommandSpec, cli: CAC) => Promise<void>;

function addCommand(cli: CAC, spec: CommandSpec, bin: BinSpec, run: Runner): void {
  const command = cli.command(spec.name, spec.description);
  if (spec.usage !== undefined) command.usage(spec.usage);
  for (const option of spec.options ?? []) command.option(option.flags, option.description);
  for (const example of spec.examples) command.example(`  $ ${rebrand(example, bin)}`);
  command.action(() => run(spec, cli));
}

/**
 * Every option of every command: what the router must know to find the command words among
 * the flags. `--version` counts as the top level's flag, not as `config rollback --version <n>`.
 */
export const allOptionKinds = (bin: BinSpec): OptionKinds =>
  optionKinds([
    ...GLOBAL_OPTIONS,
    HELP,
    VERSION,
    ...bin.commands.flatMap((c) => c.options ?? []).filter((o) => !o.flags.startsWith('--version')),
  ]);

/** What `completion` generates its scripts from. */
export const catalogOf = (bin: BinSpec): Catalog => ({
  bin: bin.name,
  commands: bin.commands,
  groups: bin.groups,
  globalOptions: GLOBAL_OPTIONS,
});

/**
 * The group the leading positional words name, the longest one (`extensions secrets` before
 * `extensions`), and how many words it took.
 */
export function findGroup(bin: BinSpec, words: readonly string[]): GroupSpec | undefined {
  let found: GroupSpec | undefined;
  for (let n = 1; n <= words.length; n++) {
    const name = words.slice(0, n).join(' ');
    const group = bin.groups.find((g) => g.name === name);
    if (group === undefined) break;
    found = group;
  }
  return found;
}

/** The groups one word below `parent` (the top level when undefined). */
const childGroups = (bin: BinSpec, parent: GroupSpec | undefined) =>
  bin.groups.filter((g) => {
    const words = g.name.split(' ');
    return words.slice(0, -1).join(' ') === (parent?.name ?? '');
  });

/**
 * A cac program for the top level or for one group (`kiket extensions secrets …`): its
 * commands, and the groups below it listed for help. cac matches one command word, so each
 * group gets its own program.
 */
export function createProgram(bin: BinSpec, group: GroupSpec | undefined, run: Runner): Program {
  const name = group === undefined ? bin.name : `${bin.name} ${group.name}`;
  const cli = cac(name);
  const commands = bin.commands.filter((c) => c.group === group?.name);
  for (const option of GLOBAL_OPTIONS) cli.option(option.flags, option.description);
  cli.help((sections) => polishHelp(cli, sections));
  for (const g of childGroups(bin, group)) {
    cli.command(`${g.name.split(' ').at(-1)} <command>`, g.description);
  }
  if (group === undefined) {
    cli.version(version());
    for (const example of bin.rootExamples) cli.example(`  $ ${example}`);
  } else {
    cli.usage('<command> [options]');
    for (const example of group.examples) cli.example(`  $ ${rebrand(example, bin)}`);
  }
  for (const spec of commands) addCommand(cli, spec, bin, run);
  const options = [
    ...GLOBAL_OPTIONS,
    HELP,
    ...(group === undefined ? [VERSION] : []),
    ...commands.flatMap((c) => c.options ?? []),
  ];
  return { cli, kinds: optionKinds(options), name };
}
