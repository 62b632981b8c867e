import { writeFileSync } from 'node:fs';
import { rotationReportCsv } from '@kici/contracts';
import { defineCommand } from '../../command.js';
import { OperationError } from '../../errors.js';
import { cell, table } from '../../output.js';
import { ORG_OPTION } from '../extensions/options.js';
import { orgOf } from '../extensions/target.js';
import { choiceFlag } from './flags.js';

export default defineCommand({
  group: 'report',
  name: 'rotation',
  description:
    "The org's rotation report (SOC2/HIPAA evidence): every extension secret's age, rotations and compliance",
  options: [
    {
      flags: '--format <format>',
      description: 'csv (RFC 4180, a header row) or json; default: a table (--json: json)',
    },
    { flags: '--output <file>', description: 'Write the report to this file instead of stdout' },
    ORG_OPTION,
  ],
  examples: [
    'kici-admin report rotation --format csv --output rotation-acme.csv',
    'kici-admin report rotation --format json',
    'kici-admin report rotation',
  ],
  async run(context) {
    const { flags, io, out } = context;
    const format =
      choiceFlag(flags, 'format', ['csv', 'json'] as const) ?? (out.json ? 'json' : undefined);
    const file = flags.string('output');
    const orgId = await orgOf(context);
    const report = await context.client().monitoring.rotationReport(orgId);
    const text =
      format === 'csv'
        ? rotationReportCsv(report)
        : format === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : `${table(
              [
                'KEY',
                'SCOPE',
                'CREATED',
                'LAST ROTATED',
                'ROTATIONS',
                'AGE (DAYS)',
                'EXTERNAL',
                'COMPLIANT',
              ],
              report.secrets.map((s) => [
                s.key,
                `${s.scope.scope} ${s.scope.id}`,
                s.created_at,
                cell(s.last_rotated_at),
                String(s.rotation_count),
                String(s.age_days),
                s.external ? 'yes' : 'no',
                s.compliant === null ? '-' : s.compliant ? 'yes' : 'no',
              ]),
            )}\n${report.policy ? `Policy: at most ${report.policy.max_age_days} days` : 'No rotation policy: compliance not judged'}\n`;
    if (file === undefined) {
      io.stdout.write(text);
      return;
    }
    try {
      writeFileSync(file, text);
    } catch (error) {
      throw new OperationError(
        `--output: cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    io.stderr.write(
      `Wrote the rotation report of org ${orgId} (${report.secrets.length} secrets) to ${file}\n`,
    );
  },
});
