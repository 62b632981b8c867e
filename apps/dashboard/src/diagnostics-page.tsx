import type { BackendView, HealthColor } from '@kici/core';
import { Layout } from './layout.js';
import { Notice, SyncNowForm } from './parts.js';

/** The seed's three colours, each with words: colour is never the only signal. */
const HEALTH_TEXT: Record<HealthColor, string> = {
  green: 'Healthy: reachable, auth valid, last sync successful',
  yellow: 'Warning: last sync had warnings, or not synced yet',
  red: 'Failing: unreachable or auth failed',
};

/** What a card shows: a registered backend's view, or the built-in pg backend's facts. */
export interface DiagnosticsCard {
  readonly name: string;
  readonly type: string;
  readonly health: HealthColor;
  /** Words for the health when the seed's sync-based ones do not apply (the built-in backend). */
  readonly healthText?: string;
  /** Masked by the backend type's summary (scheme and host only, never credentials). */
  readonly url: string;
  readonly authMethod: string;
  readonly syncInterval: string;
  readonly scopeCount: number;
  readonly lastSync: string;
  readonly lastSyncMessage: string | null;
  readonly errors: readonly { readonly at: string; readonly message: string }[];
  readonly latency: BackendView['latency'] | null;
}

const str = (value: unknown, fallback: string) =>
  typeof value === 'string' && value ? value : fallback;

function interval(seconds: number) {
  if (seconds % 60 === 0) return `every ${seconds / 60} min`;
  return `every ${seconds} s`;
}

/** A registered backend's card, from the admin API's view (summary, errors, latency). */
export function cardOf(backend: BackendView): DiagnosticsCard {
  return {
    name: backend.name,
    type: backend.type,
    health: backend.health,
    url: str(backend.summary.url, '(not shown)'),
    authMethod: str(backend.summary.authMethod, '(not shown)'),
    syncInterval: interval(backend.syncIntervalSeconds),
    scopeCount: backend.scopeCount,
    lastSync: backend.lastSyncAt ? backend.lastSyncAt.toISOString() : 'never',
    lastSyncMessage: backend.lastSyncMessage,
    errors: backend.errors,
    latency: backend.latency,
  };
}

/** The built-in backend: the orchestrator's own database; nothing to dial, nothing to sync. */
export function builtInCard(scopeCount: number): DiagnosticsCard {
  return {
    name: 'pg',
    type: 'pg',
    health: 'green',
    healthText: "Healthy: the orchestrator's own database, in use by this page",
    url: "built in (the orchestrator's database)",
    authMethod: 'none (in-process)',
    syncInterval: 'not synced (stored scopes)',
    scopeCount,
    lastSync: 'not applicable',
    lastSyncMessage: null,
    errors: [],
    latency: null,
  };
}

/** Round trips are timed to the microsecond; a card shows whole ms (a tenth below 10 ms). */
const ms = (value: number | null) =>
  value === null ? '?' : value < 10 ? value.toFixed(1) : String(Math.round(value));

function Latency({ latency }: { latency: DiagnosticsCard['latency'] }) {
  if (!latency) return <>not measured (in-process)</>;
  if (latency.samples === 0) return <>no calls yet on this instance</>;
  return (
    <>
      p50 {ms(latency.p50Ms)} ms · p95 {ms(latency.p95Ms)} ms ({latency.samples}{' '}
      {latency.samples === 1 ? 'call' : 'calls'})
    </>
  );
}

function Card({ card }: { card: DiagnosticsCard }) {
  const id = `backend-${card.name}`;
  return (
    <section class="diag-card" data-backend={card.name} aria-labelledby={id}>
      <h2 id={id}>
        {card.name} <span class="badge badge-type">{card.type}</span>
      </h2>
      <p class={`diag-health diag-health-${card.health}`}>
        <span class={`health health-${card.health}`} aria-hidden="true" />
        <span class="diag-health-text">{card.healthText ?? HEALTH_TEXT[card.health]}</span>
      </p>
      <dl class="diag-fields">
        <dt>Connection URL</dt>
        <dd data-field="url">
          <code>{card.url}</code>
        </dd>
        <dt>Auth method</dt>
        <dd data-field="auth">{card.authMethod}</dd>
        <dt>Sync interval</dt>
        <dd data-field="interval">{card.syncInterval}</dd>
        <dt>Scopes</dt>
        <dd data-field="scopes">{card.scopeCount}</dd>
        <dt>Last sync</dt>
        <dd data-field="last-sync">
          {card.lastSync}
          {card.lastSyncMessage ? ` (${card.lastSyncMessage})` : ''}
        </dd>
        <dt>Latency</dt>
        <dd data-field="latency">
          <Latency latency={card.latency} />
        </dd>
      </dl>
      <h3>Error log</h3>
      {card.errors.length === 0 ? (
        <p class="empty-log">No recent errors.</p>
      ) : (
        <ol class="diag-errors">
          {card.errors.map((error) => (
            <li>
              <time datetime={error.at}>{error.at}</time> {error.message}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The seed's diagnostics page: one card per backend, the built-in one first. */
export function DiagnosticsPage({
  orgId,
  cards,
  notice,
}: {
  orgId: string;
  cards: readonly DiagnosticsCard[];
  notice?: string | undefined;
}) {
  return (
    <Layout title="Diagnostics" orgId={orgId} section="/diagnostics">
      <div class="bar">
        <h1>Diagnostics</h1>
        <SyncNowForm action="/ui/diagnostics/sync" orgId={orgId} id="diag-sync-now" />
      </div>
      <Notice notice={notice} />
      <p>
        Backend health: green when reachable with valid auth and the last sync ok, yellow on
        warnings or before the first sync, red when unreachable or auth failed.
      </p>
      <div class="diag-cards">
        {cards.map((card) => (
          <Card card={card} />
        ))}
      </div>
    </Layout>
  );
}
