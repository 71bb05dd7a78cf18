/**
 * Product pictures drawn in code: a few flat shapes per kind of product, in
 * the product's own hue. The demo runs with no network, so there are no
 * photos to fetch, and a drawing stays sharp at any size.
 */
import type { ArtKind, Product } from './catalog';
import { svg } from './dom';

type Shape = [tag: string, attributes: Record<string, string | number>];

interface Palette {
  background: string;
  main: string;
  dark: string;
  light: string;
}

/** Shapes in a 100 × 100 box; `fill` and `stroke` name palette entries. */
const DRAWINGS: Record<ArtKind, Shape[]> = {
  bag: [
    ['path', { d: 'M30 30 L70 30 L75 88 L25 88 Z', fill: 'main' }],
    ['rect', { x: 29, y: 18, width: 42, height: 13, rx: 2, fill: 'dark' }],
    ['rect', { x: 37, y: 46, width: 26, height: 26, rx: 4, fill: 'light' }],
    ['ellipse', { cx: 50, cy: 59, rx: 6, ry: 8, fill: 'dark' }],
  ],
  dripper: [
    ['rect', { x: 31, y: 66, width: 38, height: 22, rx: 6, fill: 'light' }],
    ['rect', { x: 24, y: 58, width: 52, height: 7, rx: 3, fill: 'dark' }],
    ['path', { d: 'M20 22 L80 22 L61 58 L39 58 Z', fill: 'main' }],
    ['rect', { x: 18, y: 19, width: 64, height: 6, rx: 3, fill: 'dark' }],
  ],
  kettle: [
    ['path', { d: 'M30 76 Q14 72 12 44', stroke: 'dark', 'stroke-width': 5, fill: 'none' }],
    ['path', { d: 'M70 48 Q90 50 80 80', stroke: 'dark', 'stroke-width': 6, fill: 'none' }],
    ['rect', { x: 27, y: 40, width: 46, height: 48, rx: 11, fill: 'main' }],
    ['rect', { x: 39, y: 32, width: 22, height: 9, rx: 3, fill: 'dark' }],
    ['circle', { cx: 50, cy: 28, r: 4, fill: 'dark' }],
  ],
  grinder: [
    ['path', { d: 'M50 34 V20 H74', stroke: 'dark', 'stroke-width': 4, fill: 'none' }],
    ['circle', { cx: 77, cy: 20, r: 6, fill: 'light' }],
    ['rect', { x: 35, y: 38, width: 30, height: 50, rx: 5, fill: 'main' }],
    ['rect', { x: 33, y: 32, width: 34, height: 9, rx: 3, fill: 'dark' }],
    ['rect', { x: 35, y: 56, width: 30, height: 7, fill: 'light' }],
  ],
  mug: [
    ['path', { d: 'M40 30 q-5 -7 0 -14', stroke: 'main', 'stroke-width': 3, fill: 'none' }],
    ['path', { d: 'M52 30 q-5 -7 0 -14', stroke: 'main', 'stroke-width': 3, fill: 'none' }],
    [
      'path',
      {
        d: 'M66 48 h5 a11 11 0 0 1 0 24 h-5',
        stroke: 'dark',
        'stroke-width': 6,
        fill: 'none',
      },
    ],
    ['rect', { x: 24, y: 38, width: 44, height: 48, rx: 7, fill: 'main' }],
    ['rect', { x: 24, y: 38, width: 44, height: 8, rx: 4, fill: 'dark' }],
  ],
  filters: [
    ['path', { d: 'M22 26 L70 26 L58 72 L34 72 Z', fill: 'light', stroke: 'dark' }],
    ['path', { d: 'M26 32 L74 32 L62 78 L38 78 Z', fill: 'light', stroke: 'dark' }],
    ['path', { d: 'M30 38 L78 38 L66 84 L42 84 Z', fill: 'main' }],
  ],
};

export function productArt(product: Product): SVGElement {
  const palette = paletteFor(product.hueDegrees);
  const root = svg('svg', { viewBox: '0 0 100 100', role: 'img', 'aria-hidden': 'true' });
  root.append(svg('rect', { width: 100, height: 100, fill: palette.background }));

  for (const [tag, attributes] of DRAWINGS[product.art]) {
    root.append(svg(tag, withColours(attributes, palette)));
  }
  return root;
}

function paletteFor(hueDegrees: number): Palette {
  return {
    background: `hsl(${hueDegrees} 45% 92%)`,
    main: `hsl(${hueDegrees} 42% 46%)`,
    dark: `hsl(${hueDegrees} 40% 28%)`,
    light: `hsl(${hueDegrees} 50% 80%)`,
  };
}

function withColours(
  attributes: Record<string, string | number>,
  palette: Palette,
): Record<string, string | number> {
  const coloured = { ...attributes };
  for (const key of ['fill', 'stroke'] as const) {
    const name = coloured[key];
    if (typeof name === 'string' && name in palette) coloured[key] = palette[name as keyof Palette];
  }
  return coloured;
}
