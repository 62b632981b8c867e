import type * as v from 'valibot';
import type { Schema, SchemaConverter } from './convert.js';

/** `/runs/:runId/key` → `/runs/{runId}/key`: Hono's template in OpenAPI's form. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** The names of a template's path parameters, in order. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);
}

/** One OpenAPI Parameter Object. */
export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Schema;
  description?: string;
}

function propertiesOf(json: Schema): [Record<string, Schema>, Set<string>] {
  // An object schema with a check around it may arrive as allOf/anyOf: take the first object.
  const object = json.properties
    ? json
    : (((json.allOf ?? json.anyOf) as Schema[] | undefined)?.find((s) => s.properties) ?? {});
  const required = new Set((object.required as string[] | undefined) ?? []);
  return [(object.properties ?? {}) as Record<string, Schema>, required];
}

/**
 * Path parameters (every name of the template, required) and query parameters (each
 * property of the query schema). A path parameter its schema does not describe is a string.
 */
export function parametersOf(
  converter: SchemaConverter,
  path: string,
  params: v.GenericSchema | undefined,
  query: v.GenericSchema | undefined,
): Parameter[] {
  const out: Parameter[] = [];
  const [pathProps] = params ? propertiesOf(converter.convert(params)) : [{}];
  for (const name of pathParameterNames(path)) {
    const schema = (pathProps as Record<string, Schema>)[name] ?? { type: 'string' };
    out.push(withDescription({ name, in: 'path', required: true, schema }));
  }
  if (query) {
    const [props, required] = propertiesOf(converter.convert(query));
    for (const [name, schema] of Object.entries(props)) {
      out.push(withDescription({ name, in: 'query', required: required.has(name), schema }));
    }
  }
  return out;
}

// Parameter descriptions read better on the parameter than inside its schema.
function withDescription(parameter: Parameter): Parameter {
  const { description, ...schema } = parameter.schema;
  if (typeof description !== 'string') return parameter;
  return { ...parameter, schema, description };
}
