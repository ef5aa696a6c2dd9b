import { IOError, parseSafetensors, type RawTensor, serializeSafetensors } from '@tessera/core';
import type { SavedOptimizerState, SavedState, SavedStateTensor } from '@tessera/optim';

/** The JSON half of a saved optimizer state: everything but the tensor data, which goes to safetensors. */
export type OptimizerStateManifest = Omit<SavedOptimizerState, 'state'> & {
  readonly state:
    | (Omit<SavedState, 'tensors'> & { readonly tensors: readonly Omit<SavedStateTensor, 'data'>[] })
    | null;
};

const DTYPE = { float32: 'F32', int32: 'I32', bool: 'BOOL' } as const;

/**
 * Splits a saved optimizer state into a JSON manifest and a safetensors file holding its tensors (named by
 * index, with the state path in the metadata-free manifest).
 * @example
 * ```ts
 * const { manifest, bytes } = optimizerStateToFiles(await optimizer.saveState());
 * ```
 */
export function optimizerStateToFiles(saved: SavedOptimizerState): {
  manifest: OptimizerStateManifest;
  bytes: Uint8Array;
} {
  const tensors = saved.state?.tensors ?? [];
  const raw: Record<string, RawTensor> = {};
  tensors.forEach((t, i) => {
    raw[String(i)] = { dtype: DTYPE[t.dtype], shape: t.shape, data: t.data };
  });
  const manifest: OptimizerStateManifest = {
    ...saved,
    state: saved.state
      ? { ...saved.state, tensors: tensors.map(({ path, dtype, shape }) => ({ path, dtype, shape })) }
      : null,
  };
  return { manifest, bytes: serializeSafetensors(raw) };
}

/**
 * Joins a manifest and its safetensors file back into a saved optimizer state.
 * @throws IOError naming `file` when the file is corrupt or does not hold the manifest's tensors
 * @example
 * ```ts
 * optimizer.restoreState(optimizerStateFromFiles(manifest, bytes, 'optimizer.safetensors'));
 * ```
 */
export function optimizerStateFromFiles(
  manifest: OptimizerStateManifest,
  bytes: Uint8Array,
  file: string,
): SavedOptimizerState {
  if (manifest.state === null) return { ...manifest, state: null };
  let parsed: ReturnType<typeof parseSafetensors>;
  try {
    parsed = parseSafetensors(bytes);
  } catch (e) {
    throw new IOError(`Invalid safetensors file: ${(e as Error).message}`, { where: file, cause: e });
  }
  const tensors = manifest.state.tensors.map((t, i) => {
    const raw = parsed.tensors[String(i)];
    if (!raw || raw.dtype !== DTYPE[t.dtype] || raw.shape.join() !== t.shape.join()) {
      throw new IOError(`Optimizer tensor ${i} ("${t.path}") is missing or differs from the manifest`, {
        where: file,
      });
    }
    return { ...t, data: raw.data as SavedStateTensor['data'] };
  });
  return { ...manifest, state: { ...manifest.state, tensors } };
}
