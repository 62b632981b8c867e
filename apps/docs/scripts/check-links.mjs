#!/usr/bin/env node
// Checks the links of the built site (dist/) offline: every internal link must name a page
// that exists and, with a #fragment, an id on that page; external links must be well-formed
// http(s) or mailto URLs (they are listed, never fetched: the build has no network).
// VitePress's own build already fails on a dead internal page link; this adds the anchors.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every .html file under dir, as paths relative to it with forward slashes. */
function htmlFiles(dir) {
  const out = [];
  const walk = (sub) => {
    for (const name of readdirSync(join(dir, sub))) {
      const rel = sub === '' ? name : `${sub}/${name}`;
      if (statSync(join(dir, rel)).isDirectory()) walk(rel);
      else if (name.endsWith('.html')) out.push(rel.split(sep).join('/'));
    }
  };
  walk('');
  return out.sort();
}

const decode = (text) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The ids a page defines (id="…" and the legacy name="…" anchors). */
export function idsOf(html) {
  return new Set([...html.matchAll(/\s(?:id|name)="([^"]*)"/g)].map((m) => decode(m[1])));
}

/** The href of every <a> of a page. */
export function hrefsOf(html) {
  return [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((m) => decode(m[1]));
}

/** The file of dist a site path names: /guide/x.html, /guide/x, /reference/api/. */
function fileFor(dist, path) {
  const clean = path.replace(/^\/+/, '');
  const candidates =
    clean === '' || clean.endsWith('/')
      ? [`${clean}index.html`]
      : [clean, `${clean}.html`, `${clean}/index.html`];
  return candidates.find((c) => existsSync(join(dist, c)) && statSync(join(dist, c)).isFile());
}

/**
 * Checks every page of a built site. Returns the problems (`page: href: reason`) and the
 * counts of what was checked.
 */
export function checkLinks(dist) {
  const pages = htmlFiles(dist);
  const ids = new Map();
  const idsFor = (file) => {
    if (!ids.has(file)) ids.set(file, idsOf(readFileSync(join(dist, file), 'utf8')));
    return ids.get(file);
  };
  const problems = [];
  const external = new Set();
  let internal = 0;
  let anchors = 0;
  for (const page of pages) {
    for (const href of hrefsOf(readFileSync(join(dist, page), 'utf8'))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
        if (/^(https?|mailto):/i.test(href) && URL.canParse(href)) external.add(href);
        else problems.push(`${page}: ${href}: not an http(s) or mailto URL`);
        continue;
      }
      const [pathPart, fragment] = href.split('#', 2);
      const base = `/${posix.dirname(page)}/`.replace(/^\/\.\/$/, '/');
      const path = pathPart === '' ? `/${page}` : posix.resolve(base, pathPart.split('?')[0]);
      const target =
        pathPart === '' ? page : fileFor(dist, `${path}${pathPart.endsWith('/') ? '/' : ''}`);
      internal++;
      if (target === undefined) {
        problems.push(`${page}: ${href}: no such page`);
        continue;
      }
      if (fragment === undefined || fragment === '' || !target.endsWith('.html')) continue;
      anchors++;
      if (!idsFor(target).has(decodeURIComponent(fragment))) {
        problems.push(`${page}: ${href}: no id "${fragment}" in ${target}`);
      }
    }
  }
  return { pages: pages.length, internal, anchors, external: [...external].sort(), problems };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dist = process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url));
  if (!existsSync(dist)) {
    console.error(`[docs] ${relative(process.cwd(), dist)} does not exist: build the site first`);
    process.exit(1);
  }
  const result = checkLinks(dist);
  for (const problem of result.problems) console.error(`broken link: ${problem}`);
  console.log(
    `[docs] links: ${result.pages} pages, ${result.internal} internal links (${result.anchors} with an anchor), ${result.external.length} external URLs (not fetched), ${result.problems.length} broken`,
  );
  process.exit(result.problems.length === 0 ? 0 : 1);
}
