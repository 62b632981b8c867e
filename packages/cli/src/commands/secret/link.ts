import { BackendNameSchema, LinkSecretBodySchema } from '@kici/contracts';
import { defineCommand } from '../../command.js';
import { UsageError } from '../../errors.js';
import type { Flags } from '../../flags.js';
import { resolveTarget } from '../../target.js';
import { checkFlag, validate } from '../../validate.js';
import { ORG_OPTION, SCOPE_OPTION, TARGET_USAGE } from './options.js';

/** `--backend`, `--path`, `--key`, checked with the contracts' schema and named as typed. */
function linkTarget(flags: Flags) {
  const backend = flags.string('backend');
  const path = flags.string('path');
  const key = flags.string('key');
  if (backend === undefined) {
    throw new UsageError('--backend is required: the registered backend, e.g. openbao-prod');
  }
  if (path === undefined) {
    throw new UsageError('--path is required: the secret path on it, e.g. aws/credentials');
  }
  checkFlag('--backend', BackendNameSchema, backend);
  // The schema lets `.` and `..` through as segments; a path never needs them.
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw new UsageError('--path: expected a path without "." or ".." segments');
  }
  // The schema's messages start with the field (`path: …`), which is the flag's name.
  const checked = validate(LinkSecretBodySchema, {
    backend,
    path,
    ...(key === undefined ? {} : { key }),
  });
  if (!checked.ok) throw new UsageError(`--${checked.message}`);
  return checked.value;
}

export default defineCommand({
  group: 'secret',
  name: 'link [org-id] [scope] [key]',
  usage: `link ${TARGET_USAGE.replace(' [options]', '')} --backend <name> --path <path> [--key <name>]`,
  description: 'Link a key to a secret on an external backend (the value stays there)',
  options: [
    ORG_OPTION,
    SCOPE_OPTION,
    { flags: '--backend <name>', description: 'The registered backend (openbao-prod)' },
    { flags: '--path <path>', description: 'The secret path on it (aws/credentials)' },
    {
      flags: '--key <name>',
      description:
        'The key name at that path (default: the same key as here; on a gsm backend, the secret id)',
    },
  ],
  examples: [
    'kici-admin secret link acme production AWS_KEY --backend openbao-prod --path aws/credentials --key AWS_ACCESS_KEY_ID',
    'KICI_ORG_ID=acme kici-admin secret link --scope production DB_PASSWORD --backend openbao-prod --path db/prod',
  ],
  async run({ args, flags, io, out, client }) {
    const { orgId, scope, key } = await resolveTarget(
      ['org', 'scope', 'key'],
      args,
      flags,
      io.env,
      client,
    );
    const target = linkTarget(flags);
    const result = await client().secrets.link(orgId, scope, key, target);
    out.result(
      result,
      () =>
        `Linked ${result.key} in ${result.scope} to ${result.backend}:${result.path} key ${result.linkedKey} (updated_at ${result.updatedAt})`,
    );
  },
});
