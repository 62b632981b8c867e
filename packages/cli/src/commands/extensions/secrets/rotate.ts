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
  name: 'rotate',
  usage: `rotate ${SCOPE_USAGE} --key <KEY> [--value|--prompt|--from-stdin|--from-file|--from-env|--env-file]`,
  description:
    'Give an existing stored secret a new value: bumps its rotation count and last-rotated time',
  options: [
    SCOPE_OPTION,
    ID_OPTION,
    KEY_OPTION,
    ...INPUT_MODE_OPTIONS,
    ENV_FILE_OPTION,
    ORG_OPTION,
  ],
  examples: [
    'kiket extensions secrets rotate --scope extension --id com.example.mailchimp --key MAILCHIMP_API_KEY --prompt',
    'kiket extensions secrets rotate --scope project --id OPS --key CRM_WEBHOOK_SECRET --from-env NEW_CRM_SECRET',
  ],
  async run(context) {
    const target = await readValuesToSet(context, false);
    if (target.admin === undefined) return printDryRun(context, target);
    const [[key, value]] = [...target.values] as [[string, string]];
    const result = await target.admin.extensions.secrets.rotate(target.at, key, value);
    context.out.result(
      result,
      () =>
        `Rotated ${result.secret.key} in ${scopeLabel(target.at)} (org ${result.org_id}): rotation ${result.secret.rotation_count}, at ${result.secret.last_rotated_at ?? '-'}`,
    );
  },
});
