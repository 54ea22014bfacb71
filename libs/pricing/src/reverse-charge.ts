import { isVatPrefix, vatCountryToIso } from '../../identifiers/src';

export interface ReverseChargeInput {
  audience: 'B2B' | 'B2C';
  /** The buyer company's VAT number (normalised, with its prefix) and its VIES status; null without a company. */
  buyer: { vatNumber: string; viesStatus: string } | null;
  /** The brand's own VAT number, when it has one. */
  sellerVatNumber: string | null;
  /** The storefront's country (ISO 3166-1): the seller's country when the brand has no VAT number. */
  storefrontCountry: string;
}

export interface ReverseChargeDecision {
  applies: boolean;
  /** ISO country of the seller and of the buyer, as compared. */
  sellerCountry: string;
  buyerCountry: string | null;
}

/**
 * Intra-EU B2B supply (VAT directive art. 138 / 196): charged at 0 % with "VAT reverse charged" when the buyer
 * is a business whose VAT number VIES confirmed (VALID) and that number is of another EU member state than the
 * seller's. The seller's country is that of the brand's VAT number, or the storefront's country without one.
 * Anything else (B2C, not verified, same country, a non-EU number) is taxed normally.
 */
export function reverseCharge(input: ReverseChargeInput): ReverseChargeDecision {
  const sellerCountry = input.sellerVatNumber
    ? vatCountryToIso(input.sellerVatNumber.slice(0, 2))
    : input.storefrontCountry.toUpperCase();
  const prefix = input.buyer?.vatNumber.slice(0, 2).toUpperCase() ?? '';
  const buyerCountry = input.buyer ? vatCountryToIso(prefix) : null;
  const applies =
    input.audience === 'B2B' &&
    input.buyer !== null &&
    input.buyer.viesStatus === 'VALID' &&
    isVatPrefix(prefix) &&
    buyerCountry !== sellerCountry;
  return { applies, sellerCountry, buyerCountry };
}

/** The note an invoice needs under reverse charge, with both VAT numbers. */
export function reverseChargeNote(sellerVatNumber: string | null, buyerVatNumber: string): string {
  return `VAT reverse charged (Article 196 Directive 2006/112/EC). Supplier VAT: ${sellerVatNumber ?? 'n/a'}; customer VAT: ${buyerVatNumber}.`;
}
