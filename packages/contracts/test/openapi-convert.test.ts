// What JSON Schema cannot say (custom checks, transforms, Dates, recursion) converts to a
// fallback rather than throwing: the server still checks it and answers 400.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { SchemaConverter } from '../src/openapi/convert.js';

describe('SchemaConverter', () => {
  it('keeps the schema before a custom check and says the server checks more', () => {
    const schema = v.pipe(
      v.string(),
      v.minLength(2),
      v.check((s) => s !== 'no', 'name: must not be no'),
    );
    const json = new SchemaConverter().convert(schema);
    expect(json).toMatchObject({ type: 'string', minLength: 2 });
    expect(json.description).toContain('name: must not be no');
    expect(json.$schema).toBeUndefined();
  });

  it('stops at a transform: the wire format is the input', () => {
    const schema = v.pipe(
      v.string(),
      v.transform((s) => s.length),
      v.number(),
    );
    expect(new SchemaConverter().convert(schema)).toEqual({ type: 'string' });
  });

  it('a Date travels as a date-time string; an unknown custom schema is described, not typed', () => {
    const converter = new SchemaConverter();
    expect(converter.convert(v.date())).toEqual({ type: 'string', format: 'date-time' });
    expect(converter.convert(v.custom(() => true, 'x: expected opaque'))).toEqual({
      description: 'The server checks more than JSON Schema can say here: x: expected opaque',
    });
    expect(converter.convert(v.union([v.string(), v.date()]))).toEqual({
      type: 'string',
      format: 'date-time',
    });
  });

  it('a recursive schema becomes a component the document refers to', () => {
    type Tree = { children: Tree[] };
    const Tree: v.GenericSchema<Tree> = v.object({ children: v.array(v.lazy(() => Tree)) });
    const converter = new SchemaConverter();
    const json = converter.convert(v.object({ root: v.lazy(() => Tree) }));
    expect(JSON.stringify(json)).toContain('#/components/schemas/Recursive');
    expect(JSON.stringify(json)).not.toContain('$defs');
    const [name] = Object.keys(converter.components);
    expect(JSON.stringify(converter.components[name ?? ''])).toContain(
      `#/components/schemas/${name}`,
    );
  });
});
