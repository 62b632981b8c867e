import type { OptionSpec } from '../command.js';

/**
 * The flags of the five input modes and the two cross-cutting ones (`--confirm-fingerprint`,
 * `--dry-run`), for every command that takes a value through them (`secret set`, `variable set`).
 */
export const INPUT_MODE_OPTIONS: readonly OptionSpec[] = [
  { flags: '--prompt', description: 'Ask for the value without echo (default on a terminal)' },
  { flags: '--from-stdin', description: 'Read stdin until EOF (default when stdin is a pipe)' },
  { flags: '--from-file <path>', description: 'Read the value from a file (trimmed)' },
  { flags: '--no-trim', description: 'With --from-file: keep surrounding whitespace' },
  { flags: '--from-env <VAR>', description: 'Read the value from an environment variable' },
  { flags: '--value <plaintext>', description: 'Last resort: the value itself (shell history!)' },
  {
    flags: '--confirm-fingerprint <hex>',
    description: "Refuse unless the value's SHA-256 is this",
  },
  { flags: '--dry-run', description: 'Validate and print the fingerprint; write nothing' },
];
