import { ScopeSchema, SecretKeySchema } from '@kici/contracts';
import { KiciError, keyAuditTrail, scopeKeys } from '@kici/core';
import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import { checked, readForm } from './form.js';
import type { Env } from './hono-env.js';
import { orgOf, pageUrl, type UiContext, withSession } from './page.js';
import { KeyAuditPage } from './scope-key-page.js';
import { ScopePage } from './scope-page.js';

/** `?id=`: the copyable `backend:path`, validated as the API validates a scope. */
function scopeOf(c: Context<Env>): string {
  const parsed = v.safeParse(ScopeSchema, c.req.query('id') ?? '');
  if (parsed.success) return parsed.output;
  const message = parsed.issues[0].message.replace(/^scope: /, '');
  throw new KiciError('invalid_input', `id: ${message}`, 'id');
}

const keyOf = (value: unknown) => checked(SecretKeySchema, value ?? '', 'key');

/** The notice a write's redirect asks for; only a well-formed key name is echoed. */
function noticeOf(c: Context<Env>): string | undefined {
  const done = c.req.query('done');
  const key = v.safeParse(SecretKeySchema, c.req.query('key') ?? '');
  if (!key.success) return undefined;
  if (done === 'created') return `Stored a new value for ${key.output}.`;
  if (done === 'replaced') return `Replaced the value of ${key.output}.`;
  if (done === 'deleted') return `Deleted ${key.output}.`;
  return undefined;
}

/** The keys of one scope: metadata, set a value (write-only), delete, a key's audit trail. */
export function scopeRoutes(ui: Hono<Env>, ctx: UiContext) {
  const { core } = ctx;
  ui.get(
    '/scope',
    withSession(ctx, async (c, actor) => {
      const orgId = orgOf(c);
      const view = await scopeKeys(core, actor, orgId, scopeOf(c));
      return c.html(<ScopePage orgId={orgId} view={view} notice={noticeOf(c)} />);
    }),
  );
  ui.post(
    '/scope/set',
    withSession(ctx, async (c, actor) => {
      const orgId = orgOf(c);
      const scope = scopeOf(c);
      const form = await readForm(c);
      const key = keyOf(form.key);
      if (typeof form.value !== 'string')
        throw new KiciError('invalid_input', 'value: expected text', 'value');
      // Core applies the write policy, the pg toggle and the size limit, and audits the write.
      const result = await core.secrets.set(actor, orgId, scope, key, form.value);
      const done = result.created ? 'created' : 'replaced';
      return c.redirect(pageUrl('/scope', { org: orgId, id: scope, done, key }), 303);
    }),
  );
  ui.post(
    '/scope/delete',
    withSession(ctx, async (c, actor) => {
      const orgId = orgOf(c);
      const scope = scopeOf(c);
      const form = await readForm(c);
      const key = keyOf(form.key);
      if (form.confirm !== 'yes') {
        throw new KiciError(
          'invalid_input',
          `confirm: tick "Confirm" to delete ${key}; nothing was deleted`,
          'confirm',
        );
      }
      await core.secrets.delete(actor, orgId, scope, key);
      return c.redirect(pageUrl('/scope', { org: orgId, id: scope, done: 'deleted', key }), 303);
    }),
  );
  ui.get(
    '/scope/key',
    withSession(ctx, async (c, actor) => {
      const orgId = orgOf(c);
      const scope = scopeOf(c);
      const key = keyOf(c.req.query('key'));
      const trail = await keyAuditTrail(core, actor, { orgId, scope, key });
      return c.html(<KeyAuditPage orgId={orgId} scope={scope} keyName={key} trail={trail} />);
    }),
  );
}
