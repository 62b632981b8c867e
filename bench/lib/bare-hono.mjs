// The framework's ceiling: a bare Hono app on @hono/node-server with no auth, database or
// crypto, answering the same shapes as the admin API. Prints its URL once listening.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/bare', (c) => c.json({ orgId: 'acme', scope: 'pg:bench', keys: [] }));
app.put('/bare', async (c) => {
  const { value } = await c.req.json();
  return c.json({
    key: 'K',
    scope: 'pg:bench',
    valueLength: value.length,
    updatedAt: new Date().toISOString(),
  });
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`Listening on http://127.0.0.1:${info.port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
