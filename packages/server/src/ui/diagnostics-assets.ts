// The diagnostics pages' share of the dashboard's stylesheet and script (assets.ts joins them).

export const DIAGNOSTICS_CSS = '';

/** Runs on every page: look up this page's elements first, do nothing when absent. */
export const DIAGNOSTICS_JS = '';
