import { BUILT_IN_BACKEND } from '@kici/contracts/vocabulary';
import { invalidInput } from '../kernel/errors.js';

/** A registered backend as link defaults need it: its name and kind (`vault`, `gsm`, …). */
export interface BackendSummary {
  readonly name: string;
  readonly type: string;
}

/** `backend` given, or the only registered external backend (400 naming the choices otherwise). */
export function chooseBackend(
  registered: readonly BackendSummary[],
  requested: string | undefined,
): BackendSummary {
  const external = registered.filter((backend) => backend.name !== BUILT_IN_BACKEND);
  const names = external.map((backend) => backend.name).sort();
  if (requested !== undefined) {
    const found = external.find((backend) => backend.name === requested);
    if (found) return found;
    throw invalidInput(
      'backend',
      `"${requested}" is not a registered external backend (registered: ${names.join(', ') || 'none'})`,
    );
  }
  const [only] = external;
  if (only && external.length === 1) return only;
  throw invalidInput(
    'backend',
    external.length === 0
      ? 'no external backend is registered (kici-admin backend add)'
      : `expected one of ${names.join(', ')} (several external backends are registered)`,
  );
}

/**
 * The secret id of a GSM name: `projects/p/secrets/ID/versions/n`, `ID/versions/n` or `ID`.
 */
export function gsmSecretId(name: string): string {
  const segments = name.split('/');
  const at = segments.indexOf('secrets');
  if (segments[0] === 'projects' && at >= 0 && segments[at + 1]) return segments[at + 1] as string;
  return segments[0] as string;
}

/**
 * The key to read at the linked path: a GSM backend answers `{ [secretId]: payload }`, so the
 * secret id; any other kind (Vault's KV) holds the value under the secret's own key.
 */
export function defaultExternalKey(type: string, externalName: string, key: string): string {
  return type === 'gsm' ? gsmSecretId(externalName) : key;
}
