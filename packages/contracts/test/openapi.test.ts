// The OpenAPI description: a valid OpenAPI 3.1 document (checked by a real validator, and
// every schema in it compiled by a JSON Schema 2020-12 validator) that holds every route
// of the three tables with its method, path, parameters, permission and error responses.
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/errors.js';
import {
  OPENAPI_PATH,
  openApiDocument,
  openApiPath,
  pathParameterNames,
} from '../src/openapi/index.js';
import { agentRoutes, internalRoutes, type RouteSpec, routes } from '../src/routes.js';

type Doc = {
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
};
type Operation = {
  operationId: string;
  description: string;
  security: Record<string, string[]>[];
  'x-kici-permission': string | null;
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: unknown;
  responses: Record<string, { $ref?: string; description?: string; content?: unknown }>;
};

const doc = openApiDocument({ serverUrl: 'https://kici.example.com' }) as unknown as Doc;
const tables = [
  ['admin', routes],
  ['internal', internalRoutes],
  ['agent', agentRoutes],
] as const;
const entries = tables.flatMap(([group, table]) =>
  Object.entries(table as Record<string, RouteSpec>).map(
    ([name, spec]) => [name, group, spec] as const,
  ),
);
const operationOf = (spec: RouteSpec) =>
  doc.paths[openApiPath(spec.path)]?.[spec.method.toLowerCase()];

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    const validator = new Validator();
    const spec = structuredClone(doc) as unknown as Parameters<Validator['validate']>[0];
    const result = await validator.validate(spec);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('every schema in it is valid JSON Schema 2020-12', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: 'doc', components: doc.components });
    const schemas: unknown[] = [];
    const collect = (node: unknown, key?: string) => {
      if (Array.isArray(node)) {
        for (const child of node) collect(child);
      } else if (node && typeof node === 'object') {
        if (key === 'schema') schemas.push(node);
        else for (const [k, child] of Object.entries(node)) collect(child, k);
      }
    };
    collect(doc.paths);
    expect(schemas.length).toBeGreaterThan(200);
    for (const schema of schemas) {
      // Refs point into the document's components: resolve them against it.
      const text = JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/');
      expect(() => ajv.compile(JSON.parse(text))).not.toThrow();
    }
  });

  it('names the server it was asked for, or a relative one', () => {
    expect(doc.servers).toEqual([{ url: 'https://kici.example.com' }]);
    expect((openApiDocument() as unknown as Doc).servers).toEqual([{ url: '/' }]);
  });

  it('has one operation per route of the tables, and one for itself', () => {
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    expect(operations.map((op) => op.operationId).sort()).toEqual(
      [...entries.map(([name]) => name), 'openapi'].sort(),
    );
    expect(doc.paths[OPENAPI_PATH]?.get?.security).toEqual([]);
  });

  it.each(entries)('%s (%s) is there with its path, permission and errors', (name, group, spec) => {
    const op = operationOf(spec);
    expect(op?.operationId).toBe(name);
    if (!op) return;
    expect(op['x-kici-permission']).toBe(spec.permission);
    if (spec.permission) expect(op.description).toContain(`\`${spec.permission}\``);
    const scheme = { admin: 'adminToken', internal: 'dispatcherToken', agent: 'jobCredential' };
    expect(op.security).toEqual(
      group === 'admin' && spec.permission === null ? [] : [{ [scheme[group]]: [] }],
    );
    // Path parameters: exactly the template's names, all required.
    const inPath = (op.parameters ?? []).filter((p) => p.in === 'path');
    expect(inPath.map((p) => p.name)).toEqual(pathParameterNames(spec.path));
    expect(inPath.every((p) => p.required)).toBe(true);
    expect(op.parameters?.some((p) => p.in === 'query') ?? false).toBe(spec.query !== undefined);
    expect(op.requestBody !== undefined).toBe(spec.body !== undefined);
    // The success status, and every status the route answers with its own body.
    for (const status of [spec.status ?? 200, ...(spec.alsoAnswersWith ?? [])]) {
      expect(op.responses[status]?.content).toBeDefined();
    }
    const errors = Object.keys(op.responses)
      .map(Number)
      .filter((s) => s >= 400);
    expect(errors).toContain(500);
    if (spec.params || spec.query || spec.body) expect(errors).toContain(400);
    if (spec.params) expect(errors).toContain(404);
    if (spec.body) expect(errors).toContain(413);
    if (group !== 'admin' || spec.permission)
      expect(errors).toEqual(expect.arrayContaining([401, 429]));
    if (spec.permission) {
      expect(op.responses[403]?.description).toContain(`\`${spec.permission}\``);
      expect(op.responses[403]?.description).toContain('`forbidden`');
    }
    // Every error status is one the error codes map to, answered with the error body.
    const statuses = new Set<number>(Object.values(ERROR_CODES));
    for (const status of errors.filter((s) => !spec.alsoAnswersWith?.includes(s))) {
      expect(statuses.has(status)).toBe(true);
      const response = op.responses[status];
      expect(response?.$ref ?? JSON.stringify(response)).toMatch(/Error|ErrorBody/);
    }
  });

  it('the public probes take no credential and answer no 401 or 403', () => {
    for (const spec of [routes.healthz, routes.readyz]) {
      const op = operationOf(spec);
      expect(op?.security).toEqual([]);
      expect(Object.keys(op?.responses ?? {})).not.toContain('401');
    }
    expect(Object.keys(operationOf(routes.readyz)?.responses ?? {})).toContain('503');
  });

  it('the error body is the schema of errors.ts, with every code', () => {
    const body = doc.components.schemas.ErrorBody as {
      properties: { error: { properties: { code: { enum: string[] } } } };
    };
    expect(body.properties.error.properties.code.enum).toEqual(Object.keys(ERROR_CODES));
    expect(Object.keys(doc.components.responses)).toContain('Error404');
  });

  it('describes a timestamp as a date-time string, and a byte limit in words', () => {
    const set = operationOf(routes['secrets.set']) as unknown as {
      requestBody: {
        content: { 'application/json': { schema: { properties: { value: object } } } };
      };
      responses: {
        200: { content: { 'application/json': { schema: { properties: { updatedAt: object } } } } };
      };
    };
    const response = set.responses[200].content['application/json'].schema;
    expect(response.properties.updatedAt).toMatchObject({ type: 'string', format: 'date-time' });
    const body = set.requestBody.content['application/json'].schema;
    expect(body.properties.value).toMatchObject({ type: 'string' });
    expect(JSON.stringify(body.properties.value)).toMatch(/bytes in UTF-8/);
  });
});
