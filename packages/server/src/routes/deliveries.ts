import { TEST_EVENT_TYPE } from '@kici/contracts';
import type { Core } from '@kici/core';
import type { Hono } from 'hono';
import { type Env, mount } from '../endpoint.js';
import {
  deliveryDetailInfo,
  deliveryInfo,
  invocationInfo,
  signingSecretInfo,
} from './delivery-views.js';

/** Test invokes, the delivery outbox and its attempts, and each installation's signing secret. */
export function deliveryRoutes(app: Hono<Env>, core: Core) {
  const { deliveries } = core;
  mount(app, 'extensions.installations.invoke', async ({ actor, params, body }) =>
    invocationInfo(
      await deliveries.invoke(actor, params, {
        type: body.event_type ?? TEST_EVENT_TYPE,
        payload: body.payload ?? {},
      }),
    ),
  );
  mount(app, 'extensions.deliveries.list', async ({ actor, query }) => ({
    deliveries: (
      await deliveries.list(actor, {
        orgId: query.org_id,
        ...(query.project === undefined ? {} : { projectKey: query.project }),
        ...(query.extension === undefined ? {} : { extensionId: query.extension }),
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.limit === undefined ? {} : { limit: query.limit }),
      })
    ).map(deliveryInfo),
  }));
  mount(app, 'extensions.deliveries.show', async ({ actor, params }) =>
    deliveryDetailInfo(await deliveries.show(actor, params.deliveryId)),
  );
  mount(app, 'extensions.deliveries.retry', async ({ actor, params }) =>
    deliveryInfo(await deliveries.retry(actor, params.deliveryId)),
  );
  mount(app, 'extensions.signingSecret.show', async ({ actor, params }) =>
    signingSecretInfo(await deliveries.signingSecret.reveal(actor, params)),
  );
  mount(app, 'extensions.signingSecret.rotate', async ({ actor, params, body }) =>
    signingSecretInfo(await deliveries.signingSecret.rotate(actor, params, body.window_seconds)),
  );
}
