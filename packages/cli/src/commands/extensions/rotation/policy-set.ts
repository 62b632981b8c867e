import { MAX_ROTATION_AGE_DAYS } from '@kici/contracts';
import { defineCommand } from '../../../command.js';
import { UsageError } from '../../../errors.js';
import { integerFlag } from '../../monitoring/flags.js';
import { ORG_OPTION } from '../options.js';
import { orgOf } from '../target.js';
import { policyLine } from './policy-view.js';

export default defineCommand({
  group: 'extensions rotation-policy',
  name: 'set',
  usage: 'set --max-age-days <n> [--remind-days <n>]',
  description:
    'Set the rotation policy: secrets older than --max-age-days are flagged, reminders --remind-days before',
  options: [
    {
      flags: '--max-age-days <n>',
      description: `The maximum age, 1-${MAX_ROTATION_AGE_DAYS} days`,
    },
    {
      flags: '--remind-days <n>',
      description: 'Remind this many days before expiry, 0 to max (default: 7, or the max age)',
    },
    ORG_OPTION,
  ],
  examples: [
    'kiket extensions rotation-policy set --max-age-days 90',
    'kiket extensions rotation-policy set --max-age-days 30 --remind-days 5 --json',
  ],
  async run(context) {
    const { flags } = context;
    const maxAge = integerFlag(flags, 'max-age-days', 1, MAX_ROTATION_AGE_DAYS);
    if (maxAge === undefined)
      throw new UsageError('--max-age-days is required: the maximum age in days, e.g. 90');
    const remind = integerFlag(flags, 'remind-days', 0, maxAge);
    const orgId = await orgOf(context);
    const result = await context.client().monitoring.rotationPolicy.set(orgId, maxAge, remind);
    context.out.result(result, () => policyLine(result));
  },
});
