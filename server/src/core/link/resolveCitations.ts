/**
 * Resolves what a citation names (a key, a number in the document's reference list, an identifier, an author)
 * to dataset reference keys. Unresolved targets are kept so the checker can report `unknown-citation`.
 */
import type { CitationEntity, CitationTarget, RecognizedDocument, ReferenceListEntry } from '../types';
import type { LinkContext } from './datasetView';

export interface ResolvedTarget {
  target: CitationTarget;
  /** Dataset reference keys this target names (empty when it names nothing we hold). */
  references: string[];
  /** True when the target names something real (a bibliography entry or reference-list entry) even if not in the dataset. */
  known: boolean;
  /** The reference-list entry a numbered marker points at. */
  listEntry?: ReferenceListEntry;
}

export interface ResolvedCitation {
  citation: CitationEntity;
  targets: ResolvedTarget[];
  /** Union of the targets' reference keys. */
  references: string[];
}

export function resolveCitations(doc: RecognizedDocument, ctx: LinkContext): ResolvedCitation[] {
  const listByNumber = referenceListByNumber(doc);
  return doc.citations.map((citation) => resolveCitation(citation, listByNumber, ctx));
}

export function referenceListByNumber(doc: RecognizedDocument): Map<number, ReferenceListEntry> {
  const listByNumber = new Map<number, ReferenceListEntry>();
  for (const entry of doc.referenceList) listByNumber.set(entry.number, entry);
  return listByNumber;
}

/** One citation: what its targets name, given the document's reference list by number. */
export function resolveCitation(citation: CitationEntity, listByNumber: ReadonlyMap<number, ReferenceListEntry>, ctx: LinkContext): ResolvedCitation {
  const targets = citation.targets.map((target) => resolveTarget(target, listByNumber, ctx));
  const references = unique(targets.flatMap((t) => t.references));
  return { citation, targets, references };
}

function resolveTarget(
  target: CitationTarget,
  listByNumber: ReadonlyMap<number, ReferenceListEntry>,
  ctx: LinkContext,
): ResolvedTarget {
  const { resolver } = ctx;
  switch (target.kind) {
    case 'key': {
      const references = resolver.byKey(target.label);
      const known = references.length > 0 || (ctx.bibliography?.has(target.label) ?? false);
      return { target, references, known };
    }
    case 'number': {
      const listEntry = listByNumber.get(Number(target.label));
      if (!listEntry) return { target, references: [], known: false };
      return { target, references: resolveListEntry(listEntry, ctx), known: true, listEntry };
    }
    case 'doi':
      return identifier(target, resolver.byDoi(target.label));
    case 'pmid':
      return identifier(target, resolver.byPmid(target.label));
    case 'pmcid':
      return identifier(target, resolver.byPmcid(target.label));
    case 'nct':
      return identifier(target, resolver.byNct(target.label));
    case 'author': {
      const references = resolver.byAuthorYear(target.label, target.year);
      // An author-year citation to a paper we do not hold is still a real citation: not "unknown".
      return { target, references, known: true };
    }
  }
}

function identifier(target: CitationTarget, references: string[]): ResolvedTarget {
  return { target, references, known: references.length > 0 };
}

/** A reference-list entry resolves by its identifiers first, then by first author and year. */
export function resolveListEntry(entry: ReferenceListEntry, ctx: LinkContext): string[] {
  const { resolver } = ctx;
  if (entry.doi) {
    const hit = resolver.byDoi(entry.doi);
    if (hit.length) return hit;
  }
  if (entry.pmid) {
    const hit = resolver.byPmid(entry.pmid);
    if (hit.length) return hit;
  }
  if (entry.nct) {
    const hit = resolver.byNct(entry.nct);
    if (hit.length) return hit;
  }
  if (entry.author) return resolver.byAuthorYear(entry.author, entry.year);
  return [];
}

export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}
