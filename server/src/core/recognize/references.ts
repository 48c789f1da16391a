/** One entry of a document's own reference list: identifiers, first author and year read from its text. */
import type { ReferenceListEntry, Span } from '../types';
import { recognizeCitations } from './citations';
import { referenceMarker } from './layout';

export function parseReferenceEntry(text: string, span: Span, number: number, key?: string): ReferenceListEntry {
  let body = text.trim();
  const marker = referenceMarker(body);
  if (marker) body = body.slice(marker[1]);
  const entry: ReferenceListEntry = { number, span, text: body };
  if (key) entry.key = key;
  const { citations } = recognizeCitations(body, { inTextKeys: false });
  for (const citation of citations) {
    for (const target of citation.targets) {
      if (target.kind === 'doi' && !entry.doi) entry.doi = target.label;
      else if (target.kind === 'pmid' && !entry.pmid) entry.pmid = target.label;
      else if (target.kind === 'nct' && !entry.nct) entry.nct = target.label;
    }
  }
  // "Fry TJ, Shah NN, ..." or "Fry, T. J., ..." : the first capitalized word is the first author's surname; in
  // "J.~Pan, Q.~Niu, ..." (BibTeX's plain and unsrt styles) it follows the initials.
  const author = /^\s*(?:[A-Z]\.(?:[\s~-]*[A-Z]\.)*[\s~]+)?([A-Z][A-Za-z'’-]{1,40}(?: [a-z]{1,3} [A-Z][A-Za-z'’-]{1,40})?)(?=[ ,.])/.exec(body);
  if (author) entry.author = author[1]!;
  const year = /(?:^|[^0-9])((?:19|20)\d\d)(?![0-9])/.exec(body);
  if (year) entry.year = Number(year[1]);
  return entry;
}

/** How many entries of a document's reference list are numbered references (its footnotes are not). */
export function numberedEntries(list: readonly ReferenceListEntry[]): number {
  let count = 0;
  for (const entry of list) if (entry.footnote === undefined) count++;
  return count;
}
