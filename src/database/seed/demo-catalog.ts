import type { ProductData } from '../../modules/catalog/catalog-admin.service';
import type { AttributeData } from '../../modules/catalog/attribute-admin.service';
import type { CategoryData } from '../../modules/catalog/category-admin.service';

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

/** Dutch names of the demo items and kinds (the base text is English). */
const NL: Record<string, string> = {
  hammer: 'hamer',
  screwdriver: 'schroevendraaier',
  drill: 'boormachine',
  saw: 'zaag',
  wrench: 'moersleutel',
  pliers: 'tang',
  'tape-measure': 'rolmaat',
  level: 'waterpas',
  chisel: 'beitel',
  sander: 'schuurmachine',
  'paint-roller': 'verfroller',
  brush: 'kwast',
  ladder: 'ladder',
  toolbox: 'gereedschapskist',
  clamp: 'lijmklem',
  file: 'vijl',
  'utility-knife': 'afbreekmes',
  stapler: 'nietmachine',
  'glue-gun': 'lijmpistool',
  jigsaw: 'decoupeerzaag',
  'safety-shoe': 'veiligheidsschoen',
  'hard-hat': 'veiligheidshelm',
  'hi-vis-vest': 'signalisatievest',
  'work-glove': 'werkhandschoen',
  'ear-muff': 'gehoorkap',
  'safety-glasses': 'veiligheidsbril',
  'dust-mask': 'stofmasker',
  'work-trousers': 'werkbroek',
  'rain-jacket': 'regenjas',
  'knee-pad': 'kniebeschermer',
  'fleece-jacket': 'fleecejas',
  coverall: 'overall',
  'face-shield': 'gelaatsscherm',
  harness: 'valharnas',
  'winter-glove': 'winterhandschoen',
  pro: 'pro',
  compact: 'compacte',
  'heavy-duty': 'zware',
  classic: 'klassieke',
  cordless: 'accu',
  precision: 'precisie',
  eco: 'eco',
  xl: 'XL',
  mini: 'mini',
  master: 'meester',
};
const nl = (s: string) => NL[s] ?? s.replace(/-/g, ' ');
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A category of a demo brand: slug, English and Dutch name, parent, and the items filed under it. */
type DemoCategory = [slug: string, en: string, nl: string, parent: string | null, items: string[]];

const CATEGORIES: Record<DemoProduct['brand'], DemoCategory[]> = {
  handug: [
    ['tools', 'Tools', 'Gereedschap', null, []],
    ['hand-tools', 'Hand tools', 'Handgereedschap', 'tools', ['hammer', 'screwdriver', 'wrench', 'pliers', 'chisel', 'file']],
    ['measuring', 'Measuring', 'Meten', 'hand-tools', ['tape-measure', 'level']],
    ['cutting', 'Cutting', 'Snijden en zagen', 'hand-tools', ['saw', 'utility-knife']],
    ['power-tools', 'Power tools', 'Elektrisch gereedschap', 'tools', ['drill', 'sander', 'jigsaw', 'glue-gun', 'stapler']],
    ['painting', 'Painting', 'Schilderen', null, ['paint-roller', 'brush']],
    ['storage-and-access', 'Storage and access', 'Opbergen en ladders', null, ['ladder', 'toolbox', 'clamp']],
  ],
  'abc-ppe': [
    ['foot-protection', 'Foot protection', 'Voetbescherming', null, ['safety-shoe']],
    ['head-and-face', 'Head and face', 'Hoofd en gelaat', null, ['hard-hat']],
    ['hearing-protection', 'Hearing protection', 'Gehoorbescherming', 'head-and-face', ['ear-muff']],
    [
      'eye-protection',
      'Eye and face protection',
      'Oog- en gelaatsbescherming',
      'head-and-face',
      ['safety-glasses', 'face-shield'],
    ],
    ['respiratory-protection', 'Respiratory protection', 'Adembescherming', 'head-and-face', ['dust-mask']],
    ['hand-protection', 'Hand protection', 'Handbescherming', null, ['work-glove', 'winter-glove']],
    ['workwear', 'Workwear', 'Werkkleding', null, ['work-trousers', 'rain-jacket', 'fleece-jacket', 'coverall', 'knee-pad']],
    ['high-visibility', 'High visibility', 'Signalisatiekleding', 'workwear', ['hi-vis-vest']],
    ['fall-protection', 'Fall protection', 'Valbeveiliging', null, ['harness']],
  ],
};

/** The demo category trees with Dutch and English names, positions in the order listed. */
export function demoCategories(brand: DemoProduct['brand']): CategoryData[] {
  return CATEGORIES[brand].map(([slug, en, nlName, parent], i) => ({
    slug,
    name: en,
    parentSlug: parent,
    position: i,
    translations: [
      { locale: 'nl', name: nlName },
      { locale: 'en', name: en },
    ],
  }));
}

/** Where a demo brand files a product of this item. */
function categoryOf(brand: DemoProduct['brand'], item: string): string {
  return CATEGORIES[brand].find((c) => c[4].includes(item))![0];
}

/** The norm each safety-wear item is certified against (a facet of the PPE shop). */
const NORM_OF: Record<string, string> = {
  'safety-shoe': 'en-iso-20345',
  'hard-hat': 'en-397',
  'hi-vis-vest': 'en-iso-20471',
  'work-glove': 'en-388',
  'winter-glove': 'en-388',
  'ear-muff': 'en-352',
  'safety-glasses': 'en-166',
  'face-shield': 'en-166',
  'dust-mask': 'en-149',
  harness: 'en-361',
};
const COLOURS: [code: string, en: string, nl: string][] = [
  ['black', 'Black', 'Zwart'],
  ['grey', 'Grey', 'Grijs'],
  ['blue', 'Blue', 'Blauw'],
  ['yellow', 'Yellow', 'Geel'],
  ['orange', 'Orange', 'Oranje'],
];

