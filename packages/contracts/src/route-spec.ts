import type * as v from 'valibot';
import type { Permission } from './vocabulary/index.js';

export const ADMIN_API_PREFIX = '/api/v1/admin';
/** The dispatcher's endpoints, authenticated by the dispatcher credential, not an admin token. */
export const INTERNAL_API_PREFIX = '/internal/v1';
/** An agent's endpoints, authenticated by its job's credential (`kici_job_…`). */
export const AGENT_API_PREFIX = '/agent/v1';
/** The extension store's endpoints (the Kiket seed's REST surface), admin tokens as above. */
export const EXTENSIONS_API_PREFIX = '/api/v1/extensions';

/** The permissions (of @kici/rbac) the admin routes require: the shared vocabulary's. */
export type RoutePermission = Permission;

export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Hono-style template: `:name` is a path parameter, percent-encoded by the client. */
  readonly path: string;
  /**
   * The permission core checks, the one a 403 names; null for the public probes, which take
   * no token. Where the body asks more, this is the one a full body is refused for:
   * `backends.test` with a `config` asks `context.create` (a registered name alone asks only
   * `context.read`, which every role holds); `environments.setPolicy` with `rules` asks
   * `context.update` (with `allowLocalExecution`, `secret.write` too, as does
   * `environments.create`).
   */
  readonly permission: RoutePermission | null;
  readonly params?: v.GenericSchema;
  readonly query?: v.GenericSchema;
  readonly body?: v.GenericSchema;
  readonly response: v.GenericSchema;
  /** The success status when it is not 200 (202: an invocation is queued, not done). */
  readonly status?: 200 | 201 | 202;
  /** Non-2xx statuses whose body is still `response` (readyz answers 503 when not ready). */
  readonly alsoAnswersWith?: readonly number[];
}

/** A domain's entries of the route table; the key is the client method's name. */
export type RouteTable = Readonly<Record<string, RouteSpec>>;
