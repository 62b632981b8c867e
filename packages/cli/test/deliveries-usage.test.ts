// The delivery commands without a server: help with examples on every page (kici-admin and
// kiket), and command lines refused before any I/O (exit 2) naming the flag. The connection
// points at the discard port: a request would fail with exit 1, not 2.
import { describe, expect, it } from 'vitest';
import { kiciAdmin, kiket } from './helpers.js';

const nowhere = { url: 'http://127.0.0.1:9', token: 'kici_unused_token_0123' };
const admin = (args: string[]) => kiciAdmin(nowhere, args, { env: { KICI_ORG_ID: 'acme' } });
const ID = 'msg_01JZ3K8Q4W5X6Y7Z8A9B0C1D2E';

const PAGES = [
  ['extensions', 'invoke'],
  ['extensions', 'deliveries'],
  ['extensions', 'deliveries', 'list'],
  ['extensions', 'deliveries', 'show'],
  ['extensions', 'deliveries', 'retry'],
  ['extensions', 'signing-secret'],
  ['extensions', 'signing-secret', 'show'],
  ['extensions', 'signing-secret', 'rotate'],
];

describe('delivery commands without a server', () => {
  it('show usage, options and examples under both bins', async () => {
    for (const [bin, run] of [
      ['kici-admin', admin],
      ['kiket', (args: string[]) => kiket(nowhere, args)],
    ] as const) {
      const results = await Promise.all(PAGES.map((page) => run([...page, '--help'])));
      results.forEach((result, i) => {
        const page = (PAGES[i] as string[]).join(' ');
        expect([result.code, result.stderr], page).toEqual([0, '']);
        expect(result.stdout, page).toContain(`$ ${bin} ${page}`);
        expect(result.stdout, page).toMatch(/Examples:\n {2}\$ /);
      });
    }
    const invoke = await admin(['extensions', 'invoke', '--help']);
    expect(invoke.stdout).toContain('--wait');
    expect(invoke.stdout).toContain('--payload-file <file>');
    const extensions = await admin(['extensions', '--help']);
    expect(extensions.stdout).toMatch(/deliveries[\s\S]*signing-secret/);
  });

  it('refuses bad command lines before any request, naming the flag', async () => {
    const cases: [string[], RegExp][] = [
      [['extensions', 'invoke', 'com.example.mailer'], /--project is required/],
      [['extensions', 'invoke', 'Not-An-Id', '--project', 'OPS'], /extension-id: /],
      [
        ['extensions', 'invoke', 'com.example.mailer', '--project', 'OPS', '--event', 'Bad Event'],
        /--event: expected an event type/,
      ],
      [
        ['extensions', 'invoke', 'com.example.mailer', '--project', 'OPS', '--payload', '{nope'],
        /--payload: expected JSON/,
      ],
      [
        [
          ...['extensions', 'invoke', 'com.example.mailer', '--project', 'OPS'],
          ...['--payload', '{}', '--payload-file', 'event.json'],
        ],
        /--payload and --payload-file: give one of them/,
      ],
      [
        [
          ...['extensions', 'invoke', 'com.example.mailer', '--project', 'OPS'],
          ...['--wait', '--wait-timeout', '0'],
        ],
        /--wait-timeout: expected whole seconds from 1 to 86400/,
      ],
      [['extensions', 'deliveries', 'show', 'msg_nope'], /id: expected a delivery id/],
      [['extensions', 'deliveries', 'retry', '42'], /id: expected a delivery id/],
      [
        ['extensions', 'deliveries', 'list', '--limit', '0'],
        /limit: expected a number from 1 to 500/,
      ],
      [['extensions', 'deliveries', 'list', '--status', 'lost'], /status: expected pending/],
      [
        [
          'extensions',
          'signing-secret',
          'rotate',
          'com.example.mailer',
          '--project',
          'OPS',
          '--window',
          'soon',
        ],
        /--window: expected whole seconds from 0 to 2592000/,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => admin(args)));
    results.forEach((result, i) => {
      const [args, message] = cases[i] as [string[], RegExp];
      expect([args.join(' '), result.code], result.stderr).toEqual([args.join(' '), 2]);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stdout).toBe('');
    });
    // A well-formed one reaches the network: exit 1 (nothing listens there), not 2.
    const reached = await admin(['extensions', 'deliveries', 'show', ID]);
    expect(reached.code).toBe(1);
  });
});
