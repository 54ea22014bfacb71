import { Api } from './api';
import { type Child, money } from './dom';
import { graphql, type ResultOf } from './graphql';

export const StorefrontInfo = graphql(`
  query StorefrontInfo {
    storefront {
      code
      name
      audience
      currency
      country
      locale
      pricesIncludeTax
      stockDisplay
      lowStockThreshold
      paymentTermsDays
      brand {
        code
        name
      }
    }
  }
`);
export type Shop = ResultOf<typeof StorefrontInfo>['storefront'];

/** What every page gets: the API for the chosen storefront, that storefront, and the app's services. */
export interface Ctx {
  api: Api;
  shop: Shop;
  /** Cleanup to run when the page is left (subscriptions). */
  onLeave(fn: () => void): void;
  go(hash: string): void;
  announce(text: string): void;
  /** Re-renders the header (login state, cart count). */
  refreshHeader(): void;
  money(m: { amount: string; currency: string }): string;
}

export type Page = (ctx: Ctx, params: URLSearchParams, path: string[]) => Promise<Child>;

export function formatMoney(shop: Shop) {
  return (m: { amount: string; currency: string }) => money(m.amount, m.currency, shop.locale);
}

/** The well-known demo tokens (README): the picker offers them; any other token can be typed. */
export const DEMO_SHOPS = [
  { token: 'sft_demo_handug_nl', label: 'Handug Bouwmarkt NL (B2C)' },
  { token: 'sft_demo_abc_ppe_b2b', label: 'ABC PPE Business (B2B)' },
  { token: 'sft_demo_abc_ppe_shop', label: 'ABC PPE Shop (B2C, Belgium)' },
];

const TOKEN_KEY = 'sfh.storefront';
export const chosenToken = (): string | null => localStorage.getItem(TOKEN_KEY);
export const chooseToken = (token: string | null): void =>
  token ? localStorage.setItem(TOKEN_KEY, token) : localStorage.removeItem(TOKEN_KEY);
