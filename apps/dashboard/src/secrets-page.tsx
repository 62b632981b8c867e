import type { TreeBackend } from '@kici/core';
import { Layout } from './layout.js';
import { pageUrl } from './page.js';
import { Notice, OrgPicker, SyncNowForm } from './parts.js';

const HEALTH_LABEL = { green: 'healthy', yellow: 'degraded or not synced yet', red: 'failing' };

/** Each scope's path opens its keys page (scope-routes.tsx). */
const scopeUrl = (orgId: string, id: string) => pageUrl('/scope', { org: orgId, id });

function BackendNode({ orgId, backend }: { orgId: string; backend: TreeBackend }) {
  return (
    <li class="backend" data-backend={backend.name}>
      <details open>
        <summary>
          <span
            class={`health health-${backend.health}`}
            role="img"
            aria-label={`health: ${HEALTH_LABEL[backend.health]}`}
            title={HEALTH_LABEL[backend.health]}
          />
          <span class="backend-name">{backend.name}</span>
          <span class="badge badge-type">{backend.type}</span>
          {backend.readonly ? <span class="badge badge-readonly">readonly</span> : null}
          <span class="count">
            {backend.scopeCount} {backend.scopeCount === 1 ? 'scope' : 'scopes'}
          </span>
        </summary>
        {backend.scopes.length === 0 ? (
          <p class="empty">No scopes{backend.readonly ? ' discovered yet' : ''}.</p>
        ) : (
          <ul class="scopes">
            {backend.scopes.map((scope) => (
              <li class="scope" data-scope-id={scope.id}>
                <a class="scope-path" href={scopeUrl(orgId, scope.id)}>
                  {scope.path}
                </a>
                {scope.secretCount === null ? null : (
                  <span class="count">
                    {scope.secretCount} {scope.secretCount === 1 ? 'key' : 'keys'}
                  </span>
                )}
                <code class="scope-id">{scope.id}</code>
                <button type="button" class="copy" data-copy={scope.id}>
                  Copy id<span class="visually-hidden"> {scope.id}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </details>
    </li>
  );
}

export interface SecretsPageProps {
  readonly orgId: string;
  readonly tree: readonly TreeBackend[];
  readonly notice?: string | undefined;
}

/** The seed's secrets page: scopes grouped under backend root nodes, and "Sync now". */
export function SecretsPage({ orgId, tree, notice }: SecretsPageProps) {
  return (
    <Layout title="Secrets" orgId={orgId} section="/secrets">
      <div class="bar">
        <h1>Secrets</h1>
        <OrgPicker action="/ui/secrets" orgId={orgId} />
        <SyncNowForm action="/ui/secrets/sync" orgId={orgId} id="sync-now" />
      </div>
      <Notice notice={notice} />
      <ul class="tree" aria-label="Scopes by backend">
        {tree.map((backend) => (
          <BackendNode orgId={orgId} backend={backend} />
        ))}
      </ul>
    </Layout>
  );
}
