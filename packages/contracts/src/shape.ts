import * as v from 'valibot';
import { ApiError } from './errors.js';
import { validationError } from './validation-error.js';

/**
 * What leaves the server is what the response schema names, nothing more. The response
 * schemas are strict (the client refuses an answer with a field it does not know), so the
 * server drops every field the schema does not name, then validates. A store record with a
 * ciphertext, a hash or a value can therefore be handed over whole.
 *
 * Both happen in one pass compiled per schema: objects, arrays, records and wrappers are walked
 * here; plain leaves are checked with a typeof, and the validations our field schemas pipe
 * (lengths, patterns, integer bounds) directly, while transformations (canonical scopes, ISO
 * timestamps) and any other leaf run as valibot's own. Anything that does not fit falls back
 * to valibot's parse of the whole answer, whose error names the field. Listings shape every
 * row, so valibot's per-level bookkeeping was the costliest part of answering them.
 */

interface SchemaNode {
  readonly type: string;
  readonly entries?: Readonly<Record<string, SchemaNode>>;
  readonly item?: SchemaNode;
  readonly key?: SchemaNode;
  readonly value?: SchemaNode;
  readonly wrapped?: SchemaNode;
  readonly pipe?: readonly unknown[];
  readonly default?: unknown;
  readonly '~run': (
    dataset: { value: unknown; typed?: boolean },
    config: object,
  ) => { readonly value: unknown; readonly issues?: unknown };
}

/** Marks a value that valibot must look at itself (to name what is wrong). */
export const MISFIT: unique symbol = Symbol('misfit');
type Shaper = (value: unknown) => unknown;

/**
 * A field schema may carry its own response step (the value valibot would output, or MISFIT):
 * timestamps and scopes do, as every listed row has several.
 */
const RESPONSE_STEP: unique symbol = Symbol('kici/response-step');

export function withResponseStep<S extends object>(schema: S, step: Shaper): S {
  return Object.assign(schema, { [RESPONSE_STEP]: step });
}

const NO_CONFIG = {};
const OPTIONAL = new Set(['optional', 'exact_optional', 'nullish', 'undefinedable']);
const shapers = new WeakMap<SchemaNode, Shaper>();

function compile(schema: SchemaNode): Shaper {
  let shaper = shapers.get(schema);
  if (!shaper) {
    shaper = build(schema);
    shapers.set(schema, shaper);
  }
  return shaper;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function build(schema: SchemaNode): Shaper {
  const own = (schema as { [RESPONSE_STEP]?: Shaper })[RESPONSE_STEP];
  if (own) return own;
  const { type } = schema;
  if ((type === 'strict_object' || type === 'object') && schema.entries) {
    const fields = Object.entries(schema.entries).map(([key, entry]) => ({
      key,
      shape: compile(entry),
      optional: OPTIONAL.has(entry.type) && entry.default === undefined,
    }));
    return (value) => {
      if (!isPlainObject(value)) return MISFIT;
      const out: Record<string, unknown> = {};
      for (const field of fields) {
        if (!(field.key in value)) {
          if (field.optional) continue;
          return MISFIT;
        }
        const shaped = field.shape(value[field.key]);
        if (shaped === MISFIT) return MISFIT;
        out[field.key] = shaped;
      }
      return out;
    };
  }
  if (type === 'array' && schema.item) {
    const shapeItem = compile(schema.item);
    return (value) => {
      if (!Array.isArray(value)) return MISFIT;
      const out = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        const shaped = shapeItem(value[i]);
        if (shaped === MISFIT) return MISFIT;
        out[i] = shaped;
      }
      return out;
    };
  }
  if (type === 'record' && schema.key?.type === 'string' && !schema.key.pipe && schema.value) {
    const shapeValue = compile(schema.value);
    return (value) => {
      if (!isPlainObject(value)) return MISFIT;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const shaped = shapeValue(value[key]);
        if (shaped === MISFIT) return MISFIT;
        out[key] = shaped;
      }
      return out;
    };
  }
  if (
    (type === 'nullable' || OPTIONAL.has(type)) &&
    schema.wrapped &&
    schema.default === undefined
  ) {
    const shapeWrapped = compile(schema.wrapped);
    const allowsNull = type !== 'optional' && type !== 'exact_optional' && type !== 'undefinedable';
    const allowsUndefined = type !== 'nullable' && type !== 'exact_optional';
    return (value) => {
      if (value === null) return allowsNull ? null : MISFIT;
      if (value === undefined) return allowsUndefined ? undefined : MISFIT;
      return shapeWrapped(value);
    };
  }
  const accepts = baseCheck(schema);
  if (accepts) return (value) => (accepts(value) ? value : MISFIT);
  const piped = pipeShaper(schema);
  if (piped) return piped;
  // Every other leaf (unions, picklists, JSON values, …): valibot's own run.
  return (value) => {
    const dataset = schema['~run']({ value }, NO_CONFIG);
    return dataset.issues ? MISFIT : dataset.value;
  };
}

