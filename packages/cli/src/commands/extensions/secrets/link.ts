import { BackendNameSchema, ExternalSecretNameSchema } from '@kici/contracts';
import { defineCommand } from '../../../command.js';
import { checkFlag } from '../../../validate.js';
import { ID_OPTION, KEY_OPTION, ORG_OPTION, SCOPE_OPTION, SCOPE_USAGE } from '../options.js';
import { source } from '../render.js';
import { keyOf, required, scopeLabel, scopeRef } from '../target.js';

export default defineCommand({
  group: 'extensions secrets',
  name: 'link',
  usage: `link ${SCOPE_USAGE} --key <KEY> --external <path> [--backend <name>] [--external-key <field>]`,
  description:
    'Link a key to a secret on an external backend (GSM or Vault): only the reference is stored',
  options: [
    SCOPE_OPTION,
    ID_OPTION,
    KEY_OPTION,
    {
      flags: '--external <path>',
      description: 'The external secret: a Vault path, or a GSM secret id or resource name',
    },
    {
      flags: '--backend <name>',
      description: 'The registered backend (default: the only one registered)',
    },
    {
      flags: '--external-key <field>',
      description: 'The field at that path (default: the key for Vault, the secret id for GSM)',
    },
    ORG_OPTION,
  ],
  examples: [
    'kiket extensions secrets link --scope project --id PROJECT_KEY --key CRM_WEBHOOK_SECRET --external secrets/kiket/projects/project_key/crm_webhook',
    'kiket extensions secrets link --scope extension --id com.example.mailchimp --key MAILCHIMP_API_KEY --external mailchimp-api-key --backend gsm-prod',
  ],
  async run(context) {
    const { flags, out, client } = context;
    const key = keyOf(flags);
    const external = checkFlag(
      '--external',
      ExternalSecretNameSchema,
      required(flags, 'external', 'the path on the backend, e.g. secrets/kiket/crm_webhook'),
    );
    const backend = flags.string('backend');
    if (backend !== undefined) checkFlag('--backend', BackendNameSchema, backend);
    const field = flags.string('external-key');
    const at = await scopeRef(context);
    const result = await client().extensions.secrets.link(at, key, {
      external_secret_name: external,
      ...(backend === undefined ? {} : { backend }),
      ...(field === undefined ? {} : { external_key: field }),
    });
    out.result(
      result,
      () =>
        `Linked ${result.secret.key} in ${scopeLabel(result)} (org ${result.org_id}) to ${source(result.secret).replace(/^external /, '')}`,
    );
  },
});
