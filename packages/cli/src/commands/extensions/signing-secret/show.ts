import { defineCommand } from '../../../command.js';
import { installationOf } from '../../marketplace/options.js';
import { ORG_OPTION, PROJECT_OPTION } from '../options.js';
import { orgOf } from '../target.js';

export default defineCommand({
  group: 'extensions signing-secret',
  name: 'show <extension-id>',
  description:
    "Reveal an installation's webhook signing secret (whsec_…, audited), for the extension's KIKET_SIGNING_SECRET",
  options: [PROJECT_OPTION, ORG_OPTION],
  examples: [
    'kici-admin extensions signing-secret show com.example.mailer --project OPS',
    'KIKET_SIGNING_SECRET="$(kici-admin extensions signing-secret show com.example.mailer --project OPS)" node mailer.mjs',
  ],
  async run(context) {
    const { extension, project } = installationOf(context.args, context.flags);
    const orgId = await orgOf(context);
    const result = await context
      .client()
      .deliveries.signingSecret.show({ orgId, projectKey: project, extensionId: extension });
    // The secret alone on stdout, so that it can be captured; the window note on stderr.
    context.out.result(result, () => result.secret);
    if (!context.out.json && result.previous_expires_at !== null) {
      context.io.stderr.write(
        `Note: the previous secret still signs until ${result.previous_expires_at}\n`,
      );
    }
  },
});
