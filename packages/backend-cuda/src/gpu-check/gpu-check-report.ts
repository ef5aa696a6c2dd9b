import type { TestOutcome } from './mini-runner.js';

/** Everything the GPU run records under bench/results/. */
export interface GpuCheckReport {
  readonly date: string;
  readonly gpu: string;
  readonly computeCapability: string;
  readonly driverVersion: string;
  readonly gemm: string;
  readonly node: string;
  readonly kernelImages: Record<string, string>;
  readonly conformance: readonly TestOutcome[];
  readonly training: readonly {
    name: string;
    problems: string[];
    cpuSeconds: number;
    cudaSeconds: number;
    steps: number;
    finalLoss: { cpu: number; cuda: number };
  }[];
  readonly coverage: {
    native: number;
    completed: readonly string[];
    fallback: readonly string[];
    missing: number;
  };
}

/** Renders the report as Markdown for bench/results/cuda-gpu-check.md. */
export function reportMarkdown(r: GpuCheckReport): string {
  const passed = r.conformance.filter((o) => o.status === 'passed').length;
  const failed = r.conformance.filter((o) => o.status === 'failed');
  const skipped = r.conformance.filter((o) => o.status === 'skipped').length;
  const images = Object.values(r.kernelImages);
  const lines = [
    '# CUDA backend GPU check',
    '',
    `Run ${r.date} on ${r.gpu} (compute capability ${r.computeCapability}), driver CUDA ${r.driverVersion}, GEMM: ${r.gemm}, Node ${r.node}.`,
    `Kernel modules loaded: ${images.filter((f) => f.endsWith('.cubin')).length} from cubins, ${images.filter((f) => f.endsWith('.ptx')).length} JIT-compiled from PTX.`,
    '',
    `## Conformance suite (cuda against cpu): ${passed} passed, ${failed.length} failed, ${skipped} skipped`,
    '',
    ...failed.map((o) => `- **${o.name}**: ${(o.error ?? '').split('\n')[0]}`),
    '',
    '## Training (losses per step against cpu, rtol 1e-3; tensors and device bytes per epoch)',
    '',
    '| model | steps | final loss cpu | final loss cuda | cpu s | cuda s | result |',
    '|---|---|---|---|---|---|---|',
    ...r.training.map(
      (t) =>
        `| ${t.name} | ${t.steps} | ${t.finalLoss.cpu.toFixed(6)} | ${t.finalLoss.cuda.toFixed(6)} | ${t.cpuSeconds.toFixed(1)} | ${t.cudaSeconds.toFixed(1)} | ${t.problems.length === 0 ? 'ok' : t.problems.slice(0, 3).join('; ')} |`,
    ),
    '',
    `## Kernel coverage: ${r.coverage.native} native, ${r.coverage.completed.length} completed by core, ${r.coverage.fallback.length} on the cpu fallback, ${r.coverage.missing} missing`,
    '',
    `Completed: ${r.coverage.completed.join(', ') || '—'}`,
    '',
    `Cpu fallback: ${r.coverage.fallback.join(', ') || '—'}`,
    '',
  ];
  return lines.join('\n');
}
