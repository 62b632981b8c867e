import { MAX_SIGNING_WINDOW_SECONDS, SIGNING_SECRET_WINDOW_SECONDS } from '@kici/contracts';
import { defineCommand } from '../../../command.js';
import { UsageError } from '../../../errors.js';
import { installationOf } from '../../marketplace/options.js';
import { ORG_OPTION, PROJECT_OPTION } from '../options.js';
import { orgOf } from '../target.js';

function windowOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = /^(0|[1-9][0-9]{0,7})$/.test(text) ? Number(text) : -1;
  if (seconds < 0 || seconds > MAX_SIGNING_WINDOW_SECONDS) {
    throw new UsageError(
      `--window: expected whole seconds from 0 to ${MAX_SIGNING_WINDOW_SECONDS}`,
    );
  }
  return seconds;
}

export default defineCommand({
  group: 'extensions signing-secret',
  name: 'rotate <extension-id>',
  usage: 'rotate <extension-id> --project <KEY> [--window <seconds>]',
  description:
    'Give an installation a new signing secret: deliveries carry both signatures during the window',
  options: [
    PROJECT_OPTION,
    {
      flags: '--window <seconds>',
      description: `How long the previous secret still signs (default ${SIGNING_SECRET_WINDOW_SECONDS}; 0 drops it now)`,
    },
    ORG_OPTION,
  ],
  examples: [
    'kici-admin extensions signing-secret rotate com.example.mailer --project OPS',
    'kici-admin extensions signing-secret rotate com.example.mailer --project OPS --window 0 --json',
  ],
  async run(context) {
    const { extension, project, id } = installationOf(context.args, context.flags);
    const window = windowOf(context.flags.string('window'));
    const orgId = await orgOf(context);
    const result = await context
      .client()
      .deliveries.signingSecret.rotate(
        { orgId, projectKey: project, extensionId: extension },
        window,
      );
    // The secret alone on stdout, so that it can be captured; the window note on stderr.
    context.out.result(result, () => result.secret);
    if (!context.out.json) {
      context.io.stderr.write(
        result.previous_expires_at === null
          ? `Rotated the signing secret of ${id}: the previous one no longer signs\n`
          : `Rotated the signing secret of ${id}: the previous one still signs until ${result.previous_expires_at}\n`,
      );
    }
  },
});
