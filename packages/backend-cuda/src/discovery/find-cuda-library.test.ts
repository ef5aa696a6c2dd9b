import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cudaLibrarySearchPath, type LibrarySearchEnvironment } from './cuda-library-search-path.js';
import { findCudaLibrary } from './find-cuda-library.js';

/** A real directory tree under a temp folder; absolute paths in the environment are mapped into it. */
function tree(files: readonly string[]): {
  root: string;
  environment: (env: Record<string, string>) => LibrarySearchEnvironment;
} {
  const root = mkdtempSync(join(tmpdir(), 'tessera-cuda-libs-'));
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), '');
  }
  return {
    root,
    environment: (env) => ({
      env,
      listDirectory(directory) {
        try {
          return readdirSync(join(root, directory));
        } catch {
          return undefined;
        }
      },
    }),
  };
}

describe('CUDA library discovery', () => {
  it('searches TESSERA_CUDA_LIB_DIR first, then LD_LIBRARY_PATH, then the toolkit folders', () => {
    const dirs = cudaLibrarySearchPath({
      env: { TESSERA_CUDA_LIB_DIR: '/opt/a:/opt/b/', LD_LIBRARY_PATH: '/ld', CUDA_HOME: '/cuda-home' },
      listDirectory: () => undefined,
    });
    expect(dirs.slice(0, 4)).toEqual(['/opt/a', '/opt/b', '/ld', '/cuda-home/lib64']);
    expect(dirs.indexOf('/usr/local/cuda/lib64')).toBeGreaterThan(dirs.indexOf('/cuda-home/lib64'));
    expect(dirs).toContain('/usr/lib/x86_64-linux-gnu');
    expect(new Set(dirs).size).toBe(dirs.length);
  });

  it('finds the newest soname in the first folder that has one', () => {
    const { environment } = tree([
      '/override/libcublas.so.12',
      '/usr/local/cuda/lib64/libcublas.so',
      '/usr/local/cuda/lib64/libcublas.so.13',
      '/usr/local/cuda/lib64/libcublas.so.13.0.2',
      '/usr/local/cuda/lib64/libcublasLt.so.13',
      '/usr/local/cuda/lib64/libcudart.so.13',
    ]);
    const withOverride = findCudaLibrary('cublas', environment({ TESSERA_CUDA_LIB_DIR: '/override' }));
    expect(withOverride.candidates).toEqual([
      '/override/libcublas.so.12',
      '/usr/local/cuda/lib64/libcublas.so.13',
      '/usr/local/cuda/lib64/libcublas.so.13.0.2',
      '/usr/local/cuda/lib64/libcublas.so',
    ]);
    expect(findCudaLibrary('cublasLt', environment({})).candidates).toEqual([
      '/usr/local/cuda/lib64/libcublasLt.so.13',
    ]);
    expect(findCudaLibrary('cudnn', environment({})).candidates).toEqual([]);
  });

  it('orders versioned toolkits newest first and finds pip wheels of Python environments (PyTorch)', () => {
    const { environment } = tree([
      '/usr/local/cuda-11.8/lib64/libcublas.so.11',
      '/usr/local/cuda-12.4/lib64/libcublas.so.12',
      '/usr/local/lib/python3.11/dist-packages/nvidia/cublas/lib/libcublas.so.12',
    ]);
    const found = findCudaLibrary('cublas', environment({}));
    expect(found.candidates).toEqual([
      '/usr/local/cuda-12.4/lib64/libcublas.so.12',
      '/usr/local/cuda-11.8/lib64/libcublas.so.11',
      '/usr/local/lib/python3.11/dist-packages/nvidia/cublas/lib/libcublas.so.12',
    ]);
    expect(found.searched).toContain('/usr/local/lib/python3.11/site-packages/nvidia/cublas/lib');
  });

  it("finds libcuda in WSL's driver folder", () => {
    const { environment } = tree(['/usr/lib/wsl/lib/libcuda.so.1', '/usr/lib/wsl/lib/libcuda.so']);
    expect(findCudaLibrary('cuda', environment({})).candidates).toEqual([
      '/usr/lib/wsl/lib/libcuda.so.1',
      '/usr/lib/wsl/lib/libcuda.so',
    ]);
  });
});
