#!/usr/bin/env -S node --max-semi-space-size=32
// kici-server: the orchestrator's secrets server (the seed's `node server.js`).
// The shebang's flags are SERVER_NODE_FLAGS (node-flags.ts), which says why.
import { readInvocation } from './invocation.js';
import { startServer } from './start.js';

const log = (line: string) => console.log(`[kici] ${line}`);

// --help and --version print and exit; any other argument is a mistake (exit 2), never a start.
const invocation = readInvocation(process.argv.slice(2));
if (invocation.kind === 'print') {
  process.stdout.write(invocation.text);
  process.exit(0);
}
if (invocation.kind === 'usage-error') {
  console.error(invocation.message);
  process.exit(2);
}

const starting = startServer(process.env, log);

// Installed before start-up finishes, so a SIGTERM that arrives early still drains cleanly.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    log(`${signal} received: draining in-flight requests`);
    starting
      .then((running) => running.stop())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  });
}

// SIGHUP re-reads the TLS certificate (after a renewal); it never stops the server.
process.on('SIGHUP', () => {
  starting.then((running) => running.reloadTls()).catch(() => undefined);
});

// Errors whose messages are written to be shown (configuration, keys, backends, the OS).
// Others, a failed query's above all, can carry parameters: only their name is printed.
const SHOWN = new Set(['Error', 'KiciError', 'KeyConfigError', 'MasterKeyError', 'TypeError']);

starting.catch((error: Error) => {
  console.error(
    `[kici] ${SHOWN.has(error.name) ? error.message : `start-up failed: ${error.name}`}`,
  );
  process.exit(1);
});
