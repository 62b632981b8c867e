/**
 * A dotenv scanner that reads a file exactly as the `dotenv` npm package's `parse` does (its
 * default parser), and also says on which line each key and each unreadable line is, so that
 * `--env-file` can name the line of a problem without quoting the file.
 */

/** One `KEY=value` of the file; `line` is where the key is (1-based). */
export interface DotenvEntry {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

export interface DotenvScan {
  /** In file order; a key given twice appears twice (the last one wins, as in dotenv). */
  readonly entries: readonly DotenvEntry[];
  /** Lines that are neither blank, a comment, nor part of an entry: dotenv skips them silently. */
  readonly unreadLines: readonly number[];
}

// dotenv's LINE expression, verbatim (with `d` for the key's position): an optional `export `,
// the key, `=` (or `: `), then a quoted value that may span lines or an unquoted one up to `#`.
const LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

/** dotenv's value rules: trimmed, one pair of matching quotes removed, `\n` `\r` in "…" expanded. */
function unquote(raw: string | undefined): string {
  let value = (raw ?? '').trim();
  const quote = value[0];
  value = value.replace(/^(['"`])([\s\S]*)\1$/gm, '$2');
  if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
  return value;
}

/** 1-based line numbers of each offset: the count of newlines before it, plus one. */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** Scans dotenv text: the entries dotenv would read, with their lines, and the lines it skips. */
export function scanDotenv(source: string): DotenvScan {
  const text = source.replace(/\r\n?/gm, '\n');
  const lines = text.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  const covered = new Set<number>();
  const entries: DotenvEntry[] = [];
  for (const match of text.matchAll(LINE)) {
    const key = match[1] as string;
    const keyAt = match.indices?.[1]?.[0] ?? match.index;
    entries.push({ key, value: unquote(match[2]), line: lineOf(starts, keyAt) });
    if (match[0] === '') continue;
    const first = lineOf(starts, match.index);
    const last = lineOf(starts, match.index + match[0].length - 1);
    for (let n = first; n <= last; n++) covered.add(n);
  }
  const unreadLines = lines.flatMap((line, i) =>
    covered.has(i + 1) || /^\s*(#.*)?$/.test(line) ? [] : [i + 1],
  );
  return { entries, unreadLines };
}

/** What dotenv's `parse` answers for `source`: the last value of each key. */
export function parseDotenv(source: string): Record<string, string> {
  const parsed: Record<string, string> = {};
  for (const { key, value } of scanDotenv(source).entries) parsed[key] = value;
  return parsed;
}
