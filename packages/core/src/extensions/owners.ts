import type { ExtensionScope } from '@kici/contracts/vocabulary';
import { notFound } from '../kernel/errors.js';
import { splitInstallationId } from './ids.js';
import type { ExtensionRepository } from './port.js';

type Owners = Pick<
  ExtensionRepository,
  'findProject' | 'findCatalog' | 'findProduct' | 'findInstallation'
>;

/**
 * A scope's secrets require its owner: the project, the extension in the catalog, the product
 * installation, the installation (404 naming it). `organization` needs nothing.
 */
export async function requireOwner(
  repo: Owners,
  orgId: string,
  scope: ExtensionScope,
  id: string,
): Promise<void> {
  switch (scope) {
    case 'organization':
      return;
    case 'project':
      if (!(await repo.findProject(orgId, id))) throw notFound(`Project ${id} of org ${orgId}`);
      return;
    case 'extension':
      if (!(await repo.findCatalog(id))) throw notFound(`Extension ${id} in the catalog`);
      return;
    case 'product_installation':
      if (!(await repo.findProduct(orgId, id))) {
        throw notFound(`Product installation ${id} of org ${orgId}`);
      }
      return;
    case 'installation': {
      const ref = { orgId, ...splitInstallationId(id) };
      if (!(await repo.findInstallation(ref))) {
        throw notFound(`Installation ${id} of org ${orgId}`);
      }
      return;
    }
  }
}
