import type { RouteInput, RouteName, RouteResponse } from '../routes.js';
import type { CallInput } from './transport.js';

type Answer<K extends RouteName> = Promise<RouteResponse<K>>;

/** An installation: the org, the project key and the extension id. */
export interface InstallationAddress {
  readonly orgId: string;
  readonly projectKey: string;
  readonly extensionId: string;
}

/** Deliveries to extensions (`/api/v1/extensions/…`), one method per route. */
export interface DeliveriesClient {
  /** Queues a test event (default `kiket.test`); 409 when a required key is missing. */
  invoke(
    at: InstallationAddress,
    input?: RouteInput<'extensions.installations.invoke', 'body'>,
  ): Answer<'extensions.installations.invoke'>;
  list(
    query: RouteInput<'extensions.deliveries.list', 'query'>,
  ): Answer<'extensions.deliveries.list'>;
  show(id: string): Answer<'extensions.deliveries.show'>;
  /** A failed delivery back to pending, its attempts reset; 409 otherwise. */
  retry(id: string): Answer<'extensions.deliveries.retry'>;
  readonly signingSecret: {
    /** Reveals the installation's signing secret (audited), created on first use. */
    show(at: InstallationAddress): Answer<'extensions.signingSecret.show'>;
    /** A new secret; the previous one still signs for `window_seconds` (default 86400). */
    rotate(
      at: InstallationAddress,
      windowSeconds?: number,
    ): Answer<'extensions.signingSecret.rotate'>;
  };
}

type Call = <K extends RouteName>(name: K, input?: CallInput) => Answer<K>;

/** The `deliveries` group of the admin client, over its `call`. */
export function deliveriesClient(call: Call): DeliveriesClient {
  return {
    invoke: (params, input = {}) =>
      call('extensions.installations.invoke', { params, body: input }),
    list: (query) => call('extensions.deliveries.list', { query }),
    show: (deliveryId) => call('extensions.deliveries.show', { params: { deliveryId } }),
    retry: (deliveryId) => call('extensions.deliveries.retry', { params: { deliveryId } }),
    signingSecret: {
      show: (params) => call('extensions.signingSecret.show', { params }),
      rotate: (params, windowSeconds) =>
        call('extensions.signingSecret.rotate', {
          params,
          body: windowSeconds === undefined ? {} : { window_seconds: windowSeconds },
        }),
    },
  };
}
