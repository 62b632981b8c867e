/** What the environments domain needs from storage: environments and their protection rules. */

/** Protection rules of an environment. An empty list puts no restriction on its dimension. */
export interface ProtectionRules {
  /** Globs over branch names (`main`, `release/*`) or full refs (`refs/tags/v*`). */
  readonly branches: readonly string[];
  /** Trigger types: `push`, `pull_request`, `schedule`, `manual`, `tag`, … */
  readonly triggers: readonly string[];
  /** Globs over `owner/name` (`acme/*`). */
  readonly repositories: readonly string[];
  /** Whether a pull request from a fork may pass at all. */
  readonly allowForks: boolean;
}

export interface EnvironmentRecord {
  readonly id: number;
  readonly orgId: string;
  readonly name: string;
  readonly rules: ProtectionRules;
  readonly allowLocalExecution: boolean;
  /** Bound scopes in order; the first one holding a key supplies it. */
  readonly scopes: readonly string[];
  /** Bumped by every change (rules, flag, bindings). */
  readonly revision: number;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

export interface EnvironmentWrite {
  readonly rules: ProtectionRules;
  readonly allowLocalExecution: boolean;
  readonly scopes: readonly string[];
}

export interface EnvironmentRepository {
  /** Undefined when the org already has an environment of that name. */
  create(
    orgId: string,
    name: string,
    write: EnvironmentWrite,
    actor: string,
  ): Promise<EnvironmentRecord | undefined>;
  list(orgId: string): Promise<EnvironmentRecord[]>;
  find(orgId: string, name: string): Promise<EnvironmentRecord | undefined>;
  /** Replaces rules, flag and bindings; undefined when there is no such environment. */
  update(
    orgId: string,
    name: string,
    write: EnvironmentWrite,
    actor: string,
  ): Promise<EnvironmentRecord | undefined>;
  remove(orgId: string, name: string): Promise<boolean>;
}

/** What the dispatcher knows about a job when it asks for its secrets. */
export interface JobContext {
  readonly orgId: string;
  readonly environment: string;
  /** `owner/name`. */
  readonly repository: string;
  /** A full ref (`refs/heads/main`, `refs/tags/v1.2`) or a branch name. */
  readonly branch: string;
  readonly trigger: string;
  /** The job runs for a pull request from a fork; unstated on a pull_request counts as true. */
  readonly fork?: boolean | undefined;
  readonly runId: string;
  readonly jobId: string;
}

export type GateName = 'environment' | 'branch' | 'trigger' | 'repository' | 'fork';

export interface GateResult {
  readonly gate: GateName;
  readonly passed: boolean;
  /** Why, in words an operator can act on; never a value. */
  readonly detail: string;
}
