// One KV v2 mount: secrets with versions, kept in a tree so that LIST answers a folder's
// children without scanning every key (10,000 paths stay cheap).

/**
 * @typedef {{ data: Record<string, unknown> | null, created_time: string,
 *   deletion_time: string, destroyed: boolean }} Version
 * @typedef {{ versions: Map<number, Version>, current_version: number,
 *   oldest_version: number, created_time: string, updated_time: string,
 *   max_versions: number, custom_metadata: Record<string, string> | null }} Secret
 * @typedef {{ children: Map<string, Node>, secret?: Secret }} Node
 */

const now = () => new Date().toISOString();

/** @param {string} path */
const segments = (path) => path.split('/').filter((segment) => segment !== '');

/** @param {number} number @param {Version} version */
const versionMetadata = (number, version) => ({
  created_time: version.created_time,
  custom_metadata: null,
  deletion_time: version.deletion_time,
  destroyed: version.destroyed,
  version: number,
});

export class KvMount {
  /** @type {Node} */
  root = { children: new Map() };

  /** @param {string} path @param {boolean} create @returns {Node | undefined} */
  node(path, create = false) {
    let node = this.root;
    for (const segment of segments(path)) {
      let child = node.children.get(segment);
      if (!child) {
        if (!create) return undefined;
        child = { children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    }
    return node;
  }

  /**
   * GET data/path: the version asked for or the current one.
   * @param {string} path @param {number | undefined} version
   * @returns {{ status: 200 | 404, data?: unknown }}
   */
  read(path, version) {
    const secret = this.node(path)?.secret;
    if (!secret) return { status: 404 };
    const number = version ?? secret.current_version;
    const found = secret.versions.get(number);
    if (!found) return { status: 404 };
    const metadata = versionMetadata(number, found);
    if (found.deletion_time !== '' || found.destroyed || found.data === null) {
      return { status: 404, data: { data: null, metadata } };
    }
    return { status: 200, data: { data: found.data, metadata } };
  }

  /**
   * POST/PUT data/path.
   * @param {string} path @param {Record<string, unknown>} data @param {number | undefined} cas
   * @returns {{ ok: true, data: unknown } | { ok: false, error: string }}
   */
  write(path, data, cas) {
    if (segments(path).length === 0) return { ok: false, error: 'missing path' };
    const existing = this.node(path)?.secret;
    if (cas !== undefined && cas !== (existing?.current_version ?? 0)) {
      return { ok: false, error: 'check-and-set parameter did not match the current version' };
    }
    const node = /** @type {Node} */ (this.node(path, true));
    const time = now();
    const secret = existing ?? {
      versions: new Map(),
      current_version: 0,
      oldest_version: 0,
      created_time: time,
      updated_time: time,
      max_versions: 10,
      custom_metadata: null,
    };
    node.secret = secret;
    const number = secret.current_version + 1;
    const version = { data, created_time: time, deletion_time: '', destroyed: false };
    secret.versions.set(number, version);
    secret.current_version = number;
    secret.updated_time = time;
    if (secret.oldest_version === 0) secret.oldest_version = number;
    while (secret.versions.size > secret.max_versions) {
      secret.versions.delete(secret.oldest_version);
      secret.oldest_version += 1;
    }
    return { ok: true, data: versionMetadata(number, version) };
  }

  /** DELETE data/path: soft-deletes the current version (a missing key is fine). @param {string} path */
  softDelete(path) {
    const secret = this.node(path)?.secret;
    const version = secret?.versions.get(secret.current_version);
    if (version && version.deletion_time === '') version.deletion_time = now();
  }

  /** GET metadata/path. @param {string} path */
  metadata(path) {
    const secret = this.node(path)?.secret;
    if (!secret) return undefined;
    /** @type {Record<string, unknown>} */
    const versions = {};
    for (const [number, version] of secret.versions) {
      versions[String(number)] = {
        created_time: version.created_time,
        deletion_time: version.deletion_time,
        destroyed: version.destroyed,
      };
    }
    return {
      cas_required: false,
      created_time: secret.created_time,
      current_version: secret.current_version,
      delete_version_after: '0s',
      max_versions: secret.max_versions,
      oldest_version: secret.oldest_version,
      updated_time: secret.updated_time,
      custom_metadata: secret.custom_metadata,
      versions,
    };
  }

  /** DELETE metadata/path: every version and the key itself; prunes empty folders. @param {string} path */
  destroy(path) {
    const names = segments(path);
    /** @type {Node[]} */
    const trail = [this.root];
    for (const name of names) {
      const next = /** @type {Node} */ (trail[trail.length - 1]).children.get(name);
      if (!next) return;
      trail.push(next);
    }
    const leaf = /** @type {Node} */ (trail[trail.length - 1]);
    delete leaf.secret;
    for (let i = names.length; i > 0; i--) {
      const node = /** @type {Node} */ (trail[i]);
      if (node.secret || node.children.size > 0) break;
      /** @type {Node} */ (trail[i - 1]).children.delete(/** @type {string} */ (names[i - 1]));
    }
  }

  /**
   * LIST metadata/path: the folder's children, folders ending in `/`; soft-deleted keys are
   * still listed. An empty, missing or leaf path lists nothing (the caller answers 404).
   * @param {string} path
   */
  list(path) {
    const node = this.node(path);
    if (!node) return [];
    /** @type {string[]} */
    const keys = [];
    for (const [name, child] of node.children) {
      if (child.secret) keys.push(name);
      if (child.children.size > 0) keys.push(`${name}/`);
    }
    return keys.sort();
  }
}
