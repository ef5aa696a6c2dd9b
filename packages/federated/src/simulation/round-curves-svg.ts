import { ValidationError } from '@tessera/core';

/** One line of {@link roundCurvesSvg}: a name and a value per round (NaN leaves a gap). */
export interface RoundSeries {
  readonly name: string;
  readonly values: readonly number[];
}

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
const escapeXml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const fmt = (v: number) => Number(v.toPrecision(3)).toString();

/**
 * A line chart of a metric per round for several runs (accuracy of FedAvg vs FedProx vs FedAdam…), as a
 * standalone SVG document: axes with ticks, one coloured line per series, a legend.
 *
 * @example
 * ```ts
 * writeFileSync('accuracy.svg', roundCurvesSvg([{ name: 'FedAvg', values: [0.3, 0.6, 0.8] }], { title: 'Test accuracy' }));
 * ```
 * @throws {@link ValidationError} when there is no series.
 */
export function roundCurvesSvg(
  series: readonly RoundSeries[],
  options: { title?: string; yLabel?: string; width?: number; height?: number } = {},
): string {
  if (!Array.isArray(series) || series.length === 0)
    throw ValidationError.expected('at least one series', series, 'roundCurvesSvg(series)');
  const [width, height] = [options.width ?? 720, options.height ?? 400];
  // The legend sits right of the plot: leave room for the longest name (about 7 px per character at 12 px).
  const longest = Math.max(...series.map((s) => s.name.length));
  const m = { left: 60, right: Math.max(120, 56 + 7 * longest), top: 40, bottom: 48 };
  const rounds = Math.max(...series.map((s) => s.values.length));
  const values = series.flatMap((s) => s.values).filter(Number.isFinite);
  let [lo, hi] = values.length ? [Math.min(...values), Math.max(...values)] : [0, 1];
  if (hi === lo) [lo, hi] = [lo - 0.5, hi + 0.5];
  const x = (r: number) => m.left + (rounds <= 1 ? 0 : ((r - 1) / (rounds - 1)) * (width - m.left - m.right));
  const y = (v: number) => height - m.bottom - ((v - lo) / (hi - lo)) * (height - m.top - m.bottom);
  const parts: string[] = [
    `<title>${escapeXml(options.title ?? 'metric per round')}</title>`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="16">${escapeXml(options.title ?? '')}</text>`,
    `<line x1="${m.left}" y1="${height - m.bottom}" x2="${width - m.right}" y2="${height - m.bottom}" stroke="black"/>`,
    `<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${height - m.bottom}" stroke="black"/>`,
    `<text x="${(m.left + width - m.right) / 2}" y="${height - 12}" text-anchor="middle" font-size="12">round</text>`,
    `<text transform="translate(16 ${height / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(options.yLabel ?? '')}</text>`,
  ];
  for (let k = 0; k <= 4; k++) {
    const v = lo + ((hi - lo) * k) / 4;
    parts.push(`<text x="${m.left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${fmt(v)}</text>`);
  }
  const step = Math.max(1, Math.ceil(rounds / 10));
  for (let r = 1; r <= rounds; r += step)
    parts.push(
      `<text x="${x(r)}" y="${height - m.bottom + 16}" text-anchor="middle" font-size="11">${r}</text>`,
    );
  series.forEach((s: RoundSeries, i: number) => {
    const color = COLORS[i % COLORS.length]!;
    const points = s.values
      .map((v, r) => (Number.isFinite(v) ? `${x(r + 1).toFixed(1)},${y(v).toFixed(1)}` : null))
      .filter((p) => p !== null);
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.join(' ')}"/>`);
    const ly = m.top + 16 + 20 * i;
    parts.push(
      `<line x1="${width - m.right + 12}" y1="${ly}" x2="${width - m.right + 36}" y2="${ly}" stroke="${color}" stroke-width="2"/>`,
    );
    parts.push(`<text x="${width - m.right + 42}" y="${ly + 4}" font-size="12">${escapeXml(s.name)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>\n`;
}
