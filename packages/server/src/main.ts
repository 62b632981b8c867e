#!/usr/bin/env node
// kici-server: the orchestrator's secrets server (the seed's `node server.js`).
import { startServer } from './start.js';

const log = (line: string) => console.log(`[kici] ${line}`);

startServer(process.env, log).then(
  (running) => {
    const stop = (signal: string) => {
      log(`${signal} received: draining in-flight requests`);
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  },
  (error: Error) => {
    console.error(`[kici] ${error.message}`);
    process.exit(1);
  },
);
