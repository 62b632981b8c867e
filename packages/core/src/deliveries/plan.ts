import type { ManifestDelivery, ManifestMtls } from '../extensions/port.js';

/** What the deliveries need of a stored manifest (older ones may be loosely typed). */
interface StoredManifest {
  readonly configuration?: Readonly<Record<string, { secret?: boolean; required?: boolean }>>;
  readonly delivery?: Partial<ManifestDelivery> | Readonly<Record<string, unknown>>;
}

/** Which keys a delivery resolves, and what it does with each. */
export interface DeliveryPlan {
  /** Undefined when the manifest has no callback (an old manifest, or none declared). */
  readonly url: string | undefined;
  readonly timeoutMs: number | undefined;
  readonly mtls: ManifestMtls | undefined;
  readonly subscribe: readonly string[];
  /** The payload's `secrets`: `secret: true` fields and `secret_keys`, minus the mTLS keys. */
  readonly secretKeys: readonly string[];
  /** The payload's `configuration`: the `secret: false` fields. */
  readonly configKeys: readonly string[];
  /** Keys without which nothing is sent: required fields, `secret_keys` and the mTLS keys. */
  readonly requiredKeys: readonly string[];
  /** Every key a delivery reads (payload keys and mTLS keys): what a rotation webhook covers. */
  readonly deliveredKeys: ReadonlySet<string>;
}

const mtlsKeys = (mtls: ManifestMtls | undefined) =>
  mtls === undefined
    ? []
    : [mtls.certificateKey, mtls.privateKeyKey, ...(mtls.caKey === undefined ? [] : [mtls.caKey])];

/** The delivery plan of a catalog entry's stored (normalized) manifest. */
export function deliveryPlan(manifest: unknown): DeliveryPlan {
  const stored = (manifest ?? {}) as StoredManifest;
  const delivery = (stored.delivery ?? {}) as Partial<ManifestDelivery>;
  const callback = typeof delivery.callback === 'object' ? delivery.callback : undefined;
  const url = typeof callback?.url === 'string' ? callback.url : undefined;
  const mtls = url === undefined ? undefined : callback?.mtls;
  const tls = new Set(mtlsKeys(mtls));
  const fields = Object.entries(stored.configuration ?? {});
  const extra = Array.isArray(callback?.secretKeys) ? callback.secretKeys : [];
  const secretKeys = [
    ...new Set([...fields.filter(([, f]) => f.secret === true).map(([k]) => k), ...extra]),
  ].filter((key) => !tls.has(key));
  const configKeys = fields.filter(([k, f]) => f.secret !== true && !tls.has(k)).map(([k]) => k);
  const required = new Set([
    ...fields.filter(([, f]) => f.required === true).map(([k]) => k),
    ...extra,
    ...tls,
  ]);
  return {
    url,
    timeoutMs: typeof callback?.timeoutMs === 'number' ? callback.timeoutMs : undefined,
    mtls,
    subscribe: Array.isArray(delivery.subscribe) ? delivery.subscribe : [],
    secretKeys,
    configKeys,
    requiredKeys: [...required].sort(),
    deliveredKeys: new Set([...secretKeys, ...configKeys, ...tls]),
  };
}
