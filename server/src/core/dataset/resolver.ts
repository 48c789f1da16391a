/**
 * From what a draft cites (a key, a DOI, a PMID, an NCT number, "Fry et al., 2018", "the Beijing cohort") to
 * dataset reference keys. A user's own bibliography keys resolve through the identifiers their entries carry.
 */
import { rememberIn } from '../remember';
import type { BibliographyEntry, Reference } from './model';
import { normalizeDoi, normalizePmcid, referenceForEntry } from './bibliography';
import { firstAuthorSurname, foldName } from './names';

export interface ReferenceResolver {
  /** A dataset key, or a bibliography key linked to a dataset reference by DOI/PMID/PMCID/NCT. */
  byKey(key: string): string[];
  byDoi(doi: string): string[];
  byPmid(pmid: string): string[];
  byPmcid(pmcid: string): string[];
  byNct(nct: string): string[];
  /** First-author surname (case-insensitive, diacritics folded), optionally with the year. */
  byAuthorYear(surname: string, year?: number): string[];
  /** An alias such as "the NCI trial" or "Beijing cohort": exact first, else aliases named inside the text. */
  byAlias(text: string): string[];
  /** Bibliography entries by the user's key, each with `reference` set when it links to the dataset. */
  entries: ReadonlyMap<string, BibliographyEntry>;
}

export function createReferenceResolver(
  dataset: { references: ReadonlyMap<string, Reference> },
  bibliography: readonly BibliographyEntry[] = [],
): ReferenceResolver {
  const references = [...dataset.references.values()];
  const byKeyFolded = new Map<string, string>();
  const byDoi = new Map<string, string[]>();
  const byPmid = new Map<string, string[]>();
  const byPmcid = new Map<string, string[]>();
  const byNct = new Map<string, string[]>();
  const bySurname = new Map<string, Reference[]>();
  const byAlias = new Map<string, string[]>();
  for (const ref of references) {
    byKeyFolded.set(ref.key.toLowerCase(), ref.key);
    add(byDoi, normalizeDoi(ref.doi), ref.key);
    add(byPmid, ref.pmid, ref.key);
    add(byPmcid, normalizePmcid(ref.pmcid), ref.key);
    for (const trial of ref.trial ?? []) add(byNct, trial.toUpperCase(), ref.key);
    const surname = firstAuthorSurname(ref.authors[0]);
    if (surname) {
      const list = bySurname.get(surname) ?? [];
      list.push(ref);
      bySurname.set(surname, list);
    }
    for (const alias of ref.aliases ?? []) add(byAlias, normalizeAlias(alias), ref.key);
  }

  const entries = new Map<string, BibliographyEntry>();
  // What each user key names: one reference, or every publication of a trial when only its NCT number links them.
  const entryReferences = new Map<string, string[]>();
  for (const entry of bibliography) {
    const reference = entry.reference ?? referenceForEntry(entry, references);
    entries.set(entry.key, reference ? { ...entry, reference } : entry);
    const keys = reference ? [reference] : entry.nct ? copy(byNct.get(entry.nct.toUpperCase())) : [];
    if (keys.length > 0) entryReferences.set(entry.key, keys);
  }

  const aliasList = [...byAlias.keys()].sort((a, b) => b.length - a.length);

  return {
    entries,
    byKey(key) {
      const direct = dataset.references.has(key) ? key : byKeyFolded.get(key.toLowerCase());
      if (direct) return [direct];
      return copy(entryReferences.get(key));
    },
    byDoi: (doi) => copy(byDoi.get(normalizeDoi(doi) ?? '')),
    byPmid: (pmid) => copy(byPmid.get(String(pmid).trim().replace(/^PMID:?\s*/i, ''))),
    byPmcid: (pmcid) => copy(byPmcid.get(normalizePmcid(pmcid) ?? '')),
    byNct: (nct) => copy(byNct.get(nct.trim().toUpperCase())),
    byAuthorYear(surname, year) {
      const candidates = bySurname.get(rememberIn(foldedNames, surname, 4096, foldName)) ?? [];
      return candidates.filter((ref) => year === undefined || ref.year === year).map((ref) => ref.key);
    },
    byAlias(text) {
      const normalized = normalizeAlias(text);
      const exact = byAlias.get(normalized);
      if (exact) return [...exact];
      const found = new Set<string>();
      for (const alias of aliasList) {
        if (containsWords(normalized, alias)) for (const key of byAlias.get(alias) ?? []) found.add(key);
      }
      return [...found];
    },
  };
}

function add(map: Map<string, string[]>, key: string | undefined, value: string): void {
  if (!key) return;
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function copy(list: string[] | undefined): string[] {
  return list ? [...list] : [];
}

/** A draft names a few dozen authors thousands of times: each surname is folded once. */
const foldedNames = new Map<string, string>();

function normalizeAlias(text: string): string {
  return foldName(text)
    .replace(/[“”"'’]/g, '')
    .replace(/^the\s+/, '')
    .trim();
}

function containsWords(text: string, phrase: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(phrase, from);
    if (at < 0) return false;
    const before = at === 0 ? '' : text[at - 1];
    const after = text[at + phrase.length] ?? '';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
    from = at + 1;
  }
}
