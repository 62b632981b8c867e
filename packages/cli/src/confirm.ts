import { confirm, isCancel } from '@clack/prompts';
import type { AdminClient } from '@kici/contracts';
import type { CommandContext } from './command.js';
import { InterruptedError, OperationError, UsageError } from './errors.js';
import type { CliIo } from './io.js';

/** The flag every destructive command takes to skip its question. */
export const YES_OPTION = { flags: '-y, --yes', description: 'Skip the confirmation' };

/**
 * Destructive commands ask first unless `--yes`. Nobody can answer a prompt on a pipe, so
 * that case is refused before any I/O (`verb`: what would happen, e.g. `delete`).
 */
function requireAnswerable(io: CliIo, yes: boolean, verb: string): void {
  if (!yes && io.stdin.isTTY !== true) {
    throw new UsageError(`stdin is not a terminal, so nobody can confirm: pass --yes to ${verb}`);
  }
}

/** Asks `question` on stderr (stdout keeps only the result) unless `yes`; no means cancelled. */
async function confirmUnlessYes(
  io: CliIo,
  yes: boolean,
  question: string,
  nothingDone: string,
): Promise<void> {
  if (yes) return;
  const answer = await confirm({
    message: question,
    initialValue: false,
    input: io.stdin,
    output: io.stderr,
  });
  // Ctrl-C is an interruption (exit 130); answering no is a refusal (exit 1).
  if (isCancel(answer)) throw new InterruptedError(`cancelled: ${nothingDone}`);
  if (!answer) throw new OperationError(`cancelled: ${nothingDone}`);
}

const PAST = {
  delete: 'deleted',
  remove: 'removed',
  cancel: 'cancelled',
  uninstall: 'uninstalled',
} as const;

/**
 * The front of a destructive command, once its target is known: refused on a pipe without
 * --yes (before any I/O), the admin client made (so a bad --url or --token is reported before
 * the question), then `question` asked unless --yes. Returns the client.
 */
export async function confirmDestructive(
  { flags, io, client }: CommandContext,
  verb: keyof typeof PAST,
  question: string,
): Promise<AdminClient> {
  const yes = flags.bool('yes');
  requireAnswerable(io, yes, verb);
  const admin = client();
  await confirmUnlessYes(io, yes, question, `nothing was ${PAST[verb]}`);
  return admin;
}
