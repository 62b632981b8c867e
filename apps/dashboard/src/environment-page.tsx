import type { EnvironmentRecord } from '@kici/core';
import { Layout } from './layout.js';
import { pageUrl } from './page.js';
import { Notice } from './parts.js';

/** Where the environment's forms post: /ui/environments/NAME/<action>?org=ORG. */
const actionUrl = (env: EnvironmentRecord, action: string) =>
  pageUrl(`/environments/${env.name}/${action}`, { org: env.orgId });

/** The surfaces the dashboard-write policy allows for environments.test_access.set. */
export interface TestAccess {
  readonly fromDashboard: boolean;
  readonly allowed: readonly string[];
}

/** The seed's "Test runs" switch (allowLocalExecution); CLI-only policies disable it and say why. */
function TestRuns({ env, access }: { env: EnvironmentRecord; access: TestAccess }) {
  const command = `kici-admin environment set-policy --env ${env.name} --allow-local-execution ${env.allowLocalExecution ? 'false' : 'true'}`;
  return (
    <section aria-labelledby="test-runs-heading">
      <h2 id="test-runs-heading">Test runs</h2>
      <form method="post" action={actionUrl(env, 'test-runs')} class="card" id="test-runs-form">
        <div class="switch-row">
          <input
            type="checkbox"
            role="switch"
            aria-checked={env.allowLocalExecution ? 'true' : 'false'}
            id="test-runs"
            name="allowLocalExecution"
            value="true"
            checked={env.allowLocalExecution}
            disabled={!access.fromDashboard}
            aria-describedby={
              access.fromDashboard ? 'test-runs-hint' : 'test-runs-hint test-runs-reason'
            }
            data-auto-submit
          />
          <label for="test-runs">Test runs</label>
        </div>
        <p id="test-runs-hint" class="hint">
          When on, test runs (kici run remote) may resolve this environment's secrets. Leave
          production environments off.
        </p>
        {access.fromDashboard ? (
          <button type="submit" class="secondary" data-auto-submit-button>
            Save test runs
          </button>
        ) : (
          <p id="test-runs-reason" class="locked">
            The dashboard-write policy allows environments.test_access.set only from{' '}
            {access.allowed.length === 0 ? 'no surface' : access.allowed.join(' and ')}, so this
            switch is disabled here. Change it with <code>{command}</code>
          </p>
        )}
      </form>
    </section>
  );
}

function Rules({ env }: { env: EnvironmentRecord }) {
  const field = (id: string, label: string, values: readonly string[], hint: string) => (
    <>
      <label for={`rules-${id}`}>{label}</label>
      <input
        id={`rules-${id}`}
        name={id}
        value={values.join(', ')}
        aria-describedby={`rules-${id}-hint`}
      />
      <p id={`rules-${id}-hint`} class="hint">
        {hint}
      </p>
    </>
  );
  return (
    <section aria-labelledby="rules-heading">
      <h2 id="rules-heading">Protection rules</h2>
      <form method="post" action={actionUrl(env, 'rules')} class="card" id="rules-form">
        {field(
          'branches',
          'Branches',
          env.rules.branches,
          'Globs such as main, release/*; empty allows every branch.',
        )}
        {field(
          'triggers',
          'Trigger types',
          env.rules.triggers,
          'push, pull_request, schedule, manual, tag; empty allows every trigger.',
        )}
        {field(
          'repositories',
          'Repositories',
          env.rules.repositories,
          'Globs over owner/name such as acme/*; empty allows every repository.',
        )}
        <div class="switch-row">
          <input
            type="checkbox"
            id="rules-allowForks"
            name="allowForks"
            value="true"
            checked={env.rules.allowForks}
          />
          <label for="rules-allowForks">Allow pull requests from forks</label>
        </div>
        <button type="submit">Save protection rules</button>
      </form>
    </section>
  );
}

