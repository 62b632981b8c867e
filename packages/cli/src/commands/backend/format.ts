/** A latency for people: `0.4 ms`, `8.1 ms`, `23 ms` (the API gives fractional milliseconds). */
export const milliseconds = (ms: number): string =>
  ms < 10 ? ms.toFixed(1) : String(Math.round(ms));
