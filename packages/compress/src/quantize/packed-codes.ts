import * as tf from '@tensorflow/tfjs-core';

/**
 * Packs int8 codes three to a float32 (`(c0 + 128) + 256·(c1 + 128) + 65536·(c2 + 128)`, below 2^24 so
 * every value is an exact float32): tfjs has no 8-bit tensors, and float32 is the one dtype every backend and
 * variable holds, so this keeps int8 weights at 1⅓ bytes each on the device.
 * @example
 * ```ts
 * packInt8Codes(Int8Array.of(-128, 0, 127, 1)); // Float32Array [16744448, 8421505] (padded with code 0)
 * ```
 */
export function packInt8Codes(codes: Int8Array): Float32Array {
  const packed = new Float32Array(Math.ceil(codes.length / 3));
  for (let i = 0; i < packed.length; i++) {
    const at = (k: number) => (3 * i + k < codes.length ? codes[3 * i + k]! + 128 : 128);
    packed[i] = at(0) + 256 * at(1) + 65536 * at(2);
  }
  return packed;
}

/**
 * Unpacks {@link packInt8Codes} on the device: float32 codes −128…127, the first `count`. Integer arithmetic
 * in float32 is exact below 2^24, so the codes come back exactly.
 * @example
 * ```ts
 * const codes = unpackInt8Codes(tf.tensor1d(packInt8Codes(q.values)), q.values.length);
 * ```
 */
export function unpackInt8Codes(packed: tf.Tensor, count: number): tf.Tensor1D {
  return tf.tidy(() => {
    const low = tf.mod(packed, 256);
    // Division by a power of two is exact in float32 (tf.floorDiv would return int32).
    const rest = tf.floor(tf.div(packed, 256));
    const middle = tf.mod(rest, 256);
    const high = tf.floor(tf.div(rest, 256));
    const interleaved = tf.reshape(tf.stack([low, middle, high], -1), [-1]);
    return tf.sub(tf.slice(interleaved, 0, count), 128) as tf.Tensor1D;
  });
}
