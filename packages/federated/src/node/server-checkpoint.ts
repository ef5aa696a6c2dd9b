import { access } from 'node:fs/promises';
import { IOError, type TensorTree } from '@tessera/core';
import { readSafetensorsFile, writeSafetensorsFile } from '@tessera/core/node';
import * as tf from '@tensorflow/tfjs-core';
import type { StrategyState } from '../strategy/types.js';

/** Everything a server needs to resume: the round just completed and the state after it. */
export interface ServerCheckpoint<S extends StrategyState = StrategyState, R = unknown> {
  /** The last completed round (0 before the first). */
  readonly round: number;
  readonly parameters: TensorTree;
  /** The strategy's state, privacy accountant included for DP strategies. */
  readonly strategyState: S;
  /** Per-round records so far (plain JSON). */
  readonly history: readonly R[];
}

const METADATA_KEY = 'tessera.federated.checkpoint';
const FORMAT = 1;

/**
 * Writes a server checkpoint as one safetensors file, atomically (temporary file, fsync, rename — see
 * `writeSafetensorsFile`): the parameters under `parameters/…`, the strategy state's tensors under
 * `state/…`, and the round, the rest of the state (the privacy accountant's history, clip norm, step
 * counts) and the history as JSON in the file's metadata. One file, so a crash can never pair a model
 * with the state of another round.
 *
 * @example
 * ```ts
 * await saveServerCheckpoint('run/server.safetensors', { round, parameters, strategyState: state, history });
 * ```
 * @throws {@link IOError} when the file cannot be written.
 */
export async function saveServerCheckpoint(path: string, checkpoint: ServerCheckpoint): Promise<void> {
  const tensors: Record<string, tf.Tensor> = {};
  for (const [name, t] of Object.entries(checkpoint.parameters)) tensors[`parameters/${name}`] = t;
  let count = 0;
  const encode = (node: StrategyState): unknown => {
    if (node instanceof tf.Tensor) {
      const name = `state/${count++}`;
      tensors[name] = node;
      return { $tensor: name };
    }
    if (Array.isArray(node)) return node.map(encode);
    if (node !== null && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, encode(v)]));
    if (typeof node === 'number' && !Number.isFinite(node)) return { $number: String(node) };
    return node;
  };
  const json = JSON.stringify(
    {
      format: FORMAT,
      round: checkpoint.round,
      state: encode(checkpoint.strategyState),
      history: checkpoint.history,
    },
    (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? { $number: String(v) } : v),
  );
  await writeSafetensorsFile(path, tensors, { metadata: { [METADATA_KEY]: json } });
}

/**
 * Reads a checkpoint written by {@link saveServerCheckpoint}, or returns `null` when there is no file.
 * The caller owns the returned tensors.
 *
 * @example
 * ```ts
 * const resumed = await loadServerCheckpoint('run/server.safetensors');
 * ```
 * @throws {@link IOError} when the file exists but is not a server checkpoint.
 */
export async function loadServerCheckpoint<S extends StrategyState, R>(
  path: string,
): Promise<ServerCheckpoint<S, R> | null> {
  try {
    await access(path);
  } catch {
    return null;
  }
  const { tensors, metadata } = await readSafetensorsFile(path);
  const text = metadata[METADATA_KEY];
  let parsed: { format: number; round: number; state: unknown; history: R[] };
  try {
    parsed = JSON.parse(text ?? '', (_k, v) =>
      v !== null && typeof v === 'object' && '$number' in v ? Number(v.$number) : v,
    );
    if (parsed.format !== FORMAT || !Number.isSafeInteger(parsed.round))
      throw new Error(`unknown format ${parsed.format}`);
  } catch (e) {
    tf.dispose(Object.values(tensors));
    throw new IOError(`Not a federated server checkpoint: ${(e as Error).message}`, {
      where: path,
      cause: e,
    });
  }
  const used = new Set<string>();
  const decode = (node: unknown): StrategyState => {
    if (Array.isArray(node)) return node.map(decode);
    if (node !== null && typeof node === 'object') {
      const name = (node as { $tensor?: unknown }).$tensor;
      if (typeof name === 'string' && tensors[name]) {
        used.add(name);
        return tensors[name];
      }
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, decode(v)]));
    }
    return node as StrategyState;
  };
  const strategyState = decode(parsed.state) as S;
  const parameters: TensorTree = {};
  for (const [name, t] of Object.entries(tensors)) {
    if (name.startsWith('parameters/')) parameters[name.slice('parameters/'.length)] = t;
    else if (!used.has(name)) t.dispose();
  }
  return { round: parsed.round, parameters, strategyState, history: parsed.history };
}
