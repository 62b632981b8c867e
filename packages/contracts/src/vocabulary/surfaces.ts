/** The surfaces a write can come from; the dashboard-write policy says which may do what. */
export const SURFACES = ['dashboard', 'cli'] as const;
export type Surface = (typeof SURFACES)[number];

/** The operations the dashboard-write policy governs. */
export const WRITE_OPERATIONS = [
  'secrets.set',
  'variables.set',
  'environments.test_access.set',
] as const;
export type WriteOperation = (typeof WRITE_OPERATIONS)[number];
