/**
 * The access token every call sends: a signed assertion exchanged at the token endpoint,
 * kept until shortly before it expires. One exchange per expiry: concurrent callers share the
 * one in flight; a token Secret Manager refused (401) is dropped so that the next caller
 * gets a fresh one.
 */
import { backendError, type ErrorContext, networkError, tokenError } from './errors.js';
import type { Http } from './http.js';
import { NetworkFailure } from './http.js';
import { type Signer, signAssertion } from './jwt.js';

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const REMEMBERED_TOKENS = 8;

/** Renew this long before expiry: a tenth of the lifetime, at most a minute. */
const renewMargin = (lifetimeMs: number) => Math.min(lifetimeMs / 10, 60_000);

export interface TokenSource {
  token(): Promise<string>;
  /** Forgets `used` after Secret Manager refused it. */
  drop(used: string): void;
  /** The tokens held lately, for redaction. */
  secrets(): readonly string[];
}

export function createTokenSource(deps: {
  readonly http: Http;
  readonly signer: Signer;
  readonly tokenUri: string;
  readonly context: ErrorContext;
  readonly now?: () => number;
}): TokenSource {
  const { http, signer, tokenUri, context } = deps;
  const now = deps.now ?? Date.now;
  const url = new URL(tokenUri);
  const issued: string[] = [];
  let current: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function exchange(): Promise<string> {
    const started = now();
    // The assertion carries the wall clock's time, whatever clock the cache runs on.
    const assertion = signAssertion(signer, tokenUri, Math.floor(Date.now() / 1000));
    let answer: Awaited<ReturnType<Http['send']>>;
    try {
      answer = await http.send({
        method: 'POST',
        url,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: JWT_BEARER, assertion }).toString(),
      });
    } catch (error) {
      const code = error instanceof NetworkFailure ? error.code : 'NETWORK_ERROR';
      throw networkError(context, code, url.host, `getting an access token from ${url.host}`);
    }
    if (answer.status < 200 || answer.status >= 300) throw tokenError(context, answer, url.host);
    const body = (answer.json ?? {}) as Record<string, unknown>;
    const token = body.access_token;
    if (typeof token !== 'string' || !/^[\x21-\x7e]{1,4096}$/.test(token)) {
      throw backendError(
        context,
        'bad_response',
        `the token endpoint ${url.host} answered without an access token`,
      );
    }
    const seconds =
      typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600;
    const lifetimeMs = seconds * 1000;
    issued.push(token);
    if (issued.length > REMEMBERED_TOKENS) issued.shift();
    current = { token, renewAt: started + lifetimeMs - renewMargin(lifetimeMs) };
    return token;
  }

  return {
    async token() {
      if (current && now() < current.renewAt) return current.token;
      pending ??= exchange().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    drop(used) {
      if (current?.token === used) current = undefined;
    },
    secrets: () => issued,
  };
}
