import * as v from 'valibot';
import { SURFACES, WRITE_OPERATIONS } from '../vocabulary/surfaces.js';

const surfaces = v.pipe(
  v.array(
    v.picklist(SURFACES, `surfaces: expected ${SURFACES.join(' and/or ')}`),
    'surfaces: expected a list',
  ),
  v.check((list) => new Set(list).size === list.length, 'surfaces: expected each surface once'),
);

export const PolicySchema = v.strictObject({
  policy: v.strictObject(
    Object.fromEntries(
      WRITE_OPERATIONS.map((operation) => [operation, v.array(v.picklist(SURFACES))]),
    ) as Record<
      (typeof WRITE_OPERATIONS)[number],
      v.ArraySchema<v.PicklistSchema<typeof SURFACES, undefined>, undefined>
    >,
  ),
});

export const PolicyParamsSchema = v.strictObject({
  operation: v.picklist(
    WRITE_OPERATIONS,
    `operation: expected one of ${WRITE_OPERATIONS.join(', ')}`,
  ),
});

export const SetPolicyBodySchema = v.strictObject({ surfaces });
