/**
 * `@kici/rbac`: the orchestrator's fixed three-role model (owner, admin, auditor) over the
 * 19 permissions of the secrets admin API. Pure: no I/O; the names come from
 * `@kici/contracts/vocabulary`, which imports nothing.
 * @module
 */
export { isPermission, PERMISSIONS, type Permission } from './permissions.js';
export { can, isRole, permissionsOf, ROLES, type Role } from './roles.js';
