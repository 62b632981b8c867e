/** The one message of every 401: it does not say whether the token was unknown, revoked or expired. */
export const UNAUTHORIZED_MESSAGE = 'Invalid or expired token';
