import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../scripts/check-links.mjs';
import { DIST, requireDist } from './dist.js';

describe('the built site', () => {
  beforeAll(requireDist);

  it('has no broken link: every internal page and #anchor exists', () => {
    const result = checkLinks(DIST);
    expect(result.problems).toEqual([]);
    expect(result.pages).toBeGreaterThan(30);
    expect(result.anchors).toBeGreaterThan(100);
  });
});

describe('the link checker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kici-docs-links-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a missing page, a missing anchor and a malformed external URL', () => {
    mkdirSync(join(dir, 'guide'));
    writeFileSync(
      join(dir, 'index.html'),
      '<h1 id="top">x</h1><a href="./guide/a.html#here">ok</a>',
    );
    writeFileSync(
      join(dir, 'guide', 'a.html'),
      [
        '<h2 id="here">a</h2>',
        '<a href="../index.html#top">ok</a>',
        '<a href="/index#top">ok, without .html</a>',
        '<a href="#here">ok, same page</a>',
        '<a href="./b.html">missing page</a>',
        '<a href="/index.html#nowhere">missing anchor</a>',
        '<a href="javascript:alert(1)">not a URL we link to</a>',
        '<a href="https://example.com/x">external</a>',
      ].join('\n'),
    );
    const result = checkLinks(dir);
    expect(result.problems).toEqual([
      'guide/a.html: ./b.html: no such page',
      'guide/a.html: /index.html#nowhere: no id "nowhere" in index.html',
      'guide/a.html: javascript:alert(1): not an http(s) or mailto URL',
    ]);
    expect(result.external).toEqual(['https://example.com/x']);
  });
});
