import type { RouteSpec } from '../route-spec.js';
import { type Credential, securityOf } from './access.js';
import type { Schema, SchemaConverter } from './convert.js';
import { errorResponseOf, errorStatusesOf } from './error-responses.js';
import { parametersOf } from './parameters.js';
import { tagOf } from './tags.js';

const json = (schema: Schema) => ({ 'application/json': { schema } });

const CREDENTIAL_TEXT: Record<Credential, string> = {
  admin: 'an admin token',
  dispatcher: 'the dispatcher credential',
  job: "the job's credential",
  none: 'no credential',
};

function summaryOf(name: string, spec: RouteSpec, credential: Credential): string {
  const permission = spec.permission ? `, whose role grants \`${spec.permission}\`` : '';
  return `\`${name}\` in the typed client. Takes ${CREDENTIAL_TEXT[credential]}${permission}.`;
}

/** One route of the table as an OpenAPI Operation Object; operationId is its client name. */
export function operationOf(
  converter: SchemaConverter,
  name: string,
  spec: RouteSpec,
  credential: Credential,
): Schema {
  const status = spec.status ?? 200;
  const response = { description: 'Success', content: json(converter.convert(spec.response)) };
  const responses: Record<string, unknown> = { [status]: response };
  for (const other of spec.alsoAnswersWith ?? []) {
    responses[other] = { description: 'Answered with the same body', content: response.content };
  }
  for (const error of errorStatusesOf(spec, credential)) {
    responses[error.status] = errorResponseOf(error);
  }
  const operation: Schema = {
    operationId: name,
    tags: [tagOf(name)],
    summary: name,
    description: summaryOf(name, spec, credential),
    security: securityOf(credential),
    'x-kici-credential': credential,
    'x-kici-permission': spec.permission,
  };
  const parameters = parametersOf(converter, spec.path, spec.params, spec.query);
  if (parameters.length > 0) operation.parameters = parameters;
  if (spec.body) {
    operation.requestBody = { required: true, content: json(converter.convert(spec.body)) };
  }
  operation.responses = responses;
  return operation;
}
