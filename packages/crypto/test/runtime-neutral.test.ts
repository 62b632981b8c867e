// @kici/crypto's main entry must run where there is no Node: bundle it for the browser with
// esbuild, failing on any Node built-in, then run the bundle in a bare V8 context.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

const refuseNodeBuiltins: Plugin = {
  name: 'refuse-node-builtins',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) =>
      builtins.has(args.path) || args.path.startsWith('node:')
        ? { errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer}` }] }
        : undefined,
    );
  },
};

function bundleForBrowser(path: string) {
  return build({
    entryPoints: [entry(path)],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'kiciCrypto',
    write: false,
    logLevel: 'silent',
    plugins: [refuseNodeBuiltins],
  });
}

describe('runtime neutrality', () => {
  it('bundles the main entry for the browser with no Node built-in', async () => {
    const result = await bundleForBrowser('../src/index.ts');
    expect(result.errors).toEqual([]);
  });

  it('bundles the webhooks entry for the browser with no Node built-in', async () => {
    const result = await bundleForBrowser('../src/webhooks.ts');
    expect(result.errors).toEqual([]);
  });

  it('fails for the node entry, so the check is real', async () => {
    await expect(bundleForBrowser('../src/node/index.ts')).rejects.toThrow(/Node built-in "node:/);
  });

  it('seals and opens inside a context that has only Web APIs', async () => {
    const [bundle] = (await bundleForBrowser('../src/index.ts')).outputFiles ?? [];
    const context = { crypto: globalThis.crypto, TextEncoder, atob, btoa, Date };
    const script = `${bundle?.text}
      const key = kiciCrypto.parseMasterKey('${'ab'.repeat(32)}');
      const ring = kiciCrypto.createKeyring({ current: key, version: 1 });
      const aad = kiciCrypto.secretAad({ orgId: 'o', scope: 'pg:p', key: 'K' });
      const run = kiciCrypto.generateRunKeyPair();
      const secret = kiciCrypto.generateWebhookSecret();
      const sealed = kiciCrypto.sealForRun(run.publicKey, new TextEncoder().encode('hi'), aad);
      [
        typeof process,
        typeof require,
        Array.from(ring.open(ring.seal(new TextEncoder().encode('value'), aad), aad).plaintext),
        Array.from(kiciCrypto.openForRun(run.privateKey, sealed, aad)),
        kiciCrypto.generateAdminToken().startsWith('kici_'),
        kiciCrypto.verifyWebhook({
          headers: kiciCrypto.webhookHeaders({ id: 'msg_1', body: '{}', secrets: [secret] }),
          body: '{}',
          secrets: [secret],
        }).id,
      ];`;
    const [processType, requireType, opened, openedForRun, token, webhookId] = runInNewContext(
      script,
      context,
    );
    expect([processType, requireType]).toEqual(['undefined', 'undefined']);
    expect(opened).toEqual([...new TextEncoder().encode('value')]);
    expect(openedForRun).toEqual([...new TextEncoder().encode('hi')]);
    expect(token).toBe(true);
    expect(webhookId).toBe('msg_1');
  });
});
