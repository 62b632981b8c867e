import {
  type ConversionConfig,
  type JsonSchema,
  type OverrideActionContext,
  type OverrideSchemaContext,
  toJsonSchema,
} from '@valibot/to-json-schema';
import type * as v from 'valibot';

/** A JSON Schema (2020-12) as OpenAPI 3.1 embeds it. */
export type Schema = Record<string, unknown>;

const DATE_TIME: Schema = { type: 'string', format: 'date-time' };
const UNEXPRESSED = 'The server checks more than JSON Schema can say here';

/** What JSON Schema cannot say about a schema: a Date travels as an ISO 8601 string. */
function overrideSchema({ valibotSchema, errors }: OverrideSchemaContext): JsonSchema | undefined {
  const schema = valibotSchema as { type: string; message?: unknown; options?: unknown };
  // dateTimeSchema: `string | Date` in JavaScript, one date-time string on the wire.
  if (schema.type === 'union' && Array.isArray(schema.options)) {
    const types = schema.options.map((option: { type?: string }) => option.type).sort();
    if (types.join() === 'date,string') return DATE_TIME as JsonSchema;
  }
  if (!errors) return undefined;
  if (schema.type === 'date') return DATE_TIME as JsonSchema;
  // timestampSchema: a custom check for string | Date, whose message names the format.
  if (schema.type === 'custom' && String(schema.message ?? '').includes('ISO 8601 date-time')) {
    return { ...DATE_TIME, description: 'An ISO 8601 date-time with a time zone' } as JsonSchema;
  }
  // Any other custom check (a JSON value's depth, …): no type to state; its message says what.
  const message = typeof schema.message === 'string' ? `: ${schema.message}` : '';
  return { description: `${UNEXPRESSED}${message}` } as JsonSchema;
}

/**
 * Actions JSON Schema has no keyword for (custom checks, byte limits, flagged patterns):
 * the schema so far stands, with a note; the server still runs the check and answers 400.
 */
function overrideAction({ valibotAction, jsonSchema, errors }: OverrideActionContext) {
  if (!errors) return undefined;
  const action = valibotAction as { type: string; requirement?: unknown; message?: unknown };
  let note = UNEXPRESSED;
  if (action.type === 'max_bytes') note = `At most ${String(action.requirement)} bytes in UTF-8`;
  else if (action.type === 'regex' && action.requirement instanceof RegExp) {
    note = `Matches ${String(action.requirement)}`;
  } else if (typeof action.message === 'string') note = action.message;
  const before = typeof jsonSchema.description === 'string' ? `${jsonSchema.description}. ` : '';
  return { ...jsonSchema, description: `${before}${note}` } as JsonSchema;
}

/**
 * Converts valibot schemas to JSON Schema for one document. Recursive (lazy) schemas become
 * components, so every `$ref` points into `#/components/schemas` rather than at a `$defs` of
 * one operation's schema. The wire format is the schema's input (responses are parsed from it).
 */
export class SchemaConverter {
  readonly components: Record<string, Schema> = {};
  private readonly names = new Map<unknown, string>();

  convert(schema: v.GenericSchema): Schema {
    const refs = new Map<string, string>();
    const config: ConversionConfig = {
      target: 'draft-2020-12',
      typeMode: 'input',
      errorMode: 'throw',
      overrideSchema,
      overrideAction,
      overrideRef: ({ referenceId, valibotSchema }) => {
        const name = this.nameOf(valibotSchema);
        refs.set(referenceId, name);
        return `#/components/schemas/${name}`;
      },
    };
    const { $schema: _, $defs, ...json } = toJsonSchema(schema, config) as Schema;
    for (const [id, definition] of Object.entries(($defs ?? {}) as Record<string, Schema>)) {
      const name = refs.get(id);
      if (name) this.components[name] = definition;
    }
    return json;
  }

  private nameOf(schema: unknown): string {
    let name = this.names.get(schema);
    if (!name) {
      name = `Recursive${this.names.size + 1}`;
      this.names.set(schema, name);
    }
    return name;
  }
}
