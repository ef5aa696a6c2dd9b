import { describe, expect, it } from 'vitest';
import { columnMajorGemm, type GemmProblem } from './gemm-engine.js';

/** Reference column-major BLAS sgemm (the cuBLAS contract): C = alpha·op(A)·op(B) + beta·C. */
function blasSgemm(g: ReturnType<typeof columnMajorGemm>, memory: Float32Array[]): void {
  const [A, B, C] = [memory[g.A]!, memory[g.B]!, memory[g.C]!];
  for (let j = 0; j < g.n; j++)
    for (let i = 0; i < g.m; i++) {
      let sum = 0;
      for (let l = 0; l < g.k; l++) {
        const a = g.transa ? A[l + i * g.lda]! : A[i + l * g.lda]!;
        const b = g.transb ? B[j + l * g.ldb]! : B[l + j * g.ldb]!;
        sum += a * b;
      }
      C[i + j * g.ldc] = g.alpha * sum + g.beta * C[i + j * g.ldc]!;
    }
}

function rowMajorProduct(
  a: number[],
  b: number[],
  m: number,
  n: number,
  k: number,
  ta: boolean,
  tb: boolean,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let l = 0; l < k; l++)
        s += (ta ? a[l * m + i]! : a[i * k + l]!) * (tb ? b[j * k + l]! : b[l * n + j]!);
      out.push(s);
    }
  return out;
}

describe('columnMajorGemm', () => {
  for (const [ta, tb] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    it(`computes the row-major product through a column-major BLAS (transposeA ${ta}, transposeB ${tb})`, () => {
      const m = 3,
        n = 4,
        k = 5;
      const a = Array.from({ length: m * k }, (_, i) => ((i * 7) % 11) - 5);
      const b = Array.from({ length: k * n }, (_, i) => ((i * 5) % 13) - 6);
      const memory = [new Float32Array(a), new Float32Array(b), new Float32Array(m * n)];
      const problem: GemmProblem = {
        a: 0,
        b: 1,
        c: 2,
        m,
        n,
        k,
        transposeA: ta,
        transposeB: tb,
        batch: 1,
        strideA: 0,
        strideB: 0,
        strideC: 0,
      };
      blasSgemm(columnMajorGemm(problem), memory);
      expect(Array.from(memory[2]!)).toEqual(rowMajorProduct(a, b, m, n, k, ta, tb));
    });
  }

  it('swaps the batch strides with the operands and keeps alpha and beta', () => {
    const g = columnMajorGemm({
      a: 1,
      b: 2,
      c: 3,
      m: 2,
      n: 3,
      k: 4,
      transposeA: false,
      transposeB: false,
      batch: 5,
      strideA: 8,
      strideB: 0,
      strideC: 6,
      alpha: 2,
      beta: 1,
    });
    expect(g).toMatchObject({
      A: 2,
      strideA: 0,
      B: 1,
      strideB: 8,
      C: 3,
      strideC: 6,
      batch: 5,
      alpha: 2,
      beta: 1,
      lda: 3,
      ldb: 4,
      ldc: 3,
    });
  });
});
