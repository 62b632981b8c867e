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
  /** Words after `kici-admin`: the groups, the top-level commands, `help`. */
  readonly top: readonly string[];
  /** Each group's commands. */
  readonly groups: ReadonlyMap<string, readonly string[]>;
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

const HELP: OptionSpec = { flags: '-h, --help', description: 'Display the help' };

export function completionModel(catalog: Catalog): Model {
  const groups = new Map<string, string[]>();
  const options = new Map<string, OptionSpec[]>();
  const shared = [...catalog.globalOptions, HELP];
  for (const group of catalog.groups) groups.set(group.name, []);
  for (const spec of catalog.commands) {
    const word = first(spec.name);
    if (spec.group !== undefined) groups.get(spec.group)?.push(word);
    const key = spec.group === undefined ? word : `${spec.group} ${word}`;
    options.set(key, [...(spec.options ?? []), ...shared]);
  }
  const top = [
    ...catalog.groups.map((g) => g.name),
    ...catalog.commands.filter((c) => c.group === undefined).map((c) => first(c.name)),
  ];
  const all = [...shared, ...catalog.commands.flatMap((c) => c.options ?? [])];
  const valued = [...new Set(all.filter((o) => o.flags.includes('<')).map(longName))];
  return { top: [...new Set(top)], groups, options, valued };
}

const optionWords = (options: readonly OptionSpec[]) => options.flatMap(names).join(' ');

function bash(model: Model): string {
  const groupCases = [...model.groups].map(([g, cs]) => `    ${g}) words="${cs.join(' ')}" ;;`);
  const optionCases = [...model.options].map(
    ([k, os]) => `    "${k}") words="${optionWords(os)}" ;;`,
  );
  return `# kici-admin completion for bash. Load it with:
#   source <(kici-admin completion bash)
_kici_admin() {
  local cur=\${COMP_WORDS[COMP_CWORD]} i word skip=0 words=""
  local -a seen=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=\${COMP_WORDS[i]}
    if ((skip)); then skip=0; continue; fi
    case "$word" in
      ${model.valued.join('|')}) skip=1 ;;
      -*) ;;
      *) seen+=("$word") ;;
    esac
  done
  local key=\${seen[0]:-}
  [[ -n "\${seen[1]:-}" && " ${[...model.groups.keys()].join(' ')} " == *" $key "* ]] && key="$key \${seen[1]}"
  if [[ "$cur" != -* && \${#seen[@]} -eq 0 ]]; then
    words="${model.top.join(' ')}"
  elif [[ "$cur" != -* && \${#seen[@]} -eq 1 && "$key" == "\${seen[0]}" ]]; then
    case "$key" in
${groupCases.join('\n')}
    help) words="${model.top.join(' ')}" ;;
    completion) words="${SHELLS.join(' ')}" ;;
    esac
  fi
  if [[ "$cur" == -* ]]; then
    case "$key" in
${optionCases.join('\n')}
    esac
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _kici_admin kici-admin
`;
}

function zsh(model: Model): string {
  const groupCases = [...model.groups].map(([g, cs]) => `    ${g}) words=(${cs.join(' ')}) ;;`);
  const optionCases = [...model.options].map(
    ([k, os]) => `    "${k}") words=(${optionWords(os)}) ;;`,
  );
  return `#compdef kici-admin
# kici-admin completion for zsh. Load it with:
#   source <(kici-admin completion zsh)
_kici_admin() {
  local -a seen found
  local i word skip=0 cur=\${words[CURRENT]}
  for ((i = 2; i < CURRENT; i++)); do
    word=\${words[i]}
    if ((skip)); then skip=0; continue; fi
    case "$word" in
      ${model.valued.join('|')}) skip=1 ;;
      -*) ;;
      *) seen+=("$word") ;;
    esac
  done
  local key=\${seen[1]:-}
  [[ -n "\${seen[2]:-}" && " ${[...model.groups.keys()].join(' ')} " == *" $key "* ]] && key="$key \${seen[2]}"
  if [[ "$cur" != -* && \${#seen} -eq 0 ]]; then
    found=(${model.top.join(' ')})
  elif [[ "$cur" != -* && \${#seen} -eq 1 && "$key" == "\${seen[1]}" ]]; then
    case "$key" in
${groupCases.join('\n').replaceAll('words=', 'found=')}
    help) found=(${model.top.join(' ')}) ;;
    completion) found=(${SHELLS.join(' ')}) ;;
    esac
  elif [[ "$cur" == -* ]]; then
    case "$key" in
${optionCases.join('\n').replaceAll('words=', 'found=')}
    esac
  else
    _files
    return
  fi
  compadd -- $found
}
compdef _kici_admin kici-admin
`;
}

const fishQuote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

function fish(model: Model, catalog: Catalog): string {
  const lines = [
    '# kici-admin completion for fish. Load it with:',
    '#   kici-admin completion fish | source',
    'complete -c kici-admin -f',
  ];
  const described = new Map<string, string>([
    ...catalog.groups.map((g) => [g.name, g.description] as const),
    ...catalog.commands.map(
      (c) => [`${c.group ?? ''} ${first(c.name)}`.trim(), c.description] as const,
    ),
  ]);
  for (const word of model.top) {
    lines.push(
      `complete -c kici-admin -n __fish_use_subcommand -a ${word} -d ${fishQuote(described.get(word) ?? '')}`,
    );
  }
  for (const [group, commands] of model.groups) {
    const none = `not __fish_seen_subcommand_from ${commands.join(' ')}`;
    for (const command of commands) {
      const when = fishQuote(`__fish_seen_subcommand_from ${group}; and ${none}`);
      const text = fishQuote(described.get(`${group} ${command}`) ?? '');
      lines.push(`complete -c kici-admin -n ${when} -a ${command} -d ${text}`);
    }
  }
  lines.push(
    `complete -c kici-admin -n '__fish_seen_subcommand_from completion' -a '${SHELLS.join(' ')}'`,
  );
  for (const [key, options] of model.options) {
    const when = key
      .split(' ')
      .map((word) => `__fish_seen_subcommand_from ${word}`)
      .join('; and ');
    for (const option of options) {
      const parts = names(option).map((n) =>
        n.startsWith('--') ? `-l ${n.slice(2)}` : `-s ${n.slice(1)}`,
      );
      const takes = option.flags.includes('<') ? ' -r' : '';
      lines.push(
        `complete -c kici-admin -n ${fishQuote(when)} ${parts.join(' ')}${takes} -d ${fishQuote(option.description)}`,
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
