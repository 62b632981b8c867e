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

/** How deep a JSON value may nest: deeper input is refused before the recursive schema sees it. */
export const MAX_JSON_DEPTH = 64;

/** Whether `value` nests at most `max` arrays/objects deep; iterative, so any depth is safe. */
export function jsonDepthAtMost(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) return false;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return true;
}

const deepMessage = `value: expected JSON nested at most ${MAX_JSON_DEPTH} levels deep`;

const JsonNodeSchema: v.GenericSchema<JsonValue> = v.lazy(() =>
  v.union(
    [
      v.string(),
      v.pipe(v.number(), v.finite()),
      v.boolean(),
      v.null(),
      v.array(JsonNodeSchema),
      v.pipe(
        v.custom<{ [key: string]: JsonValue }>(isPlainObject),
        v.record(v.string(), JsonNodeSchema),
      ),
    ],
    'value: expected a JSON value (string, finite number, boolean, null, array or object)',
  ),
);

/**
 * Only values that survive JSON.stringify unchanged: no NaN, Infinity, undefined or Date.
 * The depth is checked first: the recursive schema would overflow the stack on thousands of levels.
 */
export const JsonValueSchema: v.GenericSchema<JsonValue> = v.pipe(
  v.custom<JsonValue>((value) => jsonDepthAtMost(value, MAX_JSON_DEPTH), deepMessage),
  JsonNodeSchema,
);

export function jsonRecordSchema(field: string) {
  return v.record(v.string(), JsonValueSchema, `${field}: expected an object of JSON values`);
}
