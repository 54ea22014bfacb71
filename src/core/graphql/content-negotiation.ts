import Negotiator from 'negotiator';

/** The content types Apollo answers a single result with (its MEDIA_TYPES), in its order of preference. */
const SINGLE_RESULT_TYPES = [
  'application/json; charset=utf-8',
  'application/graphql-response+json; charset=utf-8',
  'application/json; callbackSpec=1.0; charset=utf-8',
];
const negotiated = new Map<string, string | null>();

/**
 * The content type of a single-result answer to a request with this `accept` header, chosen as Apollo chooses it
 * (its negotiator and preferences), or null when the client accepts none of them (Apollo answers 406). Clients
 * send few distinct headers: the choice is remembered per header (at most 200).
 */
export function singleResultContentType(accept: string | string[] | undefined): string | null {
  if (accept === undefined || accept === '') return SINGLE_RESULT_TYPES[0];
  if (typeof accept !== 'string') return null; // several accept headers: Apollo decides
  let type = negotiated.get(accept);
  if (type === undefined) {
    type = new Negotiator({ headers: { accept } }).mediaType(SINGLE_RESULT_TYPES) ?? null;
    if (negotiated.size < 200) negotiated.set(accept, type);
  }
  return type;
}
