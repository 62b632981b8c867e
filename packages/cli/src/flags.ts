import { camelCase } from './camel-case.js';
import { UsageError } from './errors.js';

/** Typed access to a command's parsed options; names are spelled as on the command line. */
export class Flags {
  readonly #values: Readonly<Record<string, unknown>>;

  constructor(values: Readonly<Record<string, unknown>>) {
    this.#values = values;
  }

  /** A string option's value as typed, or undefined when it was not given. */
  string(name: string): string | undefined {
    const value = this.#values[camelCase(name)];
    if (value === undefined) return undefined;
    if (Array.isArray(value)) throw new UsageError(`--${name} was given more than once`);
    if (typeof value !== 'string') throw new UsageError(`--${name}: expected a value`);
    return value;
  }

  /** Every value of a repeatable string option, as typed and in order; [] when not given. */
  list(name: string): string[] {
    const value = this.#values[camelCase(name)];
    if (value === undefined) return [];
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (!values.every((v) => typeof v === 'string')) {
      throw new UsageError(`--${name}: expected a value`);
    }
    return values as string[];
  }

  /**
   * Whether a boolean flag is on (`--no-x` turns `x` off). mri knows cac's flags by their
   * camelCase names only, so a pinned `--dry-run=true` arrives as the string "true".
   */
  bool(name: string): boolean {
    const value = this.#values[camelCase(name)];
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.every((v) => v === undefined || v === false || v === 'false')) return false;
    if (values.every((v) => v === true || v === 'true')) return true;
    throw new UsageError(`--${name} takes no value`);
  }
}
