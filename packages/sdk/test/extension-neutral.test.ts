// @kici/sdk/extension must run in any Fetch-API runtime: bundle it for the browser with
// esbuild, failing on any Node built-in, then answer a signed delivery in a bare V8 context.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { invocation, SIGNING_SECRET, signed } from './extension-helpers.js';

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

const bundle = () =>
  build({
    entryPoints: [fileURLToPath(new URL('../src/extension/index.ts', import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'kiciExtension',
    write: false,
    logLevel: 'silent',
    plugins: [refuseNodeBuiltins],
  });

describe('@kici/sdk/extension runtime neutrality', () => {
  it('bundles for the browser with no Node built-in and answers deliveries with Web APIs only', async () => {
    const built = await bundle();
    expect(built.errors).toEqual([]);
    const good = signed(invocation({ secrets: { SMTP_HOST: 'smtp.edge.example' } }));
    const bad = signed(invocation(), { secrets: `whsec_${btoa('x'.repeat(32))}` });
    const context = {
      TextEncoder,
      TextDecoder,
      atob,
      btoa,
      Request,
      Response,
      Headers,
      crypto: globalThis.crypto,
      input: { secret: SIGNING_SECRET, good, bad },
    };
    const script = `${built.outputFiles?.[0]?.text}
      (async () => {
        const lines = [];
        const keep = (line) => lines.push(line);
        const extension = kiciExtension.createExtension({
          signingSecret: input.secret,
          logger: { debug: keep, info: keep, warn: keep, error: keep },
          handleEvent(payload, context) {
            context.logger.info('host ' + context.secret('SMTP_HOST'));
            return { host: context.secrets.getMeta('SMTP_HOST').backend };
          },
        });
        const call = (d) => extension.fetch(new Request('https://edge.example/kiket/events',
          { method: 'POST', headers: d.headers, body: d.body }));
        const ok = await call(input.good);
        const refused = await call(input.bad);
        return [typeof process, ok.status, await ok.json(), refused.status, (await refused.json()).error, lines];
      })()`;
    const result = await runInNewContext(script, context);
    expect(result).toEqual([
      'undefined',
      200,
      { ok: true, host: 'pg' },
      401,
      'invalid_signature',
      ['host ***'],
    ]);
  });
});
