import type { AdminClient } from '@kici/contracts';
import type { ConnectOptions } from './connection.js';
import type { Flags } from './flags.js';
import type { CliIo } from './io.js';
import type { Output } from './output.js';

export interface OptionSpec {
  /** cac syntax: `--from-file <path>` takes a value, `--dry-run` is a flag, `--no-trim` negates. */
  readonly flags: string;
  readonly description: string;
}

export interface CommandContext {
  /** Positional arguments, exactly as typed. */
  readonly args: readonly string[];
  readonly flags: Flags;
  readonly io: CliIo;
  readonly out: Output;
  /**
   * The admin client for --url/--token or KICI_ADMIN_URL/KICI_ADMIN_TOKEN, its timeout from
   * --timeout or KICI_ADMIN_TIMEOUT, else the command's default (options), else 30 s.
   */
  client(options?: ConnectOptions): AdminClient;
  /** Every command and group (for `completion`), as the program defines them. */
  readonly catalog: Catalog;
}

/** One `kici-admin` command: what it accepts, how it is documented, what it does. */
export interface CommandSpec {
  /** The group (`secret`, `token`, `config`), or none for a top-level command. */
  readonly group?: string;
  /** cac syntax: the name, then its positionals (`set [org-id] [scope] [key]`). */
  readonly name: string;
  readonly description: string;
  /** Shown as the usage line when the positionals need explaining. */
  readonly usage?: string;
  readonly options?: readonly OptionSpec[];
  /** Full command lines; every command shows at least one. */
  readonly examples: readonly [string, ...string[]];
  run(context: CommandContext): Promise<void>;
}

/** Identity, for inference and for a uniform look of the command files. */
export const defineCommand = (spec: CommandSpec): CommandSpec => spec;

/** A group of commands: `kici-admin <group> <command>`; nested as `extensions secrets`. */
export interface GroupSpec {
  readonly name: string;
  readonly description: string;
  readonly examples: readonly [string, ...string[]];
}

/** The command definitions and the options every command accepts. */
export interface Catalog {
  /** The executable (`kici-admin`, `kiket`). */
  readonly bin: string;
  readonly commands: readonly CommandSpec[];
  readonly groups: readonly GroupSpec[];
  readonly globalOptions: readonly OptionSpec[];
}
