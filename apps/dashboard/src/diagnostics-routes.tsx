import { BUILT_IN_BACKEND } from '@kici/contracts/vocabulary';
import type { Hono } from 'hono';
import { builtInCard, cardOf, DiagnosticsPage } from './diagnostics-page.js';
import type { Env } from './hono-env.js';
import { orgOf, pageUrl, type UiContext, withSession } from './page.js';

/** The diagnostics page: one card per backend, from the same core calls as the admin API. */
export function diagnosticsRoutes(ui: Hono<Env>, ctx: UiContext) {
  ui.get(
    '/diagnostics',
    withSession(ctx, async (c, actor) => {
      const orgId = orgOf(c);
      const [stored, registered] = await Promise.all([
        ctx.core.secrets.listScopes(actor, orgId),
        ctx.core.backends.list(actor),
      ]);
      const own = stored.filter((s) => s.scope.startsWith(`${BUILT_IN_BACKEND}:`)).length;
      const synced = c.req.query('synced');
      const notice = synced === undefined ? undefined : `Synced ${synced} backend(s).`;
      const cards = [builtInCard(own), ...registered.map(cardOf)];
      return c.html(<DiagnosticsPage orgId={orgId} cards={cards} notice={notice} />);
    }),
  );
  ui.post(
    '/diagnostics/sync',
    withSession(ctx, async (c, actor) => {
      const orgId = orgOf(c);
      const results = await ctx.core.backends.sync(actor);
      return c.redirect(
        pageUrl('/diagnostics', { org: orgId, synced: String(results.length) }),
        303,
      );
    }),
  );
}
