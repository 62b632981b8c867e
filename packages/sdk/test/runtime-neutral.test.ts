// @kici/sdk must run where there is no Node: bundle it for the browser with esbuild, failing
// on any Node built-in, then use the bundle in a bare V8 context that has only Web APIs.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build, type Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentServer } from './agent-server.js';
import { b64, generateRunKeyPair, sealJobBundle } from './helpers.js';

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

const bundle = (path: string) =>
  build({
    entryPoints: [fileURLToPath(new URL(path, import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'kiciSdk',
    write: false,
    logLevel: 'silent',
    plugins: [refuseNodeBuiltins],
  });

const CREDENTIAL = `kici_job_${'z'.repeat(43)}`;
let server: Awaited<ReturnType<typeof startAgentServer>>;
beforeAll(async () => {
  server = await startAgentServer(CREDENTIAL);
});
afterAll(() => server.close());

describe('runtime neutrality', () => {
  it('bundles for the browser with no Node built-in', async () => {
    expect((await bundle('../src/index.ts')).errors).toEqual([]);
  });

  it('fails for a module that imports one, so the check is real', async () => {
    await expect(bundle('./agent-server.ts')).rejects.toThrow(/Node built-in "node:/);
  });

  it('opens a bundle, sets an output and masks, with Web APIs only', async () => {
    const [code] = (await bundle('../src/index.ts')).outputFiles ?? [];
    const agent = generateRunKeyPair();
    const sealed = b64(sealJobBundle(agent.publicKey));
    const context = {
      crypto: globalThis.crypto,
      TextEncoder,
      TextDecoder,
      atob,
      btoa,
      URL,
      AbortSignal,
      setTimeout,
      fetch: globalThis.fetch,
      TransformStream,
      input: { privateKey: agent.privateKey, sealed, server: server.url, key: server.runPublicKey },
    };
    const script = `${code?.text}
      (async () => {
        const secrets = kiciSdk.openJobSecrets(
          { runId: 'run-42', jobId: 'deploy', bundle: input.sealed }, input.privateKey);
        const ctx = kiciSdk.createJobContext({ url: input.server, runId: 'run-42', jobId: 'deploy',
          runPublicKey: input.key, credential: '${CREDENTIAL}', masker: secrets.masker });
        const out = await ctx.setSecretOutput('NEXT_TOKEN', 'handed-downstream');
        return [typeof process, typeof require, secrets.get('DB_PASSWORD'), out.bytes,
          secrets.masker.mask('a hunter2-db-password b handed-downstream'),
          kiciSdk.generateAgentKey().publicKeyBase64.length];
      })()`;
    const result = await runInNewContext(script, context);
    expect(result).toEqual([
      'undefined',
      'undefined',
      'hunter2-db-password',
      17,
      'a *** b ***',
      44,
    ]);
    expect(server.received.at(-1)?.opened).toBe('handed-downstream');
  });
});
