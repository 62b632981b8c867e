import { type AdminClient, createAdminClient } from '@kici/contracts';
import { UsageError } from './errors.js';
import type { Flags } from './flags.js';

export const URL_VARIABLE = 'KICI_ADMIN_URL';
export const TOKEN_VARIABLE = 'KICI_ADMIN_TOKEN';

const given = (value: string | undefined) =>
  value === undefined || value === '' ? undefined : value;

/**
 * The admin client for `--url` / `--token`, else KICI_ADMIN_URL / KICI_ADMIN_TOKEN (flags
 * win). Missing either is a usage error; the client refuses a malformed one (credentials in
 * the URL, a token with spaces) without quoting it.
 */
export function connect(flags: Flags, env: Readonly<Record<string, string | undefined>>) {
  const baseUrl = flags.string('url') ?? given(env[URL_VARIABLE]);
  const token = flags.string('token') ?? given(env[TOKEN_VARIABLE]);
  if (baseUrl === undefined) {
    throw new UsageError(`no admin API URL: set ${URL_VARIABLE} or pass --url`);
  }
  if (token === undefined) {
    throw new UsageError(`no admin token: set ${TOKEN_VARIABLE} or pass --token`);
  }
  return createAdminClient({ baseUrl, token }) satisfies AdminClient;
}
