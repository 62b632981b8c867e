/**
 * Aho–Corasick over UTF-16 code units: one pass finds every occurrence of every pattern, and
 * its final state tells how long a suffix of the text could still grow into one.
 */
export interface Scan {
  /** Covered ranges [start, end), sorted, merged when they overlap or touch. */
  readonly covered: Array<[number, number]>;
  /** The length of the longest suffix of the text that is a prefix of some pattern. */
  readonly pending: number;
}

export class Automaton {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  private readonly depth: number[] = [0];
  /** The longest pattern that ends at this state (0: none). */
  private readonly match: number[] = [0];

  constructor(patterns: Iterable<string>) {
    for (const pattern of patterns) this.insert(pattern);
    this.link();
  }

  private insert(pattern: string): void {
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const unit = pattern.charCodeAt(i);
      let target = this.next[state]?.get(unit);
      if (target === undefined) {
        target = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.depth.push(i + 1);
        this.match.push(0);
        this.next[state]?.set(unit, target);
      }
      state = target;
    }
    this.match[state] = pattern.length;
  }

  // Breadth first, so a state's failure link is linked before the state's children.
  private link(): void {
    const queue: number[] = [...(this.next[0]?.values() ?? [])];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      for (const [unit, child] of this.next[state] ?? []) {
        queue.push(child);
        let fallback = this.fail[state] as number;
        while (fallback !== 0 && !this.next[fallback]?.has(unit)) {
          fallback = this.fail[fallback] as number;
        }
        const linked = this.next[fallback]?.get(unit);
        this.fail[child] = linked === undefined || linked === child ? 0 : linked;
        this.match[child] = Math.max(
          this.match[child] as number,
          this.match[this.fail[child] as number] as number,
        );
      }
    }
  }

  scan(text: string): Scan {
    const covered: Array<[number, number]> = [];
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      while (state !== 0 && !this.next[state]?.has(unit)) state = this.fail[state] as number;
      state = this.next[state]?.get(unit) ?? 0;
      const length = this.match[state] as number;
      if (length > 0) cover(covered, i + 1 - length, i + 1);
    }
    return { covered, pending: this.depth[state] as number };
  }
}

/** Adds [start, end) to sorted merged ranges; ends only grow, so only the tail can merge. */
function cover(ranges: Array<[number, number]>, start: number, end: number): void {
  let from = start;
  while (ranges.length > 0) {
    const last = ranges[ranges.length - 1] as [number, number];
    if (last[1] < from) break;
    from = Math.min(from, last[0]);
    ranges.pop();
  }
  ranges.push([from, end]);
}
