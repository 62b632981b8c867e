import * as v from 'valibot';
import { validationError } from '../src/index.js';

/** The invalid_input error a schema produces for `input`, or undefined if it is accepted. */
export function rejection(schema: v.GenericSchema, input: unknown) {
  const result = v.safeParse(schema, input);
  return result.success ? undefined : validationError(result.issues);
}

/** The output of a schema that must accept `input`. */
export function accepted<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  return v.parse(schema, input);
}
