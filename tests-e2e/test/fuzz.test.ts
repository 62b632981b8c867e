// A small seeded fuzz suite over every route of @kici/contracts' table (admin and internal),
// over real HTTP to a real kici-server (PGlite; PostgreSQL too when KICI_TEST_DATABASE_URL is
// set): each route's valid request with one thing mutated (fuzz/generate.ts). No answer may be
// a 5xx (but 503 naming an unreachable backend, a designed answer), and afterwards the
// database is intact: the secrets seeded before still reveal and resolve with their values,
// /readyz answers 200 and the audit log can be queried. The drivers run side by side.
// Reproduce a run with FUZZ_SEED=<n>; FUZZ_PER_ROUTE sets the random draws per route.
import { internalRoutes, type RouteSpec, routes } from '@kici/contracts';
import { startTestServer, type TestServer, testDrivers } from '@kici/server/testing';
import { describe, expect, it } from 'vitest';
import { exampleOf, prng, requestsFor } from './fuzz/generate.js';
import { describeFailure, expectIntact, type Failure, passes, seed, send } from './fuzz/harness.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const PER_ROUTE = Number(process.env.FUZZ_PER_ROUTE ?? 40);

/**
 * (route, mutation) pairs that answer 5xx today, fixed on another branch of issue 15 (bad
 * input reaching a 500). Reported, tolerated; empty this list once that branch is merged.
 * The deep-array/deep-object ones fail only some runs (how deep the stack already was).
 */
const KNOWN_UNTIL_MERGED: readonly (readonly [route: string, mutation: string])[] = [
  ['audit', 'query.routingKey=nul'],
  ['audit', 'query.routingKey=nul-only'],
  ['audit', 'query.from=year-zero'],
  ['config.set', 'body.value=deep-array'],
  ['config.set', 'body.value=deep-object'],
  ['backends.add', 'body.config=deep-array'],
  ['backends.add', 'body.config=deep-object'],
  ['backends.add', 'body.config.url=deep-array'],
  ['backends.add', 'body.config.url=deep-object'],
  ['backends.add', 'body.config.authMethod=deep-array'],
  ['backends.add', 'body.config.authMethod=deep-object'],
  ['backends.add', 'body.config.token=deep-array'],
  ['backends.add', 'body.config.token=deep-object'],
  ['backends.test', 'body.config=deep-array'],
  ['backends.test', 'body.config=deep-object'],
  ['backends.test', 'body.config.url=deep-array'],
  ['backends.test', 'body.config.url=deep-object'],
  ['backends.test', 'body.config.authMethod=deep-array'],
  ['backends.test', 'body.config.authMethod=deep-object'],
  ['backends.test', 'body.config.token=deep-array'],
  ['backends.test', 'body.config.token=deep-object'],
  ['variables.set', 'body.value=nul'],
  ['internal.resolveTestRun', 'body.fixture.default=nul'],
  ['internal.resolveTestRun', 'body.fixture.default=nul-only'],
  ['internal.resolveTestRun', 'body.fixture.default=lone-high-surrogate'],
  ['internal.resolveTestRun', 'body.fixture.default=lone-low-surrogate'],
];

const known = (route: string, mutation: string) =>
  KNOWN_UNTIL_MERGED.some(([r, m]) => r === route && m === mutation);

const table = { ...routes, ...internalRoutes } as Record<string, RouteSpec>;

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
      const server = await startTestServer({ driver });
      try {
        await seed(server);
        const { failures, sent } = await fuzz(server);
        const tolerated = failures.filter((f) => known(f.route, f.mutation));
        const stale = KNOWN_UNTIL_MERGED.filter(
          ([route, mutation]) =>
            !failures.some((f) => f.route === route && f.mutation === mutation),
        );
        console.log(
          `fuzz (${driver}, seed ${SEED}): ${sent} requests, ${failures.length} 5xx, ` +
            `${tolerated.length} of them in KNOWN_UNTIL_MERGED` +
            (stale.length > 0 ? `; no longer failing: ${JSON.stringify(stale)}` : ''),
        );
        const unexpected = failures.filter((f) => !known(f.route, f.mutation));
        expect(unexpected.map(describeFailure)).toEqual([]);
        await expectIntact(server);
      } finally {
        await server.stop();
        await server.database.drop();
      }
    }, 120_000);
  }
});