function MoveButton({
  env,
  scope,
  direction,
  disabled,
}: {
  env: EnvironmentRecord;
  scope: string;
  direction: 'up' | 'down';
  disabled: boolean;
}) {
  return (
    <form method="post" action={actionUrl(env, 'bindings/move')}>
      <input type="hidden" name="scope" value={scope} />
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" class="secondary" disabled={disabled} data-move={direction}>
        Move {direction}
        <span class="visually-hidden"> {scope}</span>
      </button>
    </form>
  );
}

function Bindings({ env }: { env: EnvironmentRecord }) {
  const last = env.scopes.length - 1;
  return (
    <section aria-labelledby="bindings-heading">
      <h2 id="bindings-heading">Scope bindings</h2>
      <p class="hint">In order: the first scope holding a key supplies it.</p>
      {env.scopes.length === 0 ? (
        <p class="empty">No scopes bound.</p>
      ) : (
        <ol class="bindings">
          {env.scopes.map((scope, index) => (
            <li class="binding" data-scope-id={scope}>
              <span class="position" aria-hidden="true">
                {index + 1}.
              </span>
              <code class="scope-id">{scope}</code>
              <MoveButton env={env} scope={scope} direction="up" disabled={index === 0} />
              <MoveButton env={env} scope={scope} direction="down" disabled={index === last} />
              <form method="post" action={actionUrl(env, 'bindings/remove')}>
                <input type="hidden" name="scope" value={scope} />
                <button type="submit" class="secondary" data-remove>
                  Remove<span class="visually-hidden"> {scope}</span>
                </button>
              </form>
            </li>
          ))}
        </ol>
      )}
      <form method="post" action={actionUrl(env, 'bindings')} class="card" id="bind-form">
        <label for="bind-scope">Scope id</label>
        <input
          id="bind-scope"
          name="scope"
          required
          placeholder="pg:app/prod"
          autocomplete="off"
          aria-describedby="bind-scope-hint"
        />
        <p id="bind-scope-hint" class="hint">
          Paste a copyable id from the secrets page (backend:path, e.g.
          openbao-prod:aws/credentials).
        </p>
        <button type="submit">Add binding</button>
      </form>
    </section>
  );
}

export interface EnvironmentPageProps {
  readonly env: EnvironmentRecord;
  readonly access: TestAccess;
  readonly notice?: string | undefined;
}

/** One environment: the Test runs switch, protection rules, ordered bindings, delete. */
export function EnvironmentPage({ env, access, notice }: EnvironmentPageProps) {
  return (
    <Layout title={`Environment ${env.name}`} orgId={env.orgId} section="/environments">
      <p>
        <a href={pageUrl('/environments', { org: env.orgId })}>All environments</a>
      </p>
      <h1>Environment {env.name}</h1>
      <Notice notice={notice} />
      <TestRuns env={env} access={access} />
      <Rules env={env} />
      <Bindings env={env} />
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete</h2>
        <p>
          <a href={actionUrl(env, 'delete')} id="delete-environment">
            Delete environment {env.name}…
          </a>
        </p>
      </section>
    </Layout>
  );
}

/** The confirmation step of a delete: typing the name, a plain form (no script needed). */
export function DeleteEnvironmentPage({ env }: { env: EnvironmentRecord }) {
  return (
    <Layout title={`Delete ${env.name}`} orgId={env.orgId} section="/environments">
      <h1>Delete environment {env.name}?</h1>
      <p>
        Jobs targeting {env.name} will fail their environment gate; its {env.scopes.length} scope
        binding(s) go with it. The secrets in the scopes stay.
      </p>
      <form method="post" action={actionUrl(env, 'delete')} class="card" id="delete-form">
        <label for="confirm-name">Type {env.name} to confirm</label>
        <input id="confirm-name" name="confirm" required autocomplete="off" />
        <button type="submit" class="danger">
          Delete environment
        </button>
      </form>
      <p>
        <a href={pageUrl(`/environments/${env.name}`, { org: env.orgId })}>Cancel</a>
      </p>
    </Layout>
  );
}
