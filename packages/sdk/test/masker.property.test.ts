import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMasker, MIN_MASKED_LENGTH, maskForms } from '../src/index.js';

// A small alphabet makes overlaps, repeats and near-misses likely; '*' is left out, since a
// value made of the mask's own character can re-form around a `***` (see the README).
const units = ['a', 'b', 'A', '0', ' ', '\n', '"', '\\', '/', '+', '=', '%', '-', 'é', '😀'];
const smallString = (minLength: number, maxLength: number) =>
  fc.array(fc.constantFrom(...units), { minLength, maxLength }).map((parts) => parts.join(''));
const anyString = (minLength: number, maxLength: number) =>
  fc.string({ unit: 'binary', minLength, maxLength }).filter((s) => !s.includes('*'));

const value = fc
  .oneof(smallString(MIN_MASKED_LENGTH, 16), anyString(MIN_MASKED_LENGTH, 24))
  .filter((v) => v.trim().length >= MIN_MASKED_LENGTH);
const values = fc.uniqueArray(value, { minLength: 1, maxLength: 4 });

/** Filler, whole forms of a value and prefixes of them, in any order. */
function textOf(registered: string[]) {
  const forms = registered.flatMap(maskForms);
  const piece = fc.oneof(
    smallString(0, 6),
    anyString(0, 6),
    fc.constantFrom(...forms),
    fc
      .tuple(fc.constantFrom(...forms), fc.nat())
      .map(([form, n]) => form.slice(0, n % form.length)),
  );
  return fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));
}

const scenario = values.chain((registered) =>
  fc.record({
    registered: fc.constant(registered),
    text: textOf(registered),
    cuts: fc.array(fc.nat(), { maxLength: 10 }),
  }),
);

function chunk(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let at = 0;
  for (const point of [...points, text.length]) {
    chunks.push(text.slice(at, point));
    at = point;
  }
  return chunks;
}

function streamed(registered: string[], chunks: string[]): string {
  const masker = createMasker(registered);
  return chunks.map((c) => masker.write(c)).join('') + masker.flush();
}

describe('masker properties (fast-check)', () => {
  it('streaming in any chunks equals masking the whole text at once', () => {
    fc.assert(
      fc.property(scenario, ({ registered, text, cuts }) => {
        const whole = createMasker(registered).mask(text);
        expect(streamed(registered, chunk(text, cuts))).toBe(whole);
      }),
      { numRuns: 400 },
    );
  });

  it('leaves no registered value, nor any of its forms, in the output', () => {
    fc.assert(
      fc.property(scenario, ({ registered, text, cuts }) => {
        const out = streamed(registered, chunk(text, cuts));
        for (const form of registered.flatMap(maskForms)) expect(out).not.toContain(form);
        for (const v of registered) expect(out).not.toContain(v);
      }),
      { numRuns: 400 },
    );
  });

  it('passes text without secrets through unchanged, in any chunks', () => {
    fc.assert(
      fc.property(
        values,
        fc.oneof(smallString(0, 40), anyString(0, 40)),
        fc.array(fc.nat(), { maxLength: 10 }),
        (registered, text, cuts) => {
          fc.pre(registered.flatMap(maskForms).every((form) => !text.includes(form)));
          expect(createMasker(registered).mask(text)).toBe(text);
          expect(streamed(registered, chunk(text, cuts))).toBe(text);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('the transform stream agrees with mask()', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ registered, text, cuts }) => {
        const masker = createMasker(registered);
        let out = '';
        const source = ReadableStream.from(chunk(text, cuts));
        for await (const piece of source.pipeThrough(masker.transform())) out += piece;
        expect(out).toBe(masker.mask(text));
      }),
      { numRuns: 100 },
    );
  });
});
