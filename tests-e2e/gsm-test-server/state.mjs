// Everything the server knows: its one project, service accounts (public keys), issued access
// tokens, secrets with their versions, and the failures tests ask it to simulate.
import { createPublicKey, randomBytes } from 'node:crypto';
import { crc32c } from './crc32c.mjs';

/**
 * @typedef {{ host: string, port: number, controlPort: number, project: string,
 *   projectNumber: string, tokenTtlSeconds: number, delayMs: number,
 *   accounts: Array<{ email: string, keyId: string, publicKey: string }> }} StateOptions
 * @typedef {'ENABLED' | 'DISABLED' | 'DESTROYED'} VersionState
 * @typedef {{ number: number, data: Buffer, crc: number, state: VersionState,
 *   createTime: string }} Version
 * @typedef {{ id: string, createTime: string, versions: Version[] }} Secret
 */

export const VERSION_STATES = ['ENABLED', 'DISABLED', 'DESTROYED'];
const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;

export class GsmState {
  /** @param {StateOptions} options */
  constructor(options) {
    this.project = options.project;
    this.projectNumber = options.projectNumber;
    this.tokenTtlSeconds = options.tokenTtlSeconds;
    this.delayMs = options.delayMs;
    /** @type {Map<string, { keyId: string, publicKey: import('node:crypto').KeyObject }>} */
    this.accounts = new Map();
    for (const account of options.accounts) this.addAccount(account);
    /** @type {Map<string, { email: string, expiresAt: number }>} */
    this.tokens = new Map();
    /** Every access token ever issued, for the tests' leak checks. */
    /** @type {string[]} */
    this.issued = [];
    /** @type {Map<string, Secret>} */
    this.secrets = new Map();
    /** Secret ids the service accounts may not read (403). */
    /** @type {Set<string>} */
    this.denied = new Set();
    /** A status every /v1 call (and with `token`, every token request) answers instead. */
    /** @type {{ status: number, token: boolean } | undefined} */
    this.failure = undefined;
    this.requests = 0;
    this.tokenRequests = 0;
  }

  /** @param {{ email: string, keyId: string, publicKey: string }} account */
  addAccount(account) {
    this.accounts.set(account.email, {
      keyId: account.keyId,
      publicKey: createPublicKey(account.publicKey),
    });
  }

  /** @param {string} project the path's project: its id or its number */
  isProject(project) {
    return project === this.project || project === this.projectNumber;
  }

  /** @param {string} email @returns {{ token: string, expiresIn: number }} */
  issueToken(email) {
    const token = `ya29.test-${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { email, expiresAt: Date.now() + this.tokenTtlSeconds * 1000 });
    this.issued.push(token);
    return { token, expiresIn: this.tokenTtlSeconds };
  }

  /** @param {string | undefined} authorization @returns {boolean} a live token */
  authorized(authorization) {
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    const found = match?.[1] ? this.tokens.get(match[1]) : undefined;
    return found !== undefined && Date.now() < found.expiresAt;
  }

  expireTokens() {
    for (const token of this.tokens.values()) token.expiresAt = 0;
  }

  /**
   * Adds a version (creating the secret); `badCrc` stores a wrong checksum with it.
   * @param {string} id @param {Buffer} data
   * @param {{ state?: VersionState, badCrc?: boolean }} [options]
   */
  addVersion(id, data, options = {}) {
    if (!SECRET_ID.test(id)) throw new Error('secret: expected 1-255 of [A-Za-z0-9_-]');
    const now = new Date().toISOString();
    let secret = this.secrets.get(id);
    if (!secret) {
      secret = { id, createTime: now, versions: [] };
      this.secrets.set(id, secret);
    }
    const number = secret.versions.length + 1;
    const crc = options.badCrc ? (crc32c(data) ^ 1) >>> 0 : crc32c(data);
    secret.versions.push({ number, data, crc, state: options.state ?? 'ENABLED', createTime: now });
    return number;
  }

  /** @param {string} id @param {number} number @param {VersionState} state */
  setVersionState(id, number, state) {
    const version = this.secrets.get(id)?.versions[number - 1];
    if (!version) throw new Error('version: not found');
    version.state = state;
    if (state === 'DESTROYED') version.data = Buffer.alloc(0);
  }

  /** The full name Google answers with: the project's number, not its id. */
  /** @param {string} id @param {number} [version] */
  nameOf(id, version) {
    const secret = `projects/${this.projectNumber}/secrets/${id}`;
    return version === undefined ? secret : `${secret}/versions/${version}`;
  }
}
