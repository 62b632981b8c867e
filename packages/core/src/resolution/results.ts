import type { GateResult } from '../environments/port.js';
import type { DispatchedJob, ResolvedSecret, ResolvedVariable } from './port.js';

/** What the dispatcher gets: values only when every gate passed. */
export type Resolution =
  | {
      readonly allowed: true;
      readonly environment: string;
      readonly gates: GateResult[];
      readonly secrets: Record<string, ResolvedSecret>;
      readonly variables: Record<string, ResolvedVariable>;
      /** When the resolve dispatched a job: what was read for it (absent: not dispatched). */
      readonly dispatched?: DispatchedJob;
    }
  | {
      readonly allowed: false;
      readonly environment: string;
      readonly gates: GateResult[];
      /** Names the rule that failed. */
      readonly reason: string;
    };

/** Where each key would come from, without any value. */
export interface KeySource {
  readonly key: string;
  readonly backend: string;
  readonly scope: string;
  readonly shadowed: string[];
}

export interface Explanation {
  readonly allowed: boolean;
  readonly environment: string;
  readonly reason?: string;
  readonly gates: GateResult[];
  readonly scopes: string[];
  readonly secrets: KeySource[];
  readonly variables: KeySource[];
  /** Bound scopes whose backend failed to answer: a job bound to them fails at dispatch. */
  readonly unreachable: UnreachableScope[];
}

export interface UnreachableScope {
  readonly scope: string;
  readonly backend: string;
  readonly message: string;
}
