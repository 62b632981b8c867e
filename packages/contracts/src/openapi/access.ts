import type { RouteSpec } from '../route-spec.js';

/** Who may call a route: an admin token, the dispatcher, a job's agent, or anyone. */
export type Credential = 'admin' | 'dispatcher' | 'job' | 'none';

/** The table a route comes from: `routes`, `internalRoutes` or `agentRoutes`. */
export type RouteGroup = 'admin' | 'internal' | 'agent';

export function credentialOf(group: RouteGroup, spec: RouteSpec): Credential {
  if (group === 'internal') return 'dispatcher';
  if (group === 'agent') return 'job';
  return spec.permission === null ? 'none' : 'admin';
}

/** The security schemes: every credential is a bearer token; only the prefix tells them apart. */
export const securitySchemes = {
  adminToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An admin token (`kici_…`), created with `kici-admin token create`; its role grants the permissions',
  },
  dispatcherToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The dispatcher credential (KICI_DISPATCHER_TOKEN): the /internal/v1 routes only',
  },
  jobCredential: {
    type: 'http',
    scheme: 'bearer',
    description:
      "A job's credential (`kici_job_…`) from its sealed dispatch: its own run and job only",
  },
} as const;

const SCHEME: Record<Credential, keyof typeof securitySchemes | null> = {
  admin: 'adminToken',
  dispatcher: 'dispatcherToken',
  job: 'jobCredential',
  none: null,
};

/** An operation's `security`: one scheme, or none for the public probes. */
export function securityOf(credential: Credential): Record<string, string[]>[] {
  const scheme = SCHEME[credential];
  return scheme ? [{ [scheme]: [] }] : [];
}
