import type { AuditRecord } from '@kici/core';
import { Layout } from './layout.js';
import { pageUrl } from './page.js';

export interface KeyAuditPageProps {
  readonly orgId: string;
  readonly scope: string;
  readonly keyName: string;
  readonly trail: readonly AuditRecord[];
}

/** One key's audit trail: time, action, actor, outcome (audit rows never hold a value). */
export function KeyAuditPage({ orgId, scope, keyName, trail }: KeyAuditPageProps) {
  return (
    <Layout title={`${keyName} audit trail`} orgId={orgId} section="/secrets">
      <p>
        <a href={pageUrl('/secrets', { org: orgId })}>Secrets</a> /{' '}
        <a href={pageUrl('/scope', { org: orgId, id: scope })}>{scope}</a>
      </p>
      <h1>
        Audit trail of <code>{keyName}</code>
      </h1>
      {trail.length === 0 ? (
        <p class="empty-keys">No audit rows for this key.</p>
      ) : (
        <table class="audit">
          <caption class="visually-hidden">
            Audit rows of {keyName} in {scope}, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Action</th>
              <th scope="col">Actor</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {trail.map((row) => (
              <tr data-action={row.action}>
                <td>{row.at.toISOString()}</td>
                <td>{row.action}</td>
                <td>{row.actor}</td>
                <td class={`outcome outcome-${row.outcome}`}>{row.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
