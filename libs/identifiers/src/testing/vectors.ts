import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** One test vector of `vat-kvk-vectors.json` (provenance and policy in its `_meta`). */
export interface IdentifierVector {
  input: string;
  country?: string | null;
  normalized: string | null;
  note: string;
}

export type VectorSection = 'vat_valid' | 'vat_invalid_checksum' | 'vat_invalid_format' | 'kvk_valid' | 'kvk_invalid';

/** The VAT/KvK vectors kept beside the specs (see libs/identifiers/README.md for where they come from). */
export function loadIdentifierVectors(): Record<VectorSection, IdentifierVector[]> {
  return JSON.parse(readFileSync(path.join(__dirname, 'vat-kvk-vectors.json'), 'utf8')) as Record<
    VectorSection,
    IdentifierVector[]
  >;
}
