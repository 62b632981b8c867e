// A small closed-loop HTTP load generator: `clients` keep-alive connections, each sending its
// next request as soon as the last one answered, for `seconds`. Like wrk, it speaks HTTP/1.1
// on raw sockets (requests serialised once, responses framed by Content-Length or chunked
// encoding, bodies discarded): node:http's client would cost the 2-core machine about a
// third of a core and put its own garbage-collection pauses into the latencies it reports.
import { connect } from 'node:net';

const HEADER_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/** The bytes of one request and the origin they go to. */
function serialise({ url, method, headers = {}, body }) {
  const { host, origin, pathname, search } = new URL(url);
  const payload = body === undefined ? undefined : Buffer.from(body);
  const lines = [`${method} ${pathname}${search} HTTP/1.1`, `host: ${host}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (payload) lines.push(`content-length: ${payload.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`);
  return { bytes: payload ? Buffer.concat([head, payload]) : head, origin };
}

/**
 * One keep-alive connection. `send(bytes)` resolves to the response's status code once the
 * whole response has arrived.
 */
function connection(url) {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port), noDelay: true });
  let buffered = Buffer.alloc(0);
  let pending;
  const ready = new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.on('error', (error) => pending?.reject(error));
  socket.on('close', () => pending?.reject(new Error('connection closed')));
  socket.on('data', (chunk) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    const length = responseLength(buffered);
    if (length === undefined || buffered.length < length) return;
    const status = Number(buffered.subarray(9, 12).toString('latin1'));
    buffered = buffered.subarray(length);
    const done = pending;
    pending = undefined;
    done?.resolve(status);
  });
  return {
    async send(bytes) {
      await ready;
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        socket.write(bytes);
      });
    },
    close: () => socket.destroy(),
  };
}

/** The byte length of the complete response at the start of `data`, or undefined if incomplete. */
function responseLength(data) {
  const headEnd = data.indexOf(HEADER_END);
  if (headEnd === -1) return undefined;
  const head = data.subarray(0, headEnd).toString('latin1').toLowerCase();
  const bodyStart = headEnd + HEADER_END.length;
  const declared = /\r\ncontent-length: *(\d+)/.exec(head);
  if (declared) return bodyStart + Number(declared[1]);
  if (!/\r\ntransfer-encoding: *chunked/.test(head)) return bodyStart;
  // Chunked: walk the chunk sizes to the zero-length chunk and its trailing CRLF.
  let offset = bodyStart;
  for (;;) {
    const lineEnd = data.indexOf(CRLF, offset);
    if (lineEnd === -1) return undefined;
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    offset = lineEnd + CRLF.length + size + CRLF.length;
    if (offset > data.length) return undefined;
    if (size === 0) return offset;
  }
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Runs the load and returns { requests, failures, rps, p50, p99 } (latencies in ms).
 * `next(i)` builds request i: { url, method, headers, body, group? }; each client keeps one
 * keep-alive connection per origin it is sent to. Requests that name a
 * `group` are also summarised per group, in `groups[name]` ({ requests, p50, p99 }): cases
 * that alternate request by request share every moment of the machine's noise, so their
 * difference is the cost of the case itself.
 */
export async function load({ clients, seconds, next, expectStatus = 200 }) {
  const cache = new WeakMap(); // request object → { bytes, origin }, for builders that reuse objects
  const prepared = (request) => {
    let entry = cache.get(request);
    if (!entry) {
      entry = serialise(request);
      cache.set(request, entry);
    }
    return entry;
  };
  const latencies = [];
  const grouped = new Map(); // group → its latencies
  let failures = 0;
  let issued = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const connections = new Map(); // origin → this client's connection to it
      while (performance.now() < deadline) {
        const request = next(issued++);
        const { bytes, origin } = prepared(request);
        let client = connections.get(origin);
        if (!client) {
          client = connection(request.url);
          connections.set(origin, client);
        }
        const t0 = performance.now();
        try {
          if ((await client.send(bytes)) !== expectStatus) failures++;
        } catch {
          failures++;
          client.close();
          connections.delete(origin);
        }
        const latency = performance.now() - t0;
        latencies.push(latency);
        if (request.group !== undefined) {
          if (!grouped.has(request.group)) grouped.set(request.group, []);
          grouped.get(request.group).push(latency);
        }
      }
      for (const client of connections.values()) client.close();
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return {
    ...summary(latencies),
    failures,
    rps: latencies.length / elapsed,
    groups: Object.fromEntries([...grouped].map(([group, values]) => [group, summary(values)])),
  };
}

function summary(latencies) {
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/**
 * Brings a freshly started server to its steady state before anything is measured: for its
 * first seconds under load a server runs slower (V8 still compiling the hot paths, the young
 * generation still growing, PostgreSQL planning the prepared statements), and a few hundred
 * requests of warm-up left that in the p99 of the first case measured. Each case still gets
 * a short warm-up of its own.
 */
export async function warmUp(nexts, { seconds = 6, clients = 16 } = {}) {
  for (const next of nexts) await load({ clients, seconds: seconds / nexts.length, next });
}
