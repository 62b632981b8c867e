import * as v from 'valibot';
import { timestampSchema } from '../datetime.js';
import { ActorSchema, queryFlag, SecretKeySchema } from '../fields.js';
import { jsonRecordSchema } from '../json.js';
import { MANIFEST_FIELD_SCOPES, MANIFEST_FIELD_TYPES } from '../vocabulary/extensions.js';
import { extensionIdSchema } from './extension-fields.js';

/**
 * The extension catalog: one manifest per extension id. A manifest arrives as YAML or JSON text
 * (or a JSON object) and is parsed and checked by the server (`@kici/core`), whose errors name
 * the path (`extension.configuration.CHANNEL_ID.scope: expected "extension" or
 * "installation"`). Answers carry it normalized: every default filled in.
 */

/** The largest manifest text accepted. */
export const MAX_MANIFEST_BYTES = 256 * 1024;

export const ManifestFieldSchema = v.strictObject({
  type: v.picklist(MANIFEST_FIELD_TYPES, 'type: expected string, number or boolean'),
  secret: v.boolean('secret: expected a boolean'),
  required: v.boolean('required: expected a boolean'),
  scope: v.picklist(MANIFEST_FIELD_SCOPES, 'scope: expected extension or installation'),
  label: v.string('label: expected a string'),
});

/** A manifest as the server answers it: defaults filled in, `delivery` as given. */
export const ExtensionManifestSchema = v.strictObject({
  id: v.optional(v.string('id: expected a string')),
  name: v.optional(v.string('name: expected a string')),
  configuration: v.record(
    SecretKeySchema,
    ManifestFieldSchema,
    'configuration: expected an object',
  ),
  delivery: v.optional(jsonRecordSchema('delivery')),
});

export const ExtensionParamsSchema = v.strictObject({ extensionId: extensionIdSchema() });

/** PUT /catalog/:extensionId — `manifest` as YAML or JSON text, or as a JSON object. */
export const PutCatalogBodySchema = v.strictObject({
  manifest: v.union(
    [
      v.pipe(
        v.string(),
        v.minLength(1, 'manifest: expected a non-empty text'),
        v.maxBytes(MAX_MANIFEST_BYTES, `manifest: expected at most ${MAX_MANIFEST_BYTES} bytes`),
      ),
      jsonRecordSchema('manifest'),
    ],
    'manifest: expected YAML or JSON text, or a JSON object',
  ),
});

export const CatalogEntrySchema = v.strictObject({
  id: extensionIdSchema('id'),
  name: v.string('name: expected a string'),
  manifest: ExtensionManifestSchema,
  created_at: timestampSchema('created_at'),
  updated_at: timestampSchema('updated_at'),
  updated_by: ActorSchema,
});

export const ListCatalogResponseSchema = v.strictObject({
  extensions: v.array(CatalogEntrySchema, 'extensions: expected an array'),
});

/** `?confirm=true`: delete what the owner still holds (secrets, installations) with it. */
export const ConfirmQuerySchema = v.strictObject({ confirm: queryFlag('confirm') });

/** What a confirmed delete removed with its owner. */
export const deletedCounts = {
  deleted: v.literal(true, 'deleted: expected true'),
  deleted_secrets: v.number('deleted_secrets: expected a number'),
  deleted_installations: v.number('deleted_installations: expected a number'),
};

export const DeleteCatalogResponseSchema = v.strictObject({
  id: extensionIdSchema('id'),
  ...deletedCounts,
});

export type ExtensionManifest = v.InferOutput<typeof ExtensionManifestSchema>;
export type ManifestField = v.InferOutput<typeof ManifestFieldSchema>;
export type CatalogEntry = v.InferOutput<typeof CatalogEntrySchema>;
