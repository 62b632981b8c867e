import { ErrorBodySchema } from '../errors.js';
import type { RouteSpec, RouteTable } from '../route-spec.js';
import { agentRoutes, internalRoutes, routes } from '../routes.js';
import { credentialOf, type RouteGroup, securitySchemes } from './access.js';
import { SchemaConverter } from './convert.js';
import { errorResponseComponents } from './error-responses.js';
import { operationOf } from './operation.js';
import { openApiPath } from './parameters.js';
import { tagList, tagOf } from './tags.js';

/** Where kici-server serves this document: public, like the probes. */
export const OPENAPI_PATH = '/api/v1/openapi.json';

export interface OpenApiOptions {
  /** The server's base URL (`https://kici.example.com`); without one, a relative `/`. */
  readonly serverUrl?: string;
}

/** Every route of the three tables, with the table it comes from. */
export function routeEntries(): [string, RouteSpec, RouteGroup][] {
  const group = (table: RouteTable, g: RouteGroup) =>
    Object.entries(table).map(([name, spec]): [string, RouteSpec, RouteGroup] => [name, spec, g]);
  return [
    ...group(routes, 'admin'),
    ...group(internalRoutes, 'internal'),
    ...group(agentRoutes, 'agent'),
  ];
}

// The document describes itself too: it is a route the server mounts.
const selfOperation = {
  operationId: 'openapi',
  tags: ['probes'],
  summary: 'openapi',
  description: 'This OpenAPI 3.1 description. Takes no credential: it describes routes, not data.',
  security: [],
  'x-kici-credential': 'none',
  'x-kici-permission': null,
  responses: {
    200: {
      description: 'Success',
      content: { 'application/json': { schema: { type: 'object' } } },
    },
  },
};

/**
 * The OpenAPI 3.1 description of kici-server's HTTP API, generated from the route table:
 * one operation per route (operationId: the typed client's method name), its parameters,
 * body, success and error responses, credential and permission (`x-kici-permission`).
 */
export function openApiDocument(options: OpenApiOptions = {}): Record<string, unknown> {
  const converter = new SchemaConverter();
  const paths: Record<string, Record<string, unknown>> = {};
  const tags: string[] = [];
  for (const [name, spec, group] of routeEntries()) {
    const path = openApiPath(spec.path);
    paths[path] = paths[path] ?? {};
    paths[path][spec.method.toLowerCase()] = operationOf(
      converter,
      name,
      spec,
      credentialOf(group, spec),
    );
    tags.push(tagOf(name));
  }
  paths[OPENAPI_PATH] = { ...paths[OPENAPI_PATH], get: selfOperation };
  return {
    openapi: '3.1.0',
    info: {
      title: 'KiCI API',
      version: 'v1',
      description:
        'The HTTP API of kici-server: the admin API (admin tokens), the extension store, the dispatcher and agent endpoints, and the public probes. Every non-2xx answer has the body `{ "error": { "code", "message", "field"? } }`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: options.serverUrl ?? '/' }],
    tags: tagList(tags),
    paths,
    components: {
      schemas: { ErrorBody: converter.convert(ErrorBodySchema), ...converter.components },
      responses: errorResponseComponents(),
      securitySchemes,
    },
  };
}
