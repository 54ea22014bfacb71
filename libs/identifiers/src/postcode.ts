export type PostcodeParseResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: 'EMPTY' | 'TOO_LONG' | 'FORMAT'; readonly message: string };

interface PostcodeRule {
  /** Matched against the compact form: upper-case, without spaces and dashes. */
  readonly pattern: RegExp;
  /** Replacement template for the stored form. */
  readonly format: string;
  /** A country marker that may precede the code (`B-1000`, `D-10115`, `NL-1234AB`); dropped. */
  readonly marker?: string;
  readonly example: string;
}

const FOUR = /^([1-9]\d{3})$/;
const FIVE = /^(\d{5})$/;
const THREE_TWO = /^(\d{3})(\d{2})$/;

/** Country rules (ISO 3166-1 alpha-2): the EU-27 plus the neighbours a Dutch shop meets most. */
const RULES: Readonly<Record<string, PostcodeRule>> = {
  // Dutch: letter pairs SA, SD and SS are never issued (DOMAIN.md §6). Stored as `1234 AB`.
  NL: { pattern: /^([1-9]\d{3})((?!SA|SD|SS)[A-Z]{2})$/, format: '$1 $2', example: '1234 AB' },
  BE: { pattern: FOUR, format: '$1', marker: 'B', example: '1000' },
  LU: { pattern: /^(\d{4})$/, format: '$1', marker: 'L', example: '1234' },
  DE: { pattern: FIVE, format: '$1', marker: 'D', example: '10115' },
  FR: { pattern: FIVE, format: '$1', marker: 'F', example: '75001' },
  AT: { pattern: FOUR, format: '$1', marker: 'A', example: '1010' },
  IT: { pattern: FIVE, format: '$1', marker: 'I', example: '00184' },
  ES: { pattern: /^((?:0[1-9]|[1-4]\d|5[0-2])\d{3})$/, format: '$1', marker: 'E', example: '28001' },
  PT: { pattern: /^([1-9]\d{3})(\d{3})$/, format: '$1-$2', marker: 'P', example: '1000-001' },
  DK: { pattern: FOUR, format: '$1', example: '1050' },
  SE: { pattern: /^([1-9]\d{2})(\d{2})$/, format: '$1 $2', marker: 'S', example: '114 55' },
  FI: { pattern: FIVE, format: '$1', example: '00100' },
  EE: { pattern: /^([1-9]\d{4})$/, format: '$1', example: '10111' },
  LV: { pattern: /^(\d{4})$/, format: 'LV-$1', example: 'LV-1050' },
  LT: { pattern: /^(\d{5})$/, format: 'LT-$1', example: 'LT-01100' },
  PL: { pattern: /^(\d{2})(\d{3})$/, format: '$1-$2', example: '00-950' },
  CZ: { pattern: THREE_TWO, format: '$1 $2', example: '110 00' },
  SK: { pattern: THREE_TWO, format: '$1 $2', example: '811 01' },
  GR: { pattern: THREE_TWO, format: '$1 $2', example: '105 57' },
  HU: { pattern: FOUR, format: '$1', example: '1051' },
  SI: { pattern: FOUR, format: '$1', example: '1000' },
  HR: { pattern: /^([1-5]\d{4})$/, format: '$1', example: '10000' },
  RO: { pattern: /^(\d{6})$/, format: '$1', example: '010011' },
  BG: { pattern: FOUR, format: '$1', example: '1000' },
  CY: { pattern: FOUR, format: '$1', example: '1010' },
  MT: { pattern: /^([A-Z]{3})(\d{4})$/, format: '$1 $2', example: 'VLT 1117' },
  IE: { pattern: /^([AC-FHKNPRTV-Y]\d{2}|D6W)([0-9AC-FHKNPRTV-Y]{4})$/, format: '$1 $2', example: 'D02 X285' },
  CH: { pattern: FOUR, format: '$1', example: '8001' },
  NO: { pattern: /^(\d{4})$/, format: '$1', example: '0150' },
  GB: { pattern: /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/, format: '$1 $2', example: 'SW1A 1AA' },
};

/** Countries without a rule: letters, digits, spaces and dashes, 2–10 characters (no postcode is longer). */
const GENERIC = /^[A-Z0-9][A-Z0-9 -]{0,8}[A-Z0-9]$/;
const MAX_INPUT_LENGTH = 20;

/**
 * Normalise a postcode for its country (ISO 3166-1 alpha-2). Known countries are checked and put in
 * their usual written form (NL `1234 AB`, PL `00-950`, CZ `110 00` …); a leading country marker such as
 * `B-`, `D-` or `NL-` is dropped. Other countries: trimmed, upper-cased, spaces collapsed, bounded.
 */
export function normalizePostcode(raw: string, country: string): PostcodeParseResult {
  const input = typeof raw === 'string' ? raw.trim().toUpperCase().replace(/\s+/g, ' ') : '';
  if (input === '') return { ok: false, reason: 'EMPTY', message: 'A postcode is required.' };
  if (input.length > MAX_INPUT_LENGTH) return { ok: false, reason: 'TOO_LONG', message: 'This postcode is too long.' };
  const iso = String(country ?? '')
    .trim()
    .toUpperCase();
  const rule = RULES[iso];
  if (!rule) {
    return GENERIC.test(input)
      ? { ok: true, value: input }
      : { ok: false, reason: 'FORMAT', message: 'This is not a valid postcode.' };
  }
  const compact = input.replace(/[\s-]/g, '');
  const candidates = [
    compact,
    ...[iso, rule.marker].filter((m) => m && compact.startsWith(m)).map((m) => compact.slice(m!.length)),
  ];
  const match = candidates.find((candidate) => rule.pattern.test(candidate));
  if (match !== undefined) return { ok: true, value: match.replace(rule.pattern, rule.format) };
  return { ok: false, reason: 'FORMAT', message: `A ${iso} postcode looks like ${rule.example}.` };
}
