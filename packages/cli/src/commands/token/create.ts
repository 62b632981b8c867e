import { ROLES, RoleSchema, SURFACES, SurfaceSchema } from '@kici/contracts';
import { defineCommand } from '../../command.js';
import { UsageError } from '../../errors.js';
import { checkInput } from '../../validate.js';

const ROLE_CHOICES = `${ROLES.slice(0, -1).join(', ')} or ${ROLES.at(-1)}`;

export default defineCommand({
  group: 'token',
  name: 'create <label>',
  description: 'Create an admin token; its plaintext is shown once',
  options: [
    { flags: '--role <role>', description: ROLE_CHOICES },
    {
      flags: '--surface <surface>',
      description: `${SURFACES.join(' or ')}: the surface the token always acts from (default cli; dashboard for the dashboard's credential, held to the dashboard-write policy)`,
    },
    {
      flags: '--expires-at <iso>',
      description: 'Expiry, ISO 8601 with a time zone (default: never)',
    },
  ],
  examples: [
    'kici-admin token create ci-operator --role admin',
    'kici-admin token create compliance --role auditor --expires-at 2027-01-31T00:00:00Z',
    'kici-admin token create dashboard --role admin --surface dashboard',
  ],
  async run({ args, flags, out, client }) {
    const roleFlag = flags.string('role');
    if (roleFlag === undefined) throw new UsageError(`--role is required: ${ROLE_CHOICES}`);
    const role = checkInput(RoleSchema, roleFlag);
    const label = args[0] ?? '';
    const expiresAt = flags.string('expires-at');
    const surfaceFlag = flags.string('surface');
    const surface = surfaceFlag === undefined ? undefined : checkInput(SurfaceSchema, surfaceFlag);
    // The client checks the label and the expiry (ISO 8601, in the future) before sending.
    const result = await client().tokens.create({
      label,
      role,
      ...(surface === undefined ? {} : { surface }),
      ...(expiresAt === undefined ? {} : { expiresAt }),
    });
    out.result(result, () =>
      [
        `Created token ${result.id} (${result.label}, role ${result.role}, surface ${result.surface}, expires ${result.expiresAt ?? 'never'})`,
        `Token: ${result.token}`,
        'Store it now: it will not be shown again.',
      ].join('\n'),
    );
  },
});
