// /v1: the Secret Manager methods KiCI calls, as Google's REST reference documents them:
// versions.access, secrets.list and versions.list, behind a Bearer access token.
import { googleError, json } from './responses.mjs';

const ACCESS = /^projects\/([^/]+)\/secrets\/([^/]+)\/versions\/([^/]+):access$/;
const SECRETS = /^projects\/([^/]+)\/secrets$/;
const VERSIONS = /^projects\/([^/]+)\/secrets\/([^/]+)\/versions$/;
const MAX_PAGE_SIZE = 25_000;
const DEFAULT_PAGE_SIZE = 100;

/** @typedef {import('./token-route.mjs').Request} Request */
/** @typedef {import('./state.mjs').GsmState} GsmState */

/** pageSize and pageToken (an offset, opaque to clients) or an INVALID_ARGUMENT reply. */
/** @param {URLSearchParams} query */
function page(query) {
  const sizeText = query.get('pageSize');
  const size = sizeText === null ? DEFAULT_PAGE_SIZE : Number(sizeText);
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    return { error: googleError(400, `Invalid pageSize; must be between 0 and ${MAX_PAGE_SIZE}.`) };
  }
  const token = query.get('pageToken') ?? '';
  const offset = token === '' ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) {
    return { error: googleError(400, 'Invalid pageToken.') };
  }
  return { size: size === 0 ? DEFAULT_PAGE_SIZE : size, offset };
}

/** @template T @param {T[]} items @param {{ size: number, offset: number }} at */
function slice(items, at) {
  const end = at.offset + at.size;
  return {
    items: items.slice(at.offset, end),
    ...(end < items.length
      ? { nextPageToken: Buffer.from(String(end)).toString('base64url') }
      : {}),
  };
}

/** @param {GsmState} state @param {string} project @param {string} id @param {string} version */
function access(state, project, id, version) {
  const name = `projects/${project}/secrets/${id}/versions/${version}`;
  if (state.denied.has(id)) {
    return googleError(
      403,
      `Permission 'secretmanager.versions.access' denied for resource '${name}' (or it may not exist).`,
    );
  }
  const secret = state.secrets.get(id);
  if (!secret || secret.versions.length === 0) {
    return googleError(404, `Secret [${state.nameOf(id)}] not found or has no versions.`);
  }
  // `latest` is the most recently created version, whatever its state.
  const number = version === 'latest' ? secret.versions.length : Number(version);
  if (!/^(latest|[1-9][0-9]*)$/.test(version)) {
    return googleError(400, `Invalid resource field value in the request: '${name}'.`);
  }
  const found = secret.versions[number - 1];
  if (!found) return googleError(404, `Secret Version [${state.nameOf(id, number)}] not found.`);
  if (found.state !== 'ENABLED') {
    return googleError(
      400,
      `Secret Version [${state.nameOf(id, number)}] is in ${found.state} state.`,
      'FAILED_PRECONDITION',
    );
  }
  return json(200, {
    name: state.nameOf(id, number),
    payload: { data: found.data.toString('base64'), dataCrc32c: String(found.crc) },
  });
}

/** @param {GsmState} state @param {Request} request @param {string} path after `/v1/` */
export function gsmApi(state, request, path) {
  state.requests += 1;
  if (state.failure) {
    return googleError(state.failure.status, 'The service is currently unavailable.');
  }
  if (!state.authorized(request.headers.authorization)) {
    return googleError(
      401,
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    );
  }
  if (request.method !== 'GET') return googleError(404, 'Method not found.', 'NOT_FOUND');
  const accessed = ACCESS.exec(path);
  const route = accessed ?? VERSIONS.exec(path) ?? SECRETS.exec(path);
  if (!route) return googleError(404, 'Method not found.', 'NOT_FOUND');
  const [, project = '', id = '', version = ''] = route;
  if (!state.isProject(project)) {
    return googleError(403, `Permission denied on resource project ${project}.`);
  }
  if (accessed) return access(state, project, id, version);
  const at = page(request.query);
  if ('error' in at) return at.error;
  if (path.endsWith('/versions')) {
    const secret = state.secrets.get(id);
    if (!secret) return googleError(404, `Secret [${state.nameOf(id)}] not found.`);
    const versions = [...secret.versions].reverse().map((v) => ({
      name: state.nameOf(id, v.number),
      createTime: v.createTime,
      state: v.state,
    }));
    const { items, ...rest } = slice(versions, at);
    return json(200, {
      ...(items.length ? { versions: items } : {}),
      ...rest,
      totalSize: versions.length,
    });
  }
  const secrets = [...state.secrets.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((s) => ({
      name: state.nameOf(s.id),
      replication: { automatic: {} },
      createTime: s.createTime,
    }));
  const { items, ...rest } = slice(secrets, at);
  return json(200, {
    ...(items.length ? { secrets: items } : {}),
    ...rest,
    totalSize: secrets.length,
  });
}
