// The word-level fixes over cac/mri: values arrive as typed, flags never swallow a word.
import { describe, expect, it } from 'vitest';
import { firstPositional, optionKinds, pinBooleans, rawStrings } from '../src/argv.js';

const kinds = optionKinds([
  { flags: '--json', description: '' },
  { flags: '-h, --help', description: '' },
  { flags: '--dry-run', description: '' },
  { flags: '--no-trim', description: '' },
  { flags: '--value <plaintext>', description: '' },
  { flags: '--from-file <path>', description: '' },
]);

describe('argv', () => {
  it('reads option kinds as cac declares them', () => {
    expect([...kinds.booleans]).toEqual(['json', 'help', 'dryRun', 'trim']);
    expect([...kinds.strings]).toEqual(['value', 'fromFile']);
    expect(kinds.shortBooleans.get('h')).toBe('help');
  });

  it('pins bare boolean flags so that they take no word, and leaves the rest alone', () => {
    expect(
      pinBooleans(
        ['--json', '0042', '-h', '--dry-run', '--no-trim', '--value', '7', '--', '--json'],
        kinds,
      ),
    ).toEqual([
      '--json=true',
      '0042',
      '--help=true',
      '--dry-run=true',
      '--no-trim',
      '--value',
      '7',
      '--',
      '--json',
    ]);
  });

  it('recovers string values as typed, following mri’s choice of value word', () => {
    const words = pinBooleans(
      [
        '--value',
        '0042',
        '--from-file=007',
        '--value=-dash',
        '--fromFile',
        '1e3',
        '--value',
        '--json',
        '--',
        '--value',
        'x',
      ],
      kinds,
    );
    expect(Object.fromEntries(rawStrings(words, kinds))).toEqual({
      value: ['0042', '-dash'],
      fromFile: ['007', '1e3'],
    });
  });

  it('finds the command word behind options and their values', () => {
    expect(firstPositional(['--url', 'http://x', '--json=true', 'secret', 'set'])).toBe(3);
    expect(firstPositional(['--token=t', '--no-trim', 'config'])).toBe(2);
    expect(firstPositional(['--json=true', '--', 'secret'])).toBe(-1);
  });
});
