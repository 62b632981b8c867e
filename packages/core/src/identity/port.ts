/** What the identity domain needs from storage. */

export interface OrgRepository {
  /**
   * The org ids that exist: every org holding a secret, a variable or an environment, in
   * ascending order. An org has no row of its own; its first object creates it.
   */
  listIds(): Promise<string[]>;
}
