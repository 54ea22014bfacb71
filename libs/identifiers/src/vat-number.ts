import { isVatPrefix, VAT_RULES, type VatPrefix } from './vat-rules';

export interface ParsedVatNumber {
  /** The VAT prefix (EL for Greece, XI for Northern Ireland); use vatCountryToIso() to compare with an ISO country. */
  readonly countryCode: VatPrefix;
  /** The compact national part, as VIES wants it in `vatNumber`. */
  readonly nationalPart: string;
  /** Prefix + national part, e.g. `NL004495445B01`: the stored form. */
  readonly normalized: string;
}

export type VatParseFailure = 'FORMAT' | 'CHECKSUM' | 'UNSUPPORTED_COUNTRY';

export type VatParseResult =
  | { readonly ok: true; readonly value: ParsedVatNumber }
  | { readonly ok: false; readonly reason: VatParseFailure; readonly message: string };

/** Longer input is refused before any work: no VAT number comes near it, even with separators. */
const MAX_INPUT_LENGTH = 64;

/**
 * Upper-case, strip whitespace and `. - / , : _`, rename the GR prefix to EL and left-pad a 9-digit Belgian
 * number with 0. It does not add a missing prefix and does not validate anything.
 */
export function normalizeVatNumber(raw: string): string {
  let value = String(raw ?? '')
    .toUpperCase()
    .replace(/[\s.\-/,:_]+/g, '');
  if (value.startsWith('GR')) value = `EL${value.slice(2)}`;
  if (/^BE\d{9}$/.test(value)) value = `BE0${value.slice(2)}`;
  return value;
}

/**
 * Offline check of an EU-27 or XI VAT number: prefix, shape, check digits. Only VIES can tell whether a
 * well-formed number is registered.
 * - FORMAT: no or unknown prefix, GB (not in VIES since 2021: Northern Ireland traders use XI), wrong shape.
 * - UNSUPPORTED_COUNTRY: the prefix is a real ISO region outside the EU-27 + XI (CH, NO, US, EU for non-Union
 *   OSS …): such numbers exist but VIES does not check them.
 * - CHECKSUM: the right shape but wrong check digits (or, for IT and LV, an impossible office code or date).
 */
export function parseVatNumber(raw: string): VatParseResult {
  if (typeof raw !== 'string' || raw.length > MAX_INPUT_LENGTH) return failure('FORMAT', 'Not a VAT number.');
  const normalized = normalizeVatNumber(raw);
  const prefix = normalized.slice(0, 2);
  if (!/^[A-Z]{2}$/.test(prefix)) return failure('FORMAT', 'A VAT number starts with its country prefix, e.g. NL.');
  if (prefix === 'GB') {
    return failure('FORMAT', 'GB VAT numbers are not checked in the EU since 2021; Northern Ireland traders use the XI prefix.');
  }
  if (!isVatPrefix(prefix)) {
    return isIsoCountry(prefix)
      ? failure('UNSUPPORTED_COUNTRY', `VAT numbers of ${prefix} cannot be checked: only EU and XI numbers are supported.`)
      : failure('FORMAT', `${prefix} is not a VAT country prefix.`);
  }
  const nationalPart = normalized.slice(2);
  const rule = VAT_RULES[prefix];
  if (!rule.format.test(nationalPart)) return failure('FORMAT', `This is not the format of a ${prefix} VAT number.`);
  if (!rule.checksum(nationalPart)) return failure('CHECKSUM', `The check digits of this ${prefix} VAT number are wrong.`);
  return { ok: true, value: { countryCode: prefix, nationalPart, normalized } };
}

/**
 * The ISO 3166-1 country of a VAT prefix, to compare with a company's country: EL → GR, and XI → GB
 * (XI is not an ISO code; Northern Ireland is part of the ISO country GB). Other prefixes are their own
 * ISO code. The input is upper-cased; an unknown prefix is returned upper-cased as it is.
 */
export function vatCountryToIso(prefix: string): string {
  const code = prefix.trim().toUpperCase();
  if (code === 'EL') return 'GR';
  if (code === 'XI') return 'GB';
  return code;
}

/** True when a VAT prefix belongs to the ISO country (EL ↔ GR, XI ↔ GB). */
export function vatCountryMatchesIso(prefix: string, isoCountry: string): boolean {
  return vatCountryToIso(prefix) === isoCountry.trim().toUpperCase();
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

function isIsoCountry(code: string): boolean {
  if (['UN', 'ZZ', 'QO', 'XA', 'XB'].includes(code)) return false; // not countries (EU is kept: its OSS numbers exist)
  return regionNames.of(code) !== undefined;
}

function failure(reason: VatParseFailure, message: string): VatParseResult {
  return { ok: false, reason, message };
}
