// The dashboard's two assets, bundled into kici-server's single file (dist/main.js) as text:
// no build step, no CDN, nothing to find on disk at run time. Each page module keeps its own
// share in <page>-assets.ts; this file joins them into the one stylesheet and one script.
import { DIAGNOSTICS_CSS, DIAGNOSTICS_JS } from './diagnostics-assets.js';
import { ENVIRONMENTS_CSS, ENVIRONMENTS_JS } from './environments-assets.js';
import { SCOPE_CSS, SCOPE_JS } from './scope-assets.js';

/** The only client script: copy buttons and a busy state on forms; every page works without it. */
const BASE_JS = `for (const button of document.querySelectorAll('button[data-copy]')) {
  button.addEventListener('click', async () => {
    const text = button.getAttribute('data-copy') ?? '';
    try {
      await navigator.clipboard.writeText(text);
      button.dataset.copied = 'true';
      button.firstChild.textContent = 'Copied';
    } catch {
      // No clipboard (insecure context, permission): select the id so Ctrl+C copies it.
      const code = button.parentElement?.querySelector('code');
      if (code) window.getSelection()?.selectAllChildren(code);
      button.dataset.copied = 'selected';
    }
  });
}
for (const form of document.querySelectorAll('form[method="post"]')) {
  form.addEventListener('submit', () => {
    for (const button of form.querySelectorAll('button')) button.setAttribute('aria-busy', 'true');
  });
}
`;

/** Colours keep WCAG AA contrast on white; focus is always visible. */
const BASE_CSS = `:root { font-family: system-ui, sans-serif; color: #1b1f24; background: #fff; }
body { margin: 0; }
.top { background: #1b1f24; padding: 0.75rem 1.5rem; }
.brand { color: #fff; font-weight: 600; text-decoration: none; }
main { max-width: 60rem; margin: 1.5rem auto; padding: 0 1.5rem; }
.card { display: flex; flex-direction: column; gap: 0.5rem; max-width: 28rem; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; }
.bar h1 { margin-right: auto; }
.inline { display: flex; align-items: center; gap: 0.5rem; }
input { padding: 0.4rem; border: 1px solid #57606a; border-radius: 4px; }
button { padding: 0.4rem 0.8rem; border: 1px solid #0550ae; border-radius: 4px;
  background: #0969da; color: #fff; cursor: pointer; }
button.secondary, button.copy { background: #fff; color: #0550ae; }
button:focus-visible, input:focus-visible, summary:focus-visible, a:focus-visible {
  outline: 3px solid #bf8700; outline-offset: 2px; }
.error { color: #a40e26; }
.notice { background: #ddf4ff; padding: 0.5rem; border-radius: 4px; }
.top { display: flex; align-items: center; gap: 1.5rem; }
.top nav { display: flex; gap: 1rem; margin-right: auto; }
.top nav a { color: #fff; }
.top nav a[aria-current="page"] { font-weight: 600; text-decoration: underline; }
.tree, .scopes { list-style: none; padding-left: 0; }
.backend { border: 1px solid #d0d7de; border-radius: 6px; margin: 0.75rem 0; padding: 0.5rem 1rem; }
summary { cursor: pointer; display: flex; align-items: center; gap: 0.5rem; }
.backend-name { font-weight: 600; }
.health { width: 0.8rem; height: 0.8rem; border-radius: 50%; display: inline-block; }
.health-green { background: #1a7f37; }
.health-yellow { background: #9a6700; }
.health-red { background: #cf222e; }
.badge { font-size: 0.8rem; border-radius: 1rem; padding: 0 0.5rem; border: 1px solid #57606a; }
.badge-readonly { background: #fff8c5; }
.count { color: #57606a; font-size: 0.9rem; }
.scope { display: flex; align-items: center; gap: 0.75rem; padding: 0.3rem 0 0.3rem 1.5rem; }
.scope-id { background: #f6f8fa; padding: 0 0.3rem; }
.empty { color: #57606a; padding-left: 1.5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
`;

export const APP_JS = [BASE_JS, SCOPE_JS, ENVIRONMENTS_JS, DIAGNOSTICS_JS].join('\n');
export const APP_CSS = [BASE_CSS, SCOPE_CSS, ENVIRONMENTS_CSS, DIAGNOSTICS_CSS].join('\n');
