import { ROLES, type Role } from '@kici/contracts/vocabulary';
import { isPermission, PERMISSIONS, type Permission } from './permissions.js';

export { ROLES, type Role };

const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  // All 19: the bootstrap token, full admin.
  owner: PERMISSIONS,
  // 17: day-to-day operations; no token.manage, no key.rotate.
  admin: PERMISSIONS.filter((p) => p !== 'token.manage' && p !== 'key.rotate'),
  // 6: compliance review; metadata only, no secret values, no payload bodies, no DLQ changes.
  auditor: [
    'context.read',
    'audit.read',
    'run.read',
    'event_log.read',
    'access_log.read',
    'event_dlq.read',
  ],
};

const granted: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  owner: new Set(ROLE_PERMISSIONS.owner),
  admin: new Set(ROLE_PERMISSIONS.admin),
  auditor: new Set(ROLE_PERMISSIONS.auditor),
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && Object.hasOwn(ROLE_PERMISSIONS, value);
}

/** The permissions a role grants, in the order of PERMISSIONS; empty for an unknown role. */
export function permissionsOf(role: Role): readonly Permission[] {
  return isRole(role) ? ROLE_PERMISSIONS[role] : [];
}

/** Whether `role` grants `permission`. Unknown roles or permissions: false, never a throw. */
export function can(role: Role, permission: Permission): boolean {
  return isRole(role) && isPermission(permission) && granted[role].has(permission);
}
