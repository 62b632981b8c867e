/**
 * What `readScope` accepts as a path: a secret id (`db-password`, its latest version),
 * `{id}/versions/{n|latest}`, or the full name `projects/{project}/secrets/{id}[/versions/{v}]`
 * for the configured project only (a backend reads one project; another is refused, not
 * silently read with this account).
 */

/** Secret Manager's secret ids: 1-255 of `[A-Za-z0-9_-]`. */
export const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;
const VERSION = /^(latest|[1-9][0-9]{0,18})$/;

export interface SecretRef {
  readonly secretId: string;
  /** `latest` or a version number. */
  readonly version: string;
}

export function parseSecretPath(path: string, project: string): SecretRef | { problem: string } {
  const parts = path.split('/');
  let rest = parts;
  if (parts[0] === 'projects') {
    if (parts.length < 4 || parts[2] !== 'secrets') {
      return { problem: 'expected projects/{project}/secrets/{id}[/versions/{version}]' };
    }
    if (parts[1] !== project) {
      return { problem: `names another project than this backend's ("${project}")` };
    }
    rest = parts.slice(3);
  }
  const [secretId = '', word, version = 'latest'] = rest;
  if (!SECRET_ID.test(secretId)) {
    return { problem: 'expected a secret id of 1-255 letters, digits, "_" or "-"' };
  }
  if (rest.length === 1) return { secretId, version };
  if (rest.length !== 3 || word !== 'versions') {
    return { problem: 'expected {secret id}/versions/{version}' };
  }
  if (!VERSION.test(version)) return { problem: 'expected a version number or "latest"' };
  return { secretId, version };
}
