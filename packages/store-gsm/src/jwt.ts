/**
 * The signed assertion a service account exchanges for an access token (OAuth 2.0 JWT bearer,
 * RFC 7523, as Google's token endpoint wants it): RS256 over header `{alg, typ, kid}` and
 * claims iss = sub = client_email, aud = the token endpoint, the cloud-platform scope, iat
 * and exp. It is a credential for its hour: never logged, never put in an error.
 */
import { type KeyObject, sign } from 'node:crypto';

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
/** Google refuses assertions living longer than an hour. */
export const ASSERTION_LIFETIME_SECONDS = 3600;

export interface Signer {
  readonly clientEmail: string;
  readonly keyId: string;
  readonly privateKey: KeyObject;
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signAssertion(signer: Signer, audience: string, nowSeconds: number): string {
  const header = part({ alg: 'RS256', typ: 'JWT', kid: signer.keyId });
  const claims = part({
    iss: signer.clientEmail,
    sub: signer.clientEmail,
    aud: audience,
    scope: CLOUD_PLATFORM_SCOPE,
    iat: nowSeconds,
    exp: nowSeconds + ASSERTION_LIFETIME_SECONDS,
  });
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${claims}`), signer.privateKey);
  return `${header}.${claims}.${signature.toString('base64url')}`;
}
