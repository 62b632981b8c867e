import {
  ACCESS_ACTIONS,
  ACCESS_SOURCES,
  DEFAULT_ACCESS_LOG_LIMIT,
  MAX_ACCESS_LOG_LIMIT,
  SecretKeySchema,
} from '@kici/contracts';
import { type CommandSpec, defineCommand } from '../../command.js';
import { cell, table } from '../../output.js';
import { checkFlag } from '../../validate.js';
import { ORG_OPTION } from '../extensions/options.js';
import { orgOf } from '../extensions/target.js';
import { choiceFlag, integerFlag } from './flags.js';

/**
 * `kici-admin access-log` and `kiket extensions access-log`: the last reads and writes of the
 * org's extension secrets (GET /api/v1/secrets/audit), newest first, as a table or --json.
 */
function accessLogCommand(group: string | undefined, bin: string): CommandSpec {
  const prefix = group === undefined ? bin : `${bin} ${group}`;
  return defineCommand({
    ...(group === undefined ? {} : { group }),
    name: 'access-log',
    description: `The last ${DEFAULT_ACCESS_LOG_LIMIT} reads and writes of extension secrets (key, action, source, actor, time)`,
    options: [
      { flags: '--key <KEY>', description: 'Only this key' },
      { flags: '--action <action>', description: `Only this action: ${ACCESS_ACTIONS.join(', ')}` },
      { flags: '--source <source>', description: `Only this source: ${ACCESS_SOURCES.join(', ')}` },
      {
        flags: '--limit <n>',
        description: `At most n entries, 1-${MAX_ACCESS_LOG_LIMIT} (default: ${DEFAULT_ACCESS_LOG_LIMIT})`,
      },
      ORG_OPTION,
    ],
    examples: [
      `${prefix} access-log`,
      `${prefix} access-log --key SMTP_PASSWORD --action read --source delivery --limit 50`,
      `${prefix} access-log --source cli --json`,
    ],
    async run(context) {
      const { flags } = context;
      const keyFlag = flags.string('key');
      const key = keyFlag === undefined ? undefined : checkFlag('--key', SecretKeySchema, keyFlag);
      const action = choiceFlag(flags, 'action', ACCESS_ACTIONS);
      const source = choiceFlag(flags, 'source', ACCESS_SOURCES);
      const limit = integerFlag(flags, 'limit', 1, MAX_ACCESS_LOG_LIMIT);
      const orgId = await orgOf(context);
      const result = await context.client().monitoring.accessLog({
        org_id: orgId,
        ...(key === undefined ? {} : { key }),
        ...(action === undefined ? {} : { action }),
        ...(source === undefined ? {} : { source }),
        ...(limit === undefined ? {} : { limit }),
      });
      context.out.result(result, () =>
        result.entries.length === 0
          ? `No access log entries match in org ${orgId}`
          : table(
              ['AT', 'KEY', 'SCOPE', 'ACTION', 'SOURCE', 'ACTOR', 'DELIVERY'],
              result.entries.map((e) => [
                e.at,
                e.key,
                `${e.scope.scope} ${e.scope.id}`,
                e.action,
                e.source,
                e.actor,
                cell(e.delivery_id),
              ]),
            ),
      );
    },
  });
}

export const accessLog = accessLogCommand(undefined, 'kici-admin');
export const extensionsAccessLog = accessLogCommand('extensions', 'kiket');
