/**
 * Path segments checked before they reach hashi-vault-js (which puts names into the URL
 * unencoded). The rules live in `@kici/contracts`, beside the config schema that checks the
 * mount, base path and namespace with them; here they also guard every scope path and every
 * name Vault lists.
 */
export {
  checkVaultPath as checkPath,
  MAX_VAULT_PATH_LENGTH as MAX_PATH_LENGTH,
  MAX_VAULT_SEGMENT_LENGTH as MAX_SEGMENT_LENGTH,
  vaultSegmentProblem as segmentProblem,
} from '@kici/contracts';

/** Joins checked parts with `/`, skipping empty ones. */
export const joinPath = (...parts: string[]) => parts.filter((part) => part !== '').join('/');
