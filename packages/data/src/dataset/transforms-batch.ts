import * as tf from '@tensorflow/tfjs-core';
import { disposeElement } from './element-tree.js';
import type { Producer } from './producer.js';
import { stackElements, unstackElement } from './stack-elements.js';

export function batchProducer<T>(
  source: Producer<T>,
  size: number,
  dropRemainder: boolean,
): Producer<unknown> {
  const stack = (items: T[]) => {
    try {
      return tf.tidy(() => stackElements(items) as tf.TensorContainer);
    } finally {
      for (const item of items) disposeElement(item);
    }
  };
  return async function* () {
    let pending: T[] = [];
    try {
      for await (const value of source()) {
        pending.push(value);
        if (pending.length === size) {
          const items = pending;
          pending = [];
          yield stack(items);
        }
      }
      if (pending.length > 0 && !dropRemainder) {
        const items = pending;
        pending = [];
        yield stack(items);
      }
    } finally {
      for (const item of pending) disposeElement(item);
    }
  };
}

export function unbatchProducer<T>(source: Producer<T>): Producer<unknown> {
  return async function* () {
    for await (const batch of source()) {
      let parts: unknown[];
      try {
        parts = tf.tidy(() => unstackElement(batch) as tf.TensorContainer) as unknown[];
      } finally {
        disposeElement(batch);
      }
      let next = 0;
      try {
        while (next < parts.length) yield parts[next++];
      } finally {
        // Only non-empty when the consumer stopped in the middle of a batch.
        for (let i = next; i < parts.length; i++) disposeElement(parts[i]);
      }
    }
  };
}
