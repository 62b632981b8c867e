// The product documentation's examples (../shared/seeds/000_519639d47cadef71.txt), each as the
// seed writes it. The seed's text is flattened: ` \ ` stands where a command continues on the
// next line, and that is how it is run (a backslash and a newline). Only URLs, tokens and ids
// are substituted (`<org-id>`, `<id>`, the Vault address, the `...` of an elided credential);
// tools the seed pipes from (`pass`, `sops`) are shell functions that print a value.

export interface Step {
  /** The example exactly as the seed prints it. */
  readonly seed: string;
  /** Placeholder → value, applied before running (values may name context entries as {name}). */
  readonly substitute?: Readonly<Record<string, string>>;
  /** Typed at the prompts, in order (the command then runs in a pseudo-terminal). */
  readonly typed?: readonly string[];
  /** curl: the HTTP status; kici-admin: the exit code (default 0). */
  readonly status?: number;
  /** What the output must contain. */
  readonly output?: RegExp;
  /**
   * The seed's own lines, where its flattening joined them with nothing between (they must
   * join to `seed`); run one after another.
   */
  readonly lines?: readonly string[];
  /** Context entries taken from the output (a JSON answer's fields). */
  readonly capture?: (output: string) => Record<string, string>;
}

const ORG = { '<org-id>': 'acme' };
export const TYPED_VALUE = 'postgresql://user:pass@host:5432/db';

/** Connection, secrets, tokens, key rotation and audit: the seed's "Admin API" section. */
export const ADMIN_STEPS: readonly Step[] = [
  {
    seed: 'kici-admin secret set <org-id> production KICI_DATABASE_URL --prompt',
    substitute: ORG,
    typed: [TYPED_VALUE],
    output: /KICI_DATABASE_URL.*pg:production/,
  },
  {
    seed: 'curl -X PUT $KICI_ADMIN_URL/api/v1/admin/secrets/<org-id>/production/KICI_DATABASE_URL \\ -H "Authorization: Bearer $KICI_ADMIN_TOKEN" \\ -H "Content-Type: application/json" \\ -d \'{"value": "postgresql://user:pass@host:5432/db"}\'',
    substitute: ORG,
    status: 200,
  },
  { seed: 'kici-admin secret scopes <org-id>', substitute: ORG, output: /pg:production/ },
  {
    seed: 'curl "$KICI_ADMIN_URL/api/v1/admin/secrets/scopes?orgId=<org-id>" \\ -H "Authorization: Bearer $KICI_ADMIN_TOKEN"',
    substitute: ORG,
    status: 200,
    output: /"pg:production"/,
  },
  {
    seed: 'kici-admin secret list <org-id> production',
    substitute: ORG,
    output: /KICI_DATABASE_URL/,
  },
  {
    seed: 'curl "$KICI_ADMIN_URL/api/v1/admin/secrets/keys?orgId=<org-id>&scope=production" \\ -H "Authorization: Bearer $KICI_ADMIN_TOKEN"',
    substitute: ORG,
    status: 200,
    output: /"KICI_DATABASE_URL"/,
  },
  {
    seed: 'kici-admin secret delete <org-id> production KICI_DATABASE_URL',
    substitute: ORG,
    typed: ['y'],
  },
  {
    seed: 'curl -X PUT $KICI_ADMIN_URL/api/v1/admin/secrets/<org-id>/production/KICI_DATABASE_URL \\ -H "Authorization: Bearer $KICI_ADMIN_TOKEN" \\ -H "Content-Type: application/json" \\ -d \'{"value": "postgresql://user:pass@host:5432/db"}\'',
    substitute: ORG,
    status: 200,
  },
  {
    seed: 'curl -X DELETE $KICI_ADMIN_URL/api/v1/admin/secrets/<org-id>/production/KICI_DATABASE_URL \\ -H "Authorization: Bearer $KICI_ADMIN_TOKEN"',
    substitute: ORG,
    status: 200,
  },
  { seed: 'kici-admin token create ci-operator --role admin', output: /kici_[0-9a-f]{16,}/ },
  {
    seed: 'curl -X POST $KICI_ADMIN_URL/api/v1/admin/tokens \\ -H "Authorization: Bearer $KICI_ADMIN_TOKEN" \\ -H "Content-Type: application/json" \\ -d \'{"label": "ci-operator", "role": "admin"}\'',
    status: 200,
    capture: (output) => ({ tokenId: String(JSON.parse(output).id) }),
  },
  { seed: 'kici-admin token list', output: /ci-operator/ },
  {
    seed: 'curl $KICI_ADMIN_URL/api/v1/admin/tokens \\ -H "Authorization: Bearer $KICI_ADMIN_TOKEN"',
    status: 200,
    output: /"ci-operator"/,
  },
  {
    seed: 'curl -X DELETE $KICI_ADMIN_URL/api/v1/admin/tokens/<id> \\ -H "Authorization: Bearer $KICI_ADMIN_TOKEN"',
    substitute: { '<id>': '{tokenId}' },
    status: 200,
  },
  {
    seed: 'curl -X POST $KICI_ADMIN_URL/api/v1/admin/tokens \\ -H "Authorization: Bearer $KICI_ADMIN_TOKEN" \\ -H "Content-Type: application/json" \\ -d \'{"label": "ci-operator", "role": "admin"}\'',
    status: 200,
    capture: (output) => ({ tokenId: String(JSON.parse(output).id) }),
  },
  { seed: 'kici-admin token revoke <id>', substitute: { '<id>': '{tokenId}' }, typed: ['y'] },
  { seed: 'kici-admin rotate-key', output: /Re-encrypted \d+ secrets, \d+ config versions/ },
  {
    seed: 'curl -X POST $KICI_ADMIN_URL/api/v1/admin/rotate-key \\ -H "Authorization: Bearer $KICI_ADMIN_TOKEN"',
    status: 200,
  },
  {
    seed: 'kici-admin audit --context production --limit 50',
    output: /secret\.set|secret\.delete/,
  },
  {
    seed: 'curl "$KICI_ADMIN_URL/api/v1/admin/audit?contextName=production&limit=50" \\ -H "Authorization: Bearer $KICI_ADMIN_TOKEN"',
    status: 200,
    output: /"entries"/,
  },
  {
    seed: 'curl "$KICI_ADMIN_URL/api/v1/admin/audit?action=rotateKey&limit=5" \\-H "Authorization: Bearer $KICI_ADMIN_TOKEN"',
    status: 200,
    output: /"rotateKey"/,
  },
];

