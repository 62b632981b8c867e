import type { Hono } from 'hono';
import type { Env } from '../endpoint.js';
import type { UiContext } from './page.js';

/** The diagnostics page: one card per backend. */
export function diagnosticsRoutes(_ui: Hono<Env>, _ctx: UiContext) {}
