// Human output: aligned tables that a hostile cell cannot turn into terminal commands.
import { describe, expect, it } from 'vitest';
import { printable, table } from '../src/output.js';

describe('output', () => {
  it('aligns columns and leaves no trailing blanks', () => {
    expect(
      table(
        ['KEY', 'N'],
        [
          ['A_LONG_KEY', '1'],
          ['B', '22'],
        ],
      ),
    ).toBe('KEY         N\nA_LONG_KEY  1\nB           22');
  });

  it('shows control characters as escapes', () => {
    expect(printable('GET /\u001b[2J\u0007\u009b\n')).toBe('GET /\\x1b[2J\\x07\\x9b\\x0a');
    expect(table(['ROUTING KEY'], [['\u001b]0;pwned\u0007']])).toBe(
      'ROUTING KEY\n\\x1b]0;pwned\\x07',
    );
  });
});
