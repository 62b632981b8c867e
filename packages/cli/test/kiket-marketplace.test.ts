// `kiket marketplace …` as a real process against a real kici-server: the org-level wizard and
// the project install ("Using organization-wide credentials"), status exit codes, enable gate,
// prompts on a terminal, products, and deletes that take --yes. No value is printed.
import { testDrivers } from '@kici/server/testing';
import { describe, expect, it } from 'vitest';
import { json, KIKET_BIN, kiciAdminOnTty } from './helpers.js';
import { useKiketFixture, ZOOM_MANIFEST } from './kiket-fixture.js';

const words = (line: string) => line.trim().split(/\s+/).slice(1);

describe.each(testDrivers())('kiket marketplace (%s)', (driver) => {
  const f = useKiketFixture(driver);

  it('installs org-wide, then on a project using the organization-wide credentials', async () => {
    f.file('zoom.yaml', ZOOM_MANIFEST);
    const setup = await Promise.all([
      f.run(words('kiket extensions catalog add com.example.zoom --manifest zoom.yaml')),
      f.run(words('kiket extensions projects create OPS')),
      f.run(words('kiket extensions projects create DEV')),
    ]);
    for (const result of setup) expect(result.code, result.stderr).toBe(0);

    f.file('.env.zoom-ops', 'CHANNEL_ID=C0123456789\n');
    const early = await f.run(
      words(
        'kiket marketplace install com.example.zoom --project OPS --env-file .env.zoom-ops --enable',
      ),
    );
    expect(early.code).toBe(1);
    expect(early.stdout).toContain(
      'Installed com.example.zoom on project OPS (org acme), disabled',
    );
    expect(early.stdout).toContain('Organization-wide credentials missing: ZOOM_CLIENT_ID');
    expect(early.stderr).toMatch(/^Error: not enabled: .*ZOOM_CLIENT_ID/);

    const status = await f.run(words('kiket marketplace status'));
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/^INSTALLATION\s+ENABLED\s+READY\s+MISSING/);
    expect(status.stdout).toMatch(/OPS\/com\.example\.zoom\s+no\s+no\s+ZOOM_CLIENT_ID/);
    expect(status.stderr).toBe(
      'Error: 1 installation is not ready: OPS/com.example.zoom (missing ZOOM_CLIENT_ID)\n',
    );

    // A per-project key in the org-level wizard is refused before anything is written.
    f.file('.env.zoom-mixed', 'ZOOM_CLIENT_ID=zoom-client-abcdef\nCHANNEL_ID=C-mixed-999\n');
    const mixed = await f.run(
      words('kiket marketplace install com.example.zoom --env-file .env.zoom-mixed'),
    );
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toMatch(/CHANNEL_ID is a per-project field \(scope: installation\)/);

    f.file('.env.zoom-org', 'ZOOM_CLIENT_ID=zoom-client-abcdef\n');
    const org = await f.run(
      words('kiket marketplace install com.example.zoom --env-file .env.zoom-org'),
    );
    expect([org.code, org.stderr]).toEqual([0, '']);
    expect(org.stdout).toContain(
      'Configured organization-wide credentials of com.example.zoom (org acme): ZOOM_CLIENT_ID',
    );

    const project = await f.run(
      words('kiket marketplace install com.example.zoom --project OPS --enable'),
    );
    expect([project.code, project.stderr]).toEqual([0, '']);
    expect(project.stdout).toContain('on project OPS (org acme), enabled');
    expect(project.stdout).toContain('Using organization-wide credentials: ZOOM_CLIENT_ID');

    const ready = await f.run([...words('kiket marketplace status'), '--json']);
    expect(ready.code, ready.stderr).toBe(0);
    expect(json(ready)).toMatchObject({ org_id: 'acme', ready: true });
  });

  it('overrides an org-wide key per project, flags placeholders, and asks on a terminal', async () => {
    f.file('.env.zoom-dev', 'ZOOM_CLIENT_ID=zoom-dev-override\nCHANNEL_ID=changeme\n');
    const dev = await f.run([
      ...words('kiket marketplace install com.example.zoom --project DEV --env-file .env.zoom-dev'),
      '--json',
    ]);
    expect(dev.code, dev.stderr).toBe(0);
    const answer = json<{
      set: string[];
      status: {
        placeholder: string[];
        fields: { key: string; using_organization_wide: boolean }[];
      };
    }>(dev);
    expect(answer.set).toEqual(['ZOOM_CLIENT_ID', 'CHANNEL_ID']);
    expect(answer.status.placeholder).toEqual(['CHANNEL_ID']);
    expect(
      answer.status.fields.find((x) => x.key === 'ZOOM_CLIENT_ID')?.using_organization_wide,
    ).toBe(false);
    const status = await f.run(
      words('kiket marketplace status --project DEV --extension com.example.zoom'),
    );
    expect(status.code).toBe(1);
    expect(status.stderr).toContain('DEV/com.example.zoom (placeholder CHANNEL_ID)');

    // On a terminal the wizard asks for the per-project field still a placeholder (not a
    // secret field: typed in clear).
    const tty = await kiciAdminOnTty(
      f.server,
      words('kiket marketplace install com.example.zoom --project DEV'),
      'Default Channel (CHANNEL_ID)',
      'C-typed-on-tty',
      { KICI_ORG_ID: 'acme' },
      KIKET_BIN,
    );
    expect(tty.prompted, tty.stdout).toBe(true);
    expect(tty.code, tty.stdout).toBe(0);
    expect(tty.stdout).toContain('Set for this installation: CHANNEL_ID');
    expect(tty.stdout).toMatch(
      /Installed com\.example\.zoom on project DEV \(org acme\), disabled/,
    );
    const after = await f.run(words('kiket marketplace status --project DEV'));
    expect(after.code, after.stderr).toBe(0);
  });

  it('enables, disables, and uninstalls with --yes; products install and remove', async () => {
    const disabled = await f.run(words('kiket marketplace disable com.example.zoom --project OPS'));
    expect([disabled.code, disabled.stdout]).toEqual([
      0,
      'Disabled OPS/com.example.zoom (org acme)\n',
    ]);
    const enabled = await f.run(words('kiket marketplace enable com.example.zoom --project OPS'));
    expect([enabled.code, enabled.stdout]).toEqual([
      0,
      'Enabled OPS/com.example.zoom (org acme)\n',
    ]);

    const product = await f.run(words('kiket marketplace products install com.example.suite'));
    expect(product.code, product.stderr).toBe(0);
    const products = await f.run([...words('kiket marketplace products list'), '--json']);
    expect(json(products)).toMatchObject({
      product_installations: [expect.objectContaining({ product_id: 'com.example.suite' })],
    });
    const removeProduct = await f.run(
      words('kiket marketplace products remove com.example.suite --yes'),
    );
    expect(removeProduct.code, removeProduct.stderr).toBe(0);

    const refused = await f.run(
      words('kiket marketplace uninstall com.example.zoom --project DEV'),
    );
    expect(refused.code).toBe(2);
    const uninstalled = await f.run(
      words('kiket marketplace uninstall com.example.zoom --project DEV --yes'),
    );
    expect(uninstalled.code, uninstalled.stderr).toBe(0);
    expect(uninstalled.stdout).toBe(
      'Uninstalled DEV/com.example.zoom (org acme), with 2 secrets\n',
    );
    const project = await f.run(words('kiket extensions projects delete OPS --yes'));
    expect(project.code, project.stderr).toBe(0);
    expect(project.stdout).toBe(
      'Deleted project OPS (org acme), with 1 secret and 1 installation\n',
    );
    const left = await f.run(words('kiket marketplace status'));
    expect([left.code, left.stdout]).toEqual([0, 'No installations in org acme\n']);
  });
});
