import type { AccessSource, Role, Surface } from '@kici/contracts/vocabulary';

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
  /**
   * Where the request came from, for the extension access log: `ui` (the dashboard's
   * credential), `cli` (the CLI's client says so), else `api`. Set by the server's auth.
   */
  readonly source?: 'cli' | 'api' | 'ui';
}

/** The access log's source of an API call: the dashboard is `ui`, whatever a header says. */
export function requestSource(surface: Surface, header: string | undefined): 'cli' | 'api' | 'ui' {
  if (surface === 'dashboard') return 'ui';
  return header?.trim().toLowerCase() === 'cli' ? 'cli' : 'api';
}

/** The source an actor's writes are logged with (`api` when the server set none). */
export const sourceOf = (actor: Actor): AccessSource =>
  actor.source ?? requestSource(actor.surface, undefined);

/** How an actor appears in audit rows and created_by/updated_by columns. */
export const actorName = (actor: Actor): string => `token:${actor.tokenId}`;

/** For work the orchestrator does on its own (bootstrap, migrations). */
export const SYSTEM_ACTOR_NAME = 'system';

/** The actor name of resolutions the dispatcher asks for (and of its failed credentials). */
export const DISPATCHER_ACTOR = 'dispatcher';
