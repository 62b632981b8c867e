interface Entry {
  /** The secret value the entry was built from: another value rebuilds it. */
  readonly value: string;
  readonly result: Promise<unknown>;
}

/**
 * What `context.memo` caches: one entry per (installation, key), holding the factory's
 * promise, so concurrent invocations share one build.
 */
export class MemoStore {
  private readonly entries = new Map<string, Map<string, Entry>>();

  get<T>(
    installation: string,
    key: string,
    value: string,
    factory: (value: string) => T | Promise<T>,
  ): Promise<T> {
    let perKey = this.entries.get(installation);
    const cached = perKey?.get(key);
    if (cached !== undefined && cached.value === value) return cached.result as Promise<T>;
    if (perKey === undefined) {
      perKey = new Map();
      this.entries.set(installation, perKey);
    }
    const result = Promise.resolve().then(() => factory(value));
    const entry: Entry = { value, result };
    perKey.set(key, entry);
    // A failed build is not cached: the next call tries again.
    result.catch(() => {
      if (perKey.get(key) === entry) perKey.delete(key);
    });
    return result;
  }

  /** Drops the entries of `keys` for one installation (a rotation). */
  drop(installation: string, keys: readonly string[]): void {
    const perKey = this.entries.get(installation);
    if (perKey === undefined) return;
    for (const key of keys) perKey.delete(key);
    if (perKey.size === 0) this.entries.delete(installation);
  }

  /** How many entries an installation has (for tests and diagnostics). */
  size(installation: string): number {
    return this.entries.get(installation)?.size ?? 0;
  }
}

/** The memo identity of an installation: org, project, extension and product install. */
export const installationKey = (i: {
  org_id: string;
  project_key: string;
  extension_id: string;
  product_id: string | null;
}): string => JSON.stringify([i.org_id, i.project_key, i.extension_id, i.product_id]);
