/**
 * The port external secret backends (@kici/store-vault) implement. They are read-only from
 * our side: core reads a scope's values at dispatch and lists paths for discovery.
 */
import { KiciError, type KiciErrorCode } from './errors.js';

export interface SecretBackend {
  /** The registered name, e.g. `openbao-prod`; every error names it. */
  readonly name: string;
  /** The backend type, e.g. `vault`. */
  readonly type: string;
  /** Every key/value pair at `path` (a scope path without the `name:` prefix). A missing path is `not_found`. */
  readScope(path: string): Promise<Record<string, string>>;
  /** Every secret path under the backend's base path, relative to it, e.g. `aws/prod`. */
  listPaths(): Promise<string[]>;
  /** Reachable and authenticated; resolves with the round-trip time. */
  check(): Promise<{ latencyMs: number }>;
  /** Releases timers and connections. */
  close(): Promise<void>;
}

export type BackendFailure =
  | 'unreachable'
  | 'timeout'
  | 'sealed'
  | 'forbidden'
  | 'auth_failed'
  | 'mount_not_found'
  | 'not_found'
  | 'read_only'
  | 'invalid_path'
  | 'bad_response';

const CODE_OF: Record<BackendFailure, KiciErrorCode> = {
  unreachable: 'backend_unavailable',
  timeout: 'backend_unavailable',
  sealed: 'backend_unavailable',
  forbidden: 'backend_unavailable',
  auth_failed: 'backend_unavailable',
  mount_not_found: 'backend_unavailable',
  bad_response: 'backend_unavailable',
  not_found: 'not_found',
  read_only: 'conflict',
  invalid_path: 'invalid_input',
};

/** A backend call failed. The message names the backend and never carries a token or value. */
export class BackendError extends KiciError {
  constructor(
    readonly backend: string,
    readonly reason: BackendFailure,
    message: string,
  ) {
    super(CODE_OF[reason], message);
  }
}
