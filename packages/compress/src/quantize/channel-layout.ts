import { ShapeError, ValidationError } from '@tessera/core';

/** Where the elements of one channel sit in a row-major buffer. @internal */
export interface ChannelLayout {
  /** Number of channels (1 for per-tensor). */
  readonly channels: number;
  /** Product of the dimensions after the axis: consecutive elements sharing a channel. */
  readonly inner: number;
}

/**
 * The layout of channels along `axis` (negative counts from the end) of a row-major tensor of `shape`, or
 * one channel when `axis` is null.
 * @throws ShapeError when the axis is outside the shape; ValidationError when it is not an integer
 * @internal
 */
export function channelLayout(shape: readonly number[], axis: number | null, where: string): ChannelLayout {
  if (axis === null) return { channels: 1, inner: shape.reduce((a, b) => a * b, 1) };
  if (!Number.isInteger(axis)) throw ValidationError.expected('an integer axis', axis, where);
  const a = axis < 0 ? shape.length + axis : axis;
  if (a < 0 || a >= shape.length) {
    throw new ShapeError(`Expected an axis in [-${shape.length}, ${shape.length - 1}], received ${axis}`, {
      where,
    });
  }
  return { channels: shape[a]!, inner: shape.slice(a + 1).reduce((x, y) => x * y, 1) };
}

/** The channel of flat index `i`. @internal */
export function channelOf(i: number, layout: ChannelLayout): number {
  return layout.channels === 1 ? 0 : Math.floor(i / layout.inner) % layout.channels;
}

/**
 * Checks a flat buffer against its shape and that every value is finite.
 * @throws ShapeError / ValidationError
 * @internal
 */
export function checkValues(values: ArrayLike<number>, shape: readonly number[], where: string): void {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw ValidationError.expected('a shape of non-negative integers', shape, where);
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (values?.length !== size) {
    throw new ShapeError(
      `Expected ${size} values for shape [${shape.join(', ')}], received ${values?.length}`,
      {
        where,
      },
    );
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw ValidationError.expected('finite values', values[i], `${where}[${i}]`);
    }
  }
}
