/** What the variables domain needs from storage. */

export interface VariableRecord {
  readonly id: number;
  readonly orgId: string;
  readonly scope: string;
  readonly key: string;
  readonly value: string;
  readonly locked: boolean;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

export interface VariableRepository {
  upsert(write: {
    orgId: string;
    scope: string;
    key: string;
    value: string;
    locked: boolean;
    actor: string;
  }): Promise<{ record: VariableRecord; created: boolean }>;
  find(orgId: string, scope: string, key: string): Promise<VariableRecord | undefined>;
  /** A scope's variables by key, or (without `scope`) every variable of the org. */
  list(orgId: string, scope?: string): Promise<VariableRecord[]>;
  remove(orgId: string, scope: string, key: string): Promise<boolean>;
}
