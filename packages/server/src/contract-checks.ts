/**
 * Lists that @kici/core and @kici/contracts each spell out (neither imports the other):
 * these lines stop compiling the day the two drift apart.
 */
import type { WRITE_OPERATIONS as API_OPERATIONS, SURFACES as API_SURFACES } from '@kici/contracts';
import type { SURFACES, WRITE_OPERATIONS } from '@kici/core';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const surfacesMatch: Same<(typeof SURFACES)[number], (typeof API_SURFACES)[number]> = true;
export const writeOperationsMatch: Same<
  (typeof WRITE_OPERATIONS)[number],
  (typeof API_OPERATIONS)[number]
> = true;
