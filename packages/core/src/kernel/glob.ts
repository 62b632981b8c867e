/**
 * Glob patterns for protection rules, matched against the whole string: `*` and `?` stay
 * within one path segment, `**` crosses segments; everything else is literal.
 */
const SPECIAL = /[\\^$.|+()[\]{}]/g;

export function globToRegExp(pattern: string, flags = ''): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(SPECIAL, '\\$&');
  }
  return new RegExp(`^${source}$`, flags);
}

// Every resolution matches an environment's few patterns: compile each once.
const compiled = new Map<string, RegExp>();

export function globMatches(pattern: string, value: string, flags = ''): boolean {
  const key = `${flags}/${pattern}`;
  let regExp = compiled.get(key);
  if (!regExp) {
    if (compiled.size > 10_000) compiled.clear();
    regExp = globToRegExp(pattern, flags);
    compiled.set(key, regExp);
  }
  return regExp.test(value);
}
