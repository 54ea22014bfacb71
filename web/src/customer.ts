import { ApiError } from './api';
import type { Ctx } from './app';
import { type Child, field, h, orNull, selectField } from './dom';
import { graphql, type ResultOf, type VariablesOf } from './graphql';

export const AddressFields = graphql(`
  fragment AddressFields on Address {
    id
    fullName
    street
    houseNumber
    houseNumberAddition
    postalCode
    city
    country
    defaultShipping
    defaultBilling
  }
`);

export const Me = graphql(
  `
    query Me {
      me {
        id
        email
        firstName
        lastName
        phone
        status
        rejectionReason
        addresses {
          ...AddressFields
        }
        consents {
          purpose
          granted
          updatedAt
        }
        company {
          id
          name
          country
          vatNumber
          kvkNumber
          role
          address {
            ...AddressFields
          }
          vatVerification {
            status
            consultationNumber
            registeredName
            checkedAt
          }
        }
      }
    }
  `,
  [AddressFields],
);
export type MeResult = NonNullable<ResultOf<typeof Me>['me']>;

const Login = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      refreshToken
      expiresIn
      customer {
        firstName
      }
    }
  }
`);

const MergeCart = graphql(`
  mutation MergeCart($cartId: ID!) {
    mergeCart(cartId: $cartId) {
      id
    }
  }
`);

export const COUNTRIES: Array<[string, string]> = [
  ['NL', 'Netherlands'],
  ['BE', 'Belgium'],
  ['DE', 'Germany'],
  ['FR', 'France'],
  ['LU', 'Luxembourg'],
  ['AT', 'Austria'],
];

export const AddAddress = graphql(`
  mutation AddAddress($input: AddressInput!) {
    addMyAddress(input: $input) {
      id
    }
  }
`);
/** The SDL's AddressInput (generated types, never a copy of the server's). */
export type AddressValue = VariablesOf<typeof AddAddress>['input'];

/** Address fields; `path` is where the API reports their errors (e.g. `company.address`). */
export function addressFields(prefix: string, path: string, a: Partial<AddressValue> = {}, withName = true): Child[] {
  const p = (n: string) => (path ? `${path}.${n}` : n);
  return [
    withName
      ? field('Name on the address', `${prefix}fullName`, { path: p('fullName'), value: a.fullName, autocomplete: 'name' })
      : null,
    field('Street', `${prefix}street`, { path: p('street'), value: a.street, required: true, autocomplete: 'address-line1' }),
    field('House number', `${prefix}houseNumber`, {
      path: p('houseNumber'),
      value: a.houseNumber,
      required: true,
      inputmode: 'numeric',
    }),
    field('Addition', `${prefix}houseNumberAddition`, {
      path: p('houseNumberAddition'),
      value: a.houseNumberAddition,
      hint: 'e.g. A or 2-hoog',
    }),
    field('Postcode', `${prefix}postalCode`, {
      path: p('postalCode'),
      value: a.postalCode,
      required: true,
      autocomplete: 'postal-code',
      hint: 'Netherlands: 4 digits and 2 letters, e.g. 1017 GC',
    }),
    field('City', `${prefix}city`, { path: p('city'), value: a.city, required: true, autocomplete: 'address-level2' }),
    selectField('Country', `${prefix}country`, COUNTRIES, a.country ?? 'NL', p('country')),
  ];
}

export function readAddress(v: Record<string, string>, prefix: string): AddressValue {
  return {
    fullName: orNull(v[`${prefix}fullName`]),
    street: v[`${prefix}street`] ?? '',
    houseNumber: v[`${prefix}houseNumber`] ?? '',
    houseNumberAddition: orNull(v[`${prefix}houseNumberAddition`]),
    postalCode: v[`${prefix}postalCode`] ?? '',
    city: v[`${prefix}city`] ?? '',
    country: v[`${prefix}country`] ?? 'NL',
  };
}

export function formatAddress(a: AddressValue): Child {
  return h(
    'span',
    null,
    a.fullName ? [a.fullName, h('br')] : null,
    `${a.street} ${a.houseNumber}${a.houseNumberAddition ? ` ${a.houseNumberAddition}` : ''}`,
    h('br'),
    `${a.postalCode} ${a.city}`,
    h('br'),
    a.country,
  );
}

/** Why an account cannot log in yet, in the buyer's words. */
export function statusExplained(status: string, reason?: string | null): string {
  switch (status) {
    case 'PENDING_VERIFICATION':
      return 'Your account is waiting for the EU VAT check (VIES), which did not answer yet. We check again automatically; you can log in as soon as your VAT number is confirmed.';
    case 'PENDING_APPROVAL':
      return 'Your account is waiting for approval by the shop. You will get an e-mail once it is approved.';
    case 'REJECTED':
      return `Your account was not approved${reason ? `: ${reason}` : '.'}`;
    default:
      return '';
  }
}

/** Logs in; an anonymous cart of this browser joins the customer's cart. */
export async function logIn(
  ctx: Ctx,
  cartId: string | null,
  email: string,
  password: string,
): Promise<{ cartId: string | null }> {
  try {
    const { login } = await ctx.api.request(Login, { email, password });
    ctx.api.setSession(login);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'ACCOUNT_NOT_ACTIVE') {
      throw new Error(statusExplained(String(e.extensions.status)) || e.message);
    }
    if (e instanceof ApiError && e.code === 'INVALID_CREDENTIALS') throw new Error('E-mail address or password is not correct.');
    throw e;
  }
  if (!cartId) return { cartId: null };
  try {
    return { cartId: (await ctx.api.request(MergeCart, { cartId })).mergeCart.id };
  } catch {
    return { cartId: null }; // an ordered or foreign cart does not merge; the customer's own cart is used
  }
}
