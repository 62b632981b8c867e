import { BUILT_IN_BACKEND, DEFAULT_MAX_SECRET_BYTES } from '@kici/contracts/vocabulary';
import { secretAad } from '@kici/crypto';
import { type Actor, actorName } from '../kernel/actor.js';
import { KiciError, notFound } from '../kernel/errors.js';
import { auditEntry, authorize, failuresAudited } from '../kernel/guard.js';
import { IntegrityError, integrityAudit, openSecret } from '../kernel/integrity.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import type { ExternalReader, SecretLink } from '../kernel/links.js';
import {
  EXTENSION_STORE_PREFIX,
  extensionStoreRefusal,
  INTERNAL_SCOPE_PREFIXES,
  isExtensionStoreScope,
  isInternalScope,
  splitScope,
} from '../kernel/scope.js';
import type { CustomerSecretsCheck, SurfaceCheck } from '../policy/port.js';
import type { Store } from '../store.js';
import type { ScopeSummary, SecretMetadata } from './port.js';

export interface SecretServiceDeps {
  readonly store: Pick<Store, 'secrets' | 'audit' | 'transaction'>;
  readonly keyring: KeyringHolder;
  readonly policy: SurfaceCheck & CustomerSecretsCheck;
  /** Whether a backend of that name is registered (pg always is). */
  readonly backendExists?: (name: string) => boolean | Promise<boolean>;
  /** The key a link to a path reads when it names none (the backend type's linkKey). */
  readonly linkKey?: (backend: string, path: string) => Promise<string | undefined>;
  /** Reads a path on an external backend (for revealing a linked secret). */
  readonly readExternal?: ExternalReader;
  /** Largest accepted value, in UTF-8 bytes. */
  readonly maxSecretBytes?: number;
}

export interface SetSecretResult {
  readonly orgId: string;
  readonly scope: string;
  readonly key: string;
  readonly valueLength: number;
  readonly updatedAt: Date;
  readonly created: boolean;
}

