import type { CAC } from 'cac';
import { firstPositional, pinBooleans, rawStrings } from './argv.js';
import { type BinSpec, KICI_ADMIN } from './bins.js';
import type { Catalog, CommandSpec } from './command.js';
import { connect } from './connection.js';
import {
  EXIT_CODES,
  type ExitCode,
  errorHint,
  errorMessage,
  exitCodeOf,
  UsageError,
} from './errors.js';
import { Flags } from './flags.js';
import { type CliIo, processIo } from './io.js';
import { Output } from './output.js';
import { allOptionKinds, catalogOf, createProgram, findGroup } from './program.js';
import { unknownOptionMessage } from './unknown-option.js';

/** The words `help` accepts as its first topic: the groups and the top-level commands. */
const topLevelNames = (catalog: Catalog) =>
  new Set([
    ...catalog.groups.map((g) => g.name.split(' ')[0]),
    ...catalog.commands.filter((c) => c.group === undefined).map((c) => c.name.split(' ')[0]),
  ]);

/** The indexes of the positional words (command words first), skipping options and values. */
function positionals(words: readonly string[]): number[] {
  const found: number[] = [];
  for (let from = 0; ; ) {
    const at = firstPositional(words.slice(from));
    if (at === -1) return found;
    found.push(from + at);
    from += at + 1;
  }
}

/** What cac prints through console.info (help, version), captured for the right stream. */
function captureInfo(work: () => void): string {
  const original = console.info;
  let text = '';
  console.info = (...parts: unknown[]) => {
    text += `${parts.join(' ')}\n`;
  };
  try {
    work();
  } finally {
    console.info = original;
  }
  return text;
}

function runSpec(io: CliIo, catalog: Catalog) {
  return (spec: CommandSpec, cli: CAC) => {
    const flags = new Flags(cli.options);
    return spec.run({
      args: cli.args.map(String),
      flags,
      io,
      out: new Output(io, flags.bool('json')),
      client: (options) => connect(flags, io.env, options),
      catalog,
    });
  };
}

/**
 * Runs one `kici-admin` (or `kiket`: `bin`) invocation (`words` without the node and script
 * paths) and resolves to its exit code. Errors are printed as `Error: <message>` on stderr,
 * never thrown.
 */
export async function runCli(
  words: readonly string[],
  io: CliIo = processIo(),
  bin: BinSpec = KICI_ADMIN,
): Promise<ExitCode> {
  const catalog = catalogOf(bin);
  // cac matches one command word: each group (`secret`, `extensions secrets`) gets a program.
  const routed = pinBooleans(words, allOptionKinds(bin));
  const at = firstPositional(routed);
  // `help secret set` is `secret set --help`; `help` alone is the top-level help
  // (`help --help` is help's own page).
  const asksHelp = words.some((w) => w === '--help' || w === '-h');
  if (at !== -1 && routed[at] === 'help' && !asksHelp) {
    const topic = routed.slice(at + 1).find((w) => !w.startsWith('-'));
    if (topic !== undefined && !topLevelNames(catalog).has(topic)) {
      const name = /^[a-z][a-z-]{0,31}$/.test(topic) ? ` "${topic}"` : '';
      io.stderr.write(`Error: unknown command${name}\nRun \`${bin.name} --help\` for usage.\n`);
      return EXIT_CODES.usage;
    }
    return runCli([...words.filter((_, i) => i !== at), '--help'], io, bin);
  }
  const places = positionals(routed);
  const group = findGroup(
    bin,
    places.map((i) => routed[i] as string),
  );
  const taken = new Set(places.slice(0, group?.name.split(' ').length ?? 0));
  const rest = words.filter((_, i) => !taken.has(i));
  const program = createProgram(bin, group, runSpec(io, catalog));
  const { cli } = program;
  const usageHint = () =>
    `${program.name}${cli.matchedCommand ? ` ${cli.matchedCommand.name}` : ''}`;
  try {
    const pinned = pinBooleans(rest, program.kinds);
    const printed = captureInfo(() => cli.parse(['node', program.name, ...pinned], { run: false }));
    if (printed !== '') {
      io.stdout.write(printed); // --help or --version
      return EXIT_CODES.ok;
    }
    if (!cli.matchedCommand) {
      const word = cli.args[0];
      if (word === undefined) {
        io.stderr.write(captureInfo(() => cli.outputHelp()));
        throw new UsageError('missing command');
      }
      // Named only if it looks like a command: a stray word might be a mistyped secret.
      const name = /^[a-z][a-z-]{0,31}$/.test(String(word)) ? ` "${word}"` : '';
      throw new UsageError(`unknown command${name}`);
    }
    // mri reads number-like values as numbers: put back every string option as typed.
    for (const [name, values] of rawStrings(pinned, program.kinds)) {
      cli.options[name] = values.length === 1 ? values[0] : values;
    }
    // Words after `--` are positionals too (`config set limit -- -1`).
    cli.args = [...cli.args, ...((cli.options['--'] as string[] | undefined) ?? [])];
    await cli.runMatchedCommand();
    return EXIT_CODES.ok;
  } catch (error) {
    const code = exitCodeOf(error);
    const message = errorMessage(error);
    const typed = code === EXIT_CODES.usage ? unknownOptionMessage(message, words, cli) : undefined;
    io.stderr.write(`Error: ${typed ?? message}\n`);
    const hint = errorHint(error);
    if (hint !== undefined) io.stderr.write(`${hint}\n`);
    if (code === EXIT_CODES.usage) io.stderr.write(`Run \`${usageHint()} --help\` for usage.\n`);
    return code;
  }
}
