/**
 * Scaffolded values that do not count as configured: the install gate reports them as
 * `placeholder`. Compared case-insensitively after trimming.
 */
const PLACEHOLDER_WORDS = new Set([
  '',
  'changeme',
  'change-me',
  'change_me',
  'replace_me',
  'replace-me',
  'replaceme',
  'todo',
  'tbd',
  'placeholder',
]);

/** Whether `value` is a placeholder: a scaffold word, `xxx…` (3+ x), `<…>` or `${…}`. */
export function isPlaceholder(value: string): boolean {
  const text = value.trim().toLowerCase();
  return (
    PLACEHOLDER_WORDS.has(text) ||
    /^x{3,}$/.test(text) ||
    /^<.*>$/s.test(text) ||
    /^\$\{.*\}$/s.test(text)
  );
}
