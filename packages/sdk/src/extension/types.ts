// The wire shape of an invocation (snake_case, as the orchestrator sends it) and the
// extension author's API around it.

/** A secret scope as the orchestrator names it, e.g. `{ scope: 'extension', id: 'com.example.mailer' }`. */
export interface SecretScope {
  readonly scope: string;
  readonly id: string;
}

/** The installation an invocation is for. */
export interface KiketInstallation {
  readonly org_id: string;
  readonly project_key: string;
  readonly extension_id: string;
  readonly product_id: string | null;
}

/**
 * The body of an `ExtensionInvocation` webhook: what `handleEvent` receives as `payload`.
 * `P` is the type of `event.payload`.
 */
export interface KiketEvent<P = unknown> {
  readonly type: 'ExtensionInvocation';
  /** The delivery id (`msg_…`), the same on every attempt. */
  readonly id: string;
  readonly attempt: number;
  readonly created_at: string;
  readonly event: { readonly type: string; readonly payload: P };
  readonly installation: KiketInstallation;
  /** Resolved secret values by key, resolved just before this attempt. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly secret_meta: Readonly<
    Record<string, { readonly backend: string; readonly scope: SecretScope }>
  >;
  readonly secret_status: { readonly missing: readonly string[] };
  /** The non-secret configuration fields that resolved. */
  readonly configuration: Readonly<Record<string, unknown>>;
}

/** `event.payload` of a `secret.rotated` delivery. */
export interface RotationEvent {
  readonly type: 'secret.rotated';
  /** The rotated keys; their memoized values were dropped before `onRotation` runs. */
  readonly keys: readonly string[];
  /** The scope that was written, when the orchestrator names it. */
  readonly scope: SecretScope | undefined;
}

/** Where a payload secret came from: the seed's `getMeta` shape. */
export interface SecretMeta {
  readonly value: string;
  /** `pg`, or the name of the external backend (Vault, GSM) that holds it. */
  readonly backend: string;
  readonly scope: SecretScope;
}

/** The payload's secrets (no environment fallback: use `context.secret` for that). */
export interface PayloadSecrets {
  get(key: string): string | undefined;
  getMeta(key: string): SecretMeta | undefined;
  has(key: string): boolean;
  /** The keys, sorted. */
  keys(): string[];
}

/** Log lines written through it have every payload secret masked. */
export interface ExtensionLogger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  /** Masks a text with this invocation's secrets. */
  mask(text: string): string;
  /**
   * A log stream (e.g. a child process's output): chunks in, masked whole lines out to the
   * sink at `level`. A secret split across two chunks is still masked. Call `end()` at the end.
   */
  stream(level?: LogLevel): { write(chunk: string): void; end(): void };
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where masked log lines go. Default: `console`. */
export type LogSink = Readonly<Record<LogLevel, (line: string) => void>>;

/** The camelCase installation in `context.installation`. */
export interface Installation {
  readonly orgId: string;
  readonly projectKey: string;
  readonly extensionId: string;
  readonly productId: string | null;
}

export interface Context<P = unknown> {
  /**
   * The payload's secret, else the environment variable of that name, else undefined. An
   * environment value read this way is masked by `logger` from then on, like the payload's.
   */
  secret(key: string): string | undefined;
  readonly secrets: PayloadSecrets;
  readonly secretStatus: { readonly missing: readonly string[] };
  readonly configuration: Readonly<Record<string, unknown>>;
  readonly event: { readonly type: string; readonly payload: P };
  readonly installation: Installation;
  /** `webhook-id`: the same on every attempt of one delivery (use it to deduplicate). */
  readonly deliveryId: string;
  readonly attempt: number;
  readonly logger: ExtensionLogger;
  /**
   * `factory(context.secret(key))`, cached per installation and key: rebuilt when the value
   * changes, dropped when a `secret.rotated` delivery names the key, and dropped when the
   * factory fails. Throws if the key resolves nowhere.
   */
  memo<T>(key: string, factory: (value: string) => T | Promise<T>): Promise<T>;
}

export interface ExtensionOptions {
  /** `whsec_…`; several during a rotation of the signing secret (any one verifying is enough). */
  signingSecret: string | readonly string[] | undefined;
  /** How far `webhook-timestamp` may be from now, either way. Default 300. */
  toleranceSeconds?: number;
  /** The fallback of `context.secret`. Default: `process.env` where there is one. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Larger bodies answer 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Runs for every delivery but `secret.rotated`. What it returns (or resolves to) is the JSON
   * body of the 200: an object is spread into `{ ok: true, ... }`, anything else is `result`.
   */
  handleEvent(payload: KiketEvent, context: Context): unknown;
  /** Runs for `secret.rotated` deliveries, after the rotated keys' memos were dropped. */
  onRotation?(event: RotationEvent, context: Context): unknown;
  /** Where masked log lines go. Default: `console`. */
  logger?: LogSink;
}
