import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { findCudaTool } from './find-cuda-tool.js';
import {
  artefactNames,
  CUBIN_ARCHITECTURES,
  kernelCacheKey,
  lowerPtxVersion,
  nvccPtxArguments,
  ptxasArguments,
} from './kernel-build-plan.js';

const run = promisify(execFile);

/** Where the kernel sources are and where their artefacts go. */
export interface CompileKernelsOptions {
  /** `cuda/kernels`: one `.cu` per module. */
  readonly kernelDirectory: string;
  /** `cuda/include`. */
  readonly includeDirectory: string;
  /** Where `<Name>.ptx` and `<Name>.sm_XY.cubin` are written. */
  readonly outputDirectory: string;
  /** Content-addressed cache of earlier builds (skipped when absent). */
  readonly cacheDirectory?: string;
  /** Compilations at once (default 4: nvcc spends much of its time waiting on its sub-processes). */
  readonly jobs?: number;
  /** Only these modules (default: every `.cu` file). */
  readonly only?: readonly string[];
}

/** What happened to one module. */
export interface CompiledKernel {
  readonly module: string;
  readonly key: string;
  readonly cached: boolean;
  readonly files: readonly string[];
}

function headersOf(includeDirectory: string): string[] {
  const dir = join(includeDirectory, 'tessera');
  return readdirSync(dir)
    .sort()
    .map((f) => `${f}\n${readFileSync(join(dir, f), 'utf8')}`);
}

async function compileOne(
  source: string,
  target: string,
  tools: { nvcc: string; ptxas: string },
  includeDirectory: string,
): Promise<void> {
  const name = basename(source, '.cu');
  const rawPtx = join(target, `${name}.nvcc.ptx`);
  try {
    await run(tools.nvcc, nvccPtxArguments(source, rawPtx, includeDirectory), { maxBuffer: 16 << 20 });
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`nvcc failed on ${source}:\n${detail}`);
  }
  const ptx = join(target, `${name}.ptx`);
  writeFileSync(ptx, lowerPtxVersion(readFileSync(rawPtx, 'utf8')));
  for (const arch of CUBIN_ARCHITECTURES) {
    try {
      await run(tools.ptxas, ptxasArguments(ptx, arch, join(target, `${name}.${arch}.cubin`)));
    } catch (error) {
      const detail = (error as { stderr?: string }).stderr ?? String(error);
      throw new Error(`ptxas (${arch}) rejected the PTX of ${source}:\n${detail}`);
    }
  }
}

/**
 * Compiles every kernel module to PTX (ISA lowered to 8.0) with nvcc and assembles it with ptxas into
 * sm_80 and sm_90 cubins, which also validates the PTX. Modules whose cache key (source, headers, nvcc
 * version, settings) is in the cache are copied from it. Runs `jobs` compilations at once.
 *
 * @throws Error naming the file and the compiler's message when a module fails to compile
 */
export async function compileCudaKernels(options: CompileKernelsOptions): Promise<CompiledKernel[]> {
  const tools = { nvcc: findCudaTool('nvcc'), ptxas: findCudaTool('ptxas') };
  const { stdout: version } = await run(tools.nvcc, ['--version']);
  const headers = headersOf(options.includeDirectory);
  const sources = readdirSync(options.kernelDirectory)
    .filter((f) => f.endsWith('.cu'))
    .filter((f) => !options.only || options.only.includes(basename(f, '.cu')))
    .sort();
  mkdirSync(options.outputDirectory, { recursive: true });
  const results: CompiledKernel[] = [];
  const queue = [...sources];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const module = basename(file, '.cu');
      const source = join(options.kernelDirectory, file);
      const key = kernelCacheKey(readFileSync(source, 'utf8'), headers, version);
      const files = artefactNames(module);
      const cacheEntry = options.cacheDirectory ? join(options.cacheDirectory, key) : undefined;
      const cached = cacheEntry !== undefined && files.every((f) => existsSync(join(cacheEntry, f)));
      if (!cached) {
        const scratch = mkdtempSync(join(tmpdir(), `tessera-cuda-${module}-`));
        try {
          await compileOne(source, scratch, tools, options.includeDirectory);
          const target = cacheEntry ?? options.outputDirectory;
          mkdirSync(target, { recursive: true });
          for (const f of files) copyFileSync(join(scratch, f), join(target, f));
        } finally {
          rmSync(scratch, { recursive: true, force: true });
        }
      }
      if (cacheEntry)
        for (const f of files) copyFileSync(join(cacheEntry, f), join(options.outputDirectory, f));
      results.push({ module, key, cached, files });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs ?? 4) }, worker));
  return results.sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0));
}
