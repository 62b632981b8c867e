/** Route names that are not `<domain>.<verb>`, and the domain each belongs to. */
const LONE_NAMES: Readonly<Record<string, string>> = {
  whoami: 'tokens',
  rotateKey: 'keys',
  audit: 'audit',
  accessLog: 'monitoring',
  notifications: 'monitoring',
  healthz: 'probes',
  readyz: 'probes',
  openapi: 'probes',
  internal: 'dispatcher',
  agent: 'agent',
};

/**
 * An operation's tag, from its client method name: `secrets.set` is `secrets`,
 * `extensions.projects.put` is `extensions.projects`, `internal.*` is `dispatcher`.
 */
export function tagOf(name: string): string {
  const parts = name.split('.');
  const head = parts[0] ?? name;
  const lone = LONE_NAMES[head];
  if (lone) return lone;
  return parts.length > 2 ? parts.slice(0, -1).join('.') : head;
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  secrets: 'Secrets of the built-in store and links to external backends',
  tokens: 'Admin tokens and who a token speaks for',
  keys: 'Master key rotation',
  audit: 'The audit log',
  config: 'Configuration values and their history',
  backends: 'Secret backends (Vault, GSM, …): register, test, sync',
  environments: 'Environments, their bindings and protection rules',
  policy: 'Approval policies per operation',
  resolve: 'How a job resolves its secrets, explained',
  variables: 'Plain (non-secret) variables',
  runs: 'Runs as operators see them',
  monitoring: 'The access log export and notifications',
  probes: 'Public probes and this description: no token',
  dispatcher: "The dispatcher's endpoints (dispatcher credential)",
  agent: "An agent's endpoints (its job's credential)",
};

/** The document's tags, in order of first use, with a description where one is known. */
export function tagList(used: readonly string[]): { name: string; description?: string }[] {
  return [...new Set(used)].map((name) => {
    const description = DESCRIPTIONS[name];
    return description ? { name, description } : { name };
  });
}
