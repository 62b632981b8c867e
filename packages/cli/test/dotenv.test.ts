// The --env-file scanner reads files as the `dotenv` package does: property tests compare the
// two on arbitrary text and on generated files whose values are known.
import dotenv from 'dotenv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDotenv, scanDotenv } from '../src/input/dotenv.js';

// The characters dotenv's grammar turns on, plus letters, so that keys and values form often.
const SIGNIFICANT = [...'AZ_az09.-=:#\'"`\\ \t\n\r\u2028', 'export ', 'KEY=', '\\n', '"'];
const dotenvish = fc.array(fc.oneof(fc.constantFrom(...SIGNIFICANT), fc.string()), {
  maxLength: 40,
});

const key = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,12}$/);
// Values in each quoting style, limited to what that style can hold.
const plain = fc
  .stringMatching(/^[^#\r\n"'`\s][^#\r\n]{0,20}$/)
  .map((v) => v.trim())
  .filter((v) => v !== '' && !/^(['"`]).*\1$/.test(v));
// A backslash before the closing quote escapes it in dotenv's grammar: the value goes on.
const single = fc.stringMatching(/^[^'\r]{0,20}$/).filter((v) => !v.endsWith('\\'));
const backtick = fc.stringMatching(/^[^`\r]{0,20}$/).filter((v) => !v.endsWith('\\'));
const double = fc.stringMatching(/^[^"\\\r]{0,20}$/);

type Style = 'plain' | 'single' | 'double' | 'backtick';
const entry = fc.oneof(
  fc.record({ key, value: plain, style: fc.constant<Style>('plain') }),
  fc.record({ key, value: single, style: fc.constant<Style>('single') }),
  fc.record({ key, value: double, style: fc.constant<Style>('double') }),
  fc.record({ key, value: backtick, style: fc.constant<Style>('backtick') }),
);

function render(e: { key: string; value: string; style: Style }, exported: boolean): string {
  const value =
    e.style === 'plain'
      ? e.value
      : e.style === 'single'
        ? `'${e.value}'`
        : e.style === 'backtick'
          ? `\`${e.value}\``
          : // Half of the newlines escaped as \n, as a double-quoted value may spell them.
            `"${e.value.replace(/\n/g, (_, at: number) => (at % 2 ? '\\n' : '\n'))}"`;
  return `${exported ? 'export ' : ''}${e.key}=${value}`;
}

describe('scanDotenv', () => {
  it('reads any text as dotenv.parse does', () => {
    fc.assert(
      fc.property(dotenvish, (parts) => {
        const text = parts.join('');
        expect(parseDotenv(text)).toEqual(dotenv.parse(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads generated files back to their values, as dotenv does, with their lines', () => {
    const file = fc.array(
      fc.record({
        entry,
        exported: fc.boolean(),
        comment: fc.option(fc.constantFrom('# note', '   # indented', ''), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(file, (rows) => {
        const lines: string[] = [];
        const expected: { key: string; value: string; line: number }[] = [];
        for (const row of rows) {
          if (row.comment !== undefined) lines.push(row.comment);
          expected.push({ key: row.entry.key, value: row.entry.value, line: lines.length + 1 });
          lines.push(...render(row.entry, row.exported).split('\n'));
        }
        const text = `${lines.join('\n')}\n`;
        const scan = scanDotenv(text);
        expect(scan.entries).toEqual(expected);
        expect(scan.unreadLines).toEqual([]);
        expect(parseDotenv(text)).toEqual(dotenv.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads every form dotenv documents', () => {
    const text = [
      '# a comment',
      '',
      'PLAIN=hello world   # trailing comment',
      "SINGLE='keeps \\n and # as they are'",
      'DOUBLE="line one\\nline two"',
      'BACKTICK=`has "double" and \'single\'`',
      'export EXPORTED=yes',
      'MULTI="first',
      'second"',
      '  SPACED  =  trimmed  ',
      'COLON: also',
      'EMPTY=',
      'CRLF=value\r',
    ].join('\n');
    const scan = scanDotenv(text);
    expect(scan.entries.map((e) => [e.key, e.value, e.line])).toEqual([
      ['PLAIN', 'hello world', 3],
      ['SINGLE', 'keeps \\n and # as they are', 4],
      ['DOUBLE', 'line one\nline two', 5],
      ['BACKTICK', `has "double" and 'single'`, 6],
      ['EXPORTED', 'yes', 7],
      ['MULTI', 'first\nsecond', 8],
      ['SPACED', 'trimmed', 10],
      ['COLON', 'also', 11],
      ['EMPTY', '', 12],
      ['CRLF', 'value', 13],
    ]);
    expect(parseDotenv(text)).toEqual(dotenv.parse(text));
    expect(scan.unreadLines).toEqual([]);
  });

  it('names the lines dotenv would skip', () => {
    expect(scanDotenv('A=1\nnot a pair\n\n  # ok\nB=2\nsk-live-abc\n').unreadLines).toEqual([2, 6]);
  });
});