/** A typeof-level check for the plain leaf schemas, as valibot decides them. */
function baseCheck(schema: SchemaNode): ((value: unknown) => boolean) | undefined {
  if (schema.pipe) return undefined;
  switch (schema.type) {
    case 'string':
    case 'boolean':
      return (value) => typeof value === schema.type;
    case 'number':
      return (value) => typeof value === 'number' && !Number.isNaN(value);
    case 'date':
      return (value) => value instanceof Date && !Number.isNaN(value.getTime());
    case 'custom':
      return (schema as unknown as { check: (value: unknown) => boolean }).check;
    default:
      return undefined;
  }
}

interface Action {
  readonly kind: string;
  readonly type: string;
  readonly requirement?: unknown;
  readonly '~run': SchemaNode['~run'];
}

/** The validations of our field schemas, checked directly; transformations run as valibot's. */
function actionStep(action: Action): Shaper | undefined {
  const limit = action.requirement as number;
  switch (action.type) {
    case 'min_length':
      return (value) => ((value as string).length >= limit ? value : MISFIT);
    case 'max_length':
      return (value) => ((value as string).length <= limit ? value : MISFIT);
    case 'regex': {
      const pattern = action.requirement as RegExp;
      return (value) => {
        pattern.lastIndex = 0;
        return pattern.test(value as string) ? value : MISFIT;
      };
    }
    case 'integer':
      return (value) => (Number.isInteger(value) ? value : MISFIT);
    case 'safe_integer':
      return (value) => (Number.isSafeInteger(value) ? value : MISFIT);
    case 'min_value':
      return (value) => ((value as number) >= limit ? value : MISFIT);
    case 'max_value':
      return (value) => ((value as number) <= limit ? value : MISFIT);
    case 'raw_transform':
    case 'transform':
      return (value) => {
        const dataset = action['~run']({ typed: true, value }, NO_CONFIG);
        return dataset.issues ? MISFIT : dataset.value;
      };
    default:
      return undefined;
  }
}

/** A pipe over a plain leaf whose every action has a step, or undefined. */
function pipeShaper(schema: SchemaNode): Shaper | undefined {
  const [base, ...actions] = (schema.pipe ?? []) as [SchemaNode, ...Action[]];
  const accepts = base && baseCheck(base);
  if (!accepts) return undefined;
  const steps = actions.map(actionStep);
  if (steps.some((step) => step === undefined)) return undefined;
  return (value) => {
    if (!accepts(value)) return MISFIT;
    let current = value;
    for (const step of steps as Shaper[]) {
      current = step(current);
      if (current === MISFIT) return MISFIT;
    }
    return current;
  };
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
  const shaped = compile(schema as unknown as SchemaNode)(data);
  if (shaped !== MISFIT) return shaped as v.InferOutput<S>;
  // Misfit somewhere: valibot parses the stripped answer to say exactly where.
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

/** The answer with the fields no schema names dropped, for valibot's error on a misfit. */
function strip(schema: SchemaNode, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (
    schema.entries !== undefined &&
    (schema.type === 'object' || schema.type === 'strict_object')
  ) {
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(schema.entries)) {
      if (key in value) out[key] = strip(entry, value[key]);
    }
    return out;
  }
  if (schema.type === 'array' && schema.item !== undefined) {
    return Array.isArray(value)
      ? value.map((item) => strip(schema.item as SchemaNode, item))
      : value;
  }
  if (schema.type === 'record' && schema.value !== undefined && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = strip(schema.value, value[key]);
    return out;
  }
  if ((schema.type === 'nullable' || OPTIONAL.has(schema.type)) && schema.wrapped !== undefined)
    return strip(schema.wrapped, value);
  return value;
}
