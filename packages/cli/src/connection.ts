import { type AdminClient, createAdminClient, SOURCE_HEADER } from '@kici/contracts';
import { CA_VARIABLE, fetchTrusting, readCa } from './ca-fetch.js';
import { UsageError } from './errors.js';
import type { Flags } from './flags.js';

export const URL_VARIABLE = 'KICI_ADMIN_URL';
export const TOKEN_VARIABLE = 'KICI_ADMIN_TOKEN';
export const TIMEOUT_VARIABLE = 'KICI_ADMIN_TIMEOUT';

/** How long a request may take unless --timeout, KICI_ADMIN_TIMEOUT or the command says. */
export const DEFAULT_TIMEOUT_SECONDS = 30;
/** One day: more than any operation needs, and within what a timer can count (2^31 ms). */
export const MAX_TIMEOUT_SECONDS = 86_400;

type Env = Readonly<Record<string, string | undefined>>;

const given = (value: string | undefined) =>
  value === undefined || value === '' ? undefined : value;

/** Seconds as typed (`90`, `2.5`) → milliseconds; `source` names the flag or variable. */
function timeoutMs(source: string, text: string): number {
  const seconds = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(
      `${source}: expected a positive number of seconds, at most ${MAX_TIMEOUT_SECONDS} (e.g. 120)`,
    );
  }
  return Math.ceil(seconds * 1000);
}

export interface ConnectOptions {
  /** The command's own default (rotate-key waits longer), used when neither flag nor variable is set. */
  readonly defaultTimeoutSeconds?: number;
  /** `backend add`: its --url and --token describe the backend, so only the variables count. */
  readonly environmentOnly?: boolean;
}

/** The request timeout: --timeout, else KICI_ADMIN_TIMEOUT, else the command's default. */
export function requestTimeoutMs(flags: Flags, env: Env, fallbackSeconds?: number): number {
  const flagged = flags.string('timeout');
  if (flagged !== undefined) return timeoutMs('--timeout', flagged);
  const variable = given(env[TIMEOUT_VARIABLE]);
  if (variable !== undefined) return timeoutMs(TIMEOUT_VARIABLE, variable);
  return (fallbackSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
}

/**
 * The admin client for `--url` / `--token`, else KICI_ADMIN_URL / KICI_ADMIN_TOKEN (flags
 * win). Missing either is a usage error; the client refuses a malformed one (credentials in
 * the URL, a token with spaces) without quoting it.
 */
export function connect(flags: Flags, env: Env, options: ConnectOptions = {}) {
  const fromFlags = options.environmentOnly !== true;
  const baseUrl = (fromFlags ? flags.string('url') : undefined) ?? given(env[URL_VARIABLE]);
  const token = (fromFlags ? flags.string('token') : undefined) ?? given(env[TOKEN_VARIABLE]);
  const where = fromFlags ? ' or pass --url' : " (in backend add, --url is the backend's address)";
  if (baseUrl === undefined) throw new UsageError(`no admin API URL: set ${URL_VARIABLE}${where}`);
  if (token === undefined) {
    const how = fromFlags ? ' or pass --token' : ' (in backend add, --token is the Vault token)';
    throw new UsageError(`no admin token: set ${TOKEN_VARIABLE}${how}`);
  }
  const timeoutMs = requestTimeoutMs(flags, env, options.defaultTimeoutSeconds);
  const fetch = fromCli(
    trustedFetch(flags, env) ?? ((input, init) => globalThis.fetch(input, init)),
  );
  return createAdminClient({ baseUrl, token, timeoutMs, fetch }) satisfies AdminClient;
}

/** Every request says it comes from the CLI (`x-kici-source: cli`), for the access log. */
function fromCli(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set(SOURCE_HEADER, 'cli');
    return fetch(input, { ...init, headers });
  };
}

/** `--ca <file>`, else KICI_ADMIN_CA_FILE: a CA to trust besides the system's; else fetch as is. */
function trustedFetch(flags: Flags, env: Env): typeof fetch | undefined {
  const flagged = flags.string('ca');
  if (flagged !== undefined) return fetchTrusting(readCa('--ca', flagged));
  const variable = given(env[CA_VARIABLE]);
  return variable === undefined ? undefined : fetchTrusting(readCa(CA_VARIABLE, variable));
}
