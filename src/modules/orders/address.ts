import type { AddressJson } from './cart.repository';

/** The postal fields every address shape shares (a saved address, a normalised input, a cart's or an order's copy). */
export type PostalAddress = Omit<AddressJson, 'companyName'>;

/** Only the postal fields of any address shape (drops ids, default flags, a company name). */
export function postal(a: PostalAddress): PostalAddress {
  return {
    fullName: a.fullName,
    street: a.street,
    houseNumber: a.houseNumber,
    houseNumberAddition: a.houseNumberAddition,
    postalCode: a.postalCode,
    city: a.city,
    country: a.country,
  };
}

/** An address as carts and orders keep it: its postal fields and, B2B, the company the goods are for. */
export function addressCopy(a: PostalAddress, companyName: string | null): AddressJson {
  return { ...postal(a), companyName };
}
