// Measuring helpers shared by the bench scripts. These machines are noisy 2-core VMs, so cases
// are interleaved in many short rounds, each from a collected heap, and the fastest round of
// each case is taken as its cost (noise only ever adds time; Python's timeit does the same).

export function parseArgs(argv) {
  const args = { seconds: 0.05, rounds: 15, json: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') args.json = true;
    else if (flag === '--seconds' || flag === '--rounds') {
      const value = Number(argv[++i]);
      if (!(value > 0)) throw new Error(`${flag}: expected a positive number`);
      args[flag.slice(2)] = value;
    } else throw new Error(`unknown argument ${flag} (expected --seconds N, --rounds N, --json)`);
  }
  return args;
}

/** Nanoseconds per call of `fn`, running it for about `seconds`. */
function nsPerOp(fn, seconds) {
  const budget = seconds * 1e9;
  const start = process.hrtime.bigint();
  let ops = 0;
  let elapsed = 0;
  // Read the clock every `batch` calls so that reading it costs nothing measurable.
  for (let batch = 1; elapsed < budget; batch = Math.min(batch * 2, 256)) {
    for (let i = 0; i < batch; i++) fn();
    ops += batch;
    elapsed = Number(process.hrtime.bigint() - start);
  }
  return elapsed / ops;
}

/**
 * Runs every case in turn, `rounds` times, after a warm-up. Returns per case the samples
 * (ns/op, one per round, in round order) so callers can pair rounds.
 */
export function measure(cases, { seconds, rounds }) {
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (const fn of Object.values(cases)) nsPerOp(fn, Math.max(seconds, 0.05));
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of Object.entries(cases)) {
      globalThis.gc?.(); // start every sample from a collected heap (node --expose-gc)
      samples[name].push(nsPerOp(fn, seconds));
    }
  }
  return samples;
}

/** Operations per second in the fastest round. */
export const opsPerSecond = (samples) => 1e9 / Math.min(...samples);

/** time(a) / time(b), each in its fastest round. */
export const timeRatio = (a, b) => Math.min(...a) / Math.min(...b);

export function printTable(rows) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value) =>
    value === undefined ? '' : typeof value === 'number' ? format(value) : String(value);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values) => values.map((v, i) => v.padStart(widths[i])).join('  ');
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((c) => cell(row[c]))));
}

function format(value) {
  if (Number.isInteger(value)) return String(value);
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}
