import type { Api } from './api';
import { graphql } from './graphql';

const CreateCart = graphql(`
  mutation CreateCart {
    createCart {
      id
    }
  }
`);

const AddToCart = graphql(`
  mutation AddToCart($cartId: ID!, $sku: String!, $quantity: Int!) {
    addToCart(cartId: $cartId, sku: $sku, quantity: $quantity) {
      id
      lines {
        quantity
      }
    }
  }
`);

/** The cart id of this browser per storefront (a logged-in customer's createCart answers their active cart). */
export class CartStore {
  private readonly key: string;
  constructor(private readonly api: Api) {
    this.key = `sfh.cart.${api.storefrontToken}`;
  }

  get id(): string | null {
    return localStorage.getItem(this.key);
  }

  set id(v: string | null) {
    if (v) localStorage.setItem(this.key, v);
    else localStorage.removeItem(this.key);
  }

  async ensure(): Promise<string> {
    this.id ??= (await this.api.request(CreateCart, {})).createCart.id;
    return this.id;
  }

  /** Adds; a cart that is gone (ordered, expired) is replaced by a new one. Returns the number of items. */
  async add(sku: string, quantity: number): Promise<number> {
    const cartId = await this.ensure();
    try {
      const { addToCart } = await this.api.request(AddToCart, { cartId, sku, quantity });
      return addToCart.lines.reduce((n, l) => n + l.quantity, 0);
    } catch (e) {
      if ((e as { code?: string }).code !== 'NOT_FOUND') throw e;
      this.id = null;
      const { addToCart } = await this.api.request(AddToCart, { cartId: await this.ensure(), sku, quantity });
      return addToCart.lines.reduce((n, l) => n + l.quantity, 0);
    }
  }
}
