import type { OptionSpec } from '../../command.js';

/** The org of every extension command: this flag, KICI_ORG_ID, or the server's default org. */
export const ORG_OPTION: OptionSpec = {
  flags: '--org <org-id>',
  description: "Org id (default: $KICI_ORG_ID, else the server's default org)",
};

export const SCOPE_OPTION: OptionSpec = {
  flags: '--scope <scope>',
  description:
    'organization, project, extension, product_installation or installation (default without --id: organization)',
};

export const ID_OPTION: OptionSpec = {
  flags: '--id <id>',
  description:
    "The scope's owner: project key (OPS), extension or product id (com.example.mailchimp), PROJECT_KEY/extension.id; none for organization",
};

export const KEY_OPTION: OptionSpec = {
  flags: '--key <KEY>',
  description: 'The secret key, upper snake case (MAILCHIMP_API_KEY)',
};

export const ENV_FILE_OPTION: OptionSpec = {
  flags: '--env-file <file>',
  description:
    'A dotenv file: every key of it in one transaction (with --key: that key only); keys upper snake case',
};

export const PROJECT_OPTION: OptionSpec = {
  flags: '--project <KEY>',
  description: 'The project key (OPS)',
};

/** `--scope <s> --id <id>`: every secrets command names where the secret lives. */
export const SCOPE_USAGE = '[--scope <scope> [--id <id>]]';
