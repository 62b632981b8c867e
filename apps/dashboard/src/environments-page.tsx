import type { EnvironmentRecord, ProtectionRules } from '@kici/core';
import { Layout } from './layout.js';
import { pageUrl } from './page.js';
import { Notice, OrgPicker } from './parts.js';

/** One line per rule dimension that restricts something; "none" when nothing does. */
export function protectionSummary(rules: ProtectionRules): string {
  const parts = [
    rules.branches.length > 0 ? `branches: ${rules.branches.join(', ')}` : '',
    rules.triggers.length > 0 ? `triggers: ${rules.triggers.join(', ')}` : '',
    rules.repositories.length > 0 ? `repositories: ${rules.repositories.join(', ')}` : '',
    rules.allowForks ? 'forks allowed' : '',
  ].filter((part) => part !== '');
  return parts.length === 0 ? 'none' : parts.join('; ');
}

export interface EnvironmentsPageProps {
  readonly orgId: string;
  readonly environments: readonly EnvironmentRecord[];
  readonly notice?: string | undefined;
}

/** The org's environments, and a form to create one. */
export function EnvironmentsPage({ orgId, environments, notice }: EnvironmentsPageProps) {
  return (
    <Layout title="Environments" orgId={orgId} section="/environments">
      <div class="bar">
        <h1>Environments</h1>
        <OrgPicker action="/ui/environments" orgId={orgId} />
      </div>
      <Notice notice={notice} />
      {environments.length === 0 ? (
        <p class="empty">No environments in {orgId} yet.</p>
      ) : (
        <table class="environments">
          <caption class="visually-hidden">Environments of {orgId}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Bindings</th>
              <th scope="col">Protection</th>
              <th scope="col">Test runs</th>
            </tr>
          </thead>
          <tbody>
            {environments.map((environment) => (
              <tr data-environment={environment.name}>
                <th scope="row">
                  <a href={pageUrl(`/environments/${environment.name}`, { org: orgId })}>
                    {environment.name}
                  </a>
                </th>
                <td class="bindings-count">{environment.scopes.length}</td>
                <td class="protection">{protectionSummary(environment.rules)}</td>
                <td class="test-runs">{environment.allowLocalExecution ? 'on' : 'off'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Create an environment</h2>
      <form
        method="post"
        action={pageUrl('/environments', { org: orgId })}
        class="card"
        id="create-environment"
      >
        <label for="new-environment">Name</label>
        <input
          id="new-environment"
          name="name"
          required
          maxlength={64}
          aria-describedby="new-environment-hint"
        />
        <p id="new-environment-hint" class="hint">
          1-64 letters, digits, ".", "_" or "-". Protection rules and bindings are set on its page.
        </p>
        <button type="submit">Create environment</button>
      </form>
    </Layout>
  );
}
