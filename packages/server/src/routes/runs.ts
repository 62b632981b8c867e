import type { Core } from '@kici/core';
import type { Hono } from 'hono';
import { type Env, mount } from '../endpoint.js';
import { defined, toWire } from '../wire.js';

/** Operators' view of runs: states, jobs, output keys and sizes (never a value), and cancel. */
export function runRoutes(app: Hono<Env>, core: Core) {
  mount(app, 'runs.list', async ({ actor, query }) =>
    toWire(await core.runs.list(actor, defined(query))),
  );
  mount(app, 'runs.show', async ({ actor, params }) =>
    toWire(await core.runs.show(actor, params.runId)),
  );
  mount(app, 'runs.cancel', async ({ actor, params }) =>
    toWire(await core.runs.cancel(actor, params.runId)),
  );
}
