/**
 * Small helpers shared by the benchmarks: a private Redis, percentiles, memory sampling and
 * a plain-text results table. Benchmarks report; they never fail the process on a missed target.
 */
import { spawnSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startRedis, type RedisServer } from '#test/support/redis.js';

/** One measured scenario, as a row of the results table. */
export interface Row {
  scenario: string;
  /** Seconds from the start signal to the last successful delivery. */
  wallS: number;
  /** Theoretical minimum under the binding limit, in seconds. */
  minS: number;
  errors429: number;
  duplicates: number;
  losses: number;
  /** Free-form columns (e.g. the ratio against a baseline). */
  extra?: Record<string, string>;
}

export interface Target {
  name: string;
  met: boolean;
  /** The measured value, as shown next to PASS/MISS. */
  detail: string;
}

export interface Result {
  name: string;
  rows: Row[];
  targets: Target[];
  notes: string[];
}

/** A private redis-server on a free port, or a clear message when none is installed. */
export async function privateRedis(): Promise<RedisServer> {
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error('benchmarks need redis-server on the PATH (Debian/Ubuntu: apt-get install redis-server)');
  }
  return startRedis();
}

/** The p-th percentile (0..100) by nearest rank; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}

/** Samples process.memoryUsage() until stopped; returns the peaks. */
export function sampleMemory(everyMs = 200): () => { rssMax: number; heapUsedMax: number } {
  let rssMax = 0;
  let heapUsedMax = 0;
  const take = () => {
    const m = process.memoryUsage();
    rssMax = Math.max(rssMax, m.rss);
    heapUsedMax = Math.max(heapUsedMax, m.heapUsed);
  };
  take();
  const timer = setInterval(take, everyMs);
  return () => {
    clearInterval(timer);
    take();
    return { rssMax, heapUsedMax };
  };
}

/**
 * Event-loop delay until stopped (ms). Bot, workers and emulator share this process, so a
 * stalled loop delays sends and bunches them up: the first suspect when a 429 appears.
 */
export function sampleEventLoop(): () => { p99Ms: number; maxMs: number } {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  return () => {
    h.disable();
    return { p99Ms: h.percentile(99) / 1e6, maxMs: h.max / 1e6 };
  };
}

export function ratio(row: Pick<Row, 'wallS' | 'minS'>): number {
  return row.wallS / row.minS;
}

/** A plain-text table: the first row is the header; numbers right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const numeric = (s: string) => /^[-+]?[\d.,×%]+$/.test(s);
  const line = (r: string[]) => r.map((c, i) => (numeric(c) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function rowsTable(rows: Row[]): string {
  const extraKeys = [...new Set(rows.flatMap((r) => Object.keys(r.extra ?? {})))];
  return table([
    ['scenario', 'wall s', 'min s', 'ratio', '429s', 'dup', 'lost', ...extraKeys],
    ...rows.map((r) => [
      r.scenario,
      r.wallS.toFixed(2),
      r.minS.toFixed(2),
      ratio(r).toFixed(3),
      String(r.errors429),
      String(r.duplicates),
      String(r.losses),
      ...extraKeys.map((k) => r.extra?.[k] ?? ''),
    ]),
  ]);
}

export function targetLines(targets: Target[]): string {
  return targets.map((t) => `${t.met ? 'PASS' : 'MISS'}  ${t.name}: ${t.detail}`).join('\n');
}

export function printResult(r: Result): void {
  console.log(`\n== ${r.name} ==\n`);
  console.log(rowsTable(r.rows));
  if (r.notes.length) console.log(`\n${r.notes.join('\n')}`);
  console.log(`\n${targetLines(r.targets)}`);
}
