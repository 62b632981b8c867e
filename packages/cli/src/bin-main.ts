import type { BinSpec } from './bins.js';
import { runCli } from './cli.js';
import { processIo } from './io.js';

/** The body of a bin: run the command line, exit with its code. */
export async function runBin(bin: BinSpec): Promise<void> {
  // `kici-admin audit | head -1`: a reader that leaves early is not a failure of ours.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  // exitCode, not exit(): stdout may be a pipe still draining a large --json answer.
  process.exitCode = await runCli(process.argv.slice(2), processIo(), bin);
}