/** Demo attributes: size (the PPE variants' option), colour and norm (PPE facets), cordless (DIY facet), weight. */
export function demoAttributes(): AttributeData[] {
  const nlName = (name: string) => [{ locale: 'nl', name }];
  return [
    {
      code: 'size',
      name: 'Size',
      type: 'ENUM',
      filterable: true,
      position: 1,
      translations: nlName('Maat'),
      values: SIZES.map((size) => ({ code: size.toLowerCase(), label: size })),
    },
    {
      code: 'colour',
      name: 'Colour',
      type: 'ENUM',
      filterable: true,
      position: 2,
      translations: nlName('Kleur'),
      values: COLOURS.map(([code, en, nl]) => ({ code, label: en, translations: [{ locale: 'nl', label: nl }] })),
    },
    {
      code: 'norm',
      name: 'Standard',
      type: 'ENUM',
      filterable: true,
      position: 3,
      translations: nlName('Norm'),
      values: [...new Set(Object.values(NORM_OF))].sort().map((code) => ({ code, label: code.toUpperCase().replace(/-/g, ' ') })),
    },
    {
      code: 'cordless',
      name: 'Cordless',
      type: 'BOOLEAN',
      filterable: true,
      position: 4,
      translations: nlName('Snoerloos'),
      values: [
        { code: 'true', label: 'Yes', translations: [{ locale: 'nl', label: 'Ja' }] },
        { code: 'false', label: 'No', translations: [{ locale: 'nl', label: 'Nee' }] },
      ],
    },
    { code: 'weight', name: 'Weight', type: 'NUMBER', unit: 'kg', position: 5, translations: nlName('Gewicht') },
  ];
}

/** Placeholder image references (no file behind them: a real shop points at its DAM or CDN). */
const image = (path: string, alt: string) => ({
  url: `https://images.example.com/demo/${path}.jpg`,
  alt,
  width: 800,
  height: 800,
});

export interface DemoProduct extends ProductData {
  brand: 'handug' | 'abc-ppe';
  /** The slug of the brand's category it is filed under. */
  category: string;
  /** Net price in cents for each variant. */
  netCents: number[];
}

/** 200 DIY products (1–3 variants) and 150 safety-wear products (4 sizes each). */
export function demoCatalog(): DemoProduct[] {
  const r = rng(42);
  const ra = rng(7); // attributes: their own sequence, so prices stay what they were
  const out: DemoProduct[] = [];
  for (const item of DIY_ITEMS) {
    for (const kind of DIY_KINDS) {
      const slug = `${item}-${kind}`;
      const n = 1 + Math.floor(r() * 3);
      const base = 500 + Math.floor(r() * 15000);
      const name = `${title(kind)} ${title(item)}`;
      const description = `A ${kind.replace(/-/g, ' ')} ${item.replace(/-/g, ' ')} for home and workshop.`;
      out.push({
        brand: 'handug',
        category: categoryOf('handug', item),
        slug,
        name,
        description,
        taxCategory: 'STANDARD',
        images: [image(slug, name), image(`${slug}-detail`, `${name}, detail`)],
        attributes: [
          { code: 'cordless', boolean: kind === 'cordless' },
          { code: 'weight', number: Math.round((0.2 + ra() * 4.8) * 10) / 10 },
        ],
        translations: [
          {
            locale: 'nl',
            name: cap(`${nl(kind)} ${nl(item)}`),
            description: `Een ${nl(kind)} ${nl(item)} voor thuis en in de werkplaats.`,
          },
          { locale: 'en', name, description },
        ],
        variants: Array.from({ length: n }, (_, i) => ({
          sku: `HD-${slug.toUpperCase()}-${i + 1}`,
          name: `Model ${i + 1}`,
          images: [image(`${slug}-model-${i + 1}`, `${name}, model ${i + 1}`)],
          translations: [
            { locale: 'nl', name: `Model ${i + 1}` },
            { locale: 'en', name: `Model ${i + 1}` },
          ],
        })),
        netCents: Array.from({ length: n }, (_, i) => base + i * 250),
      });
    }
  }
  for (const item of PPE_ITEMS) {
    for (const kind of PPE_KINDS) {
      const slug = `${item}-${kind}`;
      const base = 900 + Math.floor(r() * 9000);
      const name = `${title(item)} ${title(kind)}`;
      const description = `Certified ${item.replace(/-/g, ' ')} (${kind.toUpperCase()}) for professional use.`;
      out.push({
        brand: 'abc-ppe',
        category: categoryOf('abc-ppe', item),
        slug,
        name,
        description,
        taxCategory: 'STANDARD',
        images: [image(slug, name)],
        attributes: [
          { code: 'colour', values: [COLOURS[Math.floor(ra() * COLOURS.length)][0]] },
          ...(NORM_OF[item] ? [{ code: 'norm', values: [NORM_OF[item]] }] : []),
        ],
        translations: [
          {
            locale: 'nl',
            name: `${cap(nl(item))} ${title(kind)}`,
            description: `Gecertificeerde ${nl(item)} (${kind.toUpperCase()}) voor professioneel gebruik.`,
          },
          { locale: 'en', name, description },
        ],
        variants: SIZES.map((size) => ({
          sku: `PPE-${slug.toUpperCase()}-${size}`,
          name: `Size ${size}`,
          attributes: [{ code: 'size', values: [size.toLowerCase()] }],
          translations: [
            { locale: 'nl', name: `Maat ${size}` },
            { locale: 'en', name: `Size ${size}` },
          ],
        })),
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
