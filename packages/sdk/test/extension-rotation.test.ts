// context.memo and secret.rotated: cached per installation and key, dropped for the rotated
// keys of that installation before onRotation runs. Over real HTTP (node:http and Hono).
import { afterEach, describe, expect, it } from 'vitest';
import { type Context, createExtension, type RotationEvent } from '../src/extension/index.js';
import {
  collectingSink,
  invocation,
  rotation,
  type Served,
  SIGNING_SECRET,
  serveHono,
  serveNode,
  signed,
} from './extension-helpers.js';

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

function mailer(withRotation = true) {
  const builds: string[] = [];
  const rotations: Array<{ event: RotationEvent; client: string; builds: number }> = [];
  const handled: string[] = [];
  const connect = (key: string) => async (value: string) => {
    builds.push(`${key}=${value}`);
    return `client(${value})`;
  };
  const extension = createExtension({
    signingSecret: SIGNING_SECRET,
    env: {},
    logger: collectingSink().sink,
    async handleEvent(payload, context) {
      handled.push(payload.event.type);
      const smtp = await context.memo('SMTP_PASSWORD', connect('SMTP_PASSWORD'));
      const api = await context.memo('API_TOKEN', connect('API_TOKEN'));
      return { smtp, api };
    },
    ...(withRotation
      ? {
          async onRotation(event: RotationEvent, context: Context) {
            const before = builds.length;
            // The memo is already dropped: reading it here rebuilds it with the fresh value.
            const client = await context.memo('SMTP_PASSWORD', connect('SMTP_PASSWORD'));
            rotations.push({ event, client, builds: builds.length - before });
            return { reloaded: true };
          },
        }
      : {}),
  });
  return { extension, builds, rotations, handled };
}

const secrets = (password: string) => ({ SMTP_PASSWORD: password, API_TOKEN: 'api-token-1' });

describe.each([serveNode, serveHono])('rotation through %o', (serve) => {
  it('memoizes per installation and key, and a rotation drops only the rotated keys', async () => {
    const { extension, builds, rotations, handled } = mailer();
    served = await serve(extension);
    const post = async (body: unknown) => (await served?.post(signed(body)))?.json;

    expect(await post(invocation({ secrets: secrets('pw-1') }))).toEqual({
      ok: true,
      smtp: 'client(***)',
      api: 'client(***)',
    });
    await post(invocation({ secrets: secrets('pw-1') }));
    expect(builds).toEqual(['SMTP_PASSWORD=pw-1', 'API_TOKEN=api-token-1']);

    // Another installation has its own entries.
    await post(invocation({ secrets: secrets('pw-1'), installation: { project_key: 'SALES' } }));
    expect(builds).toHaveLength(4);

    // The rotation carries fresh secrets; SMTP_PASSWORD is dropped (for OPS only) and
    // onRotation rebuilds it with the new value.
    const rotated = await post(rotation(['SMTP_PASSWORD'], { secrets: secrets('pw-2') }));
    expect(rotated).toEqual({ ok: true, reloaded: true, rotated: ['SMTP_PASSWORD'] });
    expect(handled).toEqual(['issue.created', 'issue.created', 'issue.created']);
    expect(rotations).toEqual([
      {
        event: {
          type: 'secret.rotated',
          keys: ['SMTP_PASSWORD'],
          scope: { scope: 'extension', id: 'com.example.mailer' },
        },
        client: 'client(pw-2)',
        builds: 1,
      },
    ]);
    expect(builds.at(-1)).toBe('SMTP_PASSWORD=pw-2');

    // Next invocations: OPS uses the reloaded client, API_TOKEN and SALES kept theirs.
    const count = builds.length;
    await post(invocation({ secrets: secrets('pw-2') }));
    await post(invocation({ secrets: secrets('pw-1'), installation: { project_key: 'SALES' } }));
    expect(builds).toHaveLength(count);
  });

  it('drops the memo even when the rotated value is unchanged, before onRotation', async () => {
    const { extension, builds, rotations } = mailer();
    served = await serve(extension);
    await served.post(signed(invocation({ secrets: secrets('same') })));
    await served.post(
      signed(rotation(['SMTP_PASSWORD', 'API_TOKEN'], { secrets: secrets('same') })),
    );
    expect(rotations[0]?.builds).toBe(1);
    await served.post(signed(invocation({ secrets: secrets('same') })));
    // SMTP_PASSWORD: built, rebuilt in onRotation; API_TOKEN: built, dropped, rebuilt.
    expect(builds).toEqual([
      'SMTP_PASSWORD=same',
      'API_TOKEN=api-token-1',
      'SMTP_PASSWORD=same',
      'API_TOKEN=api-token-1',
    ]);
  });

  it('answers 200 to a rotation without onRotation, and does not call handleEvent', async () => {
    const { extension, builds, handled } = mailer(false);
    served = await serve(extension);
    await served.post(signed(invocation({ secrets: secrets('pw-1') })));
    const res = await served.post(
      signed(rotation(['SMTP_PASSWORD'], { secrets: secrets('pw-2') })),
    );
    expect(res).toEqual({ status: 200, json: { ok: true, rotated: ['SMTP_PASSWORD'] } });
    expect(handled).toEqual(['issue.created']);
    await served.post(signed(invocation({ secrets: secrets('pw-2') })));
    expect(builds.at(-1)).toBe('SMTP_PASSWORD=pw-2');
  });
});

