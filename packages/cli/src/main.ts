#!/usr/bin/env -S node --
// kici-admin: the operators' command line over the orchestrator's admin HTTP API.
// `node --` in the shebang: see kiket.ts (Node 20 takes `--env-file` anywhere in argv).
import { runBin } from './bin-main.js';
import { KICI_ADMIN } from './bins.js';

await runBin(KICI_ADMIN);
