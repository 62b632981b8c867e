/**
 * `@kici/cli`: `kici-admin`, the operators' command line over the KiCI orchestrator's admin
 * HTTP API. The bin is `dist/main.js`; `runCli` runs one invocation in-process.
 * @module
 */

export { runCli } from './cli.js';
export { EXIT_CODES, type ExitCode } from './errors.js';
export type { CliIo } from './io.js';
