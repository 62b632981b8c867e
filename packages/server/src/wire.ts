/** A core answer as JSON carries it: every Date an ISO string, every byte array base64. */
export type Wire<T> = T extends Date
  ? string
  : T extends Uint8Array
    ? string
    : T extends readonly (infer U)[]
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

export const base64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** The bytes of a base64 field the request schema has already checked. */
export const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/**
 * Renders a core answer for the wire (the response schemas type timestamps and keys as
 * strings); the response schema then keeps only the fields it names. A part without dates or
 * bytes is answered as it is, not copied: a job's dispatch names 70 sources.
 */
export function toWire<T>(value: T): Wire<T> {
  if (value instanceof Date) return value.toISOString() as Wire<T>;
  if (value instanceof Uint8Array) return base64(value) as Wire<T>;
  if (value === null || typeof value !== 'object') return value as Wire<T>;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const wire = toWire(item);
      if (wire === item) return;
      copy ??= [...value];
      copy[i] = wire;
    });
    return (copy ?? value) as Wire<T>;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const wire = toWire(record[key]);
    if (wire === record[key]) continue;
    copy ??= { ...record };
    copy[key] = wire;
  }
  return (copy ?? value) as Wire<T>;
}

type Defined<T> = { [K in keyof T]: Exclude<T[K], undefined> };

/** An object without its undefined fields (a query's absent optional parts). */
export const defined = <T extends object>(value: T): Defined<T> =>
  Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Defined<T>;
