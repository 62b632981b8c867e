/**
 * The Node.js flags kici-server runs with (the bin's shebang, `npm start`, the test harness).
 * A job dispatch leaves about 100 KB of short-lived garbage; with V8's default 16 MB semi-space
 * a young-generation collection (3–10 ms, mostly freeing the node:crypto decipher objects of
 * the secrets opened since the last one) landed on about 1 request in 110, right inside the
 * p99. Twice the semi-space halves how often that happens: each pause is longer, but lands on
 * fewer than 1% of requests. It costs about 30 MB more peak RSS. V8 sizes its heap when the
 * process starts, so this cannot be set from inside it.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'] as const;
