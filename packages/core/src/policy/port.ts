import type { Surface, WriteOperation } from '@kici/contracts/vocabulary';
import type { Actor } from '../kernel/actor.js';

/** Which surfaces may perform each write operation (the `writePolicy` config key). */
export type WritePolicy = Readonly<Record<WriteOperation, readonly Surface[]>>;

/**
 * What other domains ask of the policy (wired by createCore): the dashboard-write check and
 * the pg customer secrets toggle. They never see the policy's internals or its config.
 */
export interface SurfaceCheck {
  /**
   * Refuses (audited, 403) a write from a surface the policy excludes; the surface is the
   * actor's token's.
   */
  requireSurface(actor: Actor, operation: WriteOperation, context: SurfaceContext): Promise<void>;
}

/** Where a refused write was aimed, for its audit row. */
export interface SurfaceContext {
  readonly orgId?: string | null;
  readonly contextName?: string | null;
  readonly action: string;
  /** The key written, so a refusal shows in that key's audit trail. */
  readonly key?: string;
}

export interface CustomerSecretsCheck {
  /** Whether customer secrets may be created in the pg backend (default true). */
  pgCustomerSecrets(): Promise<boolean>;
}
