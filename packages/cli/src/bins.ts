import type { CommandSpec, GroupSpec } from './command.js';
import { COMMANDS, GROUPS } from './commands/index.js';

/** One executable of the package: its name and the commands it carries. */
export interface BinSpec {
  /** `kici-admin` or `kiket`: what help, hints, examples and completion name. */
  readonly name: string;
  readonly groups: readonly GroupSpec[];
  readonly commands: readonly CommandSpec[];
  readonly rootExamples: readonly string[];
}

/** The operators' command line: every command, the extension store's included. */
export const KICI_ADMIN: BinSpec = {
  name: 'kici-admin',
  groups: GROUPS,
  commands: COMMANDS,
  rootExamples: [
    'export KICI_ADMIN_URL=http://localhost:4000 KICI_ADMIN_TOKEN=<your-token>',
    'kici-admin secret set acme production KICI_DATABASE_URL --prompt',
    'kici-admin token create ci-operator --role admin',
    'kici-admin rotate-key',
    'kici-admin audit --context production --limit 50',
  ],
};

const isExtensionGroup = (group: string | undefined) =>
  group !== undefined && /^(extensions|marketplace)( |$)/.test(group);
// Beside the extension store, what any command line needs: who am I, completion, help.
const KIKET_TOP = new Set(['whoami', 'completion [shell]', 'help [...command]']);

/** The extension store's command line, as the product documentation spells it. */
export const KIKET: BinSpec = {
  name: 'kiket',
  groups: GROUPS.filter((g) => isExtensionGroup(g.name)),
  commands: COMMANDS.filter((c) => isExtensionGroup(c.group) || KIKET_TOP.has(c.name)),
  rootExamples: [
    'export KICI_ADMIN_URL=http://localhost:4000 KICI_ADMIN_TOKEN=<your-token> KICI_ORG_ID=acme',
    'kiket extensions secrets list --scope extension --id com.example.mailchimp',
    'kiket extensions secrets set --scope extension --id com.example.mailchimp --key MAILCHIMP_API_KEY --env-file .env.mailchimp',
    'kiket marketplace install com.example.zoom --project OPS --env-file .env.zoom',
    'kiket marketplace status',
  ],
};

/**
 * A command's examples are written for one bin; shown by the other, they name that one
 * (`kiket extensions …` is `kici-admin extensions …`, `kici-admin whoami` is `kiket whoami`).
 */
export const rebrand = (text: string, bin: BinSpec): string =>
  text.replace(/(?<![A-Za-z0-9-])(kici-admin|kiket)(?![A-Za-z0-9_-])/g, bin.name);
