// The CLI reference, rendered from the CLI's own command definitions (the BinSpecs of
// packages/cli/src/bins.ts): one page per bin with its top-level commands and global options,
// and one page per top-level group (nested groups such as `extensions secrets` included).
import { code, fence, inline, type Page, page, slug, table } from './markdown.js';

export interface OptionDef {
  readonly flags: string;
  readonly description: string;
}
export interface CommandDef {
  readonly group?: string;
  readonly name: string;
  readonly description: string;
  readonly usage?: string;
  readonly options?: readonly OptionDef[];
  readonly examples: readonly string[];
}
export interface GroupDef {
  readonly name: string;
  readonly description: string;
  readonly examples: readonly string[];
}
export interface BinDef {
  readonly name: string;
  readonly groups: readonly GroupDef[];
  readonly commands: readonly CommandDef[];
  readonly rootExamples: readonly string[];
}
export interface CliSource {
  readonly bins: readonly BinDef[];
  readonly globalOptions: readonly OptionDef[];
  /** The CLI's own rewrite of an example for the bin that shows it. */
  readonly rebrand: (text: string, bin: BinDef) => string;
}

const SOURCE = 'packages/cli/src (the command definitions)';

/** `set [org-id] [scope] [key]` → `set`. */
const commandWord = (spec: CommandDef) => spec.name.split(' ')[0] ?? spec.name;
/** `secret set`, `extensions secrets set`, `whoami`. */
export const commandPath = (spec: CommandDef) =>
  spec.group === undefined ? commandWord(spec) : `${spec.group} ${commandWord(spec)}`;
/** The anchor of a command on its page. */
export const commandAnchor = (spec: CommandDef) => slug(commandPath(spec));
/** The page (under docs/) that documents a command of a bin. */
export const commandPage = (bin: string, spec: CommandDef) =>
  spec.group === undefined
    ? `reference/cli/${bin}/index.md`
    : `reference/cli/${bin}/${slug(spec.group.split(' ')[0] ?? '')}.md`;

const topGroups = (bin: BinDef) => bin.groups.filter((g) => !g.name.includes(' '));
/** A link from one page of a bin's folder to another. */
const link = (to: string) => `./${to.split('/').at(-1) ?? to}`;

function optionsTable(options: readonly OptionDef[]): string {
  return table(
    ['option', 'description'],
    options.map((o) => [code(o.flags), inline(o.description)]),
  );
}

function renderCommand(source: CliSource, bin: BinDef, spec: CommandDef, level = 2): string {
  const words = spec.usage ?? spec.name;
  const more = spec.options?.length && !words.includes('[options]') ? '[options]' : undefined;
  const usage = [bin.name, spec.group, words, more].filter((part) => part !== undefined).join(' ');
  const blocks = [
    `${'#'.repeat(level)} ${bin.name} ${commandPath(spec)} {#${commandAnchor(spec)}}`,
    inline(spec.description),
    fence('text', `Usage: ${usage}`),
  ];
  if (spec.options?.length) blocks.push(optionsTable(spec.options));
  blocks.push(
    `Also accepts the [global options](./index.md#global-options). Examples:`,
    fence('sh', spec.examples.map((e) => `$ ${source.rebrand(e, bin)}`).join('\n')),
  );
  return blocks.join('\n\n');
}

function binIndex(source: CliSource, bin: BinDef): Page {
  const path = `reference/cli/${bin.name}/index.md`;
  const top = bin.commands.filter((c) => c.group === undefined);
  const groups = topGroups(bin);
  const body = [
    `# ${bin.name}`,
    `Generated from the command definitions of \`@kici/cli\`: every command \`${bin.name}\` accepts, with its options and examples, as its \`--help\` prints them.`,
    '## Command groups {#groups}',
    table(
      ['group', 'what it does'],
      groups.map((g) => [
        `[${code(`${bin.name} ${g.name}`)}](${link(pageOf(bin, g))})`,
        inline(g.description),
      ]),
    ),
    '## Top-level commands {#commands}',
    table(
      ['command', 'what it does'],
      top.map((c) => [
        `[${code(`${bin.name} ${commandWord(c)}`)}](#${commandAnchor(c)})`,
        inline(c.description),
      ]),
    ),
    '## Global options {#global-options}',
    'Every command accepts these, besides its own:',
    optionsTable(source.globalOptions),
    '## Examples {#examples}',
    fence('sh', bin.rootExamples.map((e) => `$ ${e}`).join('\n')),
    ...top.map((c) => renderCommand(source, bin, c)),
  ];
  return { path, content: page(bin.name, SOURCE, body) };
}

const pageOf = (bin: BinDef, group: GroupDef) =>
  `reference/cli/${bin.name}/${slug(group.name.split(' ')[0] ?? '')}.md`;

function groupPage(source: CliSource, bin: BinDef, group: GroupDef): Page {
  const path = pageOf(bin, group);
  const family = bin.groups.filter(
    (g) => g.name === group.name || g.name.startsWith(`${group.name} `),
  );
  const body = [`# ${bin.name} ${group.name}`, inline(group.description)];
  for (const g of family) {
    const commands = bin.commands.filter((c) => c.group === g.name);
    if (g !== group)
      body.push(`## ${bin.name} ${g.name} {#${slug(g.name)}}`, inline(g.description));
    if (commands.length > 0) {
      body.push(
        table(
          ['command', 'what it does'],
          commands.map((c) => [
            `[${code(`${bin.name} ${commandPath(c)}`)}](#${commandAnchor(c)})`,
            inline(c.description),
          ]),
        ),
      );
    }
    body.push(fence('sh', g.examples.map((e) => `$ ${source.rebrand(e, bin)}`).join('\n')));
    // A nested group is a section of its own; its commands are subsections of it.
    body.push(...commands.map((c) => renderCommand(source, bin, c, g === group ? 2 : 3)));
  }
  return { path, content: page(`${bin.name} ${group.name}`, SOURCE, body) };
}

/** Every page of the CLI reference, and the sidebar entries for them. */
export function cliReference(source: CliSource): { pages: Page[]; sidebar: SidebarGroup[] } {
  const pages: Page[] = [];
  const sidebar: SidebarGroup[] = [];
  for (const bin of source.bins) {
    pages.push(binIndex(source, bin));
    const items = [{ text: `${bin.name} (top level)`, link: `/reference/cli/${bin.name}/` }];
    for (const group of topGroups(bin)) {
      const p = groupPage(source, bin, group);
      pages.push(p);
      items.push({ text: `${bin.name} ${group.name}`, link: `/${p.path.replace(/\.md$/, '')}` });
    }
    sidebar.push({ text: `CLI: ${bin.name}`, collapsed: true, items });
  }
  return { pages, sidebar };
}

export interface SidebarGroup {
  readonly text: string;
  readonly collapsed?: boolean;
  readonly items: readonly { readonly text: string; readonly link: string }[];
}
