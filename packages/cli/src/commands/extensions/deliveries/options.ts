import { deliveryIdSchema } from '@kici/contracts';
import { checkFlag } from '../../../validate.js';

/** The `<id>` argument: a delivery id (`msg_…`), checked before any request. */
export const deliveryIdOf = (args: readonly string[]) =>
  checkFlag('id', deliveryIdSchema('id'), args[0] ?? '');
