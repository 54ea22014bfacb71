import type { ProductData } from '../../modules/catalog/catalog-admin.service';

/** A small deterministic pseudo-random generator, so the demo catalog is the same on every machine. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const DIY_ITEMS = [
  'hammer',
  'screwdriver',
  'drill',
  'saw',
  'wrench',
  'pliers',
  'tape-measure',
  'level',
  'chisel',
  'sander',
  'paint-roller',
  'brush',
  'ladder',
  'toolbox',
  'clamp',
  'file',
  'utility-knife',
  'stapler',
  'glue-gun',
  'jigsaw',
];
const DIY_KINDS = ['pro', 'compact', 'heavy-duty', 'classic', 'cordless', 'precision', 'eco', 'xl', 'mini', 'master'];
const PPE_ITEMS = [
  'safety-shoe',
  'hard-hat',
  'hi-vis-vest',
  'work-glove',
  'ear-muff',
  'safety-glasses',
  'dust-mask',
  'work-trousers',
  'rain-jacket',
  'knee-pad',
  'fleece-jacket',
  'coverall',
  'face-shield',
  'harness',
  'winter-glove',
];
const PPE_KINDS = ['s1p', 's3', 'comfort', 'arctic', 'flex', 'grip', 'vision', 'guard', 'pro', 'lite'];
const SIZES = ['S', 'M', 'L', 'XL'];

const title = (s: string) => s.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());

export interface DemoProduct extends ProductData {
  brand: 'handug' | 'abc-ppe';
  /** Net price in cents for each variant. */
  netCents: number[];
}

/** 200 DIY products (1–3 variants) and 150 safety-wear products (4 sizes each). */
export function demoCatalog(): DemoProduct[] {
  const r = rng(42);
  const out: DemoProduct[] = [];
  for (const item of DIY_ITEMS) {
    for (const kind of DIY_KINDS) {
      const slug = `${item}-${kind}`;
      const n = 1 + Math.floor(r() * 3);
      const base = 500 + Math.floor(r() * 15000);
      out.push({
        brand: 'handug',
        slug,
        name: `${title(kind)} ${title(item)}`,
        description: `A ${kind.replace(/-/g, ' ')} ${item.replace(/-/g, ' ')} for home and workshop.`,
        taxCategory: 'STANDARD',
        variants: Array.from({ length: n }, (_, i) => ({ sku: `HD-${slug.toUpperCase()}-${i + 1}`, name: `Model ${i + 1}` })),
        netCents: Array.from({ length: n }, (_, i) => base + i * 250),
      });
    }
  }
  for (const item of PPE_ITEMS) {
    for (const kind of PPE_KINDS) {
      const slug = `${item}-${kind}`;
      const base = 900 + Math.floor(r() * 9000);
      out.push({
        brand: 'abc-ppe',
        slug,
        name: `${title(item)} ${title(kind)}`,
        description: `Certified ${item.replace(/-/g, ' ')} (${kind.toUpperCase()}) for professional use.`,
        taxCategory: 'STANDARD',
        variants: SIZES.map((size) => ({ sku: `PPE-${slug.toUpperCase()}-${size}`, name: `Size ${size}` })),
        netCents: SIZES.map(() => base),
      });
    }
  }
  return out;
}

/** Demo stock: a deterministic on-hand per SKU and warehouse, some out of stock and some low. */
export function demoStock(skus: string[], warehouse: string): { sku: string; onHand: number; sequence: string }[] {
  const r = rng(warehouse === 'ams' ? 7 : 11);
  return skus.map((sku) => {
    const x = r();
    return { sku, onHand: x < 0.1 ? 0 : x < 0.25 ? 1 + Math.floor(r() * 5) : 10 + Math.floor(r() * 200), sequence: '1' };
  });
}
