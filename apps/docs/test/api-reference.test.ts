import { agentRoutes, internalRoutes, type RouteSpec, routes } from '@kici/contracts';
import { OPENAPI_PATH, openApiDocument } from '@kici/contracts/openapi';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiReference, operationAnchor, operationsOf } from '../scripts/api-reference.js';
import type { Schema } from '../scripts/api-schema.js';
import { builtPages, escapeHtml, requireDist, section } from './dist.js';

// Every route of the contracts' route tables must be in the built API reference with its
// permission and error responses; a route missing from the OpenAPI description, or dropped
// by the renderer, fails here.
const TABLES = { routes, internalRoutes, agentRoutes } as Record<string, Record<string, RouteSpec>>;
const ALL = Object.entries(TABLES).flatMap(([table, entries]) =>
  Object.entries(entries).map(([name, spec]) => ({ table, name, spec })),
);
/** `/secrets/:orgId` → `/secrets/{orgId}`: written here, not taken from the generator. */
const templated = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('the HTTP API reference', () => {
  beforeAll(requireDist);

  it('has every route of the route tables, with its permission and error responses', () => {
    const html = builtPages('reference/api').join('\n');
    expect(ALL.length).toBeGreaterThan(40);
    for (const { table, name, spec } of ALL) {
      const anchor = operationAnchor({ method: spec.method, path: templated(spec.path) });
      const body = section(html, anchor);
      expect(body, `${table}.${name}: ${spec.method} ${spec.path}`).toBeDefined();
      expect(body).toContain(escapeHtml(`${spec.method} ${templated(spec.path)}`));
      expect(body, `${name}: errors`).toMatch(/<code>5\d\d<\/code>/);
      if (spec.permission === null) continue;
      expect(body).toContain(`<code>${spec.permission}</code>`);
      for (const status of [401, 403])
        expect(body, `${name}: ${status}`).toContain(`<code>${status}</code>`);
      if (spec.params || spec.query || spec.body)
        expect(body, `${name}: 400`).toContain('<code>400</code>');
    }
  });

  it('renders one section per operation of the OpenAPI description, nothing more', () => {
    const doc = openApiDocument() as unknown as Schema;
    const rendered = apiReference(doc)
      .pages.map((p) => p.content)
      .join('\n');
    const headings = rendered.match(/^## (GET|PUT|POST|DELETE|PATCH) /gm) ?? [];
    expect(headings.length).toBe(operationsOf(doc).length);
    // The route tables, and the description itself (GET /api/v1/openapi.json).
    expect(operationsOf(doc).length).toBe(ALL.length + 1);
    expect(rendered).toContain(`## GET ${OPENAPI_PATH} `);
  });
});
