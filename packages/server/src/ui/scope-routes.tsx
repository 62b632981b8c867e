import type { Hono } from 'hono';
import type { Env } from '../endpoint.js';
import type { UiContext } from './page.js';

/** The keys of one scope: metadata, set a value (write-only), delete, a key's audit trail. */
export function scopeRoutes(_ui: Hono<Env>, _ctx: UiContext) {}
