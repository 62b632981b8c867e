// The diagnostics pages' share of the dashboard's stylesheet and script (assets.ts joins them).

/** Cards in a grid; the health line carries words as well as the colour dot. */
export const DIAGNOSTICS_CSS = `.diag-cards { display: grid; gap: 1rem;
  grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); }
.diag-card { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.75rem 1rem; }
.diag-card h2 { font-size: 1.15rem; margin: 0 0 0.5rem; display: flex; gap: 0.5rem; align-items: center; }
.diag-card h3 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
.diag-health { display: flex; align-items: center; gap: 0.5rem; margin: 0 0 0.5rem; font-weight: 600; }
.diag-health-red { color: #a40e26; }
.diag-fields { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 0.75rem; margin: 0; }
.diag-fields dt { color: #57606a; }
.diag-fields dd { margin: 0; overflow-wrap: anywhere; }
.diag-errors { margin: 0; padding-left: 1.25rem; color: #a40e26; overflow-wrap: anywhere; }
.empty-log { color: #57606a; margin: 0; }
`;

/** Runs on every page: look up this page's elements first, do nothing when absent. */
export const DIAGNOSTICS_JS = '';
