import { defineCommand } from '../../../command.js';
import { INPUT_MODE_OPTIONS } from '../../../input/options.js';
import {
  ENV_FILE_OPTION,
  ID_OPTION,
  KEY_OPTION,
  ORG_OPTION,
  SCOPE_OPTION,
  SCOPE_USAGE,
} from '../options.js';
import { scopeLabel } from '../target.js';
import { printDryRun, readValuesToSet } from './values.js';

export default defineCommand({
  group: 'extensions secrets',
  name: 'set',
  usage: `set ${SCOPE_USAGE} (--key <KEY> [--value|--prompt|--from-stdin|--from-file|--from-env] | [--key <KEY>] --env-file <file>)`,
  description:
    'Create or replace secrets of a scope: one key from an input mode, or the keys of a dotenv file in one transaction',
  options: [
    SCOPE_OPTION,
    ID_OPTION,
    KEY_OPTION,
    ENV_FILE_OPTION,
    ...INPUT_MODE_OPTIONS,
    ORG_OPTION,
  ],
  examples: [
    'kiket extensions secrets set --scope extension --id com.example.mailchimp --key MAILCHIMP_API_KEY --env-file .env.mailchimp',
    'kiket extensions secrets set --scope extension --id com.example.mailchimp --env-file .env.mailchimp',
    'kiket extensions secrets set --scope project --id OPS --key CRM_WEBHOOK_SECRET --prompt',
    'pass show mailchimp | kiket extensions secrets set --scope installation --id OPS/com.example.mailchimp --key MAILCHIMP_API_KEY --from-stdin',
    'kiket extensions secrets set --scope organization --key SMTP_HOST --value smtp.example.com',
  ],
  async run(context) {
    const target = await readValuesToSet(context, true);
    if (target.admin === undefined) return printDryRun(context, target);
    const { at, values } = target;
    const result = await target.admin.extensions.secrets.set(at, Object.fromEntries(values));
    const keys = [...values.keys()];
    context.out.result(
      result,
      () =>
        `Set ${keys.length === 1 ? keys[0] : `${keys.length} keys (${keys.join(', ')})`} in ${scopeLabel(at)} (org ${result.org_id})`,
    );
  },
});
