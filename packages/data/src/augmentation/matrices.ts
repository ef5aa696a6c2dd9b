/**
 * 3×3 projective matrices (row-major) mapping an *output* pixel (x = column, y = row) to the *input* pixel
 * it samples, as `tf.image.transform` expects. Sequential transforms M1 then M2 fuse to M1·M2. @internal
 */
export type Matrix3 = [number, number, number, number, number, number, number, number, number];

export const IDENTITY: Matrix3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export function multiply(a: Matrix3, b: Matrix3): Matrix3 {
  const out = [0, 0, 0, 0, 0, 0, 0, 0, 0] as Matrix3;
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      out[r * 3 + c] = a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!;
    }
  }
  return out;
}

/** `T(c) · M · T(−c)`: applies a linear map about the image centre. */
export function aboutCentre(m: Matrix3, height: number, width: number): Matrix3 {
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  return multiply(multiply([1, 0, cx, 0, 1, cy, 0, 0, 1], m), [1, 0, -cx, 0, 1, -cy, 0, 0, 1]);
}

export const flipHorizontal = (width: number): Matrix3 => [-1, 0, width - 1, 0, 1, 0, 0, 0, 1];
export const flipVertical = (height: number): Matrix3 => [1, 0, 0, 0, -1, height - 1, 0, 0, 1];

/** Counter-clockwise rotation by `theta` radians as seen on screen (rows grow downwards). */
export function rotation(theta: number, height: number, width: number): Matrix3 {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  // Output→input is the inverse rotation; with y pointing down, a counter-clockwise turn on screen is −θ.
  return aboutCentre([c, -s, 0, s, c, 0, 0, 0, 1], height, width);
}

/** Shear by angle `phi` (radians) along x, about the centre. */
export function shear(phi: number, height: number, width: number): Matrix3 {
  return aboutCentre([1, -Math.sin(phi), 0, 0, Math.cos(phi), 0, 0, 0, 1], height, width);
}

/** Zoom: factors < 1 magnify (each output pixel samples a smaller input area), > 1 shrink. */
export function zoom(zx: number, zy: number, height: number, width: number): Matrix3 {
  return aboutCentre([zx, 0, 0, 0, zy, 0, 0, 0, 1], height, width);
}

/** Moves the content by (dx, dy) pixels (right / down positive). */
export const translation = (dx: number, dy: number): Matrix3 => [1, 0, -dx, 0, 1, -dy, 0, 0, 1];

/** The 8 numbers `[a0, a1, a2, b0, b1, b2, c0, c1]` of `tf.image.transform`, normalised so the last entry is 1. */
export function toTransformRow(m: Matrix3): number[] {
  const k = m[8];
  return [m[0] / k, m[1] / k, m[2] / k, m[3] / k, m[4] / k, m[5] / k, m[6] / k, m[7] / k];
}
