import type { Role, Surface } from '@kici/contracts/vocabulary';

/** Who is calling: an authenticated admin token, and the surface it says it writes from. */
export interface Actor {
  readonly tokenId: string;
  readonly label: string;
  readonly role: Role;
  /** Stated by every mutating request (header `X-Kici-Surface`). */
  readonly surface?: Surface;
}

/** How an actor appears in audit rows and created_by/updated_by columns. */
export const actorName = (actor: Actor): string => `token:${actor.tokenId}`;

/** For work the orchestrator does on its own (bootstrap, migrations). */
export const SYSTEM_ACTOR_NAME = 'system';

/** The actor name of resolutions the dispatcher asks for (and of its failed credentials). */
export const DISPATCHER_ACTOR = 'dispatcher';
