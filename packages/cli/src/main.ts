#!/usr/bin/env node
// kici-admin: the operators' command line over the orchestrator's admin HTTP API.
import { runBin } from './bin-main.js';
import { KICI_ADMIN } from './bins.js';

await runBin(KICI_ADMIN);
