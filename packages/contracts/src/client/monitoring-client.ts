import type { RouteInput, RouteName, RouteResponse } from '../routes.js';
import type { CallInput } from './transport.js';

type Answer<K extends RouteName> = Promise<RouteResponse<K>>;
type Call = <K extends RouteName>(name: K, input?: CallInput) => Answer<K>;

/**
 * The access log, notifications and rotation compliance of the extension store, one method
 * per route. The rotation report comes as JSON here; `rotationReportCsv` renders it as CSV.
 */
export interface MonitoringClient {
  accessLog(query: RouteInput<'accessLog', 'query'>): Answer<'accessLog'>;
  readonly notifications: {
    list(query: RouteInput<'notifications.list', 'query'>): Answer<'notifications.list'>;
    ack(id: number, orgId?: string): Answer<'notifications.ack'>;
  };
  readonly rotationPolicy: {
    get(orgId: string): Answer<'extensions.rotationPolicy.get'>;
    set(
      orgId: string,
      maxAgeDays: number,
      remindDays?: number,
    ): Answer<'extensions.rotationPolicy.put'>;
    clear(orgId: string): Answer<'extensions.rotationPolicy.delete'>;
  };
  rotationReport(orgId: string): Answer<'extensions.rotationReport'>;
  /** Runs the rotation audit job now: for one org, or every org with a policy. */
  rotationAudit(orgId?: string): Answer<'extensions.rotationAudit.run'>;
}

export function monitoringClient(call: Call): MonitoringClient {
  return {
    accessLog: (query) => call('accessLog', { query }),
    notifications: {
      list: (query) => call('notifications.list', { query }),
      ack: (id, orgId) =>
        call('notifications.ack', {
          params: { notificationId: String(id) },
          body: orgId === undefined ? {} : { org_id: orgId },
        }),
    },
    rotationPolicy: {
      get: (orgId) => call('extensions.rotationPolicy.get', { query: { org_id: orgId } }),
      set: (orgId, maxAgeDays, remindDays) =>
        call('extensions.rotationPolicy.put', {
          body: {
            org_id: orgId,
            max_age_days: maxAgeDays,
            ...(remindDays === undefined ? {} : { remind_days: remindDays }),
          },
        }),
      clear: (orgId) => call('extensions.rotationPolicy.delete', { query: { org_id: orgId } }),
    },
    rotationReport: (orgId) =>
      call('extensions.rotationReport', { query: { org_id: orgId, format: 'json' } }),
    rotationAudit: (orgId) =>
      call('extensions.rotationAudit.run', { body: orgId === undefined ? {} : { org_id: orgId } }),
  };
}
