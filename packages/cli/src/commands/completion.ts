import type { Catalog, OptionSpec } from '../command.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';

/**
 * `kici-admin completion bash|zsh|fish`: a completion script generated from the command
 * definitions themselves, so it cannot drift from what the program accepts.
 */

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

interface Model {
  readonly bin: string;
  /** The shell function's name: `_kici_admin`, `_kiket`. */
  readonly fn: string;
  /**
   * The words that may follow each path typed so far: '' (the top level: groups, top-level
   * commands), a group (`secret`, `extensions secrets`: its groups and commands), `help`
   * (the top level again) and `completion` (the shells).
   */
  readonly next: ReadonlyMap<string, readonly string[]>;
  /** Each command's options (`secret set`, `rotate-key`), the global ones included. */
  readonly options: ReadonlyMap<string, readonly OptionSpec[]>;
  /** Every option that takes a value: its value is not a command word. */
  readonly valued: readonly string[];
}

/** `--from-file <path>` → [`--from-file`]; `-y, --yes` → [`-y`, `--yes`]. */
const names = (option: OptionSpec) =>
  option.flags
    .replace(/[<[].*/, '')
    .split(',')
    .map((n) => n.trim());
const longName = (option: OptionSpec) => names(option).at(-1) ?? '';
const first = (name: string) => name.split(' ')[0] as string;
const parentOf = (path: string) => path.split(' ').slice(0, -1).join(' ');
const last = (path: string) => path.split(' ').at(-1) as string;

const HELP: OptionSpec = { flags: '-h, --help', description: 'Display the help' };

export function completionModel(catalog: Catalog): Model {
  const next = new Map<string, string[]>([['', []]]);
  const options = new Map<string, OptionSpec[]>();
  const shared = [...catalog.globalOptions, HELP];
  const add = (parent: string, word: string) => {
    const words = next.get(parent) ?? [];
    if (!words.includes(word)) words.push(word);
    next.set(parent, words);
  };
  for (const group of catalog.groups) {
    next.set(group.name, next.get(group.name) ?? []);
    add(parentOf(group.name), last(group.name));
  }
  for (const spec of catalog.commands) {
    const path = spec.group === undefined ? first(spec.name) : `${spec.group} ${first(spec.name)}`;
    add(spec.group ?? '', first(spec.name));
    options.set(path, [...(spec.options ?? []), ...shared]);
  }
  next.set('help', next.get('') ?? []);
  next.set('completion', [...SHELLS]);
  const all = [...shared, ...catalog.commands.flatMap((c) => c.options ?? [])];
  const valued = [...new Set(all.filter((o) => o.flags.includes('<')).map(longName))];
  return { bin: catalog.bin, fn: `_${catalog.bin.replace(/-/g, '_')}`, next, options, valued };
}

const optionWords = (options: readonly OptionSpec[]) => options.flatMap(names).join(' ');
/** Every path a command word may extend: the groups and the commands. */
const paths = (model: Model) =>
  [...new Set([...model.next.keys(), ...model.options.keys()])].filter((p) => p !== '');
const cases = (entries: Iterable<[string, string]>, variable: string, open: string, close = '') =>
  [...entries].map(([k, w]) => `    "${k}") ${variable}=${open}${w}${close} ;;`).join('\n');

function bash(model: Model): string {
  const known = paths(model)
    .map((p) => `"${p}"`)
    .join('|');
  const nextCases = [...model.next].map(([k, ws]) => [k, ws.join(' ')] as [string, string]);
  const optionCases = [...model.options].map(([k, os]) => [k, optionWords(os)] as [string, string]);
  return `# ${model.bin} completion for bash. Load it with:
#   source <(${model.bin} completion bash)
${model.fn}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} i word skip=0 extra=0 key="" typed words=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=\${COMP_WORDS[i]}
    if ((skip)); then skip=0; continue; fi
    case "$word" in
      ${model.valued.join('|')}) skip=1 ;;
      -*) ;;
      *)
        typed="\${key:+$key }$word"
        case "$typed" in
          ${known}) ((extra)) || key=$typed ;;
          *) extra=1 ;;
        esac
        ;;
    esac
  done
  if [[ "$cur" == -* ]]; then
    case "$key" in
${cases(optionCases, 'words', '"', '"')}
    esac
  elif ((extra == 0)); then
    case "$key" in
${cases(nextCases, 'words', '"', '"')}
    esac
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F ${model.fn} ${model.bin}
`;
}

function zsh(model: Model): string {
  const known = paths(model)
    .map((p) => `"${p}"`)
    .join('|');
  const nextCases = [...model.next].map(([k, ws]) => [k, ws.join(' ')] as [string, string]);
  const optionCases = [...model.options].map(([k, os]) => [k, optionWords(os)] as [string, string]);
  return `#compdef ${model.bin}
# ${model.bin} completion for zsh. Load it with:
#   source <(${model.bin} completion zsh)
${model.fn}() {
  local -a found
  local i word skip=0 extra=0 key="" typed cur=\${words[CURRENT]}
  for ((i = 2; i < CURRENT; i++)); do
    word=\${words[i]}
    if ((skip)); then skip=0; continue; fi
    case "$word" in
      ${model.valued.join('|')}) skip=1 ;;
      -*) ;;
      *)
        typed="\${key:+$key }$word"
        case "$typed" in
          ${known}) ((extra)) || key=$typed ;;
          *) extra=1 ;;
        esac
        ;;
    esac
  done
  if [[ "$cur" == -* ]]; then
    case "$key" in
${cases(optionCases, 'found', '(', ')')}
    esac
  elif ((extra == 0)); then
    case "$key" in
${cases(nextCases, 'found', '(', ')')}
    esac
  fi
  if [[ "$cur" != -* && \${#found} -eq 0 ]]; then
    _files
    return
  fi
  compadd -- $found
}
compdef ${model.fn} ${model.bin}
`;
}

const fishQuote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
const seen = (path: string) =>
  path
    .split(' ')
    .map((word) => `__fish_seen_subcommand_from ${word}`)
    .join('; and ');

function fish(model: Model, catalog: Catalog): string {
  const c = `complete -c ${model.bin}`;
  const lines = [
    `# ${model.bin} completion for fish. Load it with:`,
    `#   ${model.bin} completion fish | source`,
    `${c} -f`,
  ];
  const described = new Map<string, string>([
    ...catalog.groups.map((g) => [g.name, g.description] as const),
    ...catalog.commands.map(
      (spec) => [`${spec.group ?? ''} ${first(spec.name)}`.trim(), spec.description] as const,
    ),
  ]);
  for (const [parent, words] of model.next) {
    if (parent === 'help' || parent === 'completion') continue;
    const none = `not __fish_seen_subcommand_from ${words.join(' ')}`;
    const when =
      parent === '' ? '__fish_use_subcommand' : fishQuote(`${seen(parent)}; and ${none}`);
    for (const word of words) {
      const path = parent === '' ? word : `${parent} ${word}`;
      lines.push(`${c} -n ${when} -a ${word} -d ${fishQuote(described.get(path) ?? '')}`);
    }
  }
  lines.push(`${c} -n '__fish_seen_subcommand_from completion' -a '${SHELLS.join(' ')}'`);
  for (const [key, options] of model.options) {
    for (const option of options) {
      const parts = names(option).map((n) =>
        n.startsWith('--') ? `-l ${n.slice(2)}` : `-s ${n.slice(1)}`,
      );
      const takes = option.flags.includes('<') ? ' -r' : '';
      lines.push(
        `${c} -n ${fishQuote(seen(key))} ${parts.join(' ')}${takes} -d ${fishQuote(option.description)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The completion script for `shell`, from the command definitions. */
export function completionScript(shell: Shell, catalog: Catalog): string {
  const model = completionModel(catalog);
  if (shell === 'bash') return bash(model);
  if (shell === 'zsh') return zsh(model);
  return fish(model, catalog);
}

export default defineCommand({
  name: 'completion [shell]',
  description: 'Print a shell completion script (bash, zsh or fish), generated from the commands',
  examples: [
    'kici-admin completion bash > ~/.local/share/bash-completion/completions/kici-admin',
    'kici-admin completion zsh > ~/.zfunc/_kici-admin',
    'kici-admin completion fish > ~/.config/fish/completions/kici-admin.fish',
  ],
  async run({ args, io, catalog }) {
    const [shell, ...rest] = args;
    if (shell === undefined || rest.length > 0 || !SHELLS.includes(shell as Shell)) {
      throw new UsageError(`expected one shell: ${SHELLS.join(', ')}`);
    }
    io.stdout.write(completionScript(shell as Shell, catalog));
  },
});
