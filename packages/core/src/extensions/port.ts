/** What the extensions domain needs from storage: the model's tables and its secrets' scopes. */

export interface ExtProjectRecord {
  readonly orgId: string;
  readonly key: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly createdBy: string;
}

/** One extension of the global catalog; `manifest` is normalized (every default filled in). */
export interface CatalogRecord {
  readonly id: string;
  readonly name: string;
  readonly manifest: unknown;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

export interface ProductInstallationRecord {
  readonly orgId: string;
  readonly productId: string;
  readonly createdAt: Date;
  readonly createdBy: string;
}

export interface InstallationRecord {
  readonly orgId: string;
  readonly projectKey: string;
  readonly extensionId: string;
  readonly productId: string | null;
  readonly enabled: boolean;
  readonly enabledAt: Date | null;
  readonly createdAt: Date;
  readonly createdBy: string;
}

export interface InstallationRef {
  readonly orgId: string;
  readonly projectKey: string;
  readonly extensionId: string;
}

/**
 * Which installations a query or delete covers: every field given must match (an org, a
 * project of it, an extension across orgs, or one installation).
 */
export interface InstallationFilter {
  readonly orgId?: string | undefined;
  readonly projectKey?: string | undefined;
  readonly extensionId?: string | undefined;
}

export interface ExtensionRepository {
  listProjects(orgId: string): Promise<ExtProjectRecord[]>;
  findProject(orgId: string, key: string): Promise<ExtProjectRecord | undefined>;
  /** Creates the project, or renames it when `name` is given. */
  putProject(
    orgId: string,
    key: string,
    name: string | undefined,
    actor: string,
  ): Promise<ExtProjectRecord>;
  removeProject(orgId: string, key: string): Promise<boolean>;

  listCatalog(): Promise<CatalogRecord[]>;
  findCatalog(id: string): Promise<CatalogRecord | undefined>;
  putCatalog(id: string, name: string, manifest: unknown, actor: string): Promise<CatalogRecord>;
  removeCatalog(id: string): Promise<boolean>;

  listProducts(orgId: string): Promise<ProductInstallationRecord[]>;
  findProduct(orgId: string, productId: string): Promise<ProductInstallationRecord | undefined>;
  putProduct(orgId: string, productId: string, actor: string): Promise<ProductInstallationRecord>;
  /** Removes the product installation; installations that named it keep going without it. */
  removeProduct(orgId: string, productId: string): Promise<{ found: boolean; detached: number }>;

  listInstallations(filter: InstallationFilter): Promise<InstallationRecord[]>;
  /** The hot path of resolution: one prepared statement. */
  findInstallation(ref: InstallationRef): Promise<InstallationRecord | undefined>;
  /** Creates the installation disabled, or changes its product. */
  putInstallation(
    ref: InstallationRef,
    productId: string | null,
    actor: string,
  ): Promise<InstallationRecord>;
  setEnabled(ref: InstallationRef, enabled: boolean): Promise<InstallationRecord | undefined>;
  removeInstallations(filter: InstallationFilter): Promise<number>;

  /** How many secrets the scopes hold: in `orgId`, or in every org when it is null. */
  countSecrets(orgId: string | null, scopes: readonly string[]): Promise<number>;
  /** Deletes every secret of the scopes (in `orgId`, or in every org when null); the count. */
  removeSecrets(orgId: string | null, scopes: readonly string[]): Promise<number>;
}

/** A manifest's `delivery.callback.mtls`: the secret keys of the client's TLS identity. */
export interface ManifestMtls {
  readonly certificateKey: string;
  readonly privateKeyKey: string;
  readonly caKey?: string;
}

/** A manifest's `delivery` section, normalized (stored so in `ext_catalog.manifest`). */
export interface ManifestDelivery {
  readonly callback: {
    readonly url: string;
    /** Extra keys for the payload, beyond the `secret: true` configuration fields. */
    readonly secretKeys: readonly string[];
    readonly mtls?: ManifestMtls;
    readonly timeoutMs?: number;
  };
  /** Event types beyond invocations: `secret.rotated`. */
  readonly subscribe: readonly string[];
}

/** One write of an extension secret, as the hooks of its transaction see it. */
export interface ExtensionSecretWrite {
  readonly orgId: string;
  /** The secret's pg scope (`pg:__ext__/…`). */
  readonly scope: string;
  readonly key: string;
  readonly action: 'set' | 'link' | 'rotate' | 'delete';
  /** An existing value was replaced (a set over a key, a link over one, every rotate). */
  readonly replaced: boolean;
}
