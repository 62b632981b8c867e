/** How a call to an external backend fails: shared by the backends domain and resolution. */
import { KiciError, type KiciErrorCode } from './errors.js';

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
