import { defineCommand } from '../../command.js';
import { checkReachable, renderAdded } from './check.js';
import { planBackend, readBackend } from './config.js';
import { argvWarning } from './credentials.js';
import { NAME_OPTION } from './options.js';

export default defineCommand({
  group: 'backend',
  name: 'add [name]',
  usage:
    'add --name <name> --type vault --url <backend-url> --auth-method <token|approle> [options]\n  $ kici-admin backend add --name <name> --type gsm --project <id> --credentials-file <sa.json> [--endpoint <url>] [options]',
  description:
    'Register a Vault/OpenBao or Google Secret Manager backend (credentials sealed, never shown), then check it at once: an unreachable backend is still added, shown red with the reason and a warning on stderr (exit 0); admin API from $KICI_ADMIN_URL/$KICI_ADMIN_TOKEN',
  options: [
    NAME_OPTION,
    {
      flags: '--type <type>',
      description:
        'Backend type: vault (HashiCorp Vault or OpenBao) or gsm (Google Secret Manager)',
    },
    {
      flags: '--url <backend-url>',
      description:
        "Here: the backend's address, e.g. https://vault.example.com:8200 (not the admin API's)",
    },
    { flags: '--auth-method <method>', description: 'token or approle' },
    { flags: '--role-id <id>', description: 'AppRole role id (argv: visible in ps)' },
    { flags: '--role-id-env <VAR>', description: 'AppRole role id from this environment variable' },
    { flags: '--secret-id <id>', description: 'AppRole secret id (argv: visible in ps)' },
    {
      flags: '--secret-id-env <VAR>',
      description: 'AppRole secret id from this environment variable',
    },
    {
      flags: '--token <vault-token>',
      description:
        'Here: the Vault token for token auth (argv: visible in ps; not the admin token)',
    },
    { flags: '--token-env <VAR>', description: 'The Vault token from this environment variable' },
    { flags: '--namespace <ns>', description: 'Vault namespace (X-Vault-Namespace)' },
    { flags: '--mount-path <path>', description: 'KV v2 mount (default: secret)' },
    {
      flags: '--base-path <path>',
      description: "Where the scopes live in the mount (default: kici/secrets; '' = its root)",
    },
    {
      flags: '--project <id>',
      description: 'gsm: the Google Cloud project whose secrets are read',
    },
    {
      flags: '--credentials-file <file>',
      description: 'gsm: the service-account key file (JSON; read here, sent sealed, never shown)',
    },
    {
      flags: '--endpoint <url>',
      description: 'gsm: the API root (default: https://secretmanager.googleapis.com)',
    },
    {
      flags: '--token-uri <url>',
      description: "gsm: where to get access tokens (default: the key file's token_uri)",
    },
    { flags: '--ca-cert <file>', description: 'PEM file of CA certificates to trust (https only)' },
    { flags: '--timeout-ms <ms>', description: 'Deadline of each backend call (default: 5000)' },
    {
      flags: '--scope-pattern <glob>',
      description: 'Import only matching scopes; repeatable (default: **)',
    },
    {
      flags: '--sync-interval <seconds>',
      description: 'Seconds between periodic syncs (default: 300)',
    },
  ],
  examples: [
    'kici-admin backend add --name openbao-prod --type vault --url https://vault.example.com:8200 --auth-method approle --role-id "$VAULT_ROLE_ID" --secret-id "$VAULT_SECRET_ID"',
    'kici-admin backend add --name openbao-prod --type vault --url https://vault.example.com:8200 --auth-method approle --role-id-env VAULT_ROLE_ID --secret-id-env VAULT_SECRET_ID',
    "kici-admin backend add --name vault-dev --type vault --url http://127.0.0.1:8200 --auth-method token --token-env VAULT_TOKEN --scope-pattern 'aws/**' --sync-interval 60",
    'kici-admin backend add --name gsm-prod --type gsm --project my-project --credentials-file ./kici-sa.json',
    "kici-admin backend add --name gsm-eu --type gsm --project my-project --credentials-file ./kici-sa.json --endpoint https://secretmanager.europe-west1.rep.googleapis.com --scope-pattern 'ci-*'",
  ],
  async run({ args, flags, io, out, client }) {
    // Everything that can be wrong with the command line is found before any I/O.
    const plan = planBackend(args, flags);
    // Here --url and --token describe the backend: the admin API comes from the variables.
    const admin = client({ environmentOnly: true });
    const warning = argvWarning(plan.inArgv);
    if (warning !== undefined) out.warn(warning);
    const body = await readBackend(plan, io.env);
    const result = await admin.backends.add(body);
    const reach = await checkReachable(admin, result.name);
    out.result({ ...result, connectivity: reach }, () => renderAdded(result, reach, io));
    if (!reach.ok)
      out.warn(`backend ${result.name} was added but is unreachable: ${reach.message}`);
  },
});
