/**
 * A small wrapper around autocannon. Servers are measured in alternating rounds (A, B, A, B, ...)
 * and each figure is the median over the rounds, so a burst of load from elsewhere on the machine
 * hits both sides instead of skewing one.
 */
import autocannon from 'autocannon';

export interface LoadFigures {
  label: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface Target {
  label: string;
  url: string;
}

export interface LoadOptions {
  connections?: number;
  /** Seconds per round (BENCH_DURATION, default 3). */
  durationSec?: number;
  /** Rounds per target (BENCH_ROUNDS, default 3). */
  rounds?: number;
}

function run(url: string, connections: number, duration: number) {
  return autocannon({ url, connections, duration, headers: { accept: 'text/html' } });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Warms every target up (JIT, view caches), then measures them in alternating rounds. */
export async function compare(targets: Target[], opts: LoadOptions = {}): Promise<LoadFigures[]> {
  const connections = opts.connections ?? 10;
  const duration = opts.durationSec ?? Number(process.env.BENCH_DURATION ?? 3);
  const rounds = opts.rounds ?? Number(process.env.BENCH_ROUNDS ?? 3);
  for (const t of targets) await run(t.url, connections, 1);
  const results = targets.map(() => [] as autocannon.Result[]);
  for (let round = 0; round < rounds; round += 1) {
    for (const [i, t] of targets.entries())
      results[i].push(await run(t.url, connections, duration));
  }
  return targets.map((t, i) => ({
    label: t.label,
    requestsPerSec: median(results[i].map((r) => r.requests.average)),
    p50Ms: median(results[i].map((r) => r.latency.p50)),
    p99Ms: median(results[i].map((r) => r.latency.p99)),
    requests: results[i].reduce((sum, r) => sum + r.requests.total, 0),
    non2xx: results[i].reduce((sum, r) => sum + r.non2xx, 0),
    errors: results[i].reduce((sum, r) => sum + r.errors, 0),
  }));
}

export function settings(): { connections: number; durationSec: number; rounds: number } {
  return {
    connections: 10,
    durationSec: Number(process.env.BENCH_DURATION ?? 3),
    rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  };
}
