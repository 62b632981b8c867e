import { BUILT_IN_BACKEND } from '@kici/contracts/vocabulary';
import { openSecret } from '../kernel/integrity.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import type { SecretLink } from '../kernel/links.js';
import type { SecretMetadata, SecretRepository } from '../secrets/port.js';
import type { ScopeRef } from './ids.js';

/** An extension secret's metadata: never a value. */
export interface ExtensionSecretView extends ScopeRef {
  readonly key: string;
  /** A value is stored (sealed) here; false for a link, whose value stays on its backend. */
  readonly maskedValuePresent: boolean;
  readonly external: boolean;
  readonly externalBackend?: string;
  readonly externalSecretName?: string;
  readonly externalKey?: string;
  readonly rotationCount: number;
  readonly lastRotatedAt: Date | null;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A linked row's reference (backend, path, key): read from its sealed envelope. */
export async function linkOf(
  secrets: Pick<SecretRepository, 'find'>,
  keyring: KeyringHolder,
  orgId: string,
  scope: string,
  key: string,
): Promise<SecretLink | undefined> {
  const record = await secrets.find(orgId, scope, key);
  if (!record || record.backendType === BUILT_IN_BACKEND) return undefined;
  const plaintext = openSecret(keyring.current(), record.ciphertext, { orgId, scope, key });
  const link = JSON.parse(decoder.decode(plaintext)) as SecretLink;
  plaintext.fill(0);
  return link;
}

/** The view of a row, its link (if any) already read. */
export function secretView(
  at: ScopeRef,
  row: SecretMetadata,
  link: SecretLink | undefined,
): ExtensionSecretView {
  const external = row.backendType !== BUILT_IN_BACKEND;
  return {
    scope: at.scope,
    id: at.id,
    key: row.key,
    maskedValuePresent: !external,
    external,
    ...(link
      ? { externalBackend: link.backend, externalSecretName: link.path, externalKey: link.key }
      : external
        ? { externalBackend: row.backendType }
        : {}),
    rotationCount: row.rotationCount,
    lastRotatedAt: row.lastRotatedAt,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

/** Views of rows, reading the envelopes of the linked ones. */
export function secretViews(
  secrets: Pick<SecretRepository, 'find'>,
  keyring: KeyringHolder,
  orgId: string,
  at: ScopeRef,
  rows: readonly SecretMetadata[],
): Promise<ExtensionSecretView[]> {
  return Promise.all(
    rows.map(async (row) =>
      secretView(
        at,
        row,
        row.backendType === BUILT_IN_BACKEND
          ? undefined
          : await linkOf(secrets, keyring, orgId, row.scope, row.key),
      ),
    ),
  );
}
