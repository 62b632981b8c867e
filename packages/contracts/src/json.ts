import * as v from 'valibot';

/** A JSON value: what config values and audit metadata may hold. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

// A Date or a Map is an object too, but JSON would turn it into something else.
function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Only values that survive JSON.stringify unchanged: no NaN, Infinity, undefined or Date. */
export const JsonValueSchema: v.GenericSchema<JsonValue> = v.lazy(() =>
  v.union(
    [
      v.string(),
      v.pipe(v.number(), v.finite()),
      v.boolean(),
      v.null(),
      v.array(JsonValueSchema),
      v.pipe(
        v.custom<{ [key: string]: JsonValue }>(isPlainObject),
        v.record(v.string(), JsonValueSchema),
      ),
    ],
    'value: expected a JSON value (string, finite number, boolean, null, array or object)',
  ),
);

export function jsonRecordSchema(field: string) {
  return v.record(v.string(), JsonValueSchema, `${field}: expected an object of JSON values`);
}
