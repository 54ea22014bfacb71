import type { Ctx, Page } from '../app';
import { h } from '../dom';
import { graphql } from '../graphql';
import { type Availability, badge, liveStock, priceNote } from '../stock';

const PAGE_SIZE = 12;

const Products = graphql(`
  query Products($first: Int!, $after: String, $search: String) {
    products(first: $first, after: $after, filter: { search: $search }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          slug
          name
          variants {
            sku
            name
            price {
              amount
              currency
              includesTax
            }
            availability {
              status
              quantity
            }
          }
        }
      }
    }
  }
`);

const Product = graphql(`
  query Product($slug: String!) {
    product(slug: $slug) {
      id
      slug
      name
      description
      categories {
        slug
        name
      }
      variants {
        sku
        name
        price {
          amount
          currency
          includesTax
          taxRate
          listAmount
          tiers {
            minQuantity
            amount
          }
        }
        availability {
          status
          quantity
        }
      }
    }
  }
`);

/** The cheapest variant's price and the product's best availability, for a card. */
function summary<V extends { price: { amount: string }; availability: Availability }>(variants: V[]) {
  const cheapest = [...variants].sort((a, b) => Number(a.price.amount) - Number(b.price.amount))[0];
  const order = ['IN_STOCK', 'LOW_STOCK', 'OUT_OF_STOCK'];
  const best = [...variants].sort((a, b) => order.indexOf(a.availability.status) - order.indexOf(b.availability.status))[0];
  return { cheapest, best };
}

/** Catalog: search, forward paging by cursor (the cursors of earlier pages are kept in the URL for "Previous"). */
export const catalogPage: Page = async (ctx: Ctx, params: URLSearchParams) => {
  const search = params.get('q') ?? '';
  const trail = (params.get('trail') ?? '').split(',').filter(Boolean);
  const after = trail.at(-1) ?? null;
  const { products } = await ctx.api.request(Products, { first: PAGE_SIZE, after, search: search || null });
  const link = (t: string[]) =>
    `#/?${new URLSearchParams({ ...(search ? { q: search } : {}), ...(t.length ? { trail: t.join(',') } : {}) })}`;
  const skus: string[] = [];
  const cards = products.edges.map(({ node }) => {
    const { cheapest, best } = summary(node.variants);
    // A card follows one SKU live: the one whose state it shows.
    const sku = node.variants.length === 1 ? node.variants[0].sku : best.sku;
    skus.push(sku);
    return h(
      'li',
      { class: 'card' },
      h('h2', null, h('a', { href: `#/p/${encodeURIComponent(node.slug)}` }, node.name)),
      h(
        'p',
        { class: 'price' },
        node.variants.length > 1 ? 'from ' : '',
        ctx.money(cheapest.price),
        ' ',
        h('small', null, priceNote(cheapest.price.includesTax)),
      ),
      h(
        'p',
        null,
        badge(sku, best.availability),
        node.variants.length > 1 ? h('small', null, ` ${node.variants.length} variants`) : '',
      ),
    );
  });
  liveStock(ctx, skus);
  const from = trail.length * PAGE_SIZE + 1;
  return [
    h('h1', null, search ? `Products matching “${search}”` : 'Products'),
    h(
      'form',
      {
        class: 'search',
        role: 'search',
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          const q = ((ev.target as HTMLFormElement).elements.namedItem('q') as HTMLInputElement).value.trim();
          ctx.go(q ? `#/?q=${encodeURIComponent(q)}` : '#/');
        },
      },
      h('label', { for: 'q', class: 'visually-hidden' }, 'Search products'),
      h('input', { id: 'q', name: 'q', type: 'search', value: search, placeholder: 'Search name, description or SKU' }),
      h('button', { type: 'submit' }, 'Search'),
    ),
    h(
      'p',
      { id: 'result-count' },
      products.totalCount
        ? `${from}–${from + products.edges.length - 1} of ${products.totalCount} products`
        : 'No products found.',
    ),
    h('ul', { class: 'grid', 'aria-labelledby': 'result-count' }, cards),
    h(
      'nav',
      { class: 'pager', 'aria-label': 'Pages' },
      trail.length ? h('a', { href: link(trail.slice(0, -1)), rel: 'prev' }, '← Previous') : '',
      products.pageInfo.hasNextPage && products.pageInfo.endCursor
        ? h('a', { href: link([...trail, products.pageInfo.endCursor]), rel: 'next' }, 'Next →')
        : '',
    ),
  ];
};

export type AddToCart = (sku: string, quantity: number) => Promise<void>;

/** Product page: every variant with its price (as the storefront states it), tiers and live availability. */
export const productPage =
  (addToCart: AddToCart): Page =>
  async (ctx: Ctx, _params: URLSearchParams, path: string[]) => {
    const slug = decodeURIComponent(path[1] ?? '');
    const { product } = await ctx.api.request(Product, { slug });
    if (!product) return [h('h1', null, 'Not found'), h('p', null, 'This product is not sold in this shop.')];
    liveStock(
      ctx,
      product.variants.map((v) => v.sku),
    );
    return [
      h('p', null, h('a', { href: '#/' }, '← All products')),
      h('h1', null, product.name),
      product.categories.length
        ? h(
            'ul',
            { class: 'tags', 'aria-label': 'Categories' },
            product.categories.map((c) => h('li', null, c.name)),
          )
        : '',
      product.description ? h('p', null, product.description) : '',
      h('h2', null, product.variants.length > 1 ? 'Variants' : 'Price and availability'),
      h(
        'ul',
        { class: 'variants' },
        product.variants.map((v) => {
          const qty = h('input', {
            type: 'number',
            min: 1,
            max: 9999,
            value: '1',
            id: `qty-${v.sku}`,
            name: 'quantity',
            inputmode: 'numeric',
          });
          const button = h(
            'button',
            {
              type: 'button',
              'data-add-sku': v.sku,
              disabled: v.availability.status === 'OUT_OF_STOCK',
              onclick: () => void addToCart(v.sku, Math.max(1, Number(qty.value) || 1)),
            },
            'Add to cart',
          );
          return h(
            'li',
            null,
            h('span', { class: 'name' }, h('strong', null, v.name), h('br'), h('small', null, `SKU ${v.sku}`)),
            h(
              'span',
              { class: 'price' },
              v.price.listAmount ? h('s', null, ctx.money({ amount: v.price.listAmount, currency: v.price.currency }), ' ') : '',
              ctx.money(v.price),
              ' ',
              h('small', null, `${priceNote(v.price.includesTax)} (${v.price.taxRate} % VAT)`),
              v.price.tiers.length
                ? h(
                    'small',
                    { class: 'tiers' },
                    h('br'),
                    v.price.tiers
                      .map((t) => `from ${t.minQuantity}: ${ctx.money({ amount: t.amount, currency: v.price.currency })}`)
                      .join(' · '),
                  )
                : '',
            ),
            badge(v.sku, v.availability),
            h('span', null, h('label', { for: `qty-${v.sku}`, class: 'visually-hidden' }, `Quantity of ${v.name}`), qty),
            button,
          );
        }),
      ),
    ];
  };
