/** What the tokens domain needs from storage. */

export interface TokenRecord {
  readonly id: string;
  readonly label: string;
  readonly role: string;
  /** `cli` or `dashboard`: the surface every request with this token acts from. */
  readonly surface: string;
  readonly hash: string;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

export interface TokenRepository {
  insert(token: Omit<TokenRecord, 'createdAt' | 'revokedAt' | 'lastUsedAt'>): Promise<TokenRecord>;
  list(): Promise<TokenRecord[]>;
  find(id: string): Promise<TokenRecord | undefined>;
  findByHash(hash: string): Promise<TokenRecord | undefined>;
  revoke(id: string, at: Date): Promise<TokenRecord | undefined>;
  /** Gives an existing token a new secret (the fixed bootstrap token), un-revoking it. */
  replaceHash(id: string, hash: string): Promise<TokenRecord | undefined>;
  touch(id: string, at: Date): Promise<void>;
  /** Owner tokens neither revoked nor expired at `at`. */
  countActiveOwners(at: Date): Promise<number>;
}
