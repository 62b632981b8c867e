import type { InstallationRecord } from '../extensions/port.js';
import type { DeliveryPlan } from './plan.js';
import type { DeliveryScopeRef, DeliveryWithPayload } from './port.js';

/** A resolved secret of the installation's chain, as the extensions domain answers it. */
export interface ResolvedSecret {
  readonly value: string;
  readonly backend: string;
  readonly scope: DeliveryScopeRef;
}

export type ResolvedSecrets = Readonly<Record<string, ResolvedSecret>>;

/** The keys a delivery needs but the chain does not hold; `required` ones stop the send. */
export function missingKeys(plan: DeliveryPlan, resolved: ResolvedSecrets) {
  const absent = (key: string) => resolved[key] === undefined;
  const required = plan.requiredKeys.filter(absent);
  const missing = [...new Set([...plan.secretKeys, ...plan.configKeys])].filter(absent).sort();
  return { required, missing };
}

/** The message of a delivery refused because keys are missing (names keys, never values). */
export const requiredMissingError = (keys: readonly string[]) =>
  keys.length === 1
    ? `required secret ${keys[0]} is missing`
    : `required secrets ${keys.join(', ')} are missing`;

/**
 * The `ExtensionInvocation` body (snake_case, as the extension's SDK reads it): the event,
 * the installation, its secrets resolved just now with where each came from, the keys that did
 * not resolve, and the non-secret configuration. mTLS keys are never in it.
 */
export function invocationBody(
  delivery: DeliveryWithPayload,
  attempt: number,
  installation: InstallationRecord,
  plan: DeliveryPlan,
  resolved: ResolvedSecrets,
): string {
  const secrets: Record<string, string> = {};
  const secretMeta: Record<string, { backend: string; scope: DeliveryScopeRef }> = {};
  for (const key of plan.secretKeys) {
    const found = resolved[key];
    if (!found) continue;
    secrets[key] = found.value;
    secretMeta[key] = { backend: found.backend, scope: found.scope };
  }
  const configuration: Record<string, string> = {};
  for (const key of plan.configKeys) {
    const found = resolved[key];
    if (found) configuration[key] = found.value;
  }
  return JSON.stringify({
    type: 'ExtensionInvocation',
    id: delivery.id,
    attempt,
    created_at: delivery.createdAt.toISOString(),
    event: { type: delivery.eventType, payload: delivery.payload },
    installation: {
      org_id: installation.orgId,
      project_key: installation.projectKey,
      extension_id: installation.extensionId,
      product_id: installation.productId,
    },
    secrets,
    secret_meta: secretMeta,
    secret_status: { missing: missingKeys(plan, resolved).missing },
    configuration,
  });
}
