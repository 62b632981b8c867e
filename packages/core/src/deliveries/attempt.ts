import type { AttemptOutcome, DeliveryStatus } from '@kici/contracts/vocabulary';
import { webhookHeaders } from '@kici/crypto/webhooks';
import type { InstallationRecord } from '../extensions/port.js';
import { KiciError } from '../kernel/errors.js';
import type { Store } from '../store.js';
import type { DeliveryConfig } from './config.js';
import { backoffMs } from './config.js';
import {
  invocationBody,
  missingKeys,
  type ResolvedSecrets,
  requiredMissingError,
} from './payload.js';
import { deliveryPlan } from './plan.js';
import type { DeliveryRead, DeliveryScopeRef, DeliveryWithPayload } from './port.js';
import type { Sender } from './sender.js';
import type { SigningSecrets } from './signing.js';

/** What deliveries need of the extensions domain (wired by createCore). */
export interface ExtensionAccess {
  /** The installation's secrets through its chain, values read now. */
  resolve(installation: InstallationRecord): Promise<ResolvedSecrets>;
  /** The keys the installation's chain holds (metadata only: no value is opened). */
  presentKeys(installation: InstallationRecord): Promise<ReadonlySet<string>>;
  /** The pg scopes of the installation's chain, in order. */
  chainScopes(installation: InstallationRecord): readonly string[];
  /** The pg scope of a scope by name, and back. */
  pgScope(ref: DeliveryScopeRef): string;
  scopeRef(pgScope: string, orgId: string): DeliveryScopeRef | undefined;
}

export interface AttemptDeps {
  readonly store: Pick<Store, 'extensions'>;
  readonly extension: ExtensionAccess;
  readonly signing: SigningSecrets;
  readonly sender: Sender;
  readonly config: DeliveryConfig;
}

/** How one attempt ended, before it is recorded. */
export interface AttemptResult {
  readonly status: DeliveryStatus;
  readonly outcome: AttemptOutcome;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly retryInMs?: number;
  /** The keys read for it (recorded only when it was sent). */
  readonly reads: readonly DeliveryRead[];
}

const failed = (error: string): AttemptResult => ({
  status: 'failed',
  outcome: 'failed',
  statusCode: null,
  error,
  reads: [],
});

const retryable = (code: number) => code >= 500 || code === 408 || code === 429;

/** One attempt of a claimed delivery: resolve, check, sign, send, classify. */
export async function attemptDelivery(
  deps: AttemptDeps,
  delivery: DeliveryWithPayload,
): Promise<AttemptResult> {
  const { store, extension, config } = deps;
  const attempt = delivery.attempts;
  const installation = await store.extensions.findInstallation(delivery);
  if (!installation) return failed('the installation is gone');
  if (!installation.enabled) return failed('the installation is disabled');
  const entry = await store.extensions.findCatalog(delivery.extensionId);
  const plan = deliveryPlan(entry?.manifest);
  if (!plan.url) return failed('the manifest has no delivery.callback.url');
  const again = (error: string, statusCode: number | null): AttemptResult =>
    attempt >= delivery.maxAttempts
      ? { ...failed(`${error}; attempts exhausted (${attempt})`), statusCode }
      : {
          status: 'pending',
          outcome: 'retry',
          statusCode,
          error,
          retryInMs: backoffMs(attempt, config),
          reads: [],
        };

  let resolved: ResolvedSecrets;
  try {
    resolved = await extension.resolve(installation);
  } catch (error) {
    // An unreachable backend is transient; its message names backend and path, never a value.
    return again(
      error instanceof KiciError ? error.message : 'the secrets could not be read',
      null,
    );
  }
  const { required } = missingKeys(plan, resolved);
  if (required.length > 0) return failed(requiredMissingError(required));

  const body = invocationBody(delivery, attempt, installation, plan, resolved);
  const mtls = plan.mtls;
  const tls = mtls && {
    cert: resolved[mtls.certificateKey]?.value as string,
    key: resolved[mtls.privateKeyKey]?.value as string,
    ...(mtls.caKey ? { ca: resolved[mtls.caKey]?.value as string } : {}),
  };
  const signers = await deps.signing.signers(delivery, delivery.createdBy);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'kici-orchestrator',
    'x-kici-event': delivery.eventType,
    'x-kici-attempt': String(attempt),
    ...webhookHeaders({ id: delivery.id, body, secrets: signers }),
  };
  const sent = await deps.sender.send({
    url: plan.url,
    headers,
    body,
    timeoutMs: plan.timeoutMs ?? config.timeoutMs,
    tls,
  });
  const reads = [...plan.deliveredKeys].flatMap((key): DeliveryRead[] => {
    const found = resolved[key];
    if (!found) return [];
    return [
      {
        orgId: delivery.orgId,
        scope: extension.pgScope(found.scope),
        key,
        actor: delivery.createdBy,
        deliveryId: delivery.id,
        source: 'delivery',
      },
    ];
  });
  const host = new URL(plan.url).host;
  if (sent.statusCode === null) return { ...again(sent.error, null), reads };
  const code = sent.statusCode;
  if (code >= 200 && code < 300) {
    return { status: 'delivered', outcome: 'delivered', statusCode: code, error: null, reads };
  }
  const error = `HTTP ${code} from ${host}`;
  if (retryable(code)) return { ...again(error, code), reads };
  return { ...failed(error), statusCode: code, reads };
}
