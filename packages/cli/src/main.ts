#!/usr/bin/env node
// kici-admin: the operators' command line over the orchestrator's admin HTTP API.
import { runCli } from './cli.js';

// `kici-admin audit | head -1`: a reader that leaves early is not a failure of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

// exitCode, not exit(): stdout may be a pipe still draining a large --json answer.
process.exitCode = await runCli(process.argv.slice(2));
