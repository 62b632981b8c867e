import type { Role, Surface } from '@kici/contracts/vocabulary';
import type { Actor } from '../kernel/actor.js';
import { auditEntry, authorize } from '../kernel/guard.js';
import type { Store } from '../store.js';

export interface IdentityServiceDeps {
  readonly store: Pick<Store, 'orgs' | 'audit'>;
  /** The server's KICI_ORG_ID: the org a client means when it names none. */
  readonly defaultOrg?: string | undefined;
}

/** Who the caller is and which org it means by default: facts that do not depend on a URL. */
export interface Identity {
  readonly tokenId: string;
  readonly label: string;
  readonly role: Role;
  readonly surface: Surface;
  /** The configured org, else the only org there is; null when none or several exist. */
  readonly defaultOrg: string | null;
  /** Every org that exists, so that an ambiguous caller can be told its choices. */
  readonly orgs: string[];
}

export function createIdentityService({ store, defaultOrg }: IdentityServiceDeps) {
  return {
    /** The caller's token and the server's default org; any valid token may ask. */
    async whoami(actor: Actor): Promise<Identity> {
      await authorize(store, actor, 'context.read', 'whoami');
      const orgs = await store.orgs.listIds();
      const only = orgs.length === 1 ? (orgs[0] ?? null) : null;
      await store.audit.append(auditEntry(actor, 'whoami', 'success'));
      return {
        tokenId: actor.tokenId,
        label: actor.label,
        role: actor.role,
        surface: actor.surface,
        defaultOrg: defaultOrg ?? only,
        orgs,
      };
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
