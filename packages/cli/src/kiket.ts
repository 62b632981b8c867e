#!/usr/bin/env node
// kiket: the extension secret store's command line (`kiket extensions …`, `kiket marketplace …`).
import { runBin } from './bin-main.js';
import { KIKET } from './bins.js';

await runBin(KIKET);
