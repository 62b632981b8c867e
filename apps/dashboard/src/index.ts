/**
 * `@kici/dashboard`: the KiCI Secrets web dashboard, server-rendered Hono JSX. kici-server
 * mounts `createDashboard(...)` at /ui and lends it its token check, so this package never
 * imports the server.
 * @module
 */

export { UI_CSP } from './headers.js';
export type { Env } from './hono-env.js';
export { DEFAULT_ORG } from './page.js';
export { createDashboard, type DashboardOptions } from './routes.js';
export type { Authenticate } from './session.js';
