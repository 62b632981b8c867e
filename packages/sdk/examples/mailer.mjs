#!/usr/bin/env node
// A complete example extension ("mailer") on @kici/sdk/extension and node:http.
//
// Build the SDK first (`pnpm --filter @kici/sdk build`), then: node packages/sdk/examples/mailer.mjs
//
// CLI contract (the e2e tests rely on it; keep it stable):
//   env KIKET_SIGNING_SECRET  required: the installation's signing secret (whsec_…); several
//                             separated by commas during a signing-secret rotation.
//   env PORT                  optional: the port to listen on (default 0: any free port).
//   env SMTP_HOST, SMTP_PASSWORD, …  optional: the fallbacks of context.secret().
//   It listens on 127.0.0.1 and prints exactly `listening on <port>` (one line) on stdout once
//   ready; log lines (masked) go to stderr. SIGTERM or SIGINT closes it (exit 0).
//   POST <any path>   a delivery: verified, then handled (answers as the SDK does).
//   GET  /seen        200 JSON array: one record per handled delivery, oldest first:
//     { kind: 'invocation' | 'rotation', delivery_id, attempt, event_type,
//       installation: { orgId, projectKey, extensionId, productId },
//       smtp_host: context.secret('SMTP_HOST') ?? null,
//       smtp_host_scope: context.secrets.getMeta('SMTP_HOST')?.scope ?? null,   // { scope, id }
//       smtp_host_backend: context.secrets.getMeta('SMTP_HOST')?.backend ?? null,
//       missing: context.secretStatus.missing,
//       smtp_password_from_env: true when SMTP_PASSWORD is not in the payload but is in the env,
//       smtp_password_present: whether context.secret('SMTP_PASSWORD') resolved at all,
//       client: { generation, password_sha256 } | null,  // the memoized SMTP client: its build
//                number and the SHA-256 (hex) of the password it was built with, never the value
//       rotated_keys: string[] | null,                   // for a rotation
//       log_line: the line it logged, as masked by context.logger }
//   Any other request: 404 JSON.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { createExtension } from '@kici/sdk/extension';

const signingSecret = (process.env.KIKET_SIGNING_SECRET ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter((s) => s !== '');
if (signingSecret.length === 0) {
  process.stderr.write('mailer: set KIKET_SIGNING_SECRET (whsec_…)\n');
  process.exit(2);
}

const seen = [];
let generation = 0;

// A stand-in for an SMTP connection: built once per installation and password.
async function connect(password) {
  generation += 1;
  return {
    generation,
    password_sha256: createHash('sha256').update(password, 'utf8').digest('hex'),
  };
}

const toStderr = (line) => process.stderr.write(`${line}\n`);

/** What the handler saw, for GET /seen. */
async function record(kind, context, rotatedKeys) {
  const meta = context.secrets.getMeta('SMTP_HOST');
  const host = context.secret('SMTP_HOST');
  const password = context.secret('SMTP_PASSWORD');
  const client = password === undefined ? null : await context.memo('SMTP_PASSWORD', connect);
  const text = `mailer: ${kind} ${context.event.type}: connecting to ${host} with password ${password}`;
  context.logger.info(text);
  seen.push({
    kind,
    delivery_id: context.deliveryId,
    attempt: context.attempt,
    event_type: context.event.type,
    installation: context.installation,
    smtp_host: host ?? null,
    smtp_host_scope: meta?.scope ?? null,
    smtp_host_backend: meta?.backend ?? null,
    missing: [...context.secretStatus.missing],
    smtp_password_from_env: !context.secrets.has('SMTP_PASSWORD') && password !== undefined,
    smtp_password_present: password !== undefined,
    client,
    rotated_keys: rotatedKeys,
    log_line: context.logger.mask(text),
  });
}

const extension = createExtension({
  signingSecret,
  env: process.env,
  logger: { debug: toStderr, info: toStderr, warn: toStderr, error: toStderr },
  async handleEvent(payload, context) {
    await record('invocation', context, null);
    return { handled: payload.event.type };
  },
  // The SDK has already dropped the memoized client of each rotated key for this
  // installation: reading it again reconnects with the fresh value the delivery carries.
  async onRotation(event, context) {
    await record('rotation', context, [...event.keys]);
    return { reloaded: event.keys };
  },
});

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/seen') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(seen));
    return;
  }
  if (req.method === 'POST') {
    void extension.node(req, res);
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: 'not_found' }));
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening on ${server.address().port}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
