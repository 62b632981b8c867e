// The arguments of a benchmark against a baseline build: --baseline DIR (a checkout whose
// packages/server/dist/main.js is built), --seconds N, --json.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export function baselineArgs(argv = process.argv.slice(2)) {
  const args = { seconds: 3, json: false, baseline: undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') args.json = true;
    else if (flag === '--seconds') args.seconds = Number(argv[++i]);
    else if (flag === '--baseline') args.baseline = argv[++i];
    else throw new Error(`unknown argument ${flag} (expected --baseline DIR, --seconds N, --json)`);
  }
  if (!args.baseline) throw new Error('--baseline DIR: expected a built checkout to compare with');
  const baselineBin = resolve(args.baseline, 'packages/server/dist/main.js');
  if (!existsSync(baselineBin)) throw new Error(`--baseline: ${baselineBin} not found (build it)`);
  return { ...args, baselineBin };
}
