// context.logger masks every payload secret in each form the issue names (computed here
// independently, with Buffer), also split across two chunks of a log stream; fast-check
// properties over arbitrary values. Deliveries go through the fetch adapter (signed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Context, createExtension } from '../src/extension/index.js';
import { maskForms } from '../src/index.js';
import { collectingSink, invocation, SIGNING_SECRET, signed } from './extension-helpers.js';

const MIN = 4; // the masker's MIN_MASKED_LENGTH: shorter values and lines are not masked

/** The forms spec18 lists, for the value and for each line of a multi-line value. */
function formsOf(value: string): string[] {
  const lines = value.split(/\r\n|\r|\n/);
  const bases = (lines.length > 1 ? [value, ...lines] : [value]).filter(
    (b) => b.trim().length >= MIN,
  );
  const forms: string[] = [];
  for (const base of bases) {
    const bytes = Buffer.from(base, 'utf8');
    forms.push(
      base,
      JSON.stringify(base).slice(1, -1),
      bytes.toString('base64'),
      bytes.toString('base64url'),
    );
    forms.push(bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_')); // padded url-safe
    try {
      forms.push(encodeURIComponent(base));
    } catch {
      // a lone surrogate has no URL encoding
    }
  }
  return [...new Set(forms)].filter((f) => f.trim().length >= MIN);
}

/** Runs `log` inside a handler for a delivery carrying `secrets`; returns the sink's lines. */
async function logged(
  secrets: Record<string, string>,
  log: (context: Context) => void | Promise<void>,
) {
  const { lines, sink } = collectingSink();
  const extension = createExtension({
    signingSecret: SIGNING_SECRET,
    env: {},
    logger: sink,
    async handleEvent(_payload, context) {
      await log(context);
    },
  });
  const res = await extension.fetch(
    new Request('http://x/', { method: 'POST', ...signed(invocation({ secrets })) }),
  );
  expect(res.status).toBe(200);
  return lines;
}

const VALUE = 'p@ss w/rd+"quoted"\\é😀\nsecond-line-of-it\r\nthird line';

describe('the masking logger', () => {
  it('redacts the value and its base64, base64url, URL-encoded, JSON-escaped forms and each line', async () => {
    const forms = formsOf(VALUE);
    expect(forms.length).toBeGreaterThanOrEqual(15);
    const lines = await logged(
      { SMTP_PASSWORD: VALUE, SMTP_HOST: 'smtp.example.com' },
      (context) => {
        for (const form of forms) context.logger.info(`[${form}]`);
        context.logger.warn('connecting to', context.secret('SMTP_HOST'), {
          password: VALUE,
          port: 25,
        });
        context.logger.error(new Error(`bad password ${VALUE}`));
        context.logger.debug(`Authorization: Basic ${Buffer.from(VALUE).toString('base64')}`);
      },
    );
    const text = lines.join('\n');
    for (const form of forms) expect(text).not.toContain(form);
    expect(lines.slice(0, forms.length).every((line) => line === '[***]')).toBe(true);
    expect(lines[forms.length]).toBe('connecting to *** {"password":"***","port":25}');
    expect(lines[forms.length + 1]).toMatch(/^Error: bad password \*\*\*/);
    expect(lines[forms.length + 2]).toBe('Authorization: Basic ***');
  });

  it('masks a value split across two chunks of a log stream, and emits whole lines', async () => {
    const secret = 'split-me-secret-value';
    const lines = await logged({ TOKEN: secret }, (context) => {
      const out = context.logger.stream('info');
      out.write('line one\ntoken=split-me-');
      out.write('secret-value done\nlast without newline');
      out.end();
      expect(context.logger.mask(`a ${secret} b`)).toBe('a *** b');
    });
    expect(lines).toEqual(['line one', 'token=*** done', 'last without newline']);
  });

  it('masks an environment value once context.secret() has read it', async () => {
    const { lines, sink } = collectingSink();
    const extension = createExtension({
      signingSecret: SIGNING_SECRET,
      env: { SMTP_PASSWORD: 'env-only-password' },
      logger: sink,
      handleEvent(_payload, context) {
        context.logger.info('before env-only-password');
        context.logger.info('after', context.secret('SMTP_PASSWORD'));
      },
    });
    const res = await extension.fetch(
      new Request('http://x/', { method: 'POST', ...signed(invocation()) }),
    );
    expect(res.status).toBe(200);
    // An env value is not a payload secret until the handler reads it as one.
    expect(lines).toEqual(['before env-only-password', 'after ***']);
  });

  it('masks nothing of the configuration and leaves short values alone', async () => {
    const lines = await logged({ PIN: 'abc' }, (context) => {
      context.logger.info('pin abc in C123', context.configuration);
    });
    expect(lines).toEqual(['pin abc in C123 {"CHANNEL_ID":"C123"}']);
  });
});

// '*' is left out: a value made of the mask's own character can re-form around a `***`.
const value = fc
  .oneof(
    fc.string({ unit: 'binary', minLength: MIN, maxLength: 24 }),
    fc.string({
      unit: fc.constantFrom('a', 'B', '0', ' ', '\n', '"', '\\', '/', '+', '=', '%', 'é', '😀'),
      minLength: MIN,
      maxLength: 16,
    }),
  )
  .filter((v) => !v.includes('*') && v.trim().length >= MIN);

describe('masking logger properties (fast-check)', () => {
  it('no form of any payload secret reaches the sink, whole or split across two stream chunks', async () => {
    await fc.assert(
      fc.asyncProperty(value, fc.nat(), async (secret, cut) => {
        const forms = formsOf(secret);
        const lines = await logged({ K: secret }, (context) => {
          for (const form of forms) {
            context.logger.info(`x${form}y`);
            const at = cut % (form.length + 1);
            const out = context.logger.stream('debug');
            out.write(`<${form.slice(0, at)}`);
            out.write(`${form.slice(at)}>`);
            out.end();
          }
        });
        const text = lines.join('\n');
        for (const form of forms) expect(text).not.toContain(form);
      }),
      { numRuns: 150 },
    );
  });

  it('text that holds no form of a secret passes through unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(value, fc.string({ maxLength: 40 }), async (secret, message) => {
        // maskForms also lists unpadded base64 and `+` for spaces: none may occur either.
        fc.pre(maskForms(secret).every((f) => !message.includes(f)));
        fc.pre(!message.includes('*'));
        const lines = await logged({ K: secret }, (context) => context.logger.info(message));
        expect(lines).toEqual([message]);
      }),
      { numRuns: 150 },
    );
  });
});
