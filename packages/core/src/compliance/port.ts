/** What rotation compliance needs from storage: each org's policy and its secrets' ages. */

export interface RotationPolicyRecord {
  readonly orgId: string;
  readonly maxAgeDays: number;
  readonly remindDays: number;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

/** An extension secret's rotation metadata (never its value). */
export interface RotationSecretRecord {
  /** The pg scope (`pg:__ext__/…`). */
  readonly scope: string;
  readonly key: string;
  readonly createdAt: Date;
  readonly lastRotatedAt: Date | null;
  readonly rotationCount: number;
  /** Linked to an external backend (its value is rotated there). */
  readonly external: boolean;
}

export interface RotationPolicyRepository {
  find(orgId: string): Promise<RotationPolicyRecord | undefined>;
  list(): Promise<RotationPolicyRecord[]>;
  put(
    orgId: string,
    maxAgeDays: number,
    remindDays: number,
    by: string,
  ): Promise<RotationPolicyRecord>;
  remove(orgId: string): Promise<boolean>;
  /** Every secret of the org's extension scopes, signing secrets left out; by scope and key. */
  listSecrets(orgId: string): Promise<RotationSecretRecord[]>;
}
