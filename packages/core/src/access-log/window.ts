/** The fixed windows reads are counted in, and the crossing that raises an alert. */

/** The start of the window `at` falls in: `floor(at / windowMinutes)` windows since the epoch. */
export function windowStart(at: Date, windowMinutes: number): Date {
  const size = windowMinutes * 60_000;
  return new Date(Math.floor(at.getTime() / size) * size);
}

/** True when this add took the count past the threshold: before ≤ threshold < after. */
export const crossed = (after: number, added: number, threshold: number) =>
  after - added <= threshold && threshold < after;
