import type { RouteResponse } from '@kici/contracts';

type PolicyAnswer = RouteResponse<'extensions.rotationPolicy.get'>;

/** One sentence for a policy answer. */
export const policyLine = (answer: PolicyAnswer) =>
  answer.policy === null
    ? `Org ${answer.org_id} has no rotation policy`
    : `Org ${answer.org_id}: rotate every ${answer.policy.max_age_days} days, remind ${answer.policy.remind_days} days before (set by ${answer.policy.updated_by} at ${answer.policy.updated_at})`;
