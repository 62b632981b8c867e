import type { AuditEntry, AuditQueryInput } from '@kici/contracts';
import { defineCommand } from '../command.js';
import { cell, table } from '../output.js';

/** `key=value` pairs of an entry's routing key and metadata, for one table cell. */
function details(entry: AuditEntry): string {
  const pairs = Object.entries(entry.metadata).map(
    ([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`,
  );
  return [entry.routingKey === null ? [] : [`routingKey=${entry.routingKey}`], pairs]
    .flat()
    .join(' ');
}

/** The API's query parameters and the flags that set them. */
const FILTERS = {
  contextName: 'context',
  routingKey: 'routing-key',
  action: 'action',
  from: 'from',
  to: 'to',
  limit: 'limit',
  offset: 'offset',
} as const;

export default defineCommand({
  name: 'audit',
  description: 'Query the audit log, newest first',
  options: [
    { flags: '--context <scope>', description: 'Only entries of this scope (contextName)' },
    { flags: '--routing-key <key>', description: 'Only entries with this routing key' },
    { flags: '--action <action>', description: 'Only this action (secret.set, rotateKey, …)' },
    { flags: '--from <iso>', description: 'Not before this instant (ISO 8601 with a time zone)' },
    { flags: '--to <iso>', description: 'Not after this instant' },
    { flags: '--limit <n>', description: 'At most n entries, 1-1000 (default: 50)' },
    { flags: '--offset <n>', description: 'Skip the n newest matches (default: 0)' },
  ],
  examples: [
    'kici-admin audit --context production --limit 50',
    'kici-admin audit --action rotateKey --limit 5 --json',
  ],
  async run({ flags, out, client }) {
    const query: Record<string, string> = {};
    for (const [field, flag] of Object.entries(FILTERS)) {
      const value = flags.string(flag);
      if (value !== undefined) query[field] = value;
    }
    // The client validates the query (integers, ISO instants, canonical scope) before sending.
    const result = await client().audit(query as AuditQueryInput);
    out.result(result, () =>
      result.entries.length === 0
        ? 'No audit entries match'
        : table(
            ['AT', 'ACTOR', 'ACTION', 'OUTCOME', 'ORG', 'CONTEXT', 'DETAILS'],
            result.entries.map((e) => [
              e.at,
              e.actor,
              e.action,
              e.outcome,
              cell(e.orgId),
              cell(e.contextName),
              details(e),
            ]),
          ),
    );
  },
});
