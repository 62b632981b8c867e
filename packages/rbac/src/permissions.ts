import { PERMISSIONS, type Permission } from '@kici/contracts/vocabulary';

export { PERMISSIONS, type Permission };

const permissionSet: ReadonlySet<string> = new Set(PERMISSIONS);

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && permissionSet.has(value);
}
