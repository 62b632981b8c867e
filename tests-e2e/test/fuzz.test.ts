// A small seeded fuzz suite over every route of @kici/contracts' table (admin, internal, agent),
// over real HTTP to a real kici-server (PGlite; PostgreSQL too when KICI_TEST_DATABASE_URL is
// set): each route's valid request with one thing mutated (fuzz/generate.ts). No answer may be
// a 5xx (but 503 naming an unreachable backend, a designed answer), and afterwards the
// database is intact: the secrets seeded before still reveal and resolve with their values,
// /readyz answers 200 and the audit log can be queried. The drivers run side by side.
// Reproduce a run with FUZZ_SEED=<n>; FUZZ_PER_ROUTE sets the random draws per route.
import { agentRoutes, internalRoutes, type RouteSpec, routes } from '@kici/contracts';
import { startTestServer, type TestServer, testDrivers } from '@kici/server/testing';
import { describe, expect, it } from 'vitest';
import { exampleOf, prng, requestsFor } from './fuzz/generate.js';
import { describeFailure, expectIntact, type Failure, passes, seed, send } from './fuzz/harness.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const PER_ROUTE = Number(process.env.FUZZ_PER_ROUTE ?? 40);

const table = { ...routes, ...internalRoutes, ...agentRoutes } as Record<string, RouteSpec>;

/** Every route's requests, in table order, each answered before the next is sent. */
async function fuzz(server: TestServer) {
  const random = prng(SEED);
  const failures: Failure[] = [];
  let sent = 0;
  for (const [name, spec] of Object.entries(table)) {
    for (const request of requestsFor(name, spec, random, PER_ROUTE)) {
      const failure = await send(server, request);
      sent += 1;
      if (failure) failures.push(failure);
    }
  }
  return { failures, sent };
}

describe(`seeded fuzz over every route (seed ${SEED})`, () => {
  it('has a valid example for every route (so that mutations reach past validation)', () => {
    const invalid = Object.entries(table).flatMap(([name, spec]) => {
      const parts: Record<string, unknown> = { ...exampleOf(name, spec) };
      return (['params', 'query', 'body'] as const)
        .filter((part) => spec[part] && !passes(spec[part], parts[part]))
        .map((part) => `${name}.${part}`);
    });
    expect(invalid).toEqual([]);
  });

  for (const driver of testDrivers()) {
    it.concurrent(`${driver}: no 5xx on any route, and the database intact afterwards`, async () => {
      // Every route is fuzzed with bad tokens too: a per-address failure limit would answer the
      // checks that follow (a valid job credential among them) with 429.
      const server = await startTestServer({
        driver,
        env: { KICI_AUTH_FAILURE_LIMIT: '1000000' },
      });
      try {
        await seed(server);
        const { failures, sent } = await fuzz(server);
        console.log(`fuzz (${driver}, seed ${SEED}): ${sent} requests, ${failures.length} 5xx`);
        expect(failures.map(describeFailure)).toEqual([]);
        await expectIntact(server);
      } finally {
        await server.stop();
        await server.database.drop();
      }
      // ~30 s on a quiet machine; the whole suite running beside it can make that 4× longer.
    }, 300_000);
  }
});
