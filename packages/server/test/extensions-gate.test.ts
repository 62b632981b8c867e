// The extension model and the install gate over HTTP, on a real kici-server process: the seed's
// manifest flow (org-wide fields, per-project fields, overrides), the enable gate, sources and
// deletes that ask for confirmation.
import { type AdminClient, createAdminClient } from '@kici/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { apiError } from './helpers.js';

const ZOOM = 'com.example.zoom';
const MANIFEST = `
extension:
  name: Zoom
  configuration:
    ZOOM_CLIENT_ID:
      type: string
      secret: true
      required: true
      scope: extension
      label: Zoom Client ID
    CHANNEL_ID:
      type: string
      required: true
      scope: installation
      label: Default Channel
`;

describe.each(testDrivers())('extension installations over HTTP (%s)', (driver) => {
  let server: TestServer;
  let owner: AdminClient;
  const ext = () => owner.extensions;
  const status = (project: string) => ext().installations.status('acme', project, ZOOM);
  const fieldsOf = async (project: string) =>
    Object.fromEntries((await status(project)).fields.map((field) => [field.key, field]));

  beforeAll(async () => {
    server = await startTestServer({ driver });
    owner = createAdminClient({ baseUrl: server.url, token: server.token });
  }, 120_000);
  afterAll(() => server?.dispose());

  it('refuses a bad manifest naming the path, and stores a good one normalized', async () => {
    const bad = await apiError(
      ext().catalog.put(ZOOM, MANIFEST.replace('scope: installation', 'scope: everywhere')),
    );
    expect(bad).toMatchObject({
      status: 400,
      field: 'manifest',
      message:
        'manifest: extension.configuration.CHANNEL_ID.scope: expected "extension" or "installation"',
    });
    const entry = await ext().catalog.put(ZOOM, MANIFEST);
    expect(entry).toMatchObject({ id: ZOOM, name: 'Zoom' });
    expect(entry.manifest.configuration.CHANNEL_ID).toEqual({
      type: 'string',
      secret: false,
      required: true,
      scope: 'installation',
      label: 'Default Channel',
    });
    expect((await ext().catalog.list()).extensions.map((e) => e.id)).toEqual([ZOOM]);
  });

  it('creates installations disabled, on existing projects only', async () => {
    expect((await apiError(ext().installations.put('acme', 'OPS', ZOOM))).status).toBe(404);
    await ext().projects.put('acme', 'OPS', { name: 'Operations' });
    await ext().projects.put('acme', 'DEV');
    const created = await ext().installations.put('acme', 'OPS', ZOOM);
    expect(created).toMatchObject({
      project_key: 'OPS',
      extension_id: ZOOM,
      enabled: false,
      product_id: null,
    });
    await ext().installations.put('acme', 'DEV', ZOOM);
    expect((await ext().installations.list('acme', { project: 'OPS' })).installations).toHaveLength(
      1,
    );
  });

  it('gates enable on missing and placeholder keys, then enables', async () => {
    const first = await status('OPS');
    expect(first).toMatchObject({ ready: false, missing: ['CHANNEL_ID', 'ZOOM_CLIENT_ID'].sort() });
    const refused = await apiError(ext().installations.enable('acme', 'OPS', ZOOM));
    expect(refused.status).toBe(409);
    expect(refused.message).toContain('missing');
    expect(refused.message).toContain('ZOOM_CLIENT_ID');

    // The org-level wizard: the extension-scope field once for the org.
    await ext().secrets.set(
      { orgId: 'acme', scope: 'extension', id: ZOOM },
      { ZOOM_CLIENT_ID: 'zoom-client-real-1' },
    );
    await ext().secrets.set(
      { orgId: 'acme', scope: 'installation', id: `OPS/${ZOOM}` },
      { CHANNEL_ID: 'changeme' },
    );
    const fields = await fieldsOf('OPS');
    expect(fields.ZOOM_CLIENT_ID).toMatchObject({
      status: 'ok',
      using_organization_wide: true,
      source: { scope: 'extension', id: ZOOM },
    });
    expect(fields.CHANNEL_ID).toMatchObject({
      status: 'placeholder',
      source: { scope: 'installation', id: `OPS/${ZOOM}` },
    });
    const placeholder = await apiError(ext().installations.enable('acme', 'OPS', ZOOM));
    expect(placeholder).toMatchObject({
      status: 409,
      message: `Installation OPS/${ZOOM} cannot be enabled: placeholder CHANNEL_ID`,
    });

    await ext().secrets.set(
      { orgId: 'acme', scope: 'installation', id: `OPS/${ZOOM}` },
      { CHANNEL_ID: '#ops-alerts' },
    );
    expect((await status('OPS')).ready).toBe(true);
    expect(await ext().installations.enable('acme', 'OPS', ZOOM)).toMatchObject({ enabled: true });
    expect(await ext().installations.disable('acme', 'OPS', ZOOM)).toMatchObject({
      enabled: false,
      enabled_at: null,
    });
  });

  it('keeps installs isolated, and lets a project override an org-wide credential', async () => {
    const dev = await fieldsOf('DEV');
    expect(dev.CHANNEL_ID?.status).toBe('missing');
    expect(dev.ZOOM_CLIENT_ID?.using_organization_wide).toBe(true);
    await ext().secrets.set(
      { orgId: 'acme', scope: 'installation', id: `DEV/${ZOOM}` },
      { ZOOM_CLIENT_ID: 'zoom-dev-override-2' },
    );
    expect((await fieldsOf('DEV')).ZOOM_CLIENT_ID).toMatchObject({
      using_organization_wide: false,
      source: { scope: 'installation' },
    });
    expect((await fieldsOf('OPS')).ZOOM_CLIENT_ID?.using_organization_wide).toBe(true);
  });

  it('names the source of every key, the product level only when the install names a product', async () => {
    await ext().products.put('acme', 'com.example.suite');
    await ext().secrets.set(
      { orgId: 'acme', scope: 'product_installation', id: 'com.example.suite' },
      { SUITE_TOKEN: 'suite-token-3', CHANNEL_ID: 'suite-channel' },
    );
    await ext().secrets.set(
      { orgId: 'acme', scope: 'organization' },
      { SUITE_TOKEN: 'org-token-4' },
    );
    const without = await ext().installations.sources('acme', 'OPS', ZOOM);
    expect(without.chain.map((ref) => ref.scope)).toEqual([
      'installation',
      'extension',
      'project',
      'organization',
    ]);
    expect(without.sources.find((s) => s.key === 'SUITE_TOKEN')?.source).toEqual({
      scope: 'organization',
      id: 'acme',
    });
    await ext().installations.put('acme', 'OPS', ZOOM, { product_id: 'com.example.suite' });
    const withProduct = await ext().installations.sources('acme', 'OPS', ZOOM);
    const byKey = Object.fromEntries(withProduct.sources.map((s) => [s.key, s]));
    expect(byKey.SUITE_TOKEN).toMatchObject({
      source: { scope: 'product_installation' },
      shadowed: [{ scope: 'organization', id: 'acme' }],
    });
    expect(byKey.CHANNEL_ID).toMatchObject({
      source: { scope: 'installation' },
      shadowed: [{ scope: 'product_installation', id: 'com.example.suite' }],
    });
  });

  it('asks for confirmation before deleting what still holds secrets, then deletes all at once', async () => {
    const refused = await apiError(ext().projects.delete('acme', 'DEV'));
    expect(refused).toMatchObject({
      status: 409,
      message: expect.stringContaining('confirm=true'),
    });
    expect(refused.message).toContain('1 installation');
    expect((await ext().projects.list('acme')).projects.map((p) => p.key)).toEqual(['DEV', 'OPS']);
    const deleted = await ext().projects.delete('acme', 'DEV', { confirm: true });
    expect(deleted).toMatchObject({ deleted: true, deleted_secrets: 1, deleted_installations: 1 });
    expect(
      (await ext().installations.list('acme')).installations.map((i) => i.project_key),
    ).toEqual(['OPS']);
    const gone = await apiError(
      ext().secrets.list({ orgId: 'acme', scope: 'installation', id: `DEV/${ZOOM}` }),
    );
    expect(gone.status).toBe(404);

    const product = await apiError(ext().products.delete('acme', 'com.example.suite'));
    expect(product.message).toContain('2 secrets and 1 installation');
    expect(
      await ext().products.delete('acme', 'com.example.suite', { confirm: true }),
    ).toMatchObject({ deleted_secrets: 2 });
    expect((await ext().installations.list('acme')).installations[0]?.product_id).toBeNull();
  });

  it('never answers or audits a value', async () => {
    const text =
      JSON.stringify([await owner.audit({ limit: 1000 }), await status('OPS')]) + server.output();
    for (const value of [
      'zoom-client-real-1',
      '#ops-alerts',
      'zoom-dev-override-2',
      'suite-token-3',
      'suite-channel',
      'org-token-4',
    ]) {
      expect(text).not.toContain(value);
    }
  });
});
