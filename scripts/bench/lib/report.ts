/** Markdown output shared by the benchmarks: each bench prints one section to stdout. */
import type { LoadFigures } from './load.js';

export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export function fixed(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

/** Rows of requests/s and latency for load runs. */
export function loadTable(runs: LoadFigures[]): string {
  return table(
    [
      'Server',
      'Requests/s',
      'p50 latency (ms)',
      'p99 latency (ms)',
      'Requests',
      'Non-2xx',
      'Errors',
    ],
    runs.map((r) => [
      r.label,
      fixed(r.requestsPerSec, 0),
      fixed(r.p50Ms),
      fixed(r.p99Ms),
      r.requests,
      r.non2xx,
      r.errors,
    ]),
  );
}
