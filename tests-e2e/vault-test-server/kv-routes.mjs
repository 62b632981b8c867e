// KV v2 endpoints of one mount: data/<path> (GET, POST/PUT, DELETE) and metadata/<path>
// (LIST or GET ?list=true, GET, DELETE).
import { envelope, errors, noContent, notFound, unsupported } from './responses.mjs';

/**
 * @param {{ mount: import('./kv.mjs').KvMount, rest: string, method: string,
 *   query: URLSearchParams, body: unknown, requestId: string }} request
 * @returns {import('./http.mjs').Response}
 */
export function kvRoute({ mount, rest, method, query, body, requestId }) {
  const slash = rest.indexOf('/');
  const area = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash + 1);
  const list = method === 'LIST' || (method === 'GET' && query.get('list') === 'true');
  if (area === 'metadata' && list) {
    const keys = mount.list(path);
    return keys.length === 0 ? notFound() : envelope(requestId, { data: { keys } });
  }
  if (area === 'data') return dataRoute(mount, path, method, query, body, requestId);
  if (area === 'metadata' && path !== '') {
    if (method === 'GET') {
      const metadata = mount.metadata(path);
      return metadata ? envelope(requestId, { data: metadata }) : notFound();
    }
    if (method === 'DELETE') {
      mount.destroy(path);
      return noContent;
    }
    return unsupported();
  }
  return unsupported();
}

/**
 * @param {import('./kv.mjs').KvMount} mount @param {string} path @param {string} method
 * @param {URLSearchParams} query @param {unknown} body @param {string} requestId
 */
function dataRoute(mount, path, method, query, body, requestId) {
  if (path === '') return unsupported();
  if (method === 'GET') {
    const version = query.get('version');
    const number = version === null || version === '0' ? undefined : Number(version);
    if (number !== undefined && !Number.isInteger(number)) return errors(400, ['invalid version']);
    const found = mount.read(path, number);
    if (found.status === 200) return envelope(requestId, { data: found.data });
    return found.data ? envelope(requestId, { data: found.data }, 404) : notFound();
  }
  if (method === 'POST' || method === 'PUT') {
    const input = /** @type {{ data?: unknown, options?: { cas?: unknown } } | null} */ (body);
    const data = input?.data;
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      return errors(400, ['no data provided']);
    }
    const cas = input?.options?.cas;
    const written = mount.write(
      path,
      /** @type {Record<string, unknown>} */ (data),
      typeof cas === 'number' ? cas : undefined,
    );
    return written.ok ? envelope(requestId, { data: written.data }) : errors(400, [written.error]);
  }
  if (method === 'DELETE') {
    mount.softDelete(path);
    return noContent;
  }
  return unsupported();
}
