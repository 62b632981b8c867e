// How core answers are rendered for JSON (wire.ts): dates as ISO strings, bytes as base64,
// and parts with neither answered as they are.
import { describe, expect, it } from 'vitest';
import { toWire } from '../src/wire.js';

describe('toWire', () => {
  it('renders dates and bytes at any depth, leaving the input as it was', () => {
    const at = new Date('2026-12-07T10:00:00.000Z');
    const whole = Uint8Array.of(0, 1, 2, 250, 251, 252);
    const answer = {
      at,
      key: whole.subarray(3), // a view: only its own bytes are encoded
      list: [{ at, name: 'x' }, 'plain', 3, null],
      nested: { deep: { bytes: Uint8Array.of(104, 105) } },
    };
    expect(toWire(answer)).toEqual({
      at: '2026-12-07T10:00:00.000Z',
      key: Buffer.from([250, 251, 252]).toString('base64'),
      list: [{ at: '2026-12-07T10:00:00.000Z', name: 'x' }, 'plain', 3, null],
      nested: { deep: { bytes: 'aGk=' } },
    });
    expect(answer.at).toBe(at);
    expect(answer.list[0]).toEqual({ at, name: 'x' });
    expect(answer.nested.deep.bytes).toEqual(Uint8Array.of(104, 105));
  });

  it('answers a part without dates or bytes as it is, not a copy', () => {
    const sources = { A: { backend: 'pg', scope: 'pg:app' }, B: { backend: 'pg', scope: 'pg:db' } };
    const list = ['a', 'b'];
    const wire = toWire({ sources, list, at: new Date(0) });
    expect(wire.sources).toBe(sources);
    expect(wire.list).toBe(list);
    expect(wire.at).toBe('1970-01-01T00:00:00.000Z');
  });
});
