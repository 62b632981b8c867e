import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  can,
  isPermission,
  isRole,
  PERMISSIONS,
  type Permission,
  permissionsOf,
  ROLES,
  type Role,
} from '../src/index.js';

// The seed's RBAC table, cell by cell: O = owner, A = admin, U = auditor.
const TABLE: Record<string, string> = {
  'context.read': 'OAU',
  'context.create': 'OA',
  'context.update': 'OA',
  'context.delete': 'OA',
  'secret.read': 'OA',
  'secret.write': 'OA',
  'secret.delete': 'OA',
  'secret.reveal': 'OA',
  'audit.read': 'OAU',
  'token.manage': 'O',
  'key.rotate': 'O',
  'run.read': 'OAU',
  'run.cancel': 'OA',
  'event_log.read': 'OAU',
  'event_log.read_payload': 'OA',
  'access_log.read': 'OAU',
  'scheduled_job.trigger': 'OA',
  'event_dlq.read': 'OAU',
  'event_dlq.manage': 'OA',
};
const LETTER: Record<Role, string> = { owner: 'O', admin: 'A', auditor: 'U' };

describe('@kici/rbac', () => {
  it('lists the 19 permissions of the seed and the three roles', () => {
    expect([...PERMISSIONS].sort()).toEqual(Object.keys(TABLE).sort());
    expect(PERMISSIONS).toHaveLength(19);
    expect(ROLES).toEqual(['owner', 'admin', 'auditor']);
  });

  for (const role of ROLES) {
    for (const permission of PERMISSIONS) {
      const expected = (TABLE[permission] as string).includes(LETTER[role]);
      it(`${role} ${expected ? 'has' : 'lacks'} ${permission}`, () => {
        expect(can(role, permission)).toBe(expected);
        expect(permissionsOf(role).includes(permission)).toBe(expected);
      });
    }
  }

  it('grants owner 19, admin 17 and auditor 6 permissions', () => {
    expect(permissionsOf('owner')).toHaveLength(19);
    expect(permissionsOf('admin')).toHaveLength(17);
    expect(permissionsOf('auditor')).toHaveLength(6);
    expect(permissionsOf('admin')).not.toContain('token.manage');
    expect(permissionsOf('admin')).not.toContain('key.rotate');
  });

  it('answers false at run time for an unknown role or permission', () => {
    expect(can('member' as Role, 'secret.read')).toBe(false);
    expect(can('owner', 'context.*' as Permission)).toBe(false);
    expect(can('toString' as Role, 'secret.read')).toBe(false);
    expect(can('owner', 'constructor' as Permission)).toBe(false);
    expect(permissionsOf('member' as Role)).toEqual([]);
    expect(permissionsOf('__proto__' as Role)).toEqual([]);
    expect(isRole('admin')).toBe(true);
    expect(isRole('member')).toBe(false);
    expect(isPermission('secret.reveal')).toBe(true);
    expect(isPermission('secret.*')).toBe(false);
  });

  it('rejects an unknown role or permission at compile time', () => {
    expectTypeOf<'owner'>().toExtend<Role>();
    expectTypeOf<'member'>().not.toExtend<Role>();
    expectTypeOf<'context.*'>().not.toExtend<Permission>();
    // @ts-expect-error: 'member' is not a role
    can('member', 'secret.read');
    // @ts-expect-error: 'secret.*' is not a permission
    can('admin', 'secret.*');
    // @ts-expect-error: 'member' is not a role
    permissionsOf('member');
  });
});
