import {
  boolean,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { createdAt } from './schema-columns.js';

/**
 * The extension store's model (the Kiket seed). Its secrets are scoped_secrets rows in the
 * internal `pg:__ext__/…` scopes; these tables hold the owners those scopes belong to.
 */

/** A project of an org (its key is upper snake case, unique per org). */
export const extProjects = pgTable(
  'ext_projects',
  {
    orgId: text('org_id').notNull(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.key] })],
);

/** The global extension catalog: one normalized manifest per extension id. */
export const extCatalog = pgTable('ext_catalog', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  manifest: jsonb('manifest').notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
});

/** An org's marketplace product installations. */
export const extProductInstallations = pgTable(
  'ext_product_installations',
  {
    orgId: text('org_id').notNull(),
    productId: text('product_id').notNull(),
    createdAt: createdAt(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.productId] })],
);

/** An extension installed on one project of an org, optionally from a product installation. */
export const extInstallations = pgTable(
  'ext_installations',
  {
    orgId: text('org_id').notNull(),
    projectKey: text('project_key').notNull(),
    extensionId: text('extension_id').notNull(),
    productId: text('product_id'),
    enabled: boolean('enabled').notNull().default(false),
    enabledAt: timestamp('enabled_at', { withTimezone: true }),
    createdAt: createdAt(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.projectKey, t.extensionId] }),
    foreignKey({
      columns: [t.orgId, t.projectKey],
      foreignColumns: [extProjects.orgId, extProjects.key],
      name: 'ext_installations_project_fk',
    }),
    foreignKey({
      columns: [t.extensionId],
      foreignColumns: [extCatalog.id],
      name: 'ext_installations_extension_fk',
    }),
    foreignKey({
      columns: [t.orgId, t.productId],
      foreignColumns: [extProductInstallations.orgId, extProductInstallations.productId],
      name: 'ext_installations_product_fk',
    }),
    index('ext_installations_extension').on(t.extensionId),
  ],
);
