/**
 * Vault path segments, checked before they reach hashi-vault-js, which puts names into the URL
 * unencoded: `..` would climb out of the base path, `?` and `#` would start a query or a
 * fragment, `%` would be decoded again by Vault (`%2F` is a slash there), `\` counts as a slash
 * in URLs, and tabs and newlines are dropped by the URL parser. Reasons are fixed strings:
 * an error never echoes the input.
 */

export const MAX_VAULT_SEGMENT_LENGTH = 255;
export const MAX_VAULT_PATH_LENGTH = 1024;

// Characters that change a URL's structure or its decoding; C0 controls and DEL come on top.
const STRUCTURAL = '?#%\\';

function forbiddenCharacter(segment: string): string | undefined {
  for (const char of segment) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) {
      return `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
    }
    if (STRUCTURAL.includes(char)) return `"${char}"`;
  }
  return undefined;
}

/** Why a single segment is refused, or undefined when it is fine. */
export function vaultSegmentProblem(segment: string): string | undefined {
  if (segment === '') return 'is empty';
  if (segment === '.' || segment === '..') return `is "${segment}"`;
  if (segment.length > MAX_VAULT_SEGMENT_LENGTH)
    return `is longer than ${MAX_VAULT_SEGMENT_LENGTH} characters`;
  const forbidden = forbiddenCharacter(segment);
  if (forbidden) return `contains ${forbidden}`;
  if (segment.trim() !== segment) return 'starts or ends with white space';
  return undefined;
}

/**
 * Splits `path` into checked segments.
 * @returns the segments, or a reason such as `segment 2 is ".."`.
 */
export function checkVaultPath(path: string, allowEmpty = false): string[] | { problem: string } {
  if (path === '') return allowEmpty ? [] : { problem: 'is empty' };
  if (path.length > MAX_VAULT_PATH_LENGTH)
    return { problem: `is longer than ${MAX_VAULT_PATH_LENGTH} characters` };
  const segments = path.split('/');
  for (const [index, segment] of segments.entries()) {
    const problem = vaultSegmentProblem(segment);
    if (problem) return { problem: `segment ${index + 1} ${problem}` };
  }
  return segments;
}
