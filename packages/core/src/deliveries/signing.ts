import { BUILT_IN_BACKEND, SIGNING_SECRET_WINDOW_SECONDS } from '@kici/contracts/vocabulary';
import { secretAad } from '@kici/crypto';
import { generateWebhookSecret } from '@kici/crypto/webhooks';
import type { InstallationRef } from '../extensions/port.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import { signingSecretScope } from '../kernel/scope.js';
import type { Store } from '../store.js';

/** The key of an installation's signing secret in its `signing/` scope. */
export const SIGNING_SECRET_KEY = 'WEBHOOK_SIGNING_SECRET';

/** The sealed value: the current secret, and the previous one during a rotation window. */
interface SigningState {
  readonly current: string;
  readonly previous: string | null;
  readonly previous_expires_at: string | null;
}

export interface SigningSecretView {
  readonly secret: string;
  /** When the previous secret stops signing; null when there is none (or it expired). */
  readonly previousExpiresAt: Date | null;
}

export interface SigningSecretsDeps {
  readonly store: Pick<Store, 'secrets' | 'exclusive'>;
  readonly keyring: KeyringHolder;
  readonly now?: () => Date;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Per-installation webhook signing secrets (`whsec_…`), created lazily on first use, stored as
 * an ordinary sealed scoped_secrets row so that key rotation re-encrypts them like any other.
 */
export function createSigningSecrets({
  store,
  keyring,
  now = () => new Date(),
}: SigningSecretsDeps) {
  const where = (ref: InstallationRef) => {
    const scope = signingSecretScope(ref.projectKey, ref.extensionId);
    return { scope, aad: secretAad({ orgId: ref.orgId, scope, key: SIGNING_SECRET_KEY }) };
  };

  async function load(ref: InstallationRef): Promise<SigningState | undefined> {
    const { scope, aad } = where(ref);
    const row = await store.secrets.find(ref.orgId, scope, SIGNING_SECRET_KEY);
    if (!row) return undefined;
    const { plaintext } = keyring.current().open(row.ciphertext, aad);
    return JSON.parse(decoder.decode(plaintext)) as SigningState;
  }

  async function save(ref: InstallationRef, state: SigningState, actor: string) {
    const { scope, aad } = where(ref);
    const ring = keyring.current();
    const plaintext = encoder.encode(JSON.stringify(state));
    const ciphertext = ring.seal(plaintext, aad);
    plaintext.fill(0);
    await store.secrets.upsert({
      orgId: ref.orgId,
      scope,
      key: SIGNING_SECRET_KEY,
      ciphertext,
      keyVersion: ring.version,
      backendType: BUILT_IN_BACKEND,
      actor,
    });
  }

  /** One writer per installation across instances, so that two first deliveries agree. */
  const serialized = <T>(ref: InstallationRef, work: () => Promise<T>) =>
    store.exclusive(`signing:${ref.orgId}:${where(ref).scope}`, work);

  async function state(ref: InstallationRef, actor: string): Promise<SigningState> {
    const found = await load(ref);
    if (found) return found;
    return serialized(ref, async () => {
      const again = await load(ref);
      if (again) return again;
      const created = {
        current: generateWebhookSecret(),
        previous: null,
        previous_expires_at: null,
      };
      await save(ref, created, actor);
      return created;
    });
  }

  const previousLive = (s: SigningState) =>
    s.previous !== null &&
    s.previous_expires_at !== null &&
    new Date(s.previous_expires_at).getTime() > now().getTime();

  const view = (s: SigningState): SigningSecretView => ({
    secret: s.current,
    previousExpiresAt: previousLive(s) ? new Date(s.previous_expires_at as string) : null,
  });

  return {
    /** The secrets that sign a delivery now: the new one first, then the previous in its window. */
    async signers(ref: InstallationRef, actor: string): Promise<string[]> {
      const s = await state(ref, actor);
      return previousLive(s) ? [s.current, s.previous as string] : [s.current];
    },

    async reveal(ref: InstallationRef, actor: string): Promise<SigningSecretView> {
      return view(await state(ref, actor));
    },

    /** A new current secret; the old one keeps signing for `windowSeconds` (0: dropped now). */
    rotate(
      ref: InstallationRef,
      actor: string,
      windowSeconds = SIGNING_SECRET_WINDOW_SECONDS,
    ): Promise<SigningSecretView> {
      return serialized(ref, async () => {
        const old = await load(ref);
        const next: SigningState = {
          current: generateWebhookSecret(),
          previous: old && windowSeconds > 0 ? old.current : null,
          previous_expires_at:
            old && windowSeconds > 0
              ? new Date(now().getTime() + windowSeconds * 1000).toISOString()
              : null,
        };
        await save(ref, next, actor);
        return view(next);
      });
    },
  };
}

export type SigningSecrets = ReturnType<typeof createSigningSecrets>;
