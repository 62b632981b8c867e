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

export const globMatches = (pattern: string, value: string, flags = ''): boolean =>
  globToRegExp(pattern, flags).test(value);
