// The token endpoint's check of a service account's assertion (RFC 7523, as Google does it):
// an RS256 signature by the account's key, then the claims iss, sub, aud, scope, iat, exp.
import { verify } from 'node:crypto';

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const MAX_LIFETIME_SECONDS = 3600;
const SKEW_SECONDS = 60;

/** @param {string} part @returns {Record<string, unknown> | undefined} */
function decodeJson(part) {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @param {string} assertion @param {import('./state.mjs').GsmState} state
 * @param {string} audience this endpoint's own URL
 * @returns {{ email: string } | { error: string, description: string }}
 */
export function checkAssertion(assertion, state, audience) {
  const invalid = (/** @type {string} */ description) => ({
    error: 'invalid_grant',
    description,
  });
  const parts = assertion.split('.');
  if (parts.length !== 3) return invalid('Invalid JWT: expected three dot-separated parts.');
  const [head = '', body = '', signature = ''] = parts;
  const header = decodeJson(head);
  const claims = decodeJson(body);
  if (!header || !claims) return invalid('Invalid JWT: header or claims are not JSON.');
  if (header.alg !== 'RS256') return invalid('Invalid JWT: alg must be RS256.');
  const iss = claims.iss;
  const account = typeof iss === 'string' ? state.accounts.get(iss) : undefined;
  if (!account || typeof iss !== 'string') return invalid('Invalid grant: account not found');
  if (header.kid !== undefined && header.kid !== account.keyId) {
    return invalid('Invalid JWT Signature.');
  }
  const signed = Buffer.from(`${head}.${body}`);
  if (!verify('RSA-SHA256', signed, account.publicKey, Buffer.from(signature, 'base64url'))) {
    return invalid('Invalid JWT Signature.');
  }
  if (claims.sub !== undefined && claims.sub !== iss) {
    return { error: 'unauthorized_client', description: 'Client is unauthorized to impersonate.' };
  }
  if (claims.aud !== audience) return invalid('Invalid JWT: Failed audience check.');
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  if (!scopes.includes(CLOUD_PLATFORM_SCOPE)) {
    return { error: 'invalid_scope', description: 'Invalid OAuth scope or ID token audience.' };
  }
  const now = Math.floor(Date.now() / 1000);
  const { iat, exp } = claims;
  if (
    typeof iat !== 'number' ||
    typeof exp !== 'number' ||
    iat > now + SKEW_SECONDS ||
    exp <= now ||
    exp - iat > MAX_LIFETIME_SECONDS
  ) {
    return invalid(
      'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
    );
  }
  return { email: iss };
}
