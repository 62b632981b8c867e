import { type Actor, type Core, KiciError } from '@kici/core';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { APP_CSS, APP_JS } from '../src/assets.js';
import { DIAGNOSTICS_CSS } from '../src/diagnostics-assets.js';
import { ENVIRONMENTS_CSS, ENVIRONMENTS_JS } from '../src/environments-assets.js';
import { createDashboard, UI_CSP } from '../src/index.js';
import { SCOPE_CSS } from '../src/scope-assets.js';

// The routes below (assets, sign-in) never reach core: any use of it fails the test.
const untouchedCore = new Proxy({} as Core, {
  get: (_target, name) => {
    throw new Error(`core.${String(name)} used`);
  },
});

const actorOf = (surface: Actor['surface']): Actor => ({
  tokenId: 'tok_1',
  label: 'test',
  role: 'admin',
  surface,
});

/** The host's token check: `good-<surface>` passes as that surface, anything else is refused. */
const authenticate = async (_c: unknown, token: string | undefined) => {
  if (token === 'good-cli') return actorOf('cli');
  if (token === 'good-dashboard') return actorOf('dashboard');
  throw new KiciError('unauthorized', 'token: invalid or revoked');
};

// Mounted at /ui as kici-server mounts it: its links, redirects and cookie assume that prefix.
const dashboard = new Hono().route(
  '/ui',
  createDashboard({ core: untouchedCore, https: true, authenticate }),
);
const signIn = (token: string) =>
  dashboard.request('/ui/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
  });

describe('@kici/dashboard', () => {
  it('joins every page module’s share into the one stylesheet and script', () => {
    for (const part of [SCOPE_CSS, ENVIRONMENTS_CSS, DIAGNOSTICS_CSS])
      expect(APP_CSS).toContain(part);
    expect(APP_JS).toContain(ENVIRONMENTS_JS);
    expect(APP_JS).toContain("querySelectorAll('button[data-copy]')");
  });

  it('serves the assets with the CSP and the security headers, cacheable', async () => {
    const js = await dashboard.request('/ui/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe(APP_JS);
    const css = await dashboard.request('/ui/assets/app.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    for (const response of [js, css]) {
      expect(response.headers.get('content-security-policy')).toBe(UI_CSP);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('cache-control')).toBeNull();
    }
    expect(UI_CSP).toContain("script-src 'self'");
    expect(UI_CSP).not.toContain('unsafe-inline');
  });

  it('keeps pages out of caches and signs in only a dashboard-surface token', async () => {
    const page = await dashboard.request('/ui/sign-in');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toBe(UI_CSP);

    const bad = await signIn('nope');
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain('token: invalid or revoked');
    const cli = await signIn('good-cli');
    expect(cli.status).toBe(403);
    expect(await cli.text()).toContain('this token is for the CLI');
    const ok = await signIn('good-dashboard');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/ui/secrets');
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('kici_session=good-dashboard');
    for (const flag of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/ui'])
      expect(cookie).toContain(flag);
  });
});
