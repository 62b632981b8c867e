// A core over a real store (both drivers) for the access log, notification and compliance tests.
import { type Actor, type Core, type CoreOptions, createCore, EXT_SCOPE_ROOT } from '@kici/core';
import { createKeyring } from '@kici/crypto/node';
import { openStore, type PgStore } from '@kici/store-pg';
import { openTestStore, type TestDatabase, type TestDriver } from '@kici/store-pg/testing';
import { afterAll, beforeAll } from 'vitest';

export const owner: Actor = {
  tokenId: 'bootstrap',
  label: 'bootstrap',
  role: 'owner',
  surface: 'cli',
};
export const auditor: Actor = { tokenId: 'aud', label: 'aud', role: 'auditor', surface: 'cli' };
export const EXT = 'com.example.mailer';
export const ORG = 'acme';
export const EXT_SCOPE = `${EXT_SCOPE_ROOT}extension/${EXT}`;
const keyring = createKeyring({ current: new Uint8Array(32).fill(7), version: 1 });

/** A clock the tests move: core's `now`. */
export function testClock() {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    set(ms: number) {
      offsetMs = ms;
    },
  };
}

export interface AccessFixture {
  store: PgStore;
  database: TestDatabase;
  core: Core;
  clock: ReturnType<typeof testClock>;
  /** Another core over the same database (PostgreSQL only): a second instance. */
  second(options?: Partial<CoreOptions>): Promise<Core>;
}

/** One database per describe block, with the extension the tests write secrets for. */
export function useAccessFixture(driver: TestDriver, options: Partial<CoreOptions> = {}) {
  const f = { clock: testClock() } as AccessFixture;
  const opened: PgStore[] = [];
  beforeAll(async () => {
    ({ store: f.store, database: f.database } = await openTestStore(driver));
    f.core = await createCore({ store: f.store, keyring, now: f.clock.now, ...options });
    f.second = async (more = {}) => {
      const store = await openStore({ databaseUrl: f.database.databaseUrl });
      opened.push(store);
      return createCore({ store, keyring, now: f.clock.now, ...options, ...more });
    };
    await f.core.extensions.model.putCatalog(owner, EXT, 'extension:\n  configuration: {}\n');
  }, 120_000);
  afterAll(async () => {
    for (const store of opened) await store.close();
    await f.store?.close();
    await f.database?.drop();
  });
  return f;
}

/** `n` delivery reads of one key (what a delivery's completion records). */
export const reads = (n: number, key = 'SMTP_PASSWORD', scope = EXT_SCOPE) =>
  Array.from({ length: n }, () => ({
    orgId: ORG,
    scope,
    key,
    actor: 'dispatcher',
    deliveryId: 'msg_test',
    source: 'delivery' as const,
  }));
