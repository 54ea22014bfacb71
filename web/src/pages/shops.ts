import { Api, ApiError } from '../api';
import { DEMO_SHOPS, StorefrontInfo, chooseToken, chosenToken } from '../app';
import { type Child, field, h, showErrors } from '../dom';

/** Picks the storefront token the shop runs on: a demo one or any other (checked against the API first). */
export async function shopsPage(reload: () => void): Promise<Child> {
  const current = chosenToken();
  const use = async (token: string, form?: HTMLFormElement) => {
    try {
      await new Api(token).request(StorefrontInfo, {});
      chooseToken(token);
      location.hash = '#/';
      reload();
    } catch (e) {
      const msg =
        e instanceof ApiError && e.code === 'UNKNOWN_STOREFRONT'
          ? 'This storefront token is not known (mistyped or rotated).'
          : String(e);
      if (form) showErrors(form, msg);
    }
  };
  const custom = h(
    'form',
    {
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const f = ev.target as HTMLFormElement;
        void use((f.elements.namedItem('token') as HTMLInputElement).value.trim(), f);
      },
    },
    field('Storefront token', 'token', { required: true, hint: 'The x-storefront-token of any storefront of this server.' }),
    h('button', { type: 'submit' }, 'Use this token'),
  );
  return [
    h('h1', null, 'Pick a storefront'),
    h('p', null, 'The demo data has three storefronts of two brands. Each has its own customers, prices and price convention.'),
    h(
      'ul',
      { class: 'grid' },
      DEMO_SHOPS.map((s) =>
        h(
          'li',
          { class: 'card' },
          h('h2', null, s.label),
          h('p', null, h('code', null, s.token)),
          h(
            'button',
            { type: 'button', onclick: () => void use(s.token), 'aria-current': s.token === current ? 'true' : false },
            s.token === current ? 'Current shop' : 'Shop here',
          ),
        ),
      ),
    ),
    h('h2', null, 'Another storefront'),
    custom,
  ];
}
