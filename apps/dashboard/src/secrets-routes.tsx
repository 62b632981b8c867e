import { scopeTree } from '@kici/core';
import type { Hono } from 'hono';
import type { Env } from './hono-env.js';
import { orgOf, pageUrl, type UiContext, withSession } from './page.js';
import { SecretsPage } from './secrets-page.js';

/** The secrets page: the scope tree by backend, and "Sync now". */
export function secretsRoutes(ui: Hono<Env>, ctx: UiContext) {
  ui.get(
    '/secrets',
    withSession(ctx, async (c, actor) => {
      const orgId = orgOf(c);
      const tree = await scopeTree(ctx.core, actor, orgId);
      const synced = c.req.query('synced');
      const notice = synced === undefined ? undefined : `Synced ${synced} backend(s).`;
      return c.html(<SecretsPage orgId={orgId} tree={tree} notice={notice} />);
    }),
  );
  ui.post(
    '/secrets/sync',
    withSession(ctx, async (c, actor) => {
      const orgId = orgOf(c);
      // Every registered backend, now; the page then shows the tree as the sync left it.
      const results = await ctx.core.backends.sync(actor);
      return c.redirect(pageUrl('/secrets', { org: orgId, synced: String(results.length) }), 303);
    }),
  );
}
