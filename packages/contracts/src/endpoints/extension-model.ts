import * as v from 'valibot';
import { timestampSchema } from '../datetime.js';
import { ActorSchema, isWellFormed, OrgIdSchema, SecretKeySchema } from '../fields.js';
import { FIELD_STATUSES, MANIFEST_FIELD_SCOPES } from '../vocabulary/extensions.js';
import { LastDeliverySchema } from './extension-deliveries.js';
import { extensionIdSchema, extensionScopeSchema, projectKeySchema } from './extension-fields.js';
import { deletedCounts } from './extension-manifest.js';

/** Projects, product installations and extension installations of an org. */

export const OrgQuerySchema = v.strictObject({ org_id: OrgIdSchema });

// ---- projects -------------------------------------------------------------------------------

export const ProjectParamsSchema = v.strictObject({
  orgId: OrgIdSchema,
  projectKey: projectKeySchema(),
});

/** PUT /projects/:orgId/:projectKey — creates the project, or renames it. */
export const PutProjectBodySchema = v.strictObject({
  name: v.optional(
    v.pipe(
      v.string('name: expected a string'),
      v.minLength(1, 'name: expected 1-200 characters'),
      v.maxLength(200, 'name: expected 1-200 characters'),
      // PostgreSQL text holds no NUL; other control characters have no place in a name.
      v.regex(/^[^\p{Cc}]*$/u, 'name: expected no control character'),
      v.check(isWellFormed, 'name: expected no lone surrogate'),
    ),
  ),
});

export const ProjectSchema = v.strictObject({
  org_id: OrgIdSchema,
  key: projectKeySchema('key'),
  name: v.string('name: expected a string'),
  created_at: timestampSchema('created_at'),
  created_by: ActorSchema,
});

export const ListProjectsResponseSchema = v.strictObject({
  org_id: OrgIdSchema,
  projects: v.array(ProjectSchema, 'projects: expected an array'),
});

export const DeleteProjectResponseSchema = v.strictObject({
  org_id: OrgIdSchema,
  key: projectKeySchema('key'),
  ...deletedCounts,
});

// ---- product installations -------------------------------------------------------------------

export const ProductParamsSchema = v.strictObject({
  orgId: OrgIdSchema,
  productId: extensionIdSchema('productId'),
});

export const ProductInstallationSchema = v.strictObject({
  org_id: OrgIdSchema,
  product_id: extensionIdSchema('product_id'),
  created_at: timestampSchema('created_at'),
  created_by: ActorSchema,
});

export const ListProductInstallationsResponseSchema = v.strictObject({
  org_id: OrgIdSchema,
  product_installations: v.array(
    ProductInstallationSchema,
    'product_installations: expected an array',
  ),
});

/** Installations that named the product keep going without its level (`detached`). */
export const DeleteProductInstallationResponseSchema = v.strictObject({
  org_id: OrgIdSchema,
  product_id: extensionIdSchema('product_id'),
  ...deletedCounts,
});

// ---- extension installations ----------------------------------------------------------------

export const ListInstallationsQuerySchema = v.strictObject({
  org_id: OrgIdSchema,
  project: v.optional(projectKeySchema('project')),
});

export const InstallationParamsSchema = v.strictObject({
  orgId: OrgIdSchema,
  projectKey: projectKeySchema(),
  extensionId: extensionIdSchema(),
});

/** PUT …/installations/:orgId/:projectKey/:extensionId — created disabled. */
export const PutInstallationBodySchema = v.strictObject({
  product_id: v.optional(extensionIdSchema('product_id')),
});

export const InstallationSchema = v.strictObject({
  org_id: OrgIdSchema,
  project_key: projectKeySchema('project_key'),
  extension_id: extensionIdSchema('extension_id'),
  product_id: v.nullable(extensionIdSchema('product_id')),
  enabled: v.boolean('enabled: expected a boolean'),
  enabled_at: v.nullable(timestampSchema('enabled_at')),
  created_at: timestampSchema('created_at'),
  created_by: ActorSchema,
});

export const ListInstallationsResponseSchema = v.strictObject({
  org_id: OrgIdSchema,
  installations: v.array(InstallationSchema, 'installations: expected an array'),
});

export const DeleteInstallationResponseSchema = v.strictObject({
  org_id: OrgIdSchema,
  project_key: projectKeySchema('project_key'),
  extension_id: extensionIdSchema('extension_id'),
  ...deletedCounts,
});

/** Where a key comes from: one of the five scopes and its id. */
export const ScopeRefSchema = v.strictObject({
  scope: extensionScopeSchema(),
  id: v.string('id: expected a string'),
});

/** One manifest field of an installation, resolved through the chain (its value never leaves). */
export const FieldStatusSchema = v.strictObject({
  key: SecretKeySchema,
  label: v.string('label: expected a string'),
  required: v.boolean('required: expected a boolean'),
  secret: v.boolean('secret: expected a boolean'),
  scope: v.picklist(MANIFEST_FIELD_SCOPES, 'scope: expected extension or installation'),
  status: v.picklist(FIELD_STATUSES, 'status: expected ok, missing, placeholder or error'),
  /** The scope that supplies the key; null when none does. */
  source: v.nullable(ScopeRefSchema),
  /** "Using organization-wide credentials": an extension-scope field the extension scope supplies. */
  using_organization_wide: v.boolean('using_organization_wide: expected a boolean'),
  /** For `error`: the failure, naming the backend and the path. */
  message: v.optional(v.string('message: expected a string')),
});

/** GET …/status: `ready` when no required key is missing, a placeholder or unreadable. */
export const InstallationStatusSchema = v.strictObject({
  installation: InstallationSchema,
  ready: v.boolean('ready: expected a boolean'),
  fields: v.array(FieldStatusSchema, 'fields: expected an array'),
  missing: v.array(SecretKeySchema, 'missing: expected an array'),
  placeholder: v.array(SecretKeySchema, 'placeholder: expected an array'),
  errors: v.array(SecretKeySchema, 'errors: expected an array'),
  /** The latest delivery to it: a fail-fast or a receiver's error shows here. */
  delivery: LastDeliverySchema,
});

/** GET …/sources: the chain, and per key the scope that supplies it. No value. */
export const InstallationSourcesSchema = v.strictObject({
  installation: InstallationSchema,
  chain: v.array(ScopeRefSchema, 'chain: expected an array'),
  sources: v.array(
    v.strictObject({
      key: SecretKeySchema,
      source: ScopeRefSchema,
      backend: v.string('backend: expected a string'),
      shadowed: v.array(ScopeRefSchema, 'shadowed: expected an array'),
    }),
    'sources: expected an array',
  ),
});

export type Project = v.InferOutput<typeof ProjectSchema>;
export type ProductInstallation = v.InferOutput<typeof ProductInstallationSchema>;
export type Installation = v.InferOutput<typeof InstallationSchema>;
export type InstallationStatus = v.InferOutput<typeof InstallationStatusSchema>;
export type FieldStatus = v.InferOutput<typeof FieldStatusSchema>;
export type ScopeRef = v.InferOutput<typeof ScopeRefSchema>;
