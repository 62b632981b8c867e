#!/usr/bin/env node
// The Vault-compatible KV v2 test server as a process. Options come from flags
// (`--root-token hvs.x`) or VAULT_TEST_* variables (VAULT_TEST_ROOT_TOKEN); see README.md.
// Prints one line once both ports listen:
//   vault-test-server listening on http://127.0.0.1:PORT control http://127.0.0.1:PORT
import { readOptions } from './options.mjs';
import { startServer } from './server.mjs';

try {
  const server = await startServer(readOptions(process.argv.slice(2), process.env));
  console.log(`vault-test-server listening on ${server.url} control ${server.controlUrl}`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  console.error(`vault-test-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
