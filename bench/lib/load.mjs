// A small closed-loop HTTP load generator: `clients` connections, each sending its next
// request as soon as the last one answered, for `seconds`. Keep-alive, like a real client.
import { Agent, request } from 'node:http';

/** One request; resolves to the status code. */
function send(agent, { url, method, headers, body }) {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Runs the load and returns { requests, failures, rps, p50, p99 } (latencies in ms).
 * `next(i)` builds request i: { url, method, headers, body }.
 */
export async function load({ clients, seconds, next, expectStatus = 200 }) {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies = [];
  let failures = 0;
  let issued = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          const status = await send(agent, next(issued++));
          if (status !== expectStatus) failures++;
        } catch {
          failures++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    failures,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}
