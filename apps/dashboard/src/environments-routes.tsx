import { type Actor, invalidInput, KiciError } from '@kici/core';
import type { Context, Hono } from 'hono';
import { DeleteEnvironmentPage, EnvironmentPage, type TestAccess } from './environment-page.js';
import {
  environmentName,
  type Form,
  nameField,
  rulesFields,
  scopeField,
  switchField,
  textField,
} from './environments-forms.js';
import { EnvironmentsPage } from './environments-page.js';
import { readForm } from './form.js';
import type { Env } from './hono-env.js';
import { orgOf, pageUrl, type UiContext, withSession } from './page.js';

/** The notices a redirect may ask for (a fixed list: the address never carries page text). */
const NOTICES: Record<string, string> = {
  created: 'Environment created.',
  deleted: 'Environment deleted.',
  rules: 'Protection rules saved.',
  bound: 'Scope bound.',
  unbound: 'Binding removed.',
  moved: 'Bindings reordered.',
  'test-runs-on': 'Test runs turned on.',
  'test-runs-off': 'Test runs turned off.',
};
const noticeOf = (c: Context<Env>) => NOTICES[c.req.query('done') ?? ''];

/** Environments: protection rules, ordered scope bindings and the "Test runs" switch. */
export function environmentsRoutes(ui: Hono<Env>, ctx: UiContext) {
  const { core } = ctx;
  const back = (c: Context<Env>, orgId: string, name: string | undefined, done: string) =>
    c.redirect(
      pageUrl(name ? `/environments/${name}` : '/environments', { org: orgId, done }),
      303,
    );

  /** A POST on one environment: org, name and form read and checked, then `act`. */
  const post = (act: (actor: Actor, orgId: string, name: string, form: Form) => Promise<string>) =>
    withSession(ctx, async (c, actor) => {
      const orgId = orgOf(c);
      const name = environmentName(c);
      const form = await readForm(c);
      return back(c, orgId, name, await act(actor, orgId, name, form));
    });

  /** Whether the dashboard-write policy lets this surface flip the switch (core still decides). */
  const testAccess = async (actor: Actor): Promise<TestAccess> => {
    const allowed = (await core.policy.show(actor))['environments.test_access.set'];
    return { fromDashboard: allowed.includes(actor.surface), allowed };
  };

  ui.get(
    '/environments',
    withSession(ctx, async (c, actor) => {
      const orgId = orgOf(c);
      const environments = await core.environments.list(actor, orgId);
      return c.html(
        <EnvironmentsPage orgId={orgId} environments={environments} notice={noticeOf(c)} />,
      );
    }),
  );
  ui.post(
    '/environments',
    withSession(ctx, async (c, actor) => {
      const orgId = orgOf(c);
      const name = nameField(await readForm(c));
      await core.environments.create(actor, orgId, name);
      return back(c, orgId, name, 'created');
    }),
  );
  ui.get(
    '/environments/:name',
    withSession(ctx, async (c, actor) => {
      const env = await core.environments.show(actor, orgOf(c), environmentName(c));
      const access = await testAccess(actor);
      return c.html(<EnvironmentPage env={env} access={access} notice={noticeOf(c)} />);
    }),
  );
  ui.post(
    '/environments/:name/test-runs',
    post(async (actor, orgId, name, form) => {
      const allowLocalExecution = switchField(form, 'allowLocalExecution');
      await core.environments.setPolicy(actor, orgId, name, { allowLocalExecution });
      return allowLocalExecution ? 'test-runs-on' : 'test-runs-off';
    }),
  );
  ui.post(
    '/environments/:name/rules',
    post(async (actor, orgId, name, form) => {
      await core.environments.setPolicy(actor, orgId, name, { rules: rulesFields(form) });
      return 'rules';
    }),
  );
  ui.post(
    '/environments/:name/bindings',
    post(async (actor, orgId, name, form) => {
      await core.environments.bind(actor, orgId, name, scopeField(form));
      return 'bound';
    }),
  );
  ui.post(
    '/environments/:name/bindings/remove',
    post(async (actor, orgId, name, form) => {
      await core.environments.unbind(actor, orgId, name, scopeField(form));
      return 'unbound';
    }),
  );
  ui.post(
    '/environments/:name/bindings/move',
    post(async (actor, orgId, name, form) => {
      const scope = scopeField(form);
      const direction = textField(form, 'direction');
      if (direction !== 'up' && direction !== 'down') {
        throw invalidInput('direction', 'expected up or down');
      }
      await core.environments.move(actor, orgId, name, scope, direction);
      return 'moved';
    }),
  );
  ui.get(
    '/environments/:name/delete',
    withSession(ctx, async (c, actor) => {
      const env = await core.environments.show(actor, orgOf(c), environmentName(c));
      return c.html(<DeleteEnvironmentPage env={env} />);
    }),
  );
  ui.post(
    '/environments/:name/delete',
    withSession(ctx, async (c, actor) => {
      const orgId = orgOf(c);
      const name = environmentName(c);
      if (textField(await readForm(c), 'confirm') !== name) {
        throw new KiciError('invalid_input', `confirm: type ${name} to delete it`, 'confirm');
      }
      await core.environments.delete(actor, orgId, name);
      return back(c, orgId, undefined, 'deleted');
    }),
  );
}
