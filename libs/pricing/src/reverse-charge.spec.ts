import { reverseCharge, reverseChargeNote } from './reverse-charge';

const b2b = (
  vatNumber: string,
  viesStatus = 'VALID',
  sellerVatNumber: string | null = 'NL004495445B01',
  storefrontCountry = 'NL',
) => reverseCharge({ audience: 'B2B', buyer: { vatNumber, viesStatus }, sellerVatNumber, storefrontCountry });

describe('reverseCharge', () => {
  it('applies to a VIES-valid business of another EU country', () => {
    expect(b2b('BE0776091951')).toEqual({ applies: true, sellerCountry: 'NL', buyerCountry: 'BE' });
    expect(b2b('EL094014201').applies).toBe(true);
  });

  it('does not apply in the seller country, Greece as EL included', () => {
    expect(b2b('NL004495445B01').applies).toBe(false);
    expect(b2b('EL094014201', 'VALID', 'EL094259216').applies).toBe(false);
  });

  it('does not apply unless VIES said VALID', () => {
    for (const s of ['NOT_CHECKED', 'INVALID', 'UNAVAILABLE_RETRYING']) expect(b2b('BE0776091951', s).applies).toBe(false);
  });

  it("takes the storefront's country when the brand has no VAT number", () => {
    expect(b2b('BE0776091951', 'VALID', null, 'BE').applies).toBe(false);
    expect(b2b('BE0776091951', 'VALID', null, 'DE')).toEqual({ applies: true, sellerCountry: 'DE', buyerCountry: 'BE' });
  });

  it('never applies to consumers or without a company', () => {
    expect(
      reverseCharge({
        audience: 'B2C',
        buyer: { vatNumber: 'BE0776091951', viesStatus: 'VALID' },
        sellerVatNumber: null,
        storefrontCountry: 'NL',
      }).applies,
    ).toBe(false);
    expect(reverseCharge({ audience: 'B2B', buyer: null, sellerVatNumber: null, storefrontCountry: 'NL' }).applies).toBe(false);
  });

  it('names both VAT numbers in the invoice note', () => {
    expect(reverseChargeNote('NL004495445B01', 'BE0776091951')).toMatch(/VAT reverse charged.*NL004495445B01.*BE0776091951/);
  });
});
