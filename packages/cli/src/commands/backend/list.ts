import type { RouteResponse } from '@kici/contracts';
import { defineCommand } from '../../command.js';
import { printable, table } from '../../output.js';
import { milliseconds } from './format.js';

type Backend = RouteResponse<'backends.list'>['backends'][number];

/** The first of `fields` the summary has: a Vault backend's url, a GSM backend's endpoint. */
const summary = (backend: Backend, ...fields: string[]): string => {
  for (const field of fields) {
    const value = backend.summary[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return '-';
};

const lastSync = (b: Backend): string =>
  b.lastSyncAt === null ? 'never' : `${b.lastSyncAt} ${b.lastSyncStatus ?? ''}`.trimEnd();

const latency = ({ latency: l }: Backend): string =>
  l.p50Ms === null || l.p95Ms === null
    ? '-'
    : `${milliseconds(l.p50Ms)}/${milliseconds(l.p95Ms)} ms`;

/** What an operator should look at next, for each backend that is not green. */
function note(b: Backend): string | undefined {
  if (b.health === 'green') return undefined;
  if (b.health === 'red') return b.errors[0]?.message ?? b.lastSyncMessage ?? 'unreachable';
  if (b.lastSyncAt === null) return `not synced yet: kici-admin backend sync --name ${b.name}`;
  return b.lastSyncMessage ?? undefined;
}

export default defineCommand({
  group: 'backend',
  name: 'list',
  description:
    'List backends: health, masked URL (GSM: endpoint), auth method (GSM: service account), scopes, last sync, latency',
  examples: ['kici-admin backend list', 'kici-admin backend list --json'],
  async run({ out, client }) {
    const result = await client().backends.list();
    out.result(result, () => {
      if (result.backends.length === 0) {
        return 'No external backends (pg is built in): add one with kici-admin backend add';
      }
      const rows = table(
        ['NAME', 'TYPE', 'SOURCE', 'HEALTH', 'URL', 'AUTH', 'SCOPES', 'LAST SYNC', 'P50/P95'],
        result.backends.map((b) => [
          b.name,
          b.type,
          b.source,
          b.health,
          summary(b, 'url', 'endpoint'),
          summary(b, 'authMethod', 'clientEmail'),
          String(b.scopeCount),
          lastSync(b),
          latency(b),
        ]),
      );
      const notes = result.backends.flatMap((b) => {
        const text = note(b);
        return text === undefined ? [] : [`  ${b.name} (${b.health}): ${printable(text)}`];
      });
      return notes.length === 0 ? rows : `${rows}\n\n${notes.join('\n')}`;
    });
  },
});
