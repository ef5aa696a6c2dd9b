import type { LayerWeight } from '../layer/layer-weight.js';
import type { Shape } from '../layer/layer-types.js';

/** One line of a model summary. */
export interface SummaryRow {
  readonly name: string;
  readonly className: string;
  /** `null` when the layer is not built yet. */
  readonly outputShape: Shape | Shape[] | null;
  readonly params: number;
  /** Functional models: the inputs of the layer's first call, `layer[node][tensor]`. */
  readonly connectedTo?: readonly string[];
}

const shapeText = (s: Shape | Shape[] | null): string => {
  if (s === null) return '?';
  const one = (x: Shape) =>
    `(${x.map((d) => (d === null ? 'None' : String(d))).join(', ')}${x.length === 1 ? ',' : ''})`;
  return Array.isArray(s[0]) ? `[${(s as Shape[]).map(one).join(', ')}]` : one(s as Shape);
};

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Formats Keras's model summary table: layer (type), output shape, parameter count (and, for functional
 * models, what each layer is connected to), then total, trainable and non-trainable parameter counts.
 * @example
 * ```ts
 * console.log(formatSummary('mlp', rows, model.weights));
 * ```
 */
export function formatSummary(
  name: string,
  rows: readonly SummaryRow[],
  weights: readonly LayerWeight[],
): string {
  const connected = rows.some((r) => r.connectedTo !== undefined);
  const cells = rows.map((r) => [
    `${r.name} (${r.className})`,
    shapeText(r.outputShape),
    count(r.params),
    ...(connected ? [(r.connectedTo ?? []).join(', ')] : []),
  ]);
  const header = ['Layer (type)', 'Output Shape', 'Param #', ...(connected ? ['Connected to'] : [])];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)) + 2);
  const total = widths.reduce((a, b) => a + b, 0) + 1;
  const line = (c: readonly string[]) => ` ${c.map((x, i) => x.padEnd(widths[i]!)).join('')}`.trimEnd();
  const trainable = weights.filter((w) => w.trainable).reduce((n, w) => n + w.variable.size, 0);
  const all = weights.reduce((n, w) => n + w.variable.size, 0);
  return [
    `Model: "${name}"`,
    '_'.repeat(total),
    line(header),
    '='.repeat(total),
    ...cells.flatMap((c, i) => (i === 0 ? [line(c)] : ['', line(c)])),
    '='.repeat(total),
    `Total params: ${count(all)}`,
    `Trainable params: ${count(trainable)}`,
    `Non-trainable params: ${count(all - trainable)}`,
    '_'.repeat(total),
  ].join('\n');
}
