// The rotation report's CSV (RFC 4180): a header row, CRLF line ends, fields quoted when they
// hold a comma, a quote or a line break, quotes doubled; empty for null.
import { describe, expect, it } from 'vitest';
import { csvField, ROTATION_REPORT_COLUMNS, rotationReportCsv } from '../src/index.js';

describe('rotation report CSV', () => {
  it('quotes what RFC 4180 asks to quote, and nothing else', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(false)).toBe('false');
  });

  it('writes a header row and one row per secret', () => {
    const csv = rotationReportCsv({
      org_id: 'acme',
      generated_at: '2026-12-07T17:00:00.000Z',
      policy: { max_age_days: 90, remind_days: 7 },
      secrets: [
        {
          key: 'API_KEY',
          scope: { scope: 'installation', id: 'OPS/com.example,odd "x"' },
          created_at: '2026-01-01T00:00:00.000Z',
          last_rotated_at: null,
          rotation_count: 0,
          age_days: 340,
          external: false,
          compliant: false,
        },
      ],
    });
    expect(csv).toBe(
      `${ROTATION_REPORT_COLUMNS.join(',')}\r\n` +
        'API_KEY,installation,"OPS/com.example,odd ""x""",2026-01-01T00:00:00.000Z,,0,340,false,false,90\r\n',
    );
  });
});
