// Vault's response envelopes: `{ request_id, lease_id, …, data, auth }` on success,
// `{ errors: [...] }` on failure, 204 with no body when there is nothing to return.

const JSON_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };

/** @typedef {import('./http.mjs').Response} Response */

/** @param {number} status @param {unknown} body @returns {Response} */
export const json = (status, body) => ({
  status,
  headers: JSON_HEADERS,
  body: JSON.stringify(body),
});

/** @param {number} status @param {string[]} errors */
export const errors = (status, errors) => json(status, { errors });

/** @param {string} requestId @param {{ data?: unknown, auth?: unknown }} payload @param {number} [status] */
export const envelope = (requestId, payload, status = 200) =>
  json(status, {
    request_id: requestId,
    lease_id: '',
    renewable: false,
    lease_duration: 0,
    data: payload.data ?? null,
    wrap_info: null,
    warnings: null,
    auth: payload.auth ?? null,
  });

/** @type {Response} */
export const noContent = { status: 204, headers: { 'Cache-Control': 'no-store' } };

export const permissionDenied = () => errors(403, ['permission denied']);
export const sealedError = () => errors(503, ['Vault is sealed']);
export const notFound = () => errors(404, []);
export const unsupported = () => errors(405, ['unsupported operation']);
/** @param {string} path */
export const noRoute = (path) =>
  errors(404, [`no handler for route "${path}". route entry not found.`]);
