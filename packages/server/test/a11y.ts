// An accessibility check for the dashboard's browser tests: axe-core run inside the page.
// Its source goes in through page.evaluate (DevTools protocol evaluation), which the page's
// CSP (script-src 'self') does not govern, so the pages stay exactly as served.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
let source: Promise<string> | undefined;

/** WCAG 2.0/2.1 level A and AA rules. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe on the page as it is now; fails listing every WCAG A/AA violation. */
export async function expectAccessible(page: Page): Promise<void> {
  source ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(await source);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} } })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`,
  )) as Violation[];
  const report = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes
        .map((n) => `  ${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
        .join('\n')}`,
  );
  if (report.length > 0) console.error(`axe on ${page.url()}:\n${report.join('\n')}`);
  expect(report, `accessibility violations on ${page.url()}`).toEqual([]);
}
