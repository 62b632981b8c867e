// POST /token: Google's OAuth 2.0 token endpoint for service accounts (the JWT bearer grant).
import { checkAssertion } from './jwt.mjs';
import { googleError, json, oauthError } from './responses.mjs';

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * @typedef {{ method: string, path: string, query: URLSearchParams,
 *   headers: import('node:http').IncomingHttpHeaders, body: Buffer }} Request
 */

/**
 * @param {import('./state.mjs').GsmState} state @param {Request} request
 * @param {string} audience the URL clients post to (the `aud` their assertion must name)
 */
export function tokenRoute(state, request, audience) {
  state.tokenRequests += 1;
  if (state.failure?.token) {
    return googleError(state.failure.status, 'The service is currently unavailable.');
  }
  if (request.method !== 'POST') return googleError(405, 'Method Not Allowed', 'UNIMPLEMENTED');
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    return oauthError('invalid_request', 'Expected application/x-www-form-urlencoded.');
  }
  const form = new URLSearchParams(request.body.toString('utf8'));
  if (form.get('grant_type') !== JWT_BEARER) {
    return oauthError('unsupported_grant_type', 'Invalid grant_type.');
  }
  const assertion = form.get('assertion');
  if (!assertion) return oauthError('invalid_request', 'Missing required parameter: assertion');
  const checked = checkAssertion(assertion, state, audience);
  if ('error' in checked) return oauthError(checked.error, checked.description);
  const { token, expiresIn } = state.issueToken(checked.email);
  return json(200, { access_token: token, expires_in: expiresIn, token_type: 'Bearer' });
}
