import * as v from 'valibot';
import { ApiError } from './errors.js';
import { validationError } from './validation-error.js';

/**
 * What leaves the server is what the response schema names, nothing more. The response
 * schemas are strict (the client refuses an answer with a field it does not know), so the
 * server first drops every field the schema does not name, then validates. A store record
 * with a ciphertext, a hash or a value can therefore be handed over whole.
 */

interface SchemaNode {
  readonly type: string;
  readonly entries?: Readonly<Record<string, SchemaNode>>;
  readonly item?: SchemaNode;
  readonly wrapped?: SchemaNode;
}

const WRAPPERS = new Set(['optional', 'exact_optional', 'nullable', 'nullish', 'undefinedable']);

function strip(schema: SchemaNode, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (
    schema.entries !== undefined &&
    (schema.type === 'object' || schema.type === 'strict_object')
  ) {
    if (typeof value !== 'object' || Array.isArray(value)) return value;
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(schema.entries)) {
      if (key in source) out[key] = strip(entry, source[key]);
    }
    return out;
  }
  if (schema.type === 'array' && schema.item !== undefined) {
    return Array.isArray(value)
      ? value.map((item) => strip(schema.item as SchemaNode, item))
      : value;
  }
  if (WRAPPERS.has(schema.type) && schema.wrapped !== undefined)
    return strip(schema.wrapped, value);
  // Scalars, unions, records of JSON values: validated as they are.
  return value;
}

/**
 * The JSON-ready body of a response: unknown fields dropped (at every depth), Dates turned
 * into ISO strings, scopes canonical. Throws ApiError `internal` (500) if the data does not
 * fit the schema, naming the field but not its value.
 */
export function shapeResponse<const S extends v.GenericSchema>(
  schema: S,
  data: v.InferInput<S>,
): v.InferOutput<S> {
  const result = v.safeParse(schema, strip(schema as unknown as SchemaNode, data));
  if (result.success) return result.output;
  const detail = validationError(result.issues, 'response');
  throw new ApiError({
    status: 500,
    code: 'internal',
    message: `Response does not match its schema: ${detail.message}`,
    field: detail.field,
  });
}
