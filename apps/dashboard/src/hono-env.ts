import type { BlankEnv } from 'hono/types';

/**
 * The dashboard's Hono env: its pages read no context variables. The host (kici-server) runs
 * its own middleware outside /ui and lends its authentication through `authenticate`.
 */
export type Env = BlankEnv;
