/** Where a secret came from: the seed's `getMeta` shape. */
export interface SecretMeta {
  readonly value: string;
  /** `pg`, a Vault backend's name, `job-output` (JOB_OUTPUT_BACKEND), or `local`. */
  readonly backend: string;
  /** `pg:production/db`, or `<runId>/<jobId>` for another job's output. */
  readonly scope: string;
}

export interface VariableMeta {
  readonly value: string;
  readonly scope: string;
}

/** Read-only access to a set of values by key. Unknown keys answer undefined. */
export interface ValuesView<Meta extends { readonly value: string }> {
  get(key: string): string | undefined;
  getMeta(key: string): Meta | undefined;
  has(key: string): boolean;
  /** The keys, sorted. */
  keys(): string[];
  /** The values as an environment map (KEY → value), e.g. for a child process. */
  env(): Record<string, string>;
}

export type SecretsView = ValuesView<SecretMeta>;
export type VariablesView = ValuesView<VariableMeta>;

/** A view over a bundle's record; copies it, so later changes to the input do not leak in. */
export function valuesView<Meta extends { readonly value: string }>(
  record: Readonly<Record<string, Meta>>,
): ValuesView<Meta> {
  const entries = new Map<string, Meta>(
    Object.keys(record)
      .sort()
      .map((key) => [key, Object.freeze({ ...(record[key] as Meta) })]),
  );
  return Object.freeze({
    get: (key: string) => entries.get(key)?.value,
    getMeta: (key: string) => entries.get(key),
    has: (key: string) => entries.has(key),
    keys: () => [...entries.keys()],
    env: () => Object.fromEntries([...entries].map(([key, meta]) => [key, meta.value])),
    // A view logged by mistake shows its keys, never a value.
    toJSON: () => ({ keys: [...entries.keys()] }),
  });
}
