/** The extension store's vocabulary (the Kiket seed): scopes, id patterns, manifest values. */

/** The five scopes an extension secret may belong to, from the widest to the narrowest. */
export const EXTENSION_SCOPES = [
  'organization',
  'project',
  'extension',
  'product_installation',
  'installation',
] as const;
export type ExtensionScope = (typeof EXTENSION_SCOPES)[number];

/** A project key: upper snake case, 1-64 characters (`PROJECT_KEY`, `OPS`). */
export const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,63}$/;
/** An extension or product id: reverse DNS (`com.example.mailchimp`), at most 128 characters. */
export const EXTENSION_ID = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;
export const MAX_EXTENSION_ID_LENGTH = 128;
/** A secret key: upper snake case, at most 128 characters. */
export const SECRET_KEY = /^[A-Z][A-Z0-9_]*$/;
export const MAX_SECRET_KEY_LENGTH = 128;

export const MANIFEST_FIELD_TYPES = ['string', 'number', 'boolean'] as const;
export const MANIFEST_FIELD_SCOPES = ['extension', 'installation'] as const;
export type ManifestFieldScope = (typeof MANIFEST_FIELD_SCOPES)[number];

/** The statuses of an installation's manifest field, as the install gate reports them. */
export const FIELD_STATUSES = ['ok', 'missing', 'placeholder', 'error'] as const;
export type FieldStatusName = (typeof FIELD_STATUSES)[number];
