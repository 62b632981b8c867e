// The access log, notifications and rotation compliance routes' examples for the fuzzer (see
// examples.ts): each validates, so that mutations reach past validation.
const ORG = 'acme';

export const MONITORING_ROUTE_PARAMS: Record<string, Record<string, string>> = {
  'notifications.ack': { notificationId: '1' },
};

export const MONITORING_QUERIES: Record<string, Record<string, string>> = {
  accessLog: { org_id: ORG, key: 'FUZZ_TOKEN', action: 'read', source: 'delivery', limit: '10' },
  'notifications.list': { org_id: ORG, after_id: '0', unacknowledged: 'true', limit: '10' },
  'extensions.rotationPolicy.get': { org_id: ORG },
  'extensions.rotationPolicy.delete': { org_id: ORG },
  'extensions.rotationReport': { org_id: ORG, format: 'csv' },
};

export const MONITORING_BODIES: Record<string, unknown> = {
  'notifications.ack': { org_id: ORG },
  'extensions.rotationPolicy.put': { org_id: ORG, max_age_days: 90, remind_days: 7 },
  'extensions.rotationAudit.run': { org_id: ORG },
};
