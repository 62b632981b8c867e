import {
  type AccessSource,
  BUILT_IN_BACKEND,
  DEFAULT_MAX_SECRET_BYTES,
  type ExtensionScope,
} from '@kici/contracts/vocabulary';
import { secretAad } from '@kici/crypto';
import { type Actor, actorName, sourceOf } from '../kernel/actor.js';
import { conflict, KiciError, notFound } from '../kernel/errors.js';
import { auditEntry, authorize, failuresAudited } from '../kernel/guard.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import type { SecretLink } from '../kernel/links.js';
import type { SurfaceCheck } from '../policy/port.js';
import type { Repositories, Store } from '../store.js';
import { extensionPgScope, type ScopeRef } from './ids.js';
import { type BackendSummary, chooseBackend } from './link-target.js';
import { requireOwner } from './owners.js';
import type { ExtensionSecretWrite } from './port.js';
import { type ExtensionSecretView, secretView, secretViews } from './secret-views.js';

export interface ExtensionSecretsDeps {
  readonly store: Pick<Store, 'extensions' | 'secrets' | 'audit' | 'transaction'>;
  readonly keyring: KeyringHolder;
  readonly policy: SurfaceCheck;
  /** Every registered backend (name and kind), for a link's defaults. */
  readonly listBackends: () => Promise<readonly BackendSummary[]>;
  /** The key a link to a path reads when it names none (the backend type's linkKey). */
  readonly linkKey?: (backend: string, path: string) => Promise<string | undefined>;
  readonly maxSecretBytes?: number;
  /** Called inside every write transaction (the access log, the rotation webhooks' outbox). */
  readonly afterWrite?: AfterWrite | undefined;
}

/**
 * Runs inside EVERY write transaction of extension secrets (set, link, rotate, delete) with
 * the transaction's repositories: what it writes commits with the write, or neither does.
 */
export type AfterWrite = (
  tx: Repositories,
  writes: readonly ExtensionSecretWrite[],
  actor: string,
  source: AccessSource,
) => Promise<void>;

/** Where a call addresses secrets: org, one of the five scopes, its id (the org for organization). */
export interface ScopeAddress {
  readonly orgId: string;
  readonly scope: ExtensionScope;
  readonly id?: string | undefined;
}

export interface LinkTarget {
  readonly externalSecretName: string;
  readonly backend?: string | undefined;
  readonly externalKey?: string | undefined;
}

const encoder = new TextEncoder();

