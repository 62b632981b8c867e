// Assertion helpers in the noble style: check, then hand the checked value back.

export function isBytes(value: unknown): value is Uint8Array {
  return (
    value instanceof Uint8Array ||
    (ArrayBuffer.isView(value) && value.constructor.name === 'Uint8Array')
  );
}

/** Throws a TypeError naming `field` unless `value` is a Uint8Array (of `length` bytes, if given). */
export function assertBytes(value: unknown, field: string, length?: number): Uint8Array {
  if (!isBytes(value)) throw new TypeError(`${field}: expected a Uint8Array`);
  if (length !== undefined && value.length !== length) {
    throw new TypeError(`${field}: expected ${length} bytes, got ${value.length}`);
  }
  return value;
}

/** Throws a TypeError naming `field` unless `value` is an integer in [0, 2^32 - 1]. */
export function assertUint32(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new TypeError(`${field}: expected an integer from 0 to 4294967295`);
  }
  return value;
}

export function assertString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new TypeError(`${field}: expected a string`);
  return value;
}

/** Constant-time equality: the running time depends on the length only, never the contents. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/** Overwrites secret material we own once we are done with it. */
export function wipe(...arrays: Uint8Array[]): void {
  for (const a of arrays) a.fill(0);
}