/**
 * The seed's CLI input modes and test-run examples: org-less (the org is the server's only
 * one), as the seed writes them. `pass` and `sops` are shell functions here.
 */
export const INPUT_STEPS: readonly Step[] = [
  {
    seed: 'kici-admin secret set --scope production DB_PASSWORD --prompt',
    typed: [TYPED_VALUE],
    output: /DB_PASSWORD.*pg:production/,
  },
  {
    seed: 'pass show prod/db | kici-admin secret set --scope production DB_PASSWORD --from-stdin',
    output: /DB_PASSWORD.*pg:production/,
  },
  {
    seed: 'sops -d --output prod-db.txt secrets.enc.yamlkici-admin secret set --scope production DB_PASSWORD --from-file ./prod-db.txtrm prod-db.txt',
    lines: [
      'sops -d --output prod-db.txt secrets.enc.yaml',
      'kici-admin secret set --scope production DB_PASSWORD --from-file ./prod-db.txt',
      'rm prod-db.txt',
    ],
    output: /DB_PASSWORD.*pg:production/,
  },
  {
    seed: 'kici-admin secret set --scope production DB_PASSWORD --from-env CI_DB_PASSWORD',
    output: /DB_PASSWORD.*pg:production/,
  },
  {
    seed: 'kici-admin secret set --scope production DB_PASSWORD --prompt \\ --confirm-fingerprint 7b3d6e... --dry-run',
    substitute: { '7b3d6e...': '{fingerprint}' },
    typed: [TYPED_VALUE],
    output: /\[dry-run\] would set DB_PASSWORD in scope pg:production sha256=[0-9a-f]{64}/,
  },
  { seed: 'kici-admin environment set-policy --env test-database --allow-local-execution true' },
  { seed: 'kici-admin environment set-policy --env production --allow-local-execution false' },
];

/** Last: with pg customer secrets off, the pg scopes take no more values. */
export const FINAL_STEPS: readonly Step[] = [
  { seed: 'kici-admin config set pgCustomerSecrets false' },
];

const VAULT = {
  'https://vault.example.com:8200': '{vaultUrl}',
  'https://vault:8200': '{vaultUrl}',
};

/** The seed's backend registration, CLI then API (the Vault address is the test server's). */
export const BACKEND_STEPS: readonly Step[] = [
  {
    seed: 'kici-admin backend add \\ --name openbao-prod \\ --type vault \\ --url https://vault.example.com:8200 \\ --auth-method approle \\ --role-id "$VAULT_ROLE_ID" \\ --secret-id "$VAULT_SECRET_ID"',
    substitute: VAULT,
    output: /openbao-prod/,
  },
  { seed: 'kici-admin backend list', output: /openbao-prod/ },
  { seed: 'kici-admin backend test --name openbao-prod', output: /openbao-prod/ },
  { seed: 'kici-admin backend sync --name openbao-prod', output: /openbao-prod/ },
  { seed: 'kici-admin backend sync', output: /openbao-prod/ },
  { seed: 'kici-admin backend remove --name openbao-prod', typed: ['y'] },
  {
    seed: 'curl -X POST $KICI_ADMIN_URL/api/v1/admin/backends \\ -H "Authorization: Bearer $KICI_ADMIN_TOKEN" \\ -H "Content-Type: application/json" \\ -d \'{"name": "openbao-prod", "backendType": "vault", "config": {"url": "https://vault:8200", "authMethod": "approle", "roleId": "...", "secretId": "..."}}\'',
    substitute: {
      ...VAULT,
      '"roleId": "..."': '"roleId": "{roleId}"',
      '"secretId": "..."': '"secretId": "{secretId}"',
    },
    status: 200,
    output: /"openbao-prod"/,
  },
  {
    seed: 'curl $KICI_ADMIN_URL/api/v1/admin/backends \\ -H "Authorization: Bearer $KICI_ADMIN_TOKEN"',
    status: 200,
    output: /"openbao-prod"/,
  },
  {
    seed: 'curl -X POST $KICI_ADMIN_URL/api/v1/admin/backends/sync \\ -H "Authorization: Bearer $KICI_ADMIN_TOKEN"',
    status: 200,
    output: /"openbao-prod"/,
  },
  {
    seed: 'curl -X POST $KICI_ADMIN_URL/api/v1/admin/backends/test \\ -H "Authorization: Bearer $KICI_ADMIN_TOKEN" \\ -H "Content-Type: application/json" \\ -d \'{"name": "openbao-prod", "backendType": "vault", "config": {"url": "https://vault:8200", ...}}\'',
    substitute: {
      ', ...}}': ', "authMethod": "approle", "roleId": "{roleId}", "secretId": "{secretId}"}}',
      ...VAULT,
    },
    status: 200,
  },
  {
    seed: 'curl -X DELETE $KICI_ADMIN_URL/api/v1/admin/backends/openbao-prod \\ -H "Authorization: Bearer $KICI_ADMIN_TOKEN"',
    status: 200,
  },
];
