// patches/postgres@3.4.9.patch: postgres-js keeps its connections in queues, and under steady
// pipelined load the busy queue never drains. Unpatched, every query left a dead slot in it
// and `remove` scanned them all: 2 connections fell from ~25,000 to ~9,000 `select 1` a
// second within 12 seconds, and the array grew without bound.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Queue<T> {
  readonly length: number;
  push(x: T): T;
  shift(): T;
  remove(x: T): T | null;
}

type QueueOf = <T>(initial?: T[]) => Queue<T>;

// The package ships the queue twice: ESM in src/ (what `import` loads) and CommonJS in cjs/src/.
const require = createRequire(import.meta.url);
const cjsQueue = join(dirname(require.resolve('postgres')), 'queue.js');
const esmQueue = join(cjsQueue, '..', '..', '..', 'src', 'queue.js');
const variants: [string, QueueOf][] = [
  ['src (ESM)', ((await import(pathToFileURL(esmQueue).href)) as { default: QueueOf }).default],
  ['cjs/src', require(cjsQueue) as QueueOf],
];

/** Records the largest size its storage reaches (slice keeps the subclass). */
class Storage<T> extends Array<T> {
  static largest = 0;
  override push(...items: T[]): number {
    const length = super.push(...items);
    Storage.largest = Math.max(Storage.largest, length);
    return length;
  }
}

describe.each(variants)('postgres-js connection queue (patched), %s', (_, Queue) => {
  it('is first in, first out, and removes from anywhere', () => {
    const queue = Queue<string>();
    for (const x of ['a', 'b', 'c', 'd']) queue.push(x);
    expect(queue.shift()).toBe('a');
    expect(queue.remove('c')).toBe('c');
    expect(queue.remove('a')).toBeNull();
    expect(queue.length).toBe(2);
    expect([queue.shift(), queue.shift()]).toEqual(['b', 'd']);
    expect(queue.length).toBe(0);
  });

  it('stays small while it never drains (connections busy and pipelining)', () => {
    Storage.largest = 0;
    const busy = Queue(Storage.from(['first', 'second']));
    // What the pool does per query: take a busy connection, pipeline, put it back.
    for (let query = 0; query < 100_000; query++) {
      const connection = busy.shift();
      busy.remove(connection);
      busy.push(connection);
    }
    expect(busy.length).toBe(2);
    expect(Storage.largest).toBeLessThan(2_000);
  });
});
