import type { Role } from '@kici/rbac';

/** Who is calling: an authenticated admin token. */
export interface Actor {
  readonly tokenId: string;
  readonly label: string;
  readonly role: Role;
}

/** How an actor appears in audit rows and created_by/updated_by columns. */
export const actorName = (actor: Actor): string => `token:${actor.tokenId}`;

/** For work the orchestrator does on its own (bootstrap, migrations). */
export const SYSTEM_ACTOR_NAME = 'system';
