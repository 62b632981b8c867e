// Everything the test server knows: namespaces and their KV v2 mounts, tokens, the AppRole
// credentials and the simulated failures.
import { randomBytes, randomUUID } from 'node:crypto';
import { KvMount } from './kv.mjs';

/**
 * @typedef {{ id: string, accessor: string, namespace: string, root: boolean,
 *   policies: string[], issuedAt: number, ttlSeconds: number, expiresAt: number | undefined,
 *   displayName: string, path: string }} Token
 * @typedef {{ rootToken: string, roleId: string, secretId: string, tokenTtlSeconds: number,
 *   namespaces: string[], mounts: string[], sealed: boolean, delayMs: number,
 *   denyTokens: string[], denyPaths: string[] }} StateOptions
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const randomToken = (prefix = 'hvs.') =>
  prefix + Array.from(randomBytes(24), (byte) => BASE62[byte % 62]).join('');

/** '' for the root namespace; `root` and surrounding slashes mean the same. @param {string | undefined} name */
export const normalizeNamespace = (name) => {
  const trimmed = (name ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed === 'root' ? '' : trimmed;
};

/** @param {string} path */
const normalizeMount = (path) => path.replace(/^\/+|\/+$/g, '');

export class VaultState {
  /** @param {StateOptions} options */
  constructor(options) {
    /** @type {Map<string, Map<string, KvMount>>} namespace → mount path → mount */
    this.namespaces = new Map();
    /** @type {Map<string, Token>} */
    this.tokens = new Map();
    this.approle = { roleId: options.roleId, secretId: options.secretId };
    this.tokenTtlSeconds = options.tokenTtlSeconds;
    /** How many /v1 requests arrived (to prove that a client sent none). */
    this.requests = 0;
    this.sealed = options.sealed;
    this.delayMs = options.delayMs;
    /** @type {Set<string>} */
    this.denyTokens = new Set(options.denyTokens);
    /** @type {string[]} */
    this.denyPaths = [...options.denyPaths];
    this.defaultMounts = options.mounts.length > 0 ? options.mounts : ['secret'];
    this.addNamespace('');
    for (const namespace of options.namespaces) this.addNamespace(namespace);
    this.rootToken = options.rootToken;
    this.tokens.set(options.rootToken, this.newToken(options.rootToken, '', true, 0));
  }

  /** Creates a namespace (and its parents) with the default mounts. @param {string} name */
  addNamespace(name) {
    const namespace = normalizeNamespace(name);
    const parts = namespace === '' ? [] : namespace.split('/');
    for (let i = 0; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (this.namespaces.has(prefix)) continue;
      const mounts = new Map();
      for (const mount of this.defaultMounts) mounts.set(normalizeMount(mount), new KvMount());
      this.namespaces.set(prefix, mounts);
    }
    return namespace;
  }

  /** @param {string} namespace @param {string} path */
  addMount(namespace, path) {
    const mounts = this.namespaces.get(this.addNamespace(namespace));
    const name = normalizeMount(path);
    if (mounts && !mounts.has(name)) mounts.set(name, new KvMount());
  }

  /** @param {string} namespace @param {string} path */
  removeMount(namespace, path) {
    this.namespaces.get(normalizeNamespace(namespace))?.delete(normalizeMount(path));
  }

  /**
   * The mount that serves `path` (longest prefix wins) and the rest of the path.
   * @param {string} namespace @param {string} path
   */
  findMount(namespace, path) {
    const mounts = this.namespaces.get(namespace);
    if (!mounts) return undefined;
    let best;
    for (const [name, mount] of mounts) {
      if (
        (path === name || path.startsWith(`${name}/`)) &&
        (!best || name.length > best.name.length)
      ) {
        best = { name, mount, rest: path.slice(name.length + 1) };
      }
    }
    return best;
  }

  /** @param {string} id @param {string} namespace @param {boolean} root @param {number} ttlSeconds */
  newToken(id, namespace, root, ttlSeconds) {
    const issuedAt = Date.now();
    return {
      id,
      accessor: randomToken(''),
      namespace,
      root,
      policies: root ? ['root'] : ['default', 'kici-read'],
      issuedAt,
      ttlSeconds,
      expiresAt: ttlSeconds > 0 ? issuedAt + ttlSeconds * 1000 : undefined,
      displayName: root ? 'root' : 'approle',
      path: root ? 'auth/token/root' : 'auth/approle/login',
    };
  }

  /** AppRole login in `namespace`: a fresh service token bound to it. @param {string} namespace */
  issueToken(namespace) {
    const token = this.newToken(randomToken(), namespace, false, this.tokenTtlSeconds);
    this.tokens.set(token.id, token);
    return token;
  }

  /**
   * The token if it is known, unexpired and valid in `namespace` (the root token works in
   * every namespace, as a root-namespace root token does).
   * @param {string | undefined} id @param {string} namespace
   */
  validToken(id, namespace) {
    if (!id) return undefined;
    const token = this.tokens.get(id);
    if (!token) return undefined;
    if (token.expiresAt !== undefined && Date.now() >= token.expiresAt) return undefined;
    if (!token.root && token.namespace !== namespace) return undefined;
    return token;
  }

  /** A simulated policy denial for this token or this (namespace-relative) path. @param {Token} token @param {string} path */
  denied(token, path) {
    if (this.denyTokens.has(token.id)) return true;
    return this.denyPaths.some((rule) =>
      rule.endsWith('*') ? path.startsWith(rule.slice(0, -1)) : path === rule,
    );
  }

  /** Revokes one token, or every token but the root token. @param {string} [id] */
  revoke(id) {
    if (id !== undefined) this.tokens.delete(id);
    else for (const token of this.tokens.values()) if (!token.root) this.tokens.delete(token.id);
  }

  /** Expires one token, or every token but the root token, now. @param {string} [id] */
  expire(id) {
    for (const token of this.tokens.values()) {
      if (id === undefined ? !token.root : token.id === id) token.expiresAt = Date.now() - 1;
    }
  }

  requestId() {
    return randomUUID();
  }
}
