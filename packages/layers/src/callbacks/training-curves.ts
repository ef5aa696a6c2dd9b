import { ValidationError } from '@tessera/core';

/** What the report draws: epochs and each log key's values (a {@link History} fits). */
export interface CurveData {
  readonly epoch: readonly number[];
  readonly history: Readonly<Record<string, readonly number[]>>;
}

/** Options of {@link trainingCurvesSvg} and {@link trainingReportHtml}. */
export interface TrainingCurvesOptions {
  /** Title above the panels (default "Training curves"). */
  title?: string;
  /** Width and height of one panel in pixels (default 420 × 260). */
  panelWidth?: number;
  panelHeight?: number;
}

const escapeXml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const COLORS = { train: '#1f77b4', val: '#ff7f0e' };

/** Groups `loss`/`val_loss`, `accuracy`/`val_accuracy`, ... into one panel each. */
function panels(data: CurveData): { name: string; train?: readonly number[]; val?: readonly number[] }[] {
  const names = [...new Set(Object.keys(data.history).map((k) => k.replace(/^val_/, '')))];
  return names.map((name) => ({
    name,
    ...(data.history[name] ? { train: data.history[name] } : {}),
    ...(data.history[`val_${name}`] ? { val: data.history[`val_${name}`] } : {}),
  }));
}

const tick = (v: number) =>
  Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.01)
    ? v.toExponential(1)
    : Number(v.toPrecision(3)).toString();

function panelSvg(
  epochs: readonly number[],
  p: ReturnType<typeof panels>[number],
  x0: number,
  y0: number,
  w: number,
  h: number,
): string {
  const m = { left: 56, right: 12, top: 28, bottom: 36 };
  const series = [p.train, p.val].filter((s): s is readonly number[] => s !== undefined);
  const values = series.flat().filter(Number.isFinite);
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (hi === lo) [lo, hi] = [lo - 0.5, hi + 0.5];
  const e0 = epochs[0] ?? 0;
  const e1 = Math.max(epochs.at(-1) ?? 1, e0 + 1);
  const sx = (e: number) => x0 + m.left + ((e - e0) / (e1 - e0)) * (w - m.left - m.right);
  const sy = (v: number) => y0 + h - m.bottom - ((v - lo) / (hi - lo)) * (h - m.top - m.bottom);
  const parts = [
    `<text x="${x0 + w / 2}" y="${y0 + 18}" text-anchor="middle" font-weight="bold">${escapeXml(p.name)}</text>`,
  ];
  parts.push(
    `<rect x="${x0 + m.left}" y="${y0 + m.top}" width="${w - m.left - m.right}" height="${h - m.top - m.bottom}" fill="none" stroke="#999"/>`,
  );
  for (let i = 0; i <= 4; i++) {
    const v = lo + ((hi - lo) * i) / 4;
    parts.push(
      `<text x="${x0 + m.left - 6}" y="${sy(v) + 4}" text-anchor="end" font-size="11">${tick(v)}</text>`,
    );
  }
  for (const e of epochs.length <= 12
    ? epochs
    : epochs.filter((_, i) => i % Math.ceil(epochs.length / 10) === 0)) {
    parts.push(
      `<text x="${sx(e)}" y="${y0 + h - m.bottom + 16}" text-anchor="middle" font-size="11">${e + 1}</text>`,
    );
  }
  parts.push(`<text x="${x0 + w / 2}" y="${y0 + h - 4}" text-anchor="middle" font-size="11">epoch</text>`);
  const draw = (s: readonly number[] | undefined, color: string, label: string, row: number) => {
    if (!s) return;
    const pts = epochs.map((e, i) => [e, s[i]!] as const).filter(([, v]) => Number.isFinite(v));
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map(([e, v]) => `${sx(e).toFixed(1)},${sy(v).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const [e, v] of pts)
      parts.push(
        `<circle cx="${sx(e).toFixed(1)}" cy="${sy(v).toFixed(1)}" r="2.5" fill="${color}"><title>${label} epoch ${e + 1}: ${v}</title></circle>`,
      );
    const ly = y0 + m.top + 14 + row * 14;
    parts.push(
      `<line x1="${x0 + w - 110}" y1="${ly - 4}" x2="${x0 + w - 92}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/><text x="${x0 + w - 88}" y="${ly}" font-size="11">${label}</text>`,
    );
  };
  draw(p.train, COLORS.train, 'training', 0);
  draw(p.val, COLORS.val, 'validation', p.train ? 1 : 0);
  return parts.join('');
}

/**
 * A standalone SVG of the training curves: one panel per logged quantity (loss, each metric, the learning
 * rate), training and validation values per epoch.
 * @throws ValidationError when the data has no epochs
 * @example
 * ```ts
 * const svg = trainingCurvesSvg(await model.fit(x, y, { epochs: 10, validationSplit: 0.2 }));
 * ```
 */
export function trainingCurvesSvg(data: CurveData, options: TrainingCurvesOptions = {}): string {
  if (!data || !Array.isArray(data.epoch) || data.epoch.length === 0)
    throw ValidationError.expected('a history with at least one epoch', data, 'trainingCurvesSvg');
  const w = options.panelWidth ?? 420;
  const h = options.panelHeight ?? 260;
  const list = panels(data);
  const cols = Math.min(2, list.length);
  const rows = Math.ceil(list.length / cols);
  const top = 36;
  const body = list
    .map((p, i) => panelSvg(data.epoch, p, (i % cols) * w, top + Math.floor(i / cols) * h, w, h))
    .join('\n');
  const title = escapeXml(options.title ?? 'Training curves');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${cols * w}" height="${top + rows * h}" font-family="sans-serif" font-size="12"><rect width="100%" height="100%" fill="white"/><text x="12" y="24" font-size="16" font-weight="bold">${title}</text>\n${body}\n</svg>\n`;
}

/**
 * A standalone HTML page with the curves of {@link trainingCurvesSvg} and a table of every value per epoch.
 * @throws ValidationError when the data has no epochs
 * @example
 * ```ts
 * const html = trainingReportHtml(history, { title: 'Fashion-MNIST CNN' });
 * ```
 */
export function trainingReportHtml(data: CurveData, options: TrainingCurvesOptions = {}): string {
  const svg = trainingCurvesSvg(data, options);
  const keys = Object.keys(data.history);
  const rows = data.epoch.map(
    (e, i) =>
      `<tr><td>${e + 1}</td>${keys.map((k) => `<td>${Number(data.history[k]![i]).toPrecision(5)}</td>`).join('')}</tr>`,
  );
  const title = escapeXml(options.title ?? 'Training curves');
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${title}</title><style>body{font-family:sans-serif;margin:24px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}</style></head><body>\n${svg}<table><thead><tr><th>epoch</th>${keys.map((k) => `<th>${escapeXml(k)}</th>`).join('')}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>\n</body></html>\n`;
}
