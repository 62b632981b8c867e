// The HTTP API reference, rendered from the OpenAPI 3.1 description of @kici/contracts
// (`openApiDocument()`): one page per tag, one section per operation with its method, path,
// permission (`x-kici-permission`), parameters, request and response schemas and errors.
import {
  deref,
  fieldCells,
  fieldRows,
  type Json,
  notesOf,
  type Schema,
  typeOf,
} from './api-schema.js';
import type { SidebarGroup } from './cli-reference.js';
import { code, inline, type Page, page, slug, table } from './markdown.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const SOURCE = '@kici/contracts openApiDocument() (the valibot schemas of the route table)';

export interface Operation {
  readonly method: string;
  readonly path: string;
  readonly tag: string;
  readonly spec: Schema;
}

const obj = (value: Json | undefined): Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
const str = (value: Json | undefined) => (typeof value === 'string' ? value : undefined);

/** Every operation of the document, in its order, with the tag that files it. */
export function operationsOf(doc: Schema): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(obj(doc.paths))) {
    for (const method of METHODS) {
      const spec = obj(obj(item)[method]);
      if (Object.keys(spec).length === 0) continue;
      const tags = Array.isArray(spec.tags) ? spec.tags.filter((t) => typeof t === 'string') : [];
      ops.push({ method: method.toUpperCase(), path, tag: tags[0] ?? 'other', spec });
    }
  }
  return ops;
}

/** The anchor of an operation: `get-api-v1-admin-secrets-scopes`. */
export const operationAnchor = (op: Pick<Operation, 'method' | 'path'>) =>
  slug(`${op.method} ${op.path}`);
export const tagPage = (tag: string) => `reference/api/${slug(tag)}.md`;

function parameters(doc: Schema, op: Operation): string | undefined {
  const list = Array.isArray(op.spec.parameters) ? op.spec.parameters : [];
  if (list.length === 0) return undefined;
  const rows = list.map((p) => {
    const param = deref(doc, p);
    const notes = [
      str(param.description) ? inline(str(param.description) ?? '') : '',
      notesOf(doc, param.schema),
    ]
      .filter(Boolean)
      .join('; ');
    return [
      code(str(param.name) ?? '?'),
      str(param.in) ?? '',
      code(typeOf(doc, param.schema)),
      param.required === true ? 'yes' : '',
      notes,
    ];
  });
  return ['**Parameters**', table(['name', 'in', 'type', 'required', 'notes'], rows)].join('\n\n');
}

function schemaOfContent(content: Json | undefined): [string, Json] | undefined {
  const entries = Object.entries(obj(content));
  const first = entries.find(([type]) => type === 'application/json') ?? entries[0];
  return first === undefined ? undefined : [first[0], obj(first[1]).schema ?? {}];
}

function schemaBlock(doc: Schema, title: string, content: Json | undefined): string[] {
  const found = schemaOfContent(content);
  if (found === undefined) return [];
  const [type, schema] = found;
  const rows = fieldRows(doc, schema);
  const head = `**${title}** (${code(type)}, ${code(typeOf(doc, schema))})`;
  if (rows.length === 0) return [head];
  return [head, table(['field', 'type', 'required', 'notes'], fieldCells(rows))];
}

function responses(doc: Schema, op: Operation): string[] {
  const all = Object.entries(obj(op.spec.responses));
  const blocks: string[] = [];
  const success = all.filter(([status]) => status.startsWith('2'));
  const errors = all.filter(([status]) => !status.startsWith('2'));
  for (const [status, response] of success) {
    const r = deref(doc, response);
    blocks.push(
      ...schemaBlock(doc, `Response ${status}: ${str(r.description) ?? ''}`.trim(), r.content),
    );
  }
  if (errors.length > 0) {
    const rows = errors.map(([status, response]) => {
      const r = deref(doc, response);
      return [code(status), inline(str(r.description) ?? '')];
    });
    blocks.push('**Errors**', table(['status', 'when'], rows));
  }
  return blocks;
}

