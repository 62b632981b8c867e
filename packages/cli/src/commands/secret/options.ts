import type { OptionSpec } from '../../command.js';

/** The org of every secret command: an argument, this flag, KICI_ORG_ID, or the server's. */
export const ORG_OPTION: OptionSpec = {
  flags: '--org <org-id>',
  description:
    "Org id, instead of the first argument (default: $KICI_ORG_ID, else the server's default org)",
};

export const SCOPE_OPTION: OptionSpec = {
  flags: '--scope <scope>',
  description: 'Scope (production, pg:aws/prod), instead of an argument',
};

/** `[org-id] [scope] [key]`, each of the first two replaceable by its flag. */
export const TARGET_USAGE = '[org-id] [scope] <key> [options]';
