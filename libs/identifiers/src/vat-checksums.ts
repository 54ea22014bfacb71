/**
 * Our own VAT check-digit algorithms, for the prefixes where jsvat is wrong or has no entry.
 * Each function takes the compact national part (no prefix), already checked against the
 * prefix's format, and follows python-stdnum (`stdnum/<country>/…py`; decisions in ../README.md).
 */

function weightedSum(value: string, weights: readonly number[]): number {
  return weights.reduce((sum, weight, i) => sum + weight * Number(value[i]), 0);
}

/** Luhn: the digit string's checksum is 0. */
export function luhnValid(value: string): boolean {
  let sum = 0;
  for (let i = 0; i < value.length; i++) {
    let digit = Number(value[value.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** ISO 7064 mod 97-10 over digits and capitals (A=10 … Z=35, `+`=36, `*`=37): the value mod 97 is 1. */
export function mod97Valid(value: string): boolean {
  let remainder = 0;
  for (const ch of value) {
    const code = ch === '+' ? 36 : ch === '*' ? 37 : /[A-Z]/.test(ch) ? ch.charCodeAt(0) - 55 : Number(ch);
    for (const digit of String(code)) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/**
 * NL: the strict 11-test on the 9 digits (RSIN, or the BSN of pre-2020 sole proprietors), or mod 97-10
 * over `NL` + national part (the btw-id of sole proprietors since 2020). jsvat's 11-test maps a
 * remainder of 10 to check digit 0 and so accepts numbers that have no valid check digit.
 */
export function nlChecksum(national: string): boolean {
  const nine = national.slice(0, 9);
  const elevenTest = Number(nine) > 0 && weightedSum(nine, [9, 8, 7, 6, 5, 4, 3, 2, -1]) % 11 === 0;
  return elevenTest || mod97Valid(`NL${national}`);
}

/** BE: 10 digits, (first 8 + last 2) mod 97 = 0. jsvat refuses numbers whose second digit is 0 (the 1-range since 2023). */
export function beChecksum(national: string): boolean {
  return Number(national) > 0 && (Number(national.slice(0, 8)) + Number(national.slice(8))) % 97 === 0;
}

/**
 * XI (UK numbering): weights 8,7,6,5,4,3,2,10,1 mod 97 over the first 9 digits is 0, or for numbers from
 * 100 upwards 42 ("9755" scheme) or 55 (as stdnum). GD/HA numbers (government, health) have no check digit.
 */
export function xiChecksum(national: string): boolean {
  if (/^(GD|HA)/.test(national)) return true;
  const nine = national.slice(0, 9);
  const sum = weightedSum(nine, [8, 7, 6, 5, 4, 3, 2, 10, 1]) % 97;
  return Number(nine.slice(0, 3)) >= 100 ? [0, 42, 55].includes(sum) : sum === 0;
}

const FR_KEY_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * FR: 2-character key + SIREN. The SIREN must pass Luhn (except Monaco's `000…` numbers); a numeric key
 * is (SIREN·100 + 12) mod 97, an alphanumeric key has its own check. jsvat accepts every alphanumeric
 * key unchecked and never checks the SIREN.
 */
export function frChecksum(national: string): boolean {
  const key = national.slice(0, 2);
  const siren = national.slice(2);
  if (!siren.startsWith('000') && !luhnValid(siren)) return false;
  if (/^\d\d$/.test(key)) return Number(key) === Number(`${siren}12`) % 97;
  const [first, second] = [FR_KEY_ALPHABET.indexOf(key[0]!), FR_KEY_ALPHABET.indexOf(key[1]!)];
  const check = /^\d/.test(key) ? first * 24 + second - 10 : first * 34 + second - 100;
  return (Number(siren) + 1 + Math.floor(check / 11)) % 11 === check % 11;
}

/** FI: weights 7,9,10,5,8,4,2,1 sum to 0 mod 11. jsvat accepts check digit 0 where the remainder leaves none. */
export function fiChecksum(national: string): boolean {
  return weightedSum(national, [7, 9, 10, 5, 8, 4, 2, 1]) % 11 === 0;
}

/** PL: weights 6,5,7,2,3,4,5,6,7,−1 sum to 0 mod 11. jsvat maps a remainder of 10 to check digit 0. */
export function plChecksum(national: string): boolean {
  return Number(national) > 0 && weightedSum(national, [6, 5, 7, 2, 3, 4, 5, 6, 7, -1]) % 11 === 0;
}

/** IT: first 7 digits not all 0, office code 001–100, 120, 121, 888 or 999, Luhn. jsvat allows offices up to 201. */
export function itChecksum(national: string): boolean {
  const office = Number(national.slice(7, 10));
  const officeOk = (office >= 1 && office <= 100) || [120, 121, 888, 999].includes(office);
  return Number(national.slice(0, 7)) > 0 && officeOk && luhnValid(national);
}

/**
 * LV: legal entities (first digit > 3) have weights 9,1,4,8,3,10,2,5,7,6,1 summing to 3 mod 11 (jsvat also
 * accepts a remainder of 4 with check digit 0). Natural persons: a personal code `ddmmyy c nnnn` with a real
 * birth date and check digit (1 + Σ w·d) mod 11 mod 10, w = 10,5,8,4,2,1,6,3,7,9. Personal codes issued
 * since July 2017 start with 32 and hold no date; no check rule is published for them, so only the format counts.
 */
export function lvChecksum(national: string): boolean {
  if (national[0]! > '3') return weightedSum(national, [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1]) % 11 === 3;
  if (national.startsWith('32')) return true;
  const [day, month] = [Number(national.slice(0, 2)), Number(national.slice(2, 4))];
  const year = 1800 + Number(national[6]) * 100 + Number(national.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return ((1 + weightedSum(national, [10, 5, 8, 4, 2, 1, 6, 3, 7, 9])) % 11) % 10 === Number(national[10]);
}
