/**
 * Benchmark harness: runs every case of a named benchmark several times (after warm-up), and writes the
 * median and spread as JSON and a Markdown table under bench/results/. Benchmarks are never run as tests.
 *
 * A case returns how many work units it processed (samples, parameters, images...) so the table shows
 * throughput, or a `{ units, seconds }` pair when it timed itself (e.g. a PyTorch run in a child process,
 * reported side by side with ours).
 */
export type CaseResult = number | undefined | { units: number; seconds: number };

export interface Benchmark {
  name: string;
  description: string;
  /** The unit of throughput, e.g. `'samples/s'`; `units` returned by a case are counted in it. */
  unit?: string;
  /** Repetitions per case (default 5) and warm-up runs (default 1). */
  repeats?: number;
  warmup?: number;
  setup?(): Promise<void> | void;
  teardown?(): Promise<void> | void;
  cases: Record<string, () => Promise<CaseResult> | CaseResult>;
}

export interface CaseSummary {
  case: string;
  runs: number;
  medianSeconds: number;
  minSeconds: number;
  maxSeconds: number;
  /** Median absolute deviation relative to the median, as a fraction. */
  spread: number;
  medianThroughput: number | null;
  unit: string | null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function timeOnce(
  fn: () => Promise<CaseResult> | CaseResult,
): Promise<{ seconds: number; units: number | null }> {
  const t0 = performance.now();
  const r = await fn();
  const elapsed = (performance.now() - t0) / 1000;
  if (r && typeof r === 'object') return { seconds: r.seconds, units: r.units };
  return { seconds: elapsed, units: typeof r === 'number' ? r : null };
}

/** Runs one benchmark and returns a summary row per case. */
export async function runBenchmark(
  bench: Benchmark,
  log: (line: string) => void = console.log,
): Promise<CaseSummary[]> {
  const repeats = bench.repeats ?? 5;
  const warmup = bench.warmup ?? 1;
  await bench.setup?.();
  const rows: CaseSummary[] = [];
  try {
    for (const [name, fn] of Object.entries(bench.cases)) {
      for (let i = 0; i < warmup; i++) await fn();
      const runs: { seconds: number; units: number | null }[] = [];
      for (let i = 0; i < repeats; i++) runs.push(await timeOnce(fn));
      const secs = runs.map((r) => r.seconds);
      const med = median(secs);
      const mad = median(secs.map((s) => Math.abs(s - med)));
      const thr = runs.every((r) => r.units !== null) ? median(runs.map((r) => r.units! / r.seconds)) : null;
      const row: CaseSummary = {
        case: name,
        runs: repeats,
        medianSeconds: med,
        minSeconds: Math.min(...secs),
        maxSeconds: Math.max(...secs),
        spread: med > 0 ? mad / med : 0,
        medianThroughput: thr,
        unit: thr === null ? null : (bench.unit ?? 'units/s'),
      };
      rows.push(row);
      log(`${bench.name} / ${name}: ${formatRow(row)}`);
    }
  } finally {
    await bench.teardown?.();
  }
  return rows;
}

function fmt(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (a >= 1e3) return `${(x / 1e3).toFixed(2)}k`;
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

function formatRow(r: CaseSummary): string {
  const t = `median ${fmt(r.medianSeconds)} s (min ${fmt(r.minSeconds)}, max ${fmt(r.maxSeconds)}, ±${(r.spread * 100).toFixed(1)}%)`;
  return r.medianThroughput === null ? t : `${fmt(r.medianThroughput)} ${r.unit}; ${t}`;
}

/** Renders a result table in Markdown. */
export function toMarkdown(
  bench: Benchmark,
  rows: CaseSummary[],
  environment: Record<string, string>,
): string {
  const lines = [
    `# ${bench.name}`,
    '',
    bench.description,
    '',
    `Measured ${environment.date} on ${environment.machine}; Node ${environment.node}. Median of ${rows[0]?.runs ?? 0} runs after warm-up; spread is the median absolute deviation relative to the median.`,
    '',
    '| case | throughput | median time (s) | min (s) | max (s) | spread |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.case} | ${r.medianThroughput === null ? '—' : `${fmt(r.medianThroughput)} ${r.unit}`} | ${fmt(r.medianSeconds)} | ${fmt(r.minSeconds)} | ${fmt(r.maxSeconds)} | ±${(r.spread * 100).toFixed(1)}% |`,
    ),
    '',
  ];
  return lines.join('\n');
}
