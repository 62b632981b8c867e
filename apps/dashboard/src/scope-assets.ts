// The scope pages' share of the dashboard's stylesheet and script (assets.ts joins them).

export const SCOPE_CSS = `.table-wrap { overflow-x: auto; }
table.keys, table.audit { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
table.keys th, table.keys td, table.audit th, table.audit td {
  border-bottom: 1px solid #d0d7de; padding: 0.4rem; text-align: left; vertical-align: middle; }
.policy-note { background: #fff8c5; border: 1px solid #9a6700; border-radius: 4px; padding: 0.5rem; }
.policy-note pre { background: #f6f8fa; padding: 0.5rem; overflow-x: auto; }
input:disabled, button:disabled { background: #eaeef2; color: #57606a; border-color: #8c959f;
  cursor: not-allowed; }
button.danger { background: #fff; color: #a40e26; border-color: #a40e26; }
.outcome-denied, .outcome-failure { color: #a40e26; font-weight: 600; }
.empty-keys { color: #57606a; }
`;

/** Runs on every page: look up this page's elements first, do nothing when absent. */
export const SCOPE_JS = '';
