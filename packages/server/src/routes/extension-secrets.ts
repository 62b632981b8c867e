import { rotateExtensionSecretBodySchema, setExtensionSecretsBodySchema } from '@kici/contracts';
import type { Core, ScopeAddress } from '@kici/core';
import type { Hono } from 'hono';
import { type Env, mount } from '../endpoint.js';
import { secretInfo } from './extension-views.js';

type Scoped = { org_id: string; scope: ScopeAddress['scope']; id?: string | undefined };

const addressOf = (input: Scoped): ScopeAddress => ({
  orgId: input.org_id,
  scope: input.scope,
  id: input.id,
});
const answerOf = (input: Scoped) => ({
  org_id: input.org_id,
  scope: input.scope,
  id: input.id ?? input.org_id,
});

/** `/api/v1/extensions/secrets`: list by scope and id, set, link, rotate, delete. */
export function extensionSecretRoutes(app: Hono<Env>, core: Core, maxSecretBytes: number) {
  const secrets = core.extensions.secrets;
  const overrides = {
    'extensions.secrets.set': { body: setExtensionSecretsBodySchema(maxSecretBytes) },
    'extensions.secrets.rotate': { body: rotateExtensionSecretBodySchema(maxSecretBytes) },
  };
  mount(app, 'extensions.secrets.list', async ({ actor, query }) => ({
    ...answerOf(query),
    secrets: (await secrets.list(actor, addressOf(query))).map(secretInfo),
  }));
  mount(
    app,
    'extensions.secrets.set',
    async ({ actor, body }) => ({
      ...answerOf(body),
      secrets: (await secrets.set(actor, addressOf(body), body.secrets)).map(secretInfo),
    }),
    overrides,
  );
  mount(app, 'extensions.secrets.link', async ({ actor, body }) => ({
    ...answerOf(body),
    secret: secretInfo(
      await secrets.link(actor, addressOf(body), body.key, {
        externalSecretName: body.external_secret_name,
        backend: body.backend,
        externalKey: body.external_key,
      }),
    ),
  }));
  mount(
    app,
    'extensions.secrets.rotate',
    async ({ actor, body }) => ({
      ...answerOf(body),
      secret: secretInfo(await secrets.rotate(actor, addressOf(body), body.key, body.value)),
    }),
    overrides,
  );
  mount(app, 'extensions.secrets.delete', async ({ actor, query }) => {
    await secrets.delete(actor, addressOf(query), query.key);
    return { ...answerOf(query), key: query.key, deleted: true as const };
  });
}
