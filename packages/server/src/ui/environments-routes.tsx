import type { Hono } from 'hono';
import type { Env } from '../endpoint.js';
import type { UiContext } from './page.js';

/** Environments: protection rules, ordered scope bindings and the "Test runs" switch. */
export function environmentsRoutes(_ui: Hono<Env>, _ctx: UiContext) {}
