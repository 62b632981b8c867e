import { afterAll, beforeAll } from 'vitest';
import type { PgStore } from '../src/index.js';
import { openTestStore, type TestDatabase, type TestDriver } from '../src/testing.js';

/** A migrated store of its own for one describe block, dropped after it. */
export function useTestStore(driver: TestDriver): { store: PgStore; database: TestDatabase } {
  const opened = {} as { store: PgStore; database: TestDatabase };
  beforeAll(async () => {
    Object.assign(opened, await openTestStore(driver));
  }, 120_000);
  afterAll(async () => {
    await opened.store?.close();
    await opened.database?.drop();
  });
  return opened;
}
