// JSON Schema (as OpenAPI 3.1 embeds it) flattened into rows of a field table: one row per
// field, nested objects and arrays as dotted paths (`secrets.*.value`, `jobs[].needs`).
import { code, inline } from './markdown.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Schema = { readonly [key: string]: Json };

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Follows `$ref`s into the document (`#/components/schemas/X`). */
export function deref(root: Schema, schema: Json | undefined, seen = new Set<string>()): Schema {
  if (!isObject(schema)) return {};
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/') || seen.has(ref)) return schema;
  let target: Json | undefined = root as Json;
  for (const part of ref.slice(2).split('/')) {
    target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  seen.add(ref);
  return deref(root, target, seen);
}

const variants = (schema: Schema): Json[] | undefined => {
  for (const key of ['anyOf', 'oneOf']) {
    const list = schema[key];
    if (Array.isArray(list)) return list;
  }
  return undefined;
};

/** A short type name: `string`, `integer`, `object`, `string[]`, `"a" \| "b"`. */
export function typeOf(root: Schema, input: Json | undefined, depth = 0): string {
  const schema = deref(root, input);
  if (depth > 3) return 'any';
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((e) => JSON.stringify(e)).join(' | ');
  const list = variants(schema);
  if (list) return [...new Set(list.map((s) => typeOf(root, s, depth + 1)))].join(' | ');
  const type = schema.type;
  if (Array.isArray(type)) return type.join(' | ');
  if (type === 'array') return `${typeOf(root, schema.items, depth + 1)}[]`;
  if (typeof type === 'string') return type;
  if (isObject(schema.properties)) return 'object';
  return 'any';
}

const CONSTRAINTS: readonly [string, (v: Json) => string][] = [
  ['format', (v) => `format ${v}`],
  ['pattern', (v) => `pattern \`${v}\``],
  ['minLength', (v) => `min length ${v}`],
  ['maxLength', (v) => `max length ${v}`],
  ['minimum', (v) => `≥ ${v}`],
  ['maximum', (v) => `≤ ${v}`],
  ['exclusiveMinimum', (v) => `> ${v}`],
  ['exclusiveMaximum', (v) => `< ${v}`],
  ['minItems', (v) => `at least ${v} items`],
  ['maxItems', (v) => `at most ${v} items`],
  ['minProperties', (v) => `at least ${v} entries`],
  ['maxProperties', (v) => `at most ${v} entries`],
  ['default', (v) => `default \`${JSON.stringify(v)}\``],
];

/** What a field's schema says besides its type: its description and constraints. */
export function notesOf(root: Schema, input: Json | undefined): string {
  const schema = deref(root, input);
  const notes: string[] = [];
  if (typeof schema.description === 'string') notes.push(inline(schema.description));
  for (const [key, say] of CONSTRAINTS) {
    const value = schema[key];
    if (value !== undefined) notes.push(inline(say(value)));
  }
  return notes.join('; ');
}

export interface FieldRow {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly notes: string;
}

/** Every field of an object schema, depth first, at most `maxDepth` levels down. */
export function fieldRows(root: Schema, input: Json | undefined, maxDepth = 5): FieldRow[] {
  const rows: FieldRow[] = [];
  const walk = (value: Json | undefined, prefix: string, depth: number, seen: Set<Json>) => {
    const schema = deref(root, value);
    if (depth > maxDepth || seen.has(schema as Json)) return;
    const inner = new Set(seen).add(schema as Json);
    const list = variants(schema);
    if (list) {
      for (const variant of list) walk(variant, prefix, depth, inner);
      return;
    }
    if (schema.type === 'array') return walk(schema.items, `${prefix}[]`, depth + 1, inner);
    const required = Array.isArray(schema.required) ? schema.required : [];
    if (isObject(schema.properties)) {
      for (const [name, field] of Object.entries(schema.properties)) {
        const path = prefix === '' ? name : `${prefix}.${name}`;
        if (rows.some((row) => row.path === path)) continue;
        rows.push({
          path,
          type: typeOf(root, field),
          required: required.includes(name),
          notes: notesOf(root, field),
        });
        walk(field, path, depth + 1, inner);
      }
    }
    if (isObject(schema.additionalProperties)) {
      const path = prefix === '' ? '*' : `${prefix}.*`;
      const field = schema.additionalProperties;
      rows.push({ path, type: typeOf(root, field), required: false, notes: notesOf(root, field) });
      walk(field, path, depth + 1, inner);
    }
  };
  walk(input, '', 0, new Set());
  return rows;
}

/** The rows as table cells. */
export const fieldCells = (rows: readonly FieldRow[]): string[][] =>
  rows.map((r) => [code(r.path), code(r.type), r.required ? 'yes' : '', r.notes]);
