// Where the CPU goes during a load: the server process, PostgreSQL's processes, this (the
// load generator) process, and the machine's idle and steal time, from /proc (Linux only).
// On a 2-core VM shared by all three, these say whether a latency is the server's own cost.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of a process, in ticks; 0 once it is gone. */
function processTicks(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function postgresTicks() {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') {
        total += processTicks(entry);
      }
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

/** The machine's idle and steal ticks, and all ticks, summed over every core. */
function machineTicks() {
  const fields = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return {
    idle: fields[3] + fields[4],
    steal: fields[7] ?? 0,
    all: fields.reduce((a, b) => a + b, 0),
  };
}

/**
 * Starts measuring; the returned function stops and gives each party's share of one core
 * (`server`, `postgres`, `bench`, in %), the machine's `idle` and `steal` (% of all cores),
 * and `serverMsPerRequest` for `requests` handled meanwhile.
 */
export function cpuMeter(serverPid) {
  const snapshot = () => ({
    at: performance.now(),
    server: processTicks(serverPid),
    postgres: postgresTicks(),
    bench: processTicks(process.pid),
    machine: machineTicks(),
  });
  const start = snapshot();
  return (requests) => {
    const end = snapshot();
    const seconds = (end.at - start.at) / 1000;
    const coreShare = (key) => ((end[key] - start[key]) / TICKS_PER_SECOND / seconds) * 100;
    const all = end.machine.all - start.machine.all || 1;
    return {
      server: coreShare('server'),
      postgres: coreShare('postgres'),
      bench: coreShare('bench'),
      idle: ((end.machine.idle - start.machine.idle) / all) * 100,
      steal: ((end.machine.steal - start.machine.steal) / all) * 100,
      serverMsPerRequest: ((end.server - start.server) / TICKS_PER_SECOND / requests) * 1000,
    };
  };
}
