import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

/** An element of a parsed SVG: its attributes, and its text as `#text`. */
export type SvgNode = Record<string, string>;

/** Parses a standalone SVG (checking it is well-formed XML) into its elements by tag name. */
export function parseSvg(
  svg: string,
): Record<'rect' | 'text' | 'line' | 'polyline', SvgNode[]> & { root: SvgNode } {
  expect(XMLValidator.validate(svg)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    isArray: (name) => ['rect', 'text', 'line', 'polyline'].includes(name),
  });
  const doc = parser.parse(svg) as { svg: Record<string, unknown> };
  const root = doc.svg;
  expect(root.xmlns).toBe('http://www.w3.org/2000/svg');
  const list = (name: string) =>
    ((root[name] as SvgNode[] | undefined) ?? []).map((n) => (typeof n === 'string' ? { '#text': n } : n));
  return {
    rect: list('rect'),
    text: list('text'),
    line: list('line'),
    polyline: list('polyline'),
    root: root as SvgNode,
  };
}
