import type { ScopeKeys, SecretMetadata } from '@kici/core';
import { Layout } from './layout.js';
import { pageUrl } from './page.js';
import { Notice } from './parts.js';

export interface ScopePageProps {
  readonly orgId: string;
  readonly view: ScopeKeys;
  readonly notice?: string | undefined;
}

const time = (at: Date | null) => (at === null ? '—' : at.toISOString());

/** Where this page's forms post: the org and the scope id ride in the query string. */
export const scopeAction = (path: string, orgId: string, scope: string) =>
  pageUrl(`/scope${path}`, { org: orgId, id: scope });

function KeyRow({
  orgId,
  scope,
  meta,
  canDelete,
}: {
  orgId: string;
  scope: string;
  meta: SecretMetadata;
  canDelete: boolean;
}) {
  const confirmId = `confirm-${meta.key}`;
  return (
    <tr data-key={meta.key}>
      <th scope="row">
        <code>{meta.key}</code>
      </th>
      <td>{meta.backendType}</td>
      <td>{meta.rotationCount}</td>
      <td>{time(meta.updatedAt)}</td>
      <td>{meta.updatedBy}</td>
      <td>{time(meta.createdAt)}</td>
      <td>{meta.createdBy}</td>
      <td>
        <a href={pageUrl('/scope/key', { org: orgId, id: scope, key: meta.key })}>
          Audit trail<span class="visually-hidden"> of {meta.key}</span>
        </a>
      </td>
      {canDelete ? (
        <td>
          <form method="post" action={scopeAction('/delete', orgId, scope)} class="inline">
            <input type="hidden" name="key" value={meta.key} />
            <input type="checkbox" id={confirmId} name="confirm" value="yes" required />
            <label for={confirmId}>
              Confirm<span class="visually-hidden"> deleting {meta.key}</span>
            </label>
            <button type="submit" class="danger">
              Delete<span class="visually-hidden"> {meta.key}</span>
            </button>
          </form>
        </td>
      ) : null}
    </tr>
  );
}

/** The set-a-value form; the value field is write-only and disabled when the policy says so. */
function SetForm({ orgId, view }: { orgId: string; view: ScopeKeys }) {
  const { valueEntry, newKeys } = view;
  const cli = `kici-admin secret set ${orgId} ${view.scope} <KEY> --prompt`;
  return (
    <section aria-labelledby="set-title" class="set">
      <h2 id="set-title">Set a value</h2>
      {valueEntry.allowed ? null : (
        <div id="value-policy" class="policy-note">
          <p>
            Value entry is CLI-only by policy: {valueEntry.reason}. Set the value from the CLI
            instead:
          </p>
          <pre>
            <code id="cli-command">{cli}</code>
          </pre>
        </div>
      )}
      {newKeys.allowed ? null : (
        <p id="new-keys-note" class="policy-note">
          {newKeys.reason}.
        </p>
      )}
      <form method="post" action={scopeAction('/set', orgId, view.scope)} class="card">
        <label for="key">Key name</label>
        <input id="key" name="key" required pattern="[A-Z][A-Z0-9_]*" maxlength={128} />
        <label for="value">Value (write-only: never shown again)</label>
        <input
          id="value"
          name="value"
          type="password"
          autocomplete="off"
          required
          disabled={!valueEntry.allowed}
          aria-describedby={valueEntry.allowed ? undefined : 'value-policy'}
        />
        <button type="submit" id="set-value" disabled={!valueEntry.allowed}>
          Set value
        </button>
      </form>
    </section>
  );
}

/** A scope's keys, metadata only; pg scopes also get the set and delete forms. */
export function ScopePage({ orgId, view, notice }: ScopePageProps) {
  const writable = !view.readonly;
  return (
    <Layout title={view.scope} orgId={orgId} section="/secrets">
      <p>
        <a href={pageUrl('/secrets', { org: orgId })}>Secrets</a> / {view.backend}
      </p>
      <h1>
        Scope <code class="scope-id">{view.scope}</code>
      </h1>
      <Notice notice={notice} />
      {view.readonly ? (
        <p id="readonly-note" class="policy-note">
          {view.backend} is an external backend, read-only from KiCI: its values are managed in{' '}
          {view.backend} itself.
        </p>
      ) : null}
      <h2>Keys</h2>
      {view.keys.length === 0 ? (
        <p class="empty-keys">No keys stored in this scope.</p>
      ) : (
        <div class="table-wrap">
          <table class="keys">
            <caption class="visually-hidden">Keys of {view.scope} (metadata only)</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Backend</th>
                <th scope="col">Replaced</th>
                <th scope="col">Updated at</th>
                <th scope="col">Updated by</th>
                <th scope="col">Created at</th>
                <th scope="col">Created by</th>
                <th scope="col">Audit</th>
                {writable ? <th scope="col">Delete</th> : null}
              </tr>
            </thead>
            <tbody>
              {view.keys.map((meta) => (
                <KeyRow orgId={orgId} scope={view.scope} meta={meta} canDelete={writable} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {writable ? <SetForm orgId={orgId} view={view} /> : null}
    </Layout>
  );
}
