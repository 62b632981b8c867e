import { EXTENSIONS_API_PREFIX, INTERNAL_API_PREFIX, type RouteTable } from '../route-spec.js';
import {
  DeliveryDetailSchema,
  DeliveryParamsSchema,
  DeliverySchema,
  InternalInvocationBodySchema,
  InvocationResponseSchema,
  InvokeBodySchema,
  ListDeliveriesQuerySchema,
  ListDeliveriesResponseSchema,
  RotateSigningSecretBodySchema,
  SigningSecretSchema,
} from './extension-deliveries.js';
import { InstallationParamsSchema } from './extension-model.js';

const E = EXTENSIONS_API_PREFIX;
const INSTALLATION = `${E}/installations/:orgId/:projectKey/:extensionId`;

/** Deliveries to extensions: test invokes, the outbox and its attempts, signing secrets. */
export const deliveryRoutes = {
  'extensions.installations.invoke': {
    method: 'POST',
    path: `${INSTALLATION}/invoke`,
    permission: 'context.update',
    params: InstallationParamsSchema,
    body: InvokeBodySchema,
    response: InvocationResponseSchema,
    status: 202,
  },
  'extensions.deliveries.list': {
    method: 'GET',
    path: `${E}/deliveries`,
    permission: 'event_log.read',
    query: ListDeliveriesQuerySchema,
    response: ListDeliveriesResponseSchema,
  },
  'extensions.deliveries.show': {
    method: 'GET',
    path: `${E}/deliveries/:deliveryId`,
    permission: 'event_log.read',
    params: DeliveryParamsSchema,
    response: DeliveryDetailSchema,
  },
  'extensions.deliveries.retry': {
    method: 'POST',
    path: `${E}/deliveries/:deliveryId/retry`,
    permission: 'event_dlq.manage',
    params: DeliveryParamsSchema,
    response: DeliverySchema,
  },
  'extensions.signingSecret.show': {
    method: 'GET',
    path: `${INSTALLATION}/signing-secret`,
    permission: 'secret.reveal',
    params: InstallationParamsSchema,
    response: SigningSecretSchema,
  },
  'extensions.signingSecret.rotate': {
    method: 'POST',
    path: `${INSTALLATION}/signing-secret/rotate`,
    permission: 'secret.write',
    params: InstallationParamsSchema,
    body: RotateSigningSecretBodySchema,
    response: SigningSecretSchema,
  },
} as const satisfies RouteTable;

/** The dispatcher asks for an invocation (bearer: the dispatcher credential). */
export const internalDeliveryRoutes = {
  'internal.invoke': {
    method: 'POST',
    path: `${INTERNAL_API_PREFIX}/extensions/invocations`,
    permission: null,
    body: InternalInvocationBodySchema,
    response: InvocationResponseSchema,
    status: 202,
  },
} as const satisfies RouteTable;
