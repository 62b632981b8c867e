import { defineCommand } from '../command.js';
import { URL_VARIABLE } from '../connection.js';
import { printable } from '../output.js';
import { ORG_VARIABLE, serverOrgs } from '../target.js';

/** Where the org of an org-less command comes from, in words. */
function orgLine(local: string | undefined, server: string | null, orgs: readonly string[]) {
  if (local !== undefined) return `${local} (${ORG_VARIABLE})`;
  if (server !== null) return `${server} (the server's default)`;
  if (orgs.length === 0) return 'none: the server holds no org yet';
  return `none: several orgs (${orgs.join(', ')}); choose with --org or ${ORG_VARIABLE}`;
}

export default defineCommand({
  name: 'whoami',
  description: "Show the admin API URL, the token's label, role and surface, and the default org",
  examples: ['kici-admin whoami', 'kici-admin whoami --json'],
  async run({ flags, io, out, client }) {
    const admin = client();
    const url = flags.string('url') ?? io.env[URL_VARIABLE] ?? '';
    const identity = await serverOrgs(admin);
    const local = io.env[ORG_VARIABLE] || undefined;
    out.result({ url, ...identity }, () =>
      [
        `URL:         ${printable(url)}`,
        `Token:       ${identity.label} (${identity.tokenId})`,
        `Role:        ${identity.role}`,
        `Surface:     ${identity.surface}`,
        `Default org: ${identity.defaultOrg ?? 'none'}`,
        `Org used:    ${orgLine(local, identity.defaultOrg, identity.orgs)}`,
      ].join('\n'),
    );
  },
});
