// The /v1 API: seal, namespace resolution, the unauthenticated endpoints (sys/health, AppRole
// login), X-Vault-Token checks and simulated denials, then the KV v2 mounts.
import { kvRoute } from './kv-routes.mjs';
import {
  envelope,
  errors,
  json,
  noRoute,
  permissionDenied,
  sealedError,
  unsupported,
} from './responses.mjs';
import { normalizeNamespace } from './state.mjs';

/** @typedef {import('./state.mjs').VaultState} VaultState */
/** @typedef {import('./http.mjs').Request} Request */

/**
 * @param {VaultState} state
 * @param {Request} request
 * @param {string} path  the percent-decoded path after `/v1/`
 * @param {URLSearchParams} query
 * @returns {import('./http.mjs').Response}
 */
export function vaultApi(state, request, path, query) {
  const headerNamespace = normalizeNamespace(request.headers['x-vault-namespace']);
  if (path === 'sys/health') return health(state, request, headerNamespace, query);
  if (state.sealed) return sealedError();
  if (!state.namespaces.has(headerNamespace)) return errors(404, ['namespace not found']);
  // A namespace may also lead the path: ns1/ + /v1/ns2/secret/… = ns1/ns2.
  let namespace = headerNamespace;
  let rest = path;
  for (;;) {
    const slash = rest.indexOf('/');
    if (slash < 0) break;
    const candidate =
      namespace === '' ? rest.slice(0, slash) : `${namespace}/${rest.slice(0, slash)}`;
    if (!state.namespaces.has(candidate)) break;
    namespace = candidate;
    rest = rest.slice(slash + 1);
  }
  const body = parseBody(request.body);
  if (body === INVALID) return errors(400, ['failed to parse JSON input']);
  const requestId = state.requestId();

  if (rest === 'auth/approle/login') {
    if (request.method !== 'POST' && request.method !== 'PUT') return unsupported();
    return approleLogin(state, namespace, body, requestId);
  }
  const token = state.validToken(request.headers['x-vault-token'], namespace);
  if (!token || state.denied(token, rest)) return permissionDenied();
  if (rest === 'auth/token/lookup-self') {
    if (request.method !== 'GET') return unsupported();
    return envelope(requestId, { data: lookupSelf(token) });
  }
  const found = state.findMount(namespace, rest);
  if (!found) return noRoute(rest);
  return kvRoute({
    mount: found.mount,
    rest: found.rest,
    method: request.method,
    query,
    body,
    requestId,
  });
}

const INVALID = Symbol('invalid');

/** @param {Buffer} raw */
function parseBody(raw) {
  if (raw.length === 0) return null;
  try {
    return /** @type {unknown} */ (JSON.parse(raw.toString('utf8')));
  } catch {
    return INVALID;
  }
}

/** @param {VaultState} state @param {Request} request @param {string} namespace @param {URLSearchParams} query */
function health(state, request, namespace, query) {
  if (request.method !== 'GET' && request.method !== 'HEAD') return unsupported();
  if (namespace !== '') return errors(400, ['operation unavailable in namespaces']);
  const body = {
    initialized: true,
    sealed: state.sealed,
    standby: false,
    performance_standby: false,
    replication_performance_mode: 'disabled',
    replication_dr_mode: 'disabled',
    server_time_utc: Math.floor(Date.now() / 1000),
    version: '1.15.0+kici-test',
    ...(state.sealed ? {} : { cluster_name: 'kici-test', cluster_id: 'kici-test-cluster' }),
  };
  const code = state.sealed
    ? Number(query.get('sealedcode') ?? 503)
    : Number(query.get('activecode') ?? 200);
  return json(Number.isInteger(code) ? code : 400, body);
}

/** @param {VaultState} state @param {string} namespace @param {unknown} body @param {string} requestId */
function approleLogin(state, namespace, body, requestId) {
  const input = /** @type {{ role_id?: unknown, secret_id?: unknown } | null} */ (body);
  if (typeof input?.role_id !== 'string' || input.role_id === '')
    return errors(500, ['missing role_id']);
  if (typeof input.secret_id !== 'string' || input.secret_id === '')
    return errors(400, ['missing secret_id']);
  if (input.role_id !== state.approle.roleId || input.secret_id !== state.approle.secretId) {
    return errors(400, ['invalid role or secret ID']);
  }
  const token = state.issueToken(namespace);
  return envelope(requestId, {
    auth: {
      client_token: token.id,
      accessor: token.accessor,
      policies: token.policies,
      token_policies: token.policies,
      metadata: { role_name: 'kici' },
      lease_duration: token.ttlSeconds,
      renewable: true,
      entity_id: '',
      token_type: 'service',
      orphan: true,
      mfa_requirement: null,
      num_uses: 0,
    },
  });
}

/** @param {import('./state.mjs').Token} token */
function lookupSelf(token) {
  const now = Date.now();
  const ttl =
    token.expiresAt === undefined ? 0 : Math.max(0, Math.ceil((token.expiresAt - now) / 1000));
  const seconds = (/** @type {number} */ ms) => Math.floor(ms / 1000);
  return {
    accessor: token.accessor,
    creation_time: seconds(token.issuedAt),
    creation_ttl: token.ttlSeconds,
    display_name: token.displayName,
    entity_id: '',
    expire_time: token.expiresAt === undefined ? null : new Date(token.expiresAt).toISOString(),
    explicit_max_ttl: 0,
    id: token.id,
    issue_time: new Date(token.issuedAt).toISOString(),
    meta: token.root ? null : { role_name: 'kici' },
    num_uses: 0,
    orphan: true,
    path: token.path,
    policies: token.policies,
    renewable: !token.root,
    ttl,
    type: 'service',
  };
}
