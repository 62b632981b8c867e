// Markdown helpers for the generated reference pages. Text from the code (descriptions,
// examples) may hold `<path>`, `{}` or `|`: escaped here so that VitePress (Markdown, then a
// Vue template) shows it as typed instead of parsing it as HTML or an interpolation.

/** One generated page: its path under docs/ and its Markdown. */
export interface Page {
  readonly path: string;
  readonly content: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '{': '&#123;',
  '}': '&#125;',
  '|': '\\|',
  '*': '\\*',
  _: '\\_',
  '[': '\\[',
  ']': '\\]',
  '\\': '\\\\',
};

/** Plain text as inline Markdown; `backticked` stretches stay code spans. */
export function inline(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? code(part.slice(1, -1)) : escapeText(part)))
    .join('')
    .replace(/\s*\n\s*/g, ' ');
}

const escapeText = (text: string) => text.replace(/[&<>{}|*_[\]\\]/g, (c) => ESCAPES[c] ?? c);

/** A code span that survives a table cell (`|` escaped, backticks fenced by longer runs). */
export function code(text: string): string {
  const body = text.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A GFM table; cells are already inline Markdown. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A fenced code block (VitePress does not interpolate inside one). */
export function fence(language: string, body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${language}\n${body.replace(/\n+$/, '')}\n${marks}`;
}

/** An id for a heading anchor: lowercase letters, digits and dashes. */
export const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * A whole generated page: front matter, a notice that it is generated, and the body inside a
 * `v-pre` block so that nothing in it is read as a Vue interpolation.
 */
export function page(title: string, source: string, body: readonly string[]): string {
  return [
    '---',
    `title: ${JSON.stringify(title)}`,
    'editLink: false',
    '---',
    '',
    '<div v-pre>',
    '',
    `<!-- Generated from ${source} by apps/docs/scripts/generate.mjs: do not edit. -->`,
    '',
    ...body.flatMap((block) => [block, '']),
    '</div>',
    '',
  ].join('\n');
}
