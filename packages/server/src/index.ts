/**
 * `@kici/server`: the KiCI orchestrator's secrets server. `kici-server` starts it; the
 * pieces are exported for embedding and tests.
 * @module
 */
export { type AppOptions, createApp } from './app.js';
export { readServerConfig, type ServerConfig } from './env.js';
export { OLD_KEY_MESSAGE, type RunningServer, startServer } from './start.js';
