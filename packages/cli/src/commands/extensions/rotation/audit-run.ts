import { defineCommand } from '../../../command.js';
import { ORG_OPTION } from '../options.js';
import { orgOf } from '../target.js';

export default defineCommand({
  group: 'extensions rotation-audit',
  name: 'run',
  description:
    'Run the rotation audit job (Extensions::SecretAuditJob) now: flag overdue secrets, send reminders',
  options: [ORG_OPTION],
  examples: ['kiket extensions rotation-audit run', 'kiket extensions rotation-audit run --json'],
  async run(context) {
    const orgId = await orgOf(context);
    const r = await context.client().monitoring.rotationAudit(orgId);
    context.out.result(
      r,
      () =>
        `Checked ${r.checked} secrets of org ${orgId}: ${r.overdue} overdue, ${r.flagged} newly flagged, ${r.reminded} reminders sent`,
    );
  },
});
