/**
 * `@kici/contracts/openapi`: the OpenAPI 3.1 description of the HTTP API, generated from the
 * route table. kici-server serves it at /api/v1/openapi.json; the docs site renders it.
 * @module
 */
export { type Credential, credentialOf, type RouteGroup, securitySchemes } from './access.js';
export { OPENAPI_PATH, type OpenApiOptions, openApiDocument, routeEntries } from './document.js';
export { type ErrorStatus, errorStatusesOf } from './error-responses.js';
export { openApiPath, pathParameterNames } from './parameters.js';
export { tagOf } from './tags.js';
