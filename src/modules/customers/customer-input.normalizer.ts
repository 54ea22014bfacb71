import { badInput, DomainError, type FieldError } from '../../../libs/errors/src';
import {
  normalizePhone,
  normalizePostcode,
  parseEmail,
  parseKvkNumber,
  parseVatNumber,
  type ParsedVatNumber,
  vatCountryMatchesIso,
} from '../../../libs/identifiers/src';
import { isCountry } from '../../../libs/iso/src';
import { checkPassword } from '../../../libs/passwords/src';

export interface AddressData {
  fullName: string | null;
  street: string;
  houseNumber: string;
  houseNumberAddition: string | null;
  postalCode: string;
  city: string;
  country: string;
  defaultShipping: boolean;
  defaultBilling: boolean;
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Collects field errors while normalising one input; `done()` throws them all at once. */
export class InputNormalizer {
  readonly errors: FieldError[] = [];

  fail(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  /** Trimmed text with inner whitespace collapsed; no control characters. */
  text(path: string, raw: string | null | undefined, opts: { required: boolean; max: number }): string | null {
    const v = (raw ?? '').replace(/\s+/g, ' ').trim();
    if (!v) {
      if (opts.required) this.fail(path, 'is required');
      return null;
    }
    if (CONTROL.test(raw ?? '')) this.fail(path, 'must not contain control characters');
    else if ([...v].length > opts.max) this.fail(path, `must be at most ${opts.max} characters`);
    return v;
  }

  email(path: string, raw: string): string {
    const r = parseEmail(raw);
    if (!r.ok) this.fail(path, r.message);
    return r.ok ? r.value : '';
  }

  password(path: string, raw: string, email: string): void {
    const r = checkPassword(raw, { email });
    if (!r.ok) this.fail(path, r.message);
  }

  country(path: string, raw: string): string {
    const v = raw.trim().toUpperCase();
    if (!isCountry(v)) this.fail(path, 'must be an ISO 3166-1 alpha-2 country code such as NL');
    return v;
  }

  phone(path: string, raw: string | null | undefined, defaultCountry: string): string | null {
    if (raw == null || raw.trim() === '') return null;
    const r = normalizePhone(raw, defaultCountry);
    if (!r.ok) this.fail(path, r.message);
    return r.ok ? r.value : null;
  }

  address(
    path: string,
    a: {
      fullName?: string | null;
      street: string;
      houseNumber: string;
      houseNumberAddition?: string | null;
      postalCode: string;
      city: string;
      country: string;
      defaultShipping?: boolean | null;
      defaultBilling?: boolean | null;
    },
  ): AddressData {
    const at = (field: string) => (path ? `${path}.${field}` : field);
    const country = this.country(at('country'), a.country);
    const houseNumber = this.text(at('houseNumber'), a.houseNumber, { required: true, max: 20 }) ?? '';
    if (houseNumber && !(country === 'NL' ? /^\d{1,5}$/ : /^\d[0-9A-Za-z/-]{0,9}$/).test(houseNumber)) {
      this.fail(
        at('houseNumber'),
        country === 'NL' ? 'must be digits only (put letters in houseNumberAddition)' : 'must start with a digit',
      );
    }
    const addition = this.text(at('houseNumberAddition'), a.houseNumberAddition, { required: false, max: 20 });
    if (addition && !/^[0-9A-Za-z -]{1,10}$/.test(addition))
      this.fail(at('houseNumberAddition'), 'must be letters or digits, at most 10');
    let postalCode = '';
    if (isCountry(country)) {
      const pc = normalizePostcode(a.postalCode, country);
      if (!pc.ok) this.fail(at('postalCode'), pc.message);
      else postalCode = pc.value;
    }
    return {
      fullName: this.text(at('fullName'), a.fullName, { required: false, max: 200 }),
      street: this.text(at('street'), a.street, { required: true, max: 200 }) ?? '',
      houseNumber,
      houseNumberAddition: addition ? addition.toUpperCase() : null,
      postalCode,
      city: this.text(at('city'), a.city, { required: true, max: 100 }) ?? '',
      country,
      defaultShipping: a.defaultShipping ?? false,
      defaultBilling: a.defaultBilling ?? false,
    };
  }

  /** Throws BAD_USER_INPUT with every collected field error. */
  done(): void {
    if (this.errors.length) throw badInput(this.errors);
  }
}

/** Offline VAT check (format, check digits, country): INVALID_VAT_NUMBER naming the field. */
export function parseCompanyVat(raw: string, companyCountry: string, path: string): ParsedVatNumber {
  const r = parseVatNumber(raw);
  if (!r.ok) {
    throw new DomainError('INVALID_VAT_NUMBER', `VAT number ${raw.slice(0, 30)} is not valid: ${r.message}`, {
      fieldErrors: [{ path, message: r.reason === 'CHECKSUM' ? 'Invalid check digits.' : r.message }],
    });
  }
  if (!vatCountryMatchesIso(r.value.countryCode, companyCountry)) {
    throw new DomainError(
      'INVALID_VAT_NUMBER',
      `The VAT number's country (${r.value.countryCode}) is not the company's country (${companyCountry}).`,
      {
        fieldErrors: [{ path, message: `must be a VAT number of the company's country (${companyCountry})` }],
      },
    );
  }
  return r.value;
}

/** KvK number: 8 digits, required for Dutch companies (INVALID_KVK_NUMBER). */
export function parseCompanyKvk(raw: string | null | undefined, companyCountry: string, path: string): string | null {
  const given = raw?.trim();
  if (!given) {
    if (companyCountry === 'NL') {
      throw new DomainError('INVALID_KVK_NUMBER', 'A Dutch company needs its 8-digit KvK number.', {
        fieldErrors: [{ path, message: 'is required for Dutch companies' }],
      });
    }
    return null;
  }
  const r = parseKvkNumber(given);
  if (!r.ok) {
    throw new DomainError('INVALID_KVK_NUMBER', `KvK number ${given.slice(0, 20)} is not valid: ${r.message}`, {
      fieldErrors: [{ path, message: r.message }],
    });
  }
  return r.value;
}
