import type { BackendRecord } from './port.js';

export type HealthColor = 'green' | 'yellow' | 'red';

/** Green: reachable, auth valid, last sync ok. Yellow: warnings, or not synced yet. Red: failed. */
export function healthOf(record: BackendRecord): HealthColor {
  if (record.lastSyncStatus === 'error') return 'red';
  if (record.lastSyncStatus === 'ok') return 'green';
  return 'yellow';
}

const RECENT = 200;

/** Round-trip times of this instance's recent calls to each backend. */
export function createLatencyStats() {
  const samples = new Map<string, number[]>();
  const percentile = (sorted: number[], p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? null;
  return {
    record(backend: string, ms: number): void {
      const list = samples.get(backend) ?? [];
      list.push(ms);
      if (list.length > RECENT) list.shift();
      samples.set(backend, list);
    },
    of(backend: string): { p50Ms: number | null; p95Ms: number | null; samples: number } {
      const sorted = [...(samples.get(backend) ?? [])].sort((a, b) => a - b);
      return {
        p50Ms: percentile(sorted, 50),
        p95Ms: percentile(sorted, 95),
        samples: sorted.length,
      };
    },
    forget(backend: string): void {
      samples.delete(backend);
    },
  };
}

/** `https://vault.example.com:8200/x` → `https://vault.example.com:8200` with any credentials gone. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(invalid URL)';
  }
}
