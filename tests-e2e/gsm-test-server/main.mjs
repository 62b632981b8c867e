#!/usr/bin/env node
// The GSM-compatible test server as a process. Options come from flags (`--project x`) or
// GSM_TEST_* variables (GSM_TEST_PROJECT); see README.md. Prints one line once both listen:
//   gsm-test-server listening on http://127.0.0.1:PORT control http://127.0.0.1:PORT
import { readOptions } from './options.mjs';
import { startServer } from './server.mjs';

try {
  const server = await startServer(readOptions(process.argv.slice(2), process.env));
  console.log(`gsm-test-server listening on ${server.url} control ${server.controlUrl}`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  console.error(`gsm-test-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
