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

export const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The bytes of a base64 field the request schema has already checked. */
export const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/**
 * Renders a core answer for the wire (the response schemas type timestamps and keys as
 * strings); the response schema then keeps only the fields it names.
 */
export function toWire<T>(value: T): Wire<T> {
  if (value instanceof Date) return value.toISOString() as Wire<T>;
  if (value instanceof Uint8Array) return base64(value) as Wire<T>;
  if (Array.isArray(value)) return value.map(toWire) as Wire<T>;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, toWire(item)]),
    ) as Wire<T>;
  }
  return value as Wire<T>;
}

type Defined<T> = { [K in keyof T]: Exclude<T[K], undefined> };

/** An object without its undefined fields (a query's absent optional parts). */
export const defined = <T extends object>(value: T): Defined<T> =>
  Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Defined<T>;
