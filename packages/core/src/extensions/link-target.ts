import { BUILT_IN_BACKEND } from '@kici/contracts/vocabulary';
import { invalidInput } from '../kernel/errors.js';

/** A registered backend as link defaults need it: its name and kind (`vault`, `gsm`, …). */
export interface BackendSummary {
  readonly name: string;
  readonly type: string;
}

/** `backend` given, or the only registered external backend (400 naming the choices otherwise). */
export function chooseBackend(
  registered: readonly BackendSummary[],
  requested: string | undefined,
): BackendSummary {
  const external = registered.filter((backend) => backend.name !== BUILT_IN_BACKEND);
  const names = external.map((backend) => backend.name).sort();
  if (requested !== undefined) {
    const found = external.find((backend) => backend.name === requested);
    if (found) return found;
    throw invalidInput(
      'backend',
      `"${requested}" is not a registered external backend (registered: ${names.join(', ') || 'none'})`,
    );
  }
  const [only] = external;
  if (only && external.length === 1) return only;
  throw invalidInput(
    'backend',
    external.length === 0
      ? 'no external backend is registered (kici-admin backend add)'
      : `expected one of ${names.join(', ')} (several external backends are registered)`,
  );
}
