// One request per route that validates and reaches core (the fixture seeds what it names), from
// which the fuzzer mutates one thing at a time. A route not listed here gets `{}` for its query
// and body and `x` for its path parameters: it is still fuzzed, only less deeply.
export const ORG = 'acme';
export const ENVIRONMENT = 'staging';
export const BACKEND = 'fuzz-vault';
/** A Vault address that refuses at once (nothing listens on the discard port). */
export const VAULT_CONFIG = {
  url: 'http://127.0.0.1:9',
  authMethod: 'token' as const,
  token: 'fuzz-token',
};

/** One value per path parameter name, valid wherever the name appears. */
export const PARAMS: Record<string, string> = {
  orgId: ORG,
  scope: 'production',
  key: 'DB_PASSWORD',
  name: ENVIRONMENT,
  id: 'tok_unknown',
  operation: 'secrets.set',
  runId: 'run-fuzz',
};

/** Path parameters that differ by route (config keys, backend names). */
export const ROUTE_PARAMS: Record<string, Record<string, string>> = {
  'config.get': { key: 'pgCustomerSecrets' },
  'config.set': { key: 'pgCustomerSecrets' },
  'config.unset': { key: 'pgCustomerSecrets' },
  'config.history': { key: 'pgCustomerSecrets' },
  'config.rollback': { key: 'pgCustomerSecrets' },
  'backends.remove': { name: 'fuzz-unknown' },
  'backends.scopes': { name: BACKEND },
};

const job = {
  orgId: ORG,
  environment: ENVIRONMENT,
  repository: 'acme/app',
  branch: 'main',
  trigger: 'push',
};

export const QUERIES: Record<string, Record<string, string>> = {
  'secrets.scopes': { orgId: ORG },
  'secrets.keys': { orgId: ORG, scope: 'production' },
  'environments.list': { orgId: ORG },
  'variables.list': { orgId: ORG, scope: 'production' },
  'resolve.explain': { ...job, runId: 'run-fuzz', jobId: 'job-fuzz' },
  audit: {
    action: 'secret.reveal',
    contextName: 'production',
    routingKey: 'DB_PASSWORD',
    from: '2020-01-01T00:00:00Z',
    to: '2100-01-01T00:00:00Z',
    limit: '10',
    offset: '0',
  },
};

export const BODIES: Record<string, unknown> = {
  'secrets.set': { value: 'fuzzed-value' },
  'secrets.link': { backend: BACKEND, path: 'aws/credentials', key: 'AWS_KEY' },
  'tokens.create': { label: 'fuzz', role: 'auditor' },
  'config.set': { value: true },
  'config.rollback': { version: 1 },
  'backends.add': { name: BACKEND, backendType: 'vault', config: VAULT_CONFIG },
  'backends.sync': { name: BACKEND },
  'backends.test': { name: 'fuzz-probe', backendType: 'vault', config: VAULT_CONFIG },
  'environments.create': {
    name: 'fuzz-env',
    branches: ['main'],
    triggers: ['push'],
    repositories: ['acme/*'],
    allowForks: false,
    scopes: ['production'],
  },
  'environments.bind': { scope: 'shared', position: 0 },
  'environments.setPolicy': { branches: ['main'], triggers: ['push'], allowForks: false },
  'policy.set': { surfaces: ['cli', 'dashboard'] },
  'variables.set': { value: 'fuzzed-variable' },
  'internal.resolve': { ...job, runId: 'run-fuzz', jobId: 'job-fuzz', fork: false },
  'internal.runKey': { orgId: ORG },
  'internal.resolveTestRun': { orgId: ORG, runId: 'run-fuzz', fixture: { default: ENVIRONMENT } },
};
