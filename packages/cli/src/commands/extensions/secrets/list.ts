import { defineCommand } from '../../../command.js';
import { ID_OPTION, ORG_OPTION, SCOPE_OPTION, SCOPE_USAGE } from '../options.js';
import { secretsTable } from '../render.js';
import { scopeLabel, scopeRef } from '../target.js';

export default defineCommand({
  group: 'extensions secrets',
  name: 'list',
  usage: `list ${SCOPE_USAGE} [options]`,
  description:
    'List the secrets of a scope: metadata, rotation info, external links (never values)',
  options: [SCOPE_OPTION, ID_OPTION, ORG_OPTION],
  examples: [
    'kiket extensions secrets list --scope extension --id com.example.mailchimp',
    'kiket extensions secrets list --scope installation --id OPS/com.example.mailchimp --json',
    'kiket extensions secrets list --scope organization --org acme',
  ],
  async run(context) {
    const at = await scopeRef(context);
    const result = await context.client().extensions.secrets.list(at);
    context.out.result(result, () =>
      result.secrets.length === 0
        ? `No secrets in ${scopeLabel({ ...result, orgId: result.org_id })} (org ${result.org_id})`
        : secretsTable(result.secrets),
    );
  },
});
