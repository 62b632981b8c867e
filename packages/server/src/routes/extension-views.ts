import type {
  CatalogRecord,
  ExtensionSecretView,
  ExtProjectRecord,
  FieldStatus,
  InstallationRecord,
  InstallationStatus,
  KeySourceView,
  ProductInstallationRecord,
  ScopeRef,
} from '@kici/core';
import { lastDeliveryInfo } from './delivery-views.js';

/** The extension store's records in the seed's snake_case JSON (the response schemas pick). */

export const secretInfo = (view: ExtensionSecretView) => ({
  key: view.key,
  scope: view.scope,
  id: view.id,
  masked_value_present: view.maskedValuePresent,
  external: view.external,
  external_backend: view.externalBackend,
  external_secret_name: view.externalSecretName,
  external_key: view.externalKey,
  rotation_count: view.rotationCount,
  last_rotated_at: view.lastRotatedAt,
  created_at: view.createdAt,
  created_by: view.createdBy,
  updated_at: view.updatedAt,
  updated_by: view.updatedBy,
});

export const projectInfo = (project: ExtProjectRecord) => ({
  org_id: project.orgId,
  key: project.key,
  name: project.name,
  created_at: project.createdAt,
  created_by: project.createdBy,
});

export const catalogInfo = (entry: CatalogRecord) => ({
  id: entry.id,
  name: entry.name,
  manifest: entry.manifest as never,
  created_at: entry.createdAt,
  updated_at: entry.updatedAt,
  updated_by: entry.updatedBy,
});

export const productInfo = (product: ProductInstallationRecord) => ({
  org_id: product.orgId,
  product_id: product.productId,
  created_at: product.createdAt,
  created_by: product.createdBy,
});

export const installationInfo = (installation: InstallationRecord) => ({
  org_id: installation.orgId,
  project_key: installation.projectKey,
  extension_id: installation.extensionId,
  product_id: installation.productId,
  enabled: installation.enabled,
  enabled_at: installation.enabledAt,
  created_at: installation.createdAt,
  created_by: installation.createdBy,
});

const scopeRef = (ref: ScopeRef) => ({ scope: ref.scope, id: ref.id });

const fieldInfo = (field: FieldStatus) => ({
  key: field.key,
  label: field.label,
  required: field.required,
  secret: field.secret,
  scope: field.scope,
  status: field.status,
  source: field.source === null ? null : scopeRef(field.source),
  using_organization_wide: field.usingOrganizationWide,
  message: field.message,
});

export const statusInfo = (status: InstallationStatus) => ({
  installation: installationInfo(status.installation),
  ready: status.ready,
  fields: status.fields.map(fieldInfo),
  missing: status.missing,
  placeholder: status.placeholder,
  errors: status.errors,
  delivery: lastDeliveryInfo(status.delivery),
});

export const sourcesInfo = (sources: {
  installation: InstallationRecord;
  chain: ScopeRef[];
  sources: KeySourceView[];
}) => ({
  installation: installationInfo(sources.installation),
  chain: sources.chain.map(scopeRef),
  sources: sources.sources.map((source) => ({
    key: source.key,
    source: scopeRef(source.source),
    backend: source.backend,
    shadowed: source.shadowed.map(scopeRef),
  })),
});

/** What a confirmed delete removed with its owner. */
export const deletedInfo = (deleted: { deletedSecrets: number; deletedInstallations: number }) => ({
  deleted: true as const,
  deleted_secrets: deleted.deletedSecrets,
  deleted_installations: deleted.deletedInstallations,
});
