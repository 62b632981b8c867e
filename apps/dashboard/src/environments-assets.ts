// The environments pages' share of the dashboard's stylesheet and script (assets.ts joins them).

export const ENVIRONMENTS_CSS = `.environments { border-collapse: collapse; width: 100%; }
.environments th, .environments td { text-align: left; padding: 0.4rem 0.6rem;
  border-bottom: 1px solid #d0d7de; }
.hint { color: #57606a; font-size: 0.9rem; margin: 0; }
.switch-row { display: flex; align-items: center; gap: 0.5rem; }
input[role="switch"] { appearance: none; width: 2.6rem; height: 1.4rem; border-radius: 1rem;
  background: #57606a; border: 1px solid #57606a; position: relative; cursor: pointer; margin: 0; }
input[role="switch"]::before { content: ""; position: absolute; top: 0.15rem; left: 0.15rem;
  width: 1rem; height: 1rem; border-radius: 50%; background: #fff; }
input[role="switch"]:checked { background: #1a7f37; border-color: #1a7f37; }
input[role="switch"]:checked::before { left: 1.35rem; }
input[role="switch"]:disabled { opacity: 0.5; cursor: not-allowed; }
input[type="checkbox"]:focus-visible { outline: 3px solid #bf8700; outline-offset: 2px; }
.locked { background: #fff8c5; padding: 0.5rem; border-radius: 4px; }
.bindings { list-style: none; padding-left: 0; }
.position { color: #57606a; min-width: 1.5rem; }
.binding { display: flex; align-items: center; gap: 0.5rem; padding: 0.25rem 0; }
.binding .scope-id { margin-right: auto; }
button:disabled { opacity: 0.5; cursor: not-allowed; }
button.danger { background: #a40e26; border-color: #a40e26; }
`;

/**
 * Runs on every page: look up this page's elements first, do nothing when absent. A switch
 * marked data-auto-submit saves as soon as it flips (click or Space), so its form's button
 * is hidden; without the script the button saves it.
 */
export const ENVIRONMENTS_JS = `for (const input of document.querySelectorAll('input[data-auto-submit]')) {
  const form = input.form;
  if (!form) continue;
  for (const button of form.querySelectorAll('[data-auto-submit-button]')) button.hidden = true;
  input.addEventListener('change', () => {
    input.setAttribute('aria-checked', String(input.checked));
    form.requestSubmit();
  });
}
`;
