import {
  austria,
  bulgaria,
  checkVAT,
  croatia,
  cyprus,
  czechRepublic,
  denmark,
  estonia,
  germany,
  greece,
  hungary,
  ireland,
  lithuania,
  luxembourg,
  malta,
  portugal,
  romania,
  slovakiaRepublic,
  slovenia,
  spain,
  sweden,
  type Country,
} from 'jsvat';
import { beChecksum, fiChecksum, frChecksum, itChecksum, lvChecksum, nlChecksum, plChecksum, xiChecksum } from './vat-checksums';

/** VAT prefixes checked by VIES: the EU-27 (Greece as EL) plus XI (Northern Ireland). */
// prettier-ignore
export const VAT_PREFIXES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'XI',
] as const;

export type VatPrefix = (typeof VAT_PREFIXES)[number];

export interface VatRule {
  /** The national part's shape (compact, upper-case, without the prefix). */
  readonly format: RegExp;
  /** The check digits, called only on a national part that matched `format`. */
  readonly checksum: (national: string) => boolean;
  /** Whose algorithm the checksum is. */
  readonly source: 'jsvat' | 'own';
}

/**
 * jsvat's algorithm for one country. Every `format` below that uses it accepts a subset of jsvat's own
 * regexes for that country, so a `false` from jsvat here is a check-digit failure, never a shape mismatch.
 */
function jsvat(prefix: VatPrefix, format: RegExp, country: Country): VatRule {
  return { format, checksum: (national) => checkVAT(prefix + national, [country]).isValid, source: 'jsvat' };
}

function own(format: RegExp, checksum: (national: string) => boolean): VatRule {
  return { format, checksum, source: 'own' };
}

export const VAT_RULES: Readonly<Record<VatPrefix, VatRule>> = {
  AT: jsvat('AT', /^U\d{8}$/, austria),
  BE: own(/^[01]\d{9}$/, beChecksum),
  BG: jsvat('BG', /^\d{9,10}$/, bulgaria),
  CY: jsvat('CY', /^[0-59]\d{7}[A-Z]$/, cyprus),
  CZ: jsvat('CZ', /^\d{8,10}$/, czechRepublic),
  DE: jsvat('DE', /^[1-9]\d{8}$/, germany),
  DK: jsvat('DK', /^\d{8}$/, denmark),
  EE: jsvat('EE', /^10\d{7}$/, estonia),
  EL: jsvat('EL', /^\d{9}$/, greece),
  ES: jsvat('ES', /^([A-Z]\d{8}|[A-HN-SW]\d{7}[A-J]|[0-9YZ]\d{7}[A-Z]|[KLMX]\d{7}[A-Z])$/, spain),
  FI: own(/^\d{8}$/, fiChecksum),
  FR: own(/^[0-9A-HJ-NP-Z]{2}\d{9}$/, frChecksum),
  HR: jsvat('HR', /^\d{11}$/, croatia),
  HU: jsvat('HU', /^\d{8}$/, hungary),
  IE: jsvat('IE', /^(\d{7}[A-W]|[7-9][A-Z*+]\d{5}[A-W]|\d{7}[A-W][AH])$/, ireland),
  IT: own(/^\d{11}$/, itChecksum),
  LT: jsvat('LT', /^(\d{9}|\d{12})$/, lithuania),
  LU: jsvat('LU', /^\d{8}$/, luxembourg),
  LV: own(/^\d{11}$/, lvChecksum),
  MT: jsvat('MT', /^[1-9]\d{7}$/, malta),
  NL: own(/^\d{9}B(?!00)\d{2}$/, nlChecksum),
  PL: own(/^\d{10}$/, plChecksum),
  PT: jsvat('PT', /^\d{9}$/, portugal),
  RO: jsvat('RO', /^[1-9]\d{1,9}$/, romania),
  SE: jsvat('SE', /^\d{10}01$/, sweden),
  SI: jsvat('SI', /^[1-9]\d{7}$/, slovenia),
  SK: jsvat('SK', /^[1-9]\d[2-47-9]\d{7}$/, slovakiaRepublic),
  XI: own(/^(\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2})$/, xiChecksum),
};

export function isVatPrefix(value: string): value is VatPrefix {
  return (VAT_PREFIXES as readonly string[]).includes(value);
}
