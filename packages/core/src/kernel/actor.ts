import type { Role, Surface } from '@kici/contracts/vocabulary';

/** Who is calling: an authenticated admin token, and the surface that token belongs to. */
export interface Actor {
  readonly tokenId: string;
  readonly label: string;
  readonly role: Role;
  /**
   * The token's surface, fixed when it was issued (`cli` for admin tokens, `dashboard` for the
   * dashboard's credential). Nothing a request sends can change it.
   */
  readonly surface: Surface;
}

/** How an actor appears in audit rows and created_by/updated_by columns. */
export const actorName = (actor: Actor): string => `token:${actor.tokenId}`;

/** For work the orchestrator does on its own (bootstrap, migrations). */
export const SYSTEM_ACTOR_NAME = 'system';

/** The actor name of resolutions the dispatcher asks for (and of its failed credentials). */
export const DISPATCHER_ACTOR = 'dispatcher';
