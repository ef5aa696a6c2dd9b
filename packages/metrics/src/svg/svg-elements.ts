/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** A coordinate with at most 4 decimals and no trailing zeros, so files stay small and stable. */
export function coordinate(x: number): string {
  return String(Math.round(x * 1e4) / 1e4);
}

/** An SVG element with attributes (escaped) and optional children or text. */
export function element(name: string, attributes: Record<string, string | number>, content?: string): string {
  const attrs = Object.entries(attributes)
    .map(([k, v]) => ` ${k}="${escapeXml(typeof v === 'number' ? coordinate(v) : v)}"`)
    .join('');
  return content === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>`;
}

/** A standalone SVG document of the given size with a white background. */
export function svgDocument(width: number, height: number, body: string[]): string {
  const root = {
    xmlns: 'http://www.w3.org/2000/svg',
    width,
    height,
    viewBox: `0 0 ${coordinate(width)} ${coordinate(height)}`,
    'font-family': 'Helvetica, Arial, sans-serif',
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element('svg', root, `\n${[element('rect', { width, height, fill: '#ffffff' }), ...body].join('\n')}\n`)}\n`;
}

/** Ten distinguishable line colours (the Tableau 10 palette). */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

/**
 * A colour from light to dark blue for `t` in [0, 1] (a sequential scale for heat maps).
 * @example
 * ```ts
 * blueScale(0); // '#f7fbff'
 * ```
 */
export function blueScale(t: number): string {
  const from = [0xf7, 0xfb, 0xff];
  const to = [0x08, 0x30, 0x6b];
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  return `#${from
    .map((f, i) =>
      Math.round(f + (to[i]! - f) * clamped)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
