import type { JsonValue } from '@kici/contracts';
import type { Core } from '@kici/core';
import type { Hono } from 'hono';
import { type Env, mount } from '../endpoint.js';

export function operationRoutes(app: Hono<Env>, core: Core) {
  mount(app, 'rotateKey', ({ actor, body }) => core.rotation.rotateKey(actor, body));
  mount(app, 'audit', async ({ actor, query }) => ({
    // Audit metadata is written by core from JSON-safe values and read back from jsonb.
    entries: (await core.audit.query(actor, query)).map((e) => ({
      ...e,
      metadata: e.metadata as Record<string, JsonValue>,
    })),
    limit: query.limit,
    offset: query.offset,
  }));
}
