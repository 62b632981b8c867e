// The server's delivery worker on a real kici-server: an enqueue wakes it at once (the timer
// here would not tick for an hour), a held attempt does not hold the deliveries behind it, and
// SIGTERM waits for the attempt in flight, whose outcome is recorded before the database
// closes (seen after a restart on the same database).
import { createAdminClient } from '@kici/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { AT, type DeliveryFixture, settled, startDeliveryFixture } from './delivery-fixture.js';

describe.each(testDrivers())('the delivery worker (%s)', (driver) => {
  let f: DeliveryFixture;
  let restarted: TestServer | undefined;

  beforeAll(async () => {
    f = await startDeliveryFixture(driver, { KICI_DELIVERY_TICK_MS: '3600000' });
  }, 120_000);
  afterAll(async () => {
    await restarted?.stop();
    await f?.server.dispose();
    await f?.receiver.close();
  });

  it('delivers at once when this instance enqueues, without waiting for its timer', async () => {
    const started = Date.now();
    const { delivery_id: id } = await f.owner.deliveries.invoke(AT);
    expect(await settled(f.owner, id)).toMatchObject({ status: 'delivered' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('keeps delivering while a receiver holds an attempt (no head-of-line blocking)', async () => {
    const release = f.receiver.hold();
    const sent = f.receiver.requests.length;
    const first = (await f.owner.deliveries.invoke(AT)).delivery_id;
    await f.receiver.nth(sent + 1);
    // The first attempt is still waiting for its answer; the next delivery goes out anyway.
    const second = (await f.owner.deliveries.invoke(AT)).delivery_id;
    await f.receiver.nth(sent + 2, 5_000);
    expect((await f.owner.deliveries.show(first)).status).toBe('pending');
    release();
    expect(await settled(f.owner, first)).toMatchObject({ status: 'delivered' });
    expect(await settled(f.owner, second)).toMatchObject({ status: 'delivered' });
  });

  it('waits on SIGTERM for the attempt in flight, and records it', async () => {
    const release = f.receiver.hold();
    const sent = f.receiver.requests.length;
    const { delivery_id: id } = await f.owner.deliveries.invoke(AT);
    await f.receiver.nth(sent + 1);
    const exited = f.server.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(f.server.process.exitCode).toBeNull();
    release();
    expect(await exited).toBe(0);
    expect(f.server.output()).toContain('Stopped');

    restarted = await startTestServer({
      driver,
      token: f.server.token,
      reuse: { database: f.server.database, dataDir: f.server.dataDir },
    });
    const owner = createAdminClient({ baseUrl: restarted.url, token: restarted.token });
    expect(await owner.deliveries.show(id)).toMatchObject({
      status: 'delivered',
      attempts: 1,
      attempt_log: [expect.objectContaining({ status_code: 200, outcome: 'delivered' })],
    });
  });
});
