// Google's answers: JSON bodies, the API error envelope and OAuth 2.0's token errors.

/** @typedef {{ status: number, body: unknown, headers?: Record<string, string> }} Reply */

/** @param {number} status @param {unknown} body @returns {Reply} */
export const json = (status, body) => ({ status, body });

/** The canonical status of each HTTP code this server answers with. */
const STATUS = /** @type {Record<number, string>} */ ({
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
});

/**
 * `{ "error": { "code", "message", "status" } }`.
 * @param {number} code @param {string} message @param {string} [status] @returns {Reply}
 */
export const googleError = (code, message, status = STATUS[code] ?? 'UNKNOWN') =>
  json(code, { error: { code, message, status } });

/** @param {string} error @param {string} description @returns {Reply} */
export const oauthError = (error, description) =>
  json(400, { error, error_description: description });