function renderOperation(doc: Schema, op: Operation): string {
  const permission = op.spec['x-kici-permission'];
  const security = Array.isArray(op.spec.security) ? op.spec.security : obj(doc).security;
  const schemes = Array.isArray(security) ? security.flatMap((s) => Object.keys(obj(s))) : [];
  const facts = [
    [
      'permission',
      permission === null || permission === undefined ? 'none' : code(String(permission)),
    ],
    ['credential', schemes.length === 0 ? 'none' : schemes.map((s) => code(s)).join(' or ')],
  ];
  if (str(op.spec.operationId)) facts.push(['client method', code(str(op.spec.operationId) ?? '')]);
  const request = obj(deref(doc, op.spec.requestBody)).content;
  return [
    `## ${op.method} ${op.path} {#${operationAnchor(op)}}`,
    // The summary is often the operation id itself, shown in the table below.
    ...(str(op.spec.summary) && op.spec.summary !== op.spec.operationId
      ? [inline(str(op.spec.summary) ?? '')]
      : []),
    ...(str(op.spec.description) ? [inline(str(op.spec.description) ?? '')] : []),
    facts.map(([name, value]) => `**${name}:** ${value}`).join(' · '),
    ...[parameters(doc, op)].filter((b): b is string => b !== undefined),
    ...schemaBlock(doc, 'Request body', request),
    ...responses(doc, op),
  ].join('\n\n');
}

function tagDescription(doc: Schema, tag: string): string | undefined {
  const tags = Array.isArray(doc.tags) ? doc.tags.map(obj) : [];
  return str(tags.find((t) => t.name === tag)?.description);
}

function indexPage(doc: Schema, byTag: Map<string, Operation[]>): Page {
  const info = obj(doc.info);
  const schemes = Object.entries(obj(obj(doc.components).securitySchemes));
  const body = [
    `# ${inline(str(info.title) ?? 'HTTP API')}`,
    `Version ${code(str(info.version) ?? '?')}, OpenAPI ${code(str(doc.openapi) ?? '?')}. Generated from the OpenAPI description the server serves at ${code('GET /api/v1/openapi.json')}, itself generated from the valibot schemas of ${code('@kici/contracts')}.`,
    ...(str(info.description) ? [inline(str(info.description) ?? '')] : []),
    '## Credentials {#credentials}',
    schemes.length === 0
      ? 'None declared.'
      : table(
          ['scheme', 'type', 'notes'],
          schemes.map(([name, s]) => [
            code(name),
            code(`${str(obj(s).type)} ${str(obj(s).scheme) ?? ''}`.trim()),
            inline(str(obj(s).description) ?? ''),
          ]),
        ),
    '## Operations {#operations}',
  ];
  for (const [tag, ops] of byTag) {
    body.push(`### ${inline(tag)} {#${slug(tag)}}`);
    const description = tagDescription(doc, tag);
    if (description) body.push(inline(description));
    body.push(
      table(
        ['operation', 'permission', 'client method'],
        ops.map((op) => [
          `[${code(`${op.method} ${op.path}`)}](./${slug(tag)}.md#${operationAnchor(op)})`,
          op.spec['x-kici-permission'] ? code(String(op.spec['x-kici-permission'])) : 'none',
          str(op.spec.operationId) ? code(str(op.spec.operationId) ?? '') : '',
        ]),
      ),
    );
  }
  return { path: 'reference/api/index.md', content: page('HTTP API', SOURCE, body) };
}

/** Every page of the API reference, and the sidebar entries for them. */
export function apiReference(doc: Schema): { pages: Page[]; sidebar: SidebarGroup[] } {
  const byTag = new Map<string, Operation[]>();
  for (const op of operationsOf(doc)) byTag.set(op.tag, [...(byTag.get(op.tag) ?? []), op]);
  const pages = [indexPage(doc, byTag)];
  const items = [{ text: 'Overview', link: '/reference/api/' }];
  for (const [tag, ops] of byTag) {
    const description = tagDescription(doc, tag);
    const body = [
      `# ${inline(tag)}`,
      ...(description ? [inline(description)] : []),
      ...ops.map((op) => renderOperation(doc, op)),
    ];
    pages.push({ path: tagPage(tag), content: page(tag, SOURCE, body) });
    items.push({ text: tag, link: `/${tagPage(tag).replace(/\.md$/, '')}` });
  }
  return { pages, sidebar: [{ text: 'HTTP API', collapsed: true, items }] };
}
