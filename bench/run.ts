/**
 * `npm run bench [-- NAME…]`: runs the benchmarks in order (only those whose name contains
 * one of the arguments, when given) and prints their results and a summary. Missed targets
 * are reported, not failed: the exit code is 0 unless a benchmark could not run at all.
 */
import { cpus } from 'node:os';
import { printResult, targetLines, type Result } from './support.js';

interface Benchmark {
  name: string;
  run(): Promise<Result>;
}

/** Every benchmark, in the order they run. Add new ones here. */
const BENCHMARKS: Benchmark[] = [
  { name: 'broadcast', run: async () => (await import('./broadcast.js')).run() },
  { name: 'report', run: async () => (await import('./report.js')).run() },
  { name: 'reminders', run: async () => (await import('./reminders.js')).run() },
  { name: 'intake', run: async () => (await import('./intake.js')).run() },
  { name: 'summary', run: async () => (await import('./summary.js')).run() },
  { name: 'fairness', run: async () => (await import('./fairness.js')).run() },
  { name: 'zalo', run: async () => (await import('./zalo.js')).run() },
  { name: 'scale', run: async () => (await import('./scale.js')).run() },
  { name: 'desk', run: async () => (await import('./desk.js')).run() },
];

async function main(): Promise<number> {
  const filters = process.argv.slice(2).filter((a) => a !== '--').map((a) => a.toLowerCase());
  const chosen = BENCHMARKS.filter((b) => filters.length === 0 || filters.some((f) => b.name.toLowerCase().includes(f)));
  if (chosen.length === 0) {
    console.error(`no benchmark matches ${filters.join(' ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    return 1;
  }
  console.log(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), ${process.platform}/${process.arch}`);

  const results: { name: string; result?: Result; error?: Error }[] = [];
  for (const b of chosen) {
    console.log(`\n▶ ${b.name}`);
    const started = Date.now();
    try {
      const result = await b.run();
      printResult(result);
      results.push({ name: b.name, result });
    } catch (err) {
      console.error(`✖ ${b.name} could not run: ${(err as Error).stack ?? String(err)}`);
      results.push({ name: b.name, error: err as Error });
    }
    console.log(`(${b.name}: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }

  console.log('\n== summary ==');
  for (const r of results) {
    if (r.error) {
      console.log(`${r.name}: ERROR ${r.error.message}`);
      continue;
    }
    const missed = r.result!.targets.filter((t) => !t.met);
    console.log(`${r.name}: ${r.result!.targets.length - missed.length}/${r.result!.targets.length} targets met`);
    if (missed.length) console.log(targetLines(missed).replace(/^/gm, '  '));
  }
  return results.some((r) => r.error) ? 1 : 0;
}

// Exit explicitly: a benchmark that failed half-way may leave a socket or timer behind.
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
