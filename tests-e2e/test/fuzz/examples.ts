// One request per route that validates and reaches core (the fixture seeds what it names), from
// which the fuzzer mutates one thing at a time. A route not listed here gets `{}` for its query
// and body and `x` for its path parameters: it is still fuzzed, only less deeply.
import { EXT_BODIES, EXT_PARAMS, EXT_QUERIES } from './examples-extensions.js';
import {
  MONITORING_BODIES,
  MONITORING_QUERIES,
  MONITORING_ROUTE_PARAMS,
} from './examples-monitoring.js';

export const ORG = 'acme';
export const ENVIRONMENT = 'staging';
export const BACKEND = 'fuzz-vault';
/**
 * The run the seed creates: `job-fuzz` posts outputs (its credential is the agent route's
 * valid token), `job-dispatch` is what internal.resolve dispatches again and again (a
 * re-dispatch replaces its credential, not job-fuzz's). Finishing and completing act on runs
 * of their own, and test runs use another id, so that no route ends what another fuzzes.
 */
export const RUN = 'run-fuzz';
export const RUN_JOBS = [
  { id: 'job-fuzz', needs: [] },
  { id: 'job-dispatch', needs: ['job-fuzz'] },
];
export const TEST_RUN = 'run-fuzz-test';
/** Base64 of "fuzz-envelope": send() puts an envelope sealed to the server's run key there. */
export const ENVELOPE_PLACEHOLDER = 'ZnV6ei1lbnZlbG9wZQ==';
/** Any valid X25519 public key: the fuzzer never opens what is sealed to it. */
export const AGENT_PUBLIC_KEY = 'LejBjCu+iqqpGWXmdob0KAz5PasK4AqBEumxjq7PKFQ=';
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
  runId: RUN,
  jobId: 'job-fuzz',
  ...EXT_PARAMS,
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
  'internal.runKey': { runId: TEST_RUN },
  'internal.finishJob': { runId: 'run-fuzz-finish', jobId: 'a' },
  'internal.completeRun': { runId: 'run-fuzz-complete' },
  'runs.cancel': { runId: 'run-fuzz-cancel' },
  ...MONITORING_ROUTE_PARAMS,
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
  'resolve.explain': { ...job, runId: RUN, jobId: 'job-fuzz' },
  'runs.list': { orgId: ORG, state: 'running', limit: '10' },
  audit: {
    action: 'secret.reveal',
    contextName: 'production',
    routingKey: 'DB_PASSWORD',
    from: '2020-01-01T00:00:00Z',
    to: '2100-01-01T00:00:00Z',
    limit: '10',
    offset: '0',
  },
  ...EXT_QUERIES,
  ...MONITORING_QUERIES,
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
  'internal.resolve': {
    ...job,
    runId: RUN,
    jobId: 'job-dispatch',
    fork: false,
    agentPublicKey: AGENT_PUBLIC_KEY,
  },
  'internal.runKey': { orgId: ORG },
  'internal.resolveTestRun': {
    orgId: ORG,
    runId: TEST_RUN,
    agentPublicKey: AGENT_PUBLIC_KEY,
    fixture: { default: ENVIRONMENT },
  },
  'internal.createRun': {
    orgId: ORG,
    runId: 'run-fuzz-create',
    jobs: [
      { id: 'a', needs: [] },
      { id: 'b', needs: ['a'] },
    ],
  },
  'internal.finishJob': { status: 'succeeded' },
  'agent.setOutput': { envelope: ENVELOPE_PLACEHOLDER },
  ...EXT_BODIES,
  ...MONITORING_BODIES,
};
