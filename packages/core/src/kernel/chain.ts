/**
 * One mechanism for every caller (environment bindings, test-run overlays, fallback
 * hierarchies): walk an ordered chain of scopes; per key, the first scope holding it wins.
 */
export interface ChainEntry<T> {
  readonly winner: T;
  /** Later scopes that also hold the key, in chain order. */
  readonly shadowed: readonly string[];
}

export function walkChain<T extends { readonly scope: string; readonly key: string }>(
  scopes: readonly string[],
  items: readonly T[],
): Map<string, ChainEntry<T>> {
  const rank = new Map(scopes.map((scope, index) => [scope, index]));
  const ordered = items
    .filter((item) => rank.has(item.scope))
    .sort((a, b) => (rank.get(a.scope) as number) - (rank.get(b.scope) as number));
  const result = new Map<string, { winner: T; shadowed: string[] }>();
  for (const item of ordered) {
    const entry = result.get(item.key);
    if (entry) entry.shadowed.push(item.scope);
    else result.set(item.key, { winner: item, shadowed: [] });
  }
  return result;
}
