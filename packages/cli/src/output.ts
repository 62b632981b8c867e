import type { CliIo } from './io.js';

/**
 * Where a command's results go: stdout carries the result only (the JSON response with
 * `--json`, else its human rendering); warnings and notes go to stderr.
 */
export class Output {
  readonly #io: CliIo;
  readonly json: boolean;

  constructor(io: CliIo, json: boolean) {
    this.#io = io;
    this.json = json;
  }

  /** The response object with --json; otherwise the lines `human` renders (no final newline). */
  result(data: unknown, human: () => string): void {
    // Always one newline more: a revealed value that ends with a newline keeps it.
    this.#io.stdout.write(`${this.json ? JSON.stringify(data, null, 2) : human()}\n`);
  }

  warn(message: string): void {
    this.#io.stderr.write(`Warning: ${message}\n`);
  }
}

// Control characters (C0, DEL, C1): an audit row's routing key comes from whoever sent the
// request, and must not be able to move the operator's cursor or recolour the terminal.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** The text with control characters shown as `\xNN` escapes. */
export const printable = (text: string): string =>
  text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** A plain text table: a header row, columns padded to their widest cell, cells printable. */
export function table(headers: readonly string[], cells: readonly (readonly string[])[]): string {
  const rows = cells.map((row) => row.map(printable));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((text, i) => (i === row.length - 1 ? text : text.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/** A nullable timestamp or count for a table cell. */
export const cell = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? '-' : String(value);
