import {
  ACCESS_LOG_PATH,
  NOTIFICATIONS_PATH,
  RotationReportQuerySchema,
  rotationReportCsv,
  routes,
  shapeResponse,
} from '@kici/contracts';
import type { Core, NotificationRecord, RotationPolicyRecord, RotationReport } from '@kici/core';
import { Hono } from 'hono';
import { bearerAuth } from '../auth.js';
import { check, type Env, mount } from '../endpoint.js';

/** The records of monitoring in the seed's snake_case JSON (the response schemas pick). */
const notificationView = (n: NotificationRecord) => ({
  id: n.id,
  kind: n.kind,
  priority: n.priority,
  title: n.title,
  details: { ...n.details },
  recipients: [...n.recipients],
  created_at: n.createdAt,
  acknowledged_at: n.acknowledgedAt,
  acknowledged_by: n.acknowledgedBy,
});

const policyView = (orgId: string, p: RotationPolicyRecord | undefined) => ({
  org_id: orgId,
  policy: p
    ? {
        max_age_days: p.maxAgeDays,
        remind_days: p.remindDays,
        updated_at: p.updatedAt,
        updated_by: p.updatedBy,
      }
    : null,
});

const reportView = (r: RotationReport) => ({
  org_id: r.orgId,
  generated_at: r.generatedAt,
  policy: r.policy ? { max_age_days: r.policy.maxAgeDays, remind_days: r.policy.remindDays } : null,
  secrets: r.secrets.map((s) => ({
    key: s.key,
    scope: s.scope,
    created_at: s.createdAt,
    last_rotated_at: s.lastRotatedAt,
    rotation_count: s.rotationCount,
    age_days: s.ageDays,
    external: s.external,
    compliant: s.compliant,
  })),
});

/**
 * The seed's own paths, `/api/v1/secrets/audit` and `/api/v1/notifications`, behind the admin
 * token auth: the access log export, and notifications (listed, polled with `after_id`, acked).
 */
export function monitoringRoutesApp(core: Core) {
  const app = new Hono<Env>();
  app.use(ACCESS_LOG_PATH, bearerAuth(core));
  // `/x/*` matches `/x` itself too: one authentication per request (failures count once).
  app.use(`${NOTIFICATIONS_PATH}/*`, bearerAuth(core));
  mount(app, 'accessLog', async ({ actor, query }) => ({
    org_id: query.org_id,
    entries: (
      await core.accessLog.query(actor, {
        orgId: query.org_id,
        key: query.key,
        action: query.action,
        source: query.source,
        limit: query.limit,
      })
    ).map((row) => ({
      id: row.id,
      at: row.at,
      key: row.key,
      scope: row.scopeRef,
      action: row.action,
      source: row.source,
      actor: row.actor,
      delivery_id: row.deliveryId,
    })),
  }));
  mount(app, 'notifications.list', async ({ actor, query }) => ({
    notifications: (
      await core.notifications.list(actor, {
        orgId: query.org_id,
        afterId: query.after_id,
        kind: query.kind,
        unacknowledged: query.unacknowledged,
        limit: query.limit,
      })
    ).map(notificationView),
  }));
  mount(app, 'notifications.ack', async ({ actor, params, body }) => ({
    notification: notificationView(
      await core.notifications.acknowledge(actor, params.notificationId, body.org_id),
    ),
  }));
  return app;
}

/** `/api/v1/extensions/rotation-*`: the policy, the report (JSON or CSV), the audit job now. */
export function rotationRoutes(app: Hono<Env>, core: Core) {
  const { compliance } = core;
  mount(app, 'extensions.rotationPolicy.get', async ({ actor, query }) =>
    policyView(query.org_id, await compliance.policy.get(actor, query.org_id)),
  );
  mount(app, 'extensions.rotationPolicy.put', async ({ actor, body }) =>
    policyView(
      body.org_id,
      await compliance.policy.set(actor, body.org_id, body.max_age_days, body.remind_days),
    ),
  );
  mount(app, 'extensions.rotationPolicy.delete', async ({ actor, query }) => {
    await compliance.policy.clear(actor, query.org_id);
    return { org_id: query.org_id, deleted: true as const };
  });
  // Not `mount`: with format=csv the answer is text/csv, not the JSON schema.
  const report = routes['extensions.rotationReport'];
  app.get(report.path, async (c) => {
    const query = check(RotationReportQuerySchema, c.req.query(), 'query') as {
      org_id: string;
      format: 'json' | 'csv';
    };
    const json = shapeResponse(
      report.response,
      reportView(await compliance.report(c.get('actor'), query.org_id)) as never,
    );
    if (query.format === 'json') return c.json(json);
    return c.body(rotationReportCsv(json), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="rotation-report-${query.org_id}.csv"`,
    });
  });
  mount(app, 'extensions.rotationAudit.run', async ({ actor, body }) => ({
    org_id: body.org_id ?? null,
    ...(await compliance.runAudit(actor, body.org_id)),
  }));
}
