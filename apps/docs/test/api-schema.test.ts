import { describe, expect, it } from 'vitest';
import { fieldRows, type Schema, typeOf } from '../scripts/api-schema.js';

const doc: Schema = {
  components: {
    schemas: {
      Entry: {
        type: 'object',
        required: ['key'],
        properties: {
          key: { type: 'string', pattern: '^[A-Z]+$' },
          at: { type: ['string', 'null'] },
        },
      },
    },
  },
};

describe('JSON Schema as field rows', () => {
  it('follows $refs, arrays, records and unions, marking required fields', () => {
    const schema = {
      type: 'object',
      required: ['entries'],
      properties: {
        entries: { type: 'array', items: { $ref: '#/components/schemas/Entry' } },
        secrets: {
          type: 'object',
          additionalProperties: { type: 'object', properties: { value: { type: 'string' } } },
        },
        mode: { anyOf: [{ const: 'a' }, { const: 'b' }] },
      },
    };
    const rows = fieldRows(doc, schema);
    expect(rows.map((r) => [r.path, r.type, r.required])).toEqual([
      ['entries', 'object[]', true],
      ['entries[].key', 'string', true],
      ['entries[].at', 'string | null', false],
      ['secrets', 'object', false],
      ['secrets.*', 'object', false],
      ['secrets.*.value', 'string', false],
      ['mode', '"a" | "b"', false],
    ]);
    expect(rows[1]?.notes).toBe('pattern `^[A-Z]+$`');
  });

  it('stops at a schema that refers to itself', () => {
    const loop: Schema = {
      components: {
        schemas: {
          Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } },
        },
      },
    };
    const rows = fieldRows(loop, { $ref: '#/components/schemas/Node' });
    expect(rows.length).toBeLessThan(10);
    expect(typeOf(loop, { $ref: '#/components/schemas/Node' })).toBe('object');
  });
});
