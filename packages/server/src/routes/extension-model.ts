import type { Core } from '@kici/core';
import type { Hono } from 'hono';
import { type Env, mount } from '../endpoint.js';
import {
  catalogInfo,
  deletedInfo,
  installationInfo,
  productInfo,
  projectInfo,
  sourcesInfo,
  statusInfo,
} from './extension-views.js';

/** Projects, the catalog, product installations and installations (with the install gate). */
export function extensionModelRoutes(app: Hono<Env>, core: Core) {
  const { model, deletes, gate } = core.extensions;
  mount(app, 'extensions.projects.list', async ({ actor, query }) => ({
    org_id: query.org_id,
    projects: (await model.listProjects(actor, query.org_id)).map(projectInfo),
  }));
  mount(app, 'extensions.projects.put', async ({ actor, params, body }) =>
    projectInfo(await model.putProject(actor, params.orgId, params.projectKey, body.name)),
  );
  mount(app, 'extensions.projects.delete', async ({ actor, params, query }) => ({
    org_id: params.orgId,
    key: params.projectKey,
    ...deletedInfo(
      await deletes.deleteProject(actor, params.orgId, params.projectKey, query.confirm),
    ),
  }));

  mount(app, 'extensions.catalog.list', async ({ actor }) => ({
    extensions: (await model.listCatalog(actor)).map(catalogInfo),
  }));
  mount(app, 'extensions.catalog.get', async ({ actor, params }) =>
    catalogInfo(await model.getCatalog(actor, params.extensionId)),
  );
  mount(app, 'extensions.catalog.put', async ({ actor, params, body }) =>
    catalogInfo(await model.putCatalog(actor, params.extensionId, body.manifest)),
  );
  mount(app, 'extensions.catalog.delete', async ({ actor, params, query }) => ({
    id: params.extensionId,
    ...deletedInfo(await deletes.deleteCatalog(actor, params.extensionId, query.confirm)),
  }));

  mount(app, 'extensions.products.list', async ({ actor, query }) => ({
    org_id: query.org_id,
    product_installations: (await model.listProducts(actor, query.org_id)).map(productInfo),
  }));
  mount(app, 'extensions.products.put', async ({ actor, params }) =>
    productInfo(await model.putProduct(actor, params.orgId, params.productId)),
  );
  mount(app, 'extensions.products.delete', async ({ actor, params, query }) => ({
    org_id: params.orgId,
    product_id: params.productId,
    ...deletedInfo(
      await deletes.deleteProduct(actor, params.orgId, params.productId, query.confirm),
    ),
  }));

  mount(app, 'extensions.installations.list', async ({ actor, query }) => ({
    org_id: query.org_id,
    installations: (await model.listInstallations(actor, query.org_id, query.project)).map(
      installationInfo,
    ),
  }));
  mount(app, 'extensions.installations.put', async ({ actor, params, body }) =>
    installationInfo(await model.putInstallation(actor, params, body.product_id ?? null)),
  );
  mount(app, 'extensions.installations.delete', async ({ actor, params, query }) => ({
    org_id: params.orgId,
    project_key: params.projectKey,
    extension_id: params.extensionId,
    ...deletedInfo(await deletes.deleteInstallation(actor, params, query.confirm)),
  }));
  mount(app, 'extensions.installations.status', async ({ actor, params }) =>
    statusInfo(await gate.status(actor, params)),
  );
  mount(app, 'extensions.installations.enable', async ({ actor, params }) =>
    installationInfo(await gate.enable(actor, params)),
  );
  mount(app, 'extensions.installations.disable', async ({ actor, params }) =>
    installationInfo(await gate.disable(actor, params)),
  );
  mount(app, 'extensions.installations.sources', async ({ actor, params }) =>
    sourcesInfo(await gate.sources(actor, params)),
  );
}