const encoder = new TextEncoder();
/** The internal scopes an orchestrator secret may use (the extension store's are its own). */
const ORCHESTRATOR_INTERNAL = INTERNAL_SCOPE_PREFIXES.filter((p) => p !== EXTENSION_STORE_PREFIX);
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Secrets stored in PostgreSQL, sealed with the master key, every operation audited. */
export function createSecretService({
  store,
  keyring,
  policy,
  backendExists = (name) => name === BUILT_IN_BACKEND,
  linkKey,
  readExternal,
  maxSecretBytes = DEFAULT_MAX_SECRET_BYTES,
}: SecretServiceDeps) {
  /** With pgCustomerSecrets off, a customer pg scope takes no new key (updates still work). */
  async function requireCustomerPgAllowed(orgId: string, scope: string, key: string) {
    if (isInternalScope(scope) || (await policy.pgCustomerSecrets())) return;
    if (await store.secrets.find(orgId, scope, key)) return;
    throw new KiciError(
      'conflict',
      `pgCustomerSecrets is false: new customer secrets cannot be stored in the pg backend (scope ${scope}); use an external backend, or an internal scope (${ORCHESTRATOR_INTERNAL.map((p) => `${p}*`).join(', ')})`,
    );
  }

  /** Values are stored in pg scopes only: external backends are read-only from our side. */
  async function requireStoredBackend(scope: string): Promise<void> {
    if (isExtensionStoreScope(scope)) throw extensionStoreRefusal(scope);
    const { backend } = splitScope(scope);
    if (backend === BUILT_IN_BACKEND) return;
    if (await backendExists(backend)) {
      throw new KiciError(
        'invalid_input',
        `scope: backend "${backend}" is read-only from KiCI: store the value in ${backend} itself, or link a pg secret to it (kici-admin secret link)`,
        'scope',
      );
    }
    throw new KiciError(
      'invalid_input',
      `scope: backend "${backend}" is not registered (expected pg:<path>)`,
      'scope',
    );
  }

  return {
    async listScopes(actor: Actor, orgId: string): Promise<ScopeSummary[]> {
      await authorize(store, actor, 'secret.read', 'secret.scopes', { orgId });
      // The extension store's scopes are listed by its own API.
      const scopes = (await store.secrets.listScopes(orgId)).filter(
        (summary) => !isExtensionStoreScope(summary.scope),
      );
      await store.audit.append(
        auditEntry(actor, 'secret.scopes', 'success', {
          orgId,
          metadata: { count: scopes.length },
        }),
      );
      return scopes;
    },

    async listKeys(actor: Actor, orgId: string, scope: string): Promise<SecretMetadata[]> {
      await authorize(store, actor, 'secret.read', 'secret.list', { orgId, contextName: scope });
      const keys = await store.secrets.listKeys(
        orgId,
        scope,
        auditEntry(actor, 'secret.list', 'success', { orgId, contextName: scope }),
      );
      return keys;
    },

    async set(
      actor: Actor,
      orgId: string,
      scope: string,
      key: string,
      value: string,
    ): Promise<SetSecretResult> {
      const context = { orgId, contextName: scope, metadata: { key } };
      await authorize(store, actor, 'secret.write', 'secret.set', context);
      await policy.requireSurface(actor, 'secrets.set', {
        orgId,
        contextName: scope,
        action: 'secret.set',
        key,
      });
      await requireStoredBackend(scope);
      const plaintext = encoder.encode(value);
      if (plaintext.length === 0)
        throw new KiciError('invalid_input', 'value: expected a non-empty value', 'value');
      if (plaintext.length > maxSecretBytes) {
        throw new KiciError(
          'payload_too_large',
          `value: expected at most ${maxSecretBytes} bytes`,
          'value',
        );
      }
      await failuresAudited(store, actor, 'secret.set', context, () =>
        requireCustomerPgAllowed(orgId, scope, key),
      );
      const valueLength = plaintext.length; // bytes, as the limit counts them
      const ring = keyring.current();
      const ciphertext = ring.seal(plaintext, secretAad({ orgId, scope, key }));
      plaintext.fill(0);
      // One statement writes the secret and its audit row (metadata completed with `created`).
      const { record, created } = await store.secrets.upsert(
        {
          orgId,
          scope,
          key,
          ciphertext,
          keyVersion: ring.version,
          backendType: BUILT_IN_BACKEND,
          actor: actorName(actor),
        },
        auditEntry(actor, 'secret.set', 'success', {
          ...context,
          metadata: { key, valueLength, keyVersion: ring.version },
        }),
      );
      return { orgId, scope, key, valueLength, updatedAt: record.updatedAt, created };
    },

    /**
     * Links a pg secret to a key at a path on a registered external backend instead of
     * storing a value: resolution reads it there, live. Listings show the backend.
     */
    async link(
      actor: Actor,
      orgId: string,
      scope: string,
      key: string,
      target: { backend: string; path: string; key?: string | undefined },
    ) {
      const context = {
        orgId,
        contextName: scope,
        metadata: { key, backend: target.backend, path: target.path },
      };
      await authorize(store, actor, 'secret.write', 'secret.link', context);
      await policy.requireSurface(actor, 'secrets.set', {
        orgId,
        contextName: scope,
        action: 'secret.link',
        key,
      });
      await requireStoredBackend(scope);
      const link: SecretLink = {
        backend: target.backend,
        path: target.path,
        key: target.key ?? (await linkKey?.(target.backend, target.path)) ?? key,
      };
      await failuresAudited(store, actor, 'secret.link', context, async () => {
        if (target.backend === BUILT_IN_BACKEND || !(await backendExists(target.backend))) {
          throw new KiciError(
            'invalid_input',
            `backend: "${target.backend}" is not a registered external backend`,
            'backend',
          );
        }
      });
      const ring = keyring.current();
      const ciphertext = ring.seal(
        encoder.encode(JSON.stringify(link)),
        secretAad({ orgId, scope, key }),
      );
      const { record, created } = await store.secrets.upsert(
        {
          orgId,
          scope,
          key,
          ciphertext,
          keyVersion: ring.version,
          backendType: target.backend,
          actor: actorName(actor),
        },
        auditEntry(actor, 'secret.link', 'success', {
          ...context,
          metadata: { ...context.metadata, linkedKey: link.key },
        }),
      );
      return {
        orgId,
        scope,
        key,
        backend: link.backend,
        path: link.path,
        linkedKey: link.key,
        updatedAt: record.updatedAt,
        created,
      };
    },

    async delete(actor: Actor, orgId: string, scope: string, key: string): Promise<void> {
      const context = { orgId, contextName: scope, metadata: { key } };
      await authorize(store, actor, 'secret.delete', 'secret.delete', context);
      await failuresAudited(store, actor, 'secret.delete', context, async () => {
        const removed = await store.transaction(async (tx) => {
          const found = await tx.secrets.remove(orgId, scope, key);
          if (found) await tx.audit.append(auditEntry(actor, 'secret.delete', 'success', context));
          return found;
        });
        if (!removed) throw notFound(`Secret ${key} in scope ${scope}`);
      });
    },

    /** The one path that returns a value: permission secret.reveal, always audited. */
    async reveal(
      actor: Actor,
      orgId: string,
      scope: string,
      key: string,
    ): Promise<{ value: string; updatedAt: Date }> {
      const context = { orgId, contextName: scope, metadata: { key } };
      await authorize(store, actor, 'secret.reveal', 'secret.reveal', context);
      const record = await failuresAudited(store, actor, 'secret.reveal', context, async () => {
        const found = await store.secrets.find(orgId, scope, key);
        if (!found) throw notFound(`Secret ${key} in scope ${scope}`);
        return found;
      });
      let plaintext: Uint8Array;
      try {
        plaintext = openSecret(keyring.current(), record.ciphertext, { orgId, scope, key });
      } catch (error) {
        if (error instanceof IntegrityError)
          await store.audit.append(
            integrityAudit(auditEntry(actor, 'secret.reveal', 'failure', context), {
              orgId,
              scope,
              key,
            }),
          );
        throw error;
      }
      let value = decoder.decode(plaintext);
      plaintext.fill(0);
      if (record.backendType !== BUILT_IN_BACKEND) {
        // A link: the value lives on the external backend and is read now.
        const link = JSON.parse(value) as SecretLink;
        value = await failuresAudited(store, actor, 'secret.reveal', context, async () => {
          if (!readExternal) throw notFound(`Backend ${link.backend}`);
          const found = (await readExternal(link.backend, link.path))[link.key];
          if (found === undefined)
            throw notFound(`Key ${link.key} at ${link.backend}:${link.path}`);
          return found;
        });
      }
      await store.audit.append(auditEntry(actor, 'secret.reveal', 'success', context));
      return { value, updatedAt: record.updatedAt };
    },
  };
}

export type SecretService = ReturnType<typeof createSecretService>;
