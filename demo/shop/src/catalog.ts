/**
 * What the demo shop sells: a fixed list, so every run tracks the same
 * products and a test can name them. Prices are whole cents, which add up
 * exactly; the tracked events carry them as decimal euros.
 */

/** Which drawing `art.ts` makes for a product. */
export type ArtKind = 'bag' | 'dripper' | 'kettle' | 'grinder' | 'mug' | 'filters';

export interface Product {
  id: string;
  title: string;
  category: 'Coffee' | 'Brewing' | 'Grinders' | 'Cups';
  priceCents: number;
  description: string;
  art: ArtKind;
  /** The drawing's colour, as a hue in degrees. */
  hueDegrees: number;
}

export const CURRENCY = 'EUR';

export const CATALOG: readonly Product[] = [
  {
    id: 'kenya-nyeri',
    title: 'Kenya Nyeri AA, 250 g',
    category: 'Coffee',
    priceCents: 1650,
    description: 'Blackcurrant and grapefruit; a bright filter roast.',
    art: 'bag',
    hueDegrees: 350,
  },
  {
    id: 'ethiopia-guji',
    title: 'Ethiopia Guji, 250 g',
    category: 'Coffee',
    priceCents: 1490,
    description: 'Jasmine, peach and a tea-like body; washed process.',
    art: 'bag',
    hueDegrees: 32,
  },
  {
    id: 'colombia-decaf',
    title: 'Colombia decaf, 250 g',
    category: 'Coffee',
    priceCents: 1200,
    description: 'Sugarcane-processed decaf with caramel and red apple.',
    art: 'bag',
    hueDegrees: 200,
  },
  {
    id: 'ceramic-dripper',
    title: 'Ceramic pour-over dripper',
    category: 'Brewing',
    priceCents: 2400,
    description: 'One to two cups; a single hole keeps the flow steady.',
    art: 'dripper',
    hueDegrees: 170,
  },
  {
    id: 'gooseneck-kettle',
    title: 'Gooseneck kettle, 0.9 l',
    category: 'Brewing',
    priceCents: 5900,
    description: 'A thin spout for a slow, even pour; works on induction.',
    art: 'kettle',
    hueDegrees: 220,
  },
  {
    id: 'paper-filters',
    title: 'Paper filters, 100 pcs',
    category: 'Brewing',
    priceCents: 650,
    description: 'Unbleached cone filters for the ceramic dripper.',
    art: 'filters',
    hueDegrees: 45,
  },
  {
    id: 'hand-grinder',
    title: 'Hand burr grinder',
    category: 'Grinders',
    priceCents: 8900,
    description: 'Steel conical burrs, 40 steps from espresso to French press.',
    art: 'grinder',
    hueDegrees: 265,
  },
  {
    id: 'stoneware-mug',
    title: 'Stoneware mug, 300 ml',
    category: 'Cups',
    priceCents: 1800,
    description: 'Hand-glazed, so no two are quite the same colour.',
    art: 'mug',
    hueDegrees: 120,
  },
];

export function findProduct(id: string): Product | undefined {
  return CATALOG.find((product) => product.id === id);
}

/** Products whose title, category or description contains every word of `term`. */
export function searchCatalog(term: string): Product[] {
  const words = term
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return [...CATALOG];

  return CATALOG.filter((product) => {
    const text = `${product.title} ${product.category} ${product.description}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** Cents as the decimal euros a tracked event carries: 1650 → 16.5. */
export function toEuros(cents: number): number {
  return cents / 100;
}

const priceFormat = new Intl.NumberFormat('en-IE', { style: 'currency', currency: CURRENCY });

export function formatPrice(cents: number): string {
  return priceFormat.format(toEuros(cents));
}
