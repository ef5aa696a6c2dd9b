import type { SavedOptimizerState } from '@tessera/optim';
import type { SerializedLayer } from '@tessera/layers';

/** Int32 cells of the control buffer after the barrier's: the go signal for the next epoch. @internal */
export const GO_CELL = 3;
/** Value of the go cell that ends training early. @internal */
export const STOP = -1;
/** Int32 cells of the control buffer in all. @internal */
export const CONTROL_CELLS = 4;

/** A tensor shared by all workers: its shape, dtype and buffer. */
export interface SharedTensor {
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly buffer: SharedArrayBuffer;
}

/** What each worker receives once, at start. */
export interface WorkerInit {
  readonly type: 'init';
  readonly index: number;
  readonly workers: number;
  readonly backend: string;
  /** Module URLs to import before the model is built (registering user plugins). */
  readonly setup: readonly string[];
  readonly topology: SerializedLayer;
  readonly weights: readonly Float32Array[];
  readonly optimizer: { readonly name: string; readonly options: Record<string, unknown> };
  readonly optimizerState: SavedOptimizerState | null;
  readonly loss: unknown;
  /** The compiled metrics of the one output, by name; each worker folds its shards into their states. */
  readonly metrics: readonly unknown[];
  readonly x: SharedTensor;
  readonly y: SharedTensor;
  readonly control: SharedArrayBuffer;
  /** `workers × parameters` float32 gradient slots. */
  readonly gradients: SharedArrayBuffer;
  /** One float64 loss slot per worker. */
  readonly losses: SharedArrayBuffer;
  readonly epochs: number;
  readonly initialEpoch: number;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly seed: number;
}

/**
 * Messages from a worker. Every worker reports readiness and, after each epoch, its metric states (of its
 * shards); worker 0 adds the epoch's loss and weights, and reports the final state.
 */
export type WorkerMessage =
  | { readonly type: 'ready'; readonly index: number }
  | {
      readonly type: 'epoch';
      readonly index: number;
      readonly epoch: number;
      readonly loss: number;
      readonly steps: number;
      /** One state per compiled metric, over this worker's shards of the epoch. */
      readonly metricStates: readonly unknown[];
      /** The replica's weights (worker 0 only; empty from the others). */
      readonly weights: Float32Array[];
    }
  | { readonly type: 'done'; readonly weights: Float32Array[]; readonly optimizerState: SavedOptimizerState }
  | { readonly type: 'error'; readonly index: number; readonly message: string; readonly stack?: string };
