#!/usr/bin/env -S node --
// kiket: the extension secret store's command line (`kiket extensions …`, `kiket marketplace …`).
// `node --` in the shebang: Node 20 reads an `--env-file` anywhere in argv as its own option
// (and exits when the file is missing); `--` keeps `kiket … --env-file .env.x` ours.
import { runBin } from './bin-main.js';
import { KIKET } from './bins.js';

await runBin(KIKET);