/** The secrets of the five extension scopes: scoped_secrets rows, every change audited. */
export function createExtensionSecrets({
  store,
  keyring,
  policy,
  listBackends,
  linkKey,
  maxSecretBytes = DEFAULT_MAX_SECRET_BYTES,
  afterWrite,
}: ExtensionSecretsDeps) {
  const written = (tx: Repositories, actor: Actor, writes: readonly ExtensionSecretWrite[]) =>
    afterWrite ? afterWrite(tx, writes, actorName(actor), sourceOf(actor)) : Promise.resolve();
  const resolveAddress = (address: ScopeAddress) => {
    const at: ScopeRef = { scope: address.scope, id: address.id ?? address.orgId };
    return { at, pgScope: extensionPgScope(at.scope, at.id) };
  };
  /** The audit context of an operation: the pg scope, and the extension scope by name. */
  const contextOf = (address: ScopeAddress, metadata: Record<string, unknown> = {}) => {
    const { at, pgScope } = resolveAddress(address);
    return {
      orgId: address.orgId,
      contextName: pgScope,
      metadata: { scope: at.scope, id: at.id, ...metadata },
    };
  };

  function seal(orgId: string, scope: string, key: string, plaintext: Uint8Array) {
    const ring = keyring.current();
    const ciphertext = ring.seal(plaintext, secretAad({ orgId, scope, key }));
    return { ciphertext, keyVersion: ring.version };
  }

  function checkValue(field: string, value: string): Uint8Array {
    const bytes = encoder.encode(value);
    if (bytes.length === 0)
      throw new KiciError('invalid_input', `${field}: expected a non-empty value`, field);
    if (bytes.length > maxSecretBytes) {
      throw new KiciError(
        'payload_too_large',
        `${field}: expected at most ${maxSecretBytes} bytes`,
        field,
      );
    }
    return bytes;
  }

  return {
    async list(actor: Actor, address: ScopeAddress): Promise<ExtensionSecretView[]> {
      const context = contextOf(address);
      await authorize(store, actor, 'context.read', 'ext.secret.list', context);
      const { at, pgScope } = resolveAddress(address);
      await failuresAudited(store, actor, 'ext.secret.list', context, () =>
        requireOwner(store.extensions, address.orgId, at.scope, at.id),
      );
      const rows = await store.secrets.listKeys(
        address.orgId,
        pgScope,
        auditEntry(actor, 'ext.secret.list', 'success', context),
      );
      return secretViews(store.secrets, keyring, address.orgId, at, rows);
    },

    /** Creates or replaces every key in ONE transaction, or none (a replaced value counts as a rotation). */
    async set(
      actor: Actor,
      address: ScopeAddress,
      values: Readonly<Record<string, string>>,
    ): Promise<ExtensionSecretView[]> {
      const keys = Object.keys(values).sort();
      const context = contextOf(address, { keys, external: false });
      await authorize(store, actor, 'secret.write', 'ext.secret.set', context);
      await policy.requireSurface(actor, 'secrets.set', { ...context, action: 'ext.secret.set' });
      const { at, pgScope } = resolveAddress(address);
      const plaintexts = keys.map((key) => checkValue(`secrets.${key}`, values[key] as string));
      return failuresAudited(store, actor, 'ext.secret.set', context, () =>
        store.transaction(async (tx) => {
          await requireOwner(tx.extensions, address.orgId, at.scope, at.id);
          const views: ExtensionSecretView[] = [];
          const writes: ExtensionSecretWrite[] = [];
          for (const [index, key] of keys.entries()) {
            const plaintext = plaintexts[index] as Uint8Array;
            const sealed = seal(address.orgId, pgScope, key, plaintext);
            plaintext.fill(0);
            const { record, created } = await tx.secrets.upsert(
              {
                orgId: address.orgId,
                scope: pgScope,
                key,
                ...sealed,
                backendType: BUILT_IN_BACKEND,
                actor: actorName(actor),
              },
              auditEntry(
                actor,
                'ext.secret.set',
                'success',
                contextOf(address, { key, external: false }),
              ),
            );
            views.push(secretView(at, record, undefined));
            const replaced = !created;
            writes.push({ orgId: address.orgId, scope: pgScope, key, action: 'set', replaced });
          }
          await written(tx, actor, writes);
          return views;
        }),
      );
    },

    /** Stores only a reference to a value on an external backend, read at resolution time. */
    async link(
      actor: Actor,
      address: ScopeAddress,
      key: string,
      target: LinkTarget,
    ): Promise<ExtensionSecretView> {
      const context = contextOf(address, { key, external: true, path: target.externalSecretName });
      await authorize(store, actor, 'secret.write', 'ext.secret.link', context);
      await policy.requireSurface(actor, 'secrets.set', { ...context, action: 'ext.secret.link' });
      const { at, pgScope } = resolveAddress(address);
      return failuresAudited(store, actor, 'ext.secret.link', context, async () => {
        const backend = chooseBackend(await listBackends(), target.backend);
        const link: SecretLink = {
          backend: backend.name,
          path: target.externalSecretName,
          // Vault's KV holds the value under the secret's own key; a GSM secret under its id.
          key:
            target.externalKey ?? (await linkKey?.(backend.name, target.externalSecretName)) ?? key,
        };
        const sealed = seal(address.orgId, pgScope, key, encoder.encode(JSON.stringify(link)));
        return store.transaction(async (tx) => {
          await requireOwner(tx.extensions, address.orgId, at.scope, at.id);
          const { record, created } = await tx.secrets.upsert(
            {
              orgId: address.orgId,
              scope: pgScope,
              key,
              ...sealed,
              backendType: backend.name,
              actor: actorName(actor),
            },
            auditEntry(actor, 'ext.secret.link', 'success', {
              ...context,
              metadata: { ...context.metadata, backend: link.backend, externalKey: link.key },
            }),
          );
          const write = { orgId: address.orgId, scope: pgScope, key, replaced: !created };
          await written(tx, actor, [{ ...write, action: 'link' }]);
          return secretView(at, record, link);
        });
      });
    },

    /** A new value for a stored key: bumps its rotation count and time. */
    async rotate(
      actor: Actor,
      address: ScopeAddress,
      key: string,
      value: string,
    ): Promise<ExtensionSecretView> {
      const context = contextOf(address, { key, external: false });
      await authorize(store, actor, 'secret.write', 'ext.secret.rotate', context);
      await policy.requireSurface(actor, 'secrets.set', {
        ...context,
        action: 'ext.secret.rotate',
      });
      const { at, pgScope } = resolveAddress(address);
      const plaintext = checkValue('value', value);
      return failuresAudited(store, actor, 'ext.secret.rotate', context, () =>
        store.transaction(async (tx) => {
          await requireOwner(tx.extensions, address.orgId, at.scope, at.id);
          const found = await tx.secrets.find(address.orgId, pgScope, key);
          if (!found) throw notFound(`Secret ${key} in scope ${at.scope} ${at.id}`);
          if (found.backendType !== BUILT_IN_BACKEND) {
            throw conflict(
              `Secret ${key} is linked to backend ${found.backendType}: rotate it in ${found.backendType}`,
            );
          }
          const sealed = seal(address.orgId, pgScope, key, plaintext);
          plaintext.fill(0);
          const { record } = await tx.secrets.upsert(
            {
              orgId: address.orgId,
              scope: pgScope,
              key,
              ...sealed,
              backendType: BUILT_IN_BACKEND,
              actor: actorName(actor),
            },
            auditEntry(actor, 'ext.secret.rotate', 'success', context),
          );
          const write = { orgId: address.orgId, scope: pgScope, key, replaced: true };
          await written(tx, actor, [{ ...write, action: 'rotate' }]);
          return secretView(at, record, undefined);
        }),
      );
    },

    async delete(actor: Actor, address: ScopeAddress, key: string): Promise<void> {
      const context = contextOf(address, { key });
      await authorize(store, actor, 'secret.delete', 'ext.secret.delete', context);
      const { at, pgScope } = resolveAddress(address);
      await failuresAudited(store, actor, 'ext.secret.delete', context, () =>
        store.transaction(async (tx) => {
          const found = await tx.secrets.find(address.orgId, pgScope, key);
          if (!found) throw notFound(`Secret ${key} in scope ${at.scope} ${at.id}`);
          await tx.secrets.remove(address.orgId, pgScope, key);
          await tx.audit.append(
            auditEntry(actor, 'ext.secret.delete', 'success', {
              ...context,
              metadata: { ...context.metadata, external: found.backendType !== BUILT_IN_BACKEND },
            }),
          );
          const write = { orgId: address.orgId, scope: pgScope, key, replaced: false };
          await written(tx, actor, [{ ...write, action: 'delete' }]);
        }),
      );
    },
  };
}

export type ExtensionSecrets = ReturnType<typeof createExtensionSecrets>;