describe('memo', () => {
  const run = async (
    handleEvent: Parameters<typeof createExtension>[0]['handleEvent'],
    body = invocation(),
  ) => {
    const extension = createExtension({
      signingSecret: SIGNING_SECRET,
      env: { FROM_ENV: 'env-value' },
      logger: collectingSink().sink,
      handleEvent,
    });
    const res = await extension.fetch(
      new Request('http://x/', { method: 'POST', ...signed(body) }),
    );
    return { status: res.status, json: await res.json() };
  };

  it('rebuilds when the value changes, retries after a failed build, and reads the env fallback', async () => {
    let builds = 0;
    const extension = createExtension({
      signingSecret: SIGNING_SECRET,
      env: { FROM_ENV: 'env-value' },
      logger: collectingSink().sink,
      async handleEvent(_p, context) {
        const fromEnv = await context.memo('FROM_ENV', (v) => `env:${v}`);
        const value = await context.memo('SMTP_HOST', async (v) => {
          builds++;
          if (v === 'fails.example') throw new Error('connect failed');
          return v;
        });
        return { value, fromEnv };
      },
    });
    const post = async (host: string) => {
      const res = await extension.fetch(
        new Request('http://x/', {
          method: 'POST',
          ...signed(invocation({ secrets: { SMTP_HOST: host } })),
        }),
      );
      return res.status;
    };
    expect(await post('a.example')).toBe(200);
    expect(await post('a.example')).toBe(200);
    expect(builds).toBe(1);
    expect(await post('b.example')).toBe(200);
    expect(builds).toBe(2);
    expect(await post('fails.example')).toBe(500);
    expect(await post('fails.example')).toBe(500);
    expect(builds).toBe(4);
  });

  it('shares one build between concurrent invocations', async () => {
    let builds = 0;
    const extension = createExtension({
      signingSecret: SIGNING_SECRET,
      env: {},
      logger: collectingSink().sink,
      async handleEvent(_p, context) {
        const v = await context.memo('SMTP_HOST', async (value) => {
          builds++;
          await new Promise((resolve) => setTimeout(resolve, 20));
          return value.length;
        });
        return { v };
      },
    });
    const one = () =>
      extension.fetch(new Request('http://x/', { method: 'POST', ...signed(invocation()) }));
    const statuses = (await Promise.all([one(), one(), one()])).map((r) => r.status);
    expect(statuses).toEqual([200, 200, 200]);
    expect(builds).toBe(1);
  });

  it('fails the invocation naming the key when it resolves nowhere', async () => {
    const res = await run(async (_p, context) => context.memo('NOWHERE_KEY', (v) => v));
    expect(res).toEqual({
      status: 500,
      json: {
        error: 'handler_failed',
        message: 'secret NOWHERE_KEY is missing: not in the payload nor in the environment',
      },
    });
  });
});
