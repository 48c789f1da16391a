/**
 * Resolves what a citation names (a key, a number in the document's reference list, an identifier, an author)
 * to dataset reference keys. Unresolved targets are kept so the checker can report `unknown-citation`.
 */
import type { CitationEntity, CitationTarget, RecognizedDocument, ReferenceListEntry } from '../types';
import { isAnotherWork } from '../dataset/bibliography';
import type { LinkContext } from './datasetView';

export interface ResolvedTarget {
  target: CitationTarget;
  /** Dataset reference keys this target names (empty when it names nothing we hold). */
  references: string[];
  /** True when the target names something real (a bibliography entry or reference-list entry) even if not in the dataset. */
  known: boolean;
  /** The reference-list entry a numbered marker points at. */
  listEntry?: ReferenceListEntry;
  /** A footnote mark whose footnote cites nothing ("[^2]: Dose levels are in the methods."): a note, not a citation. */
  note?: true;
}

export interface ResolvedCitation {
  citation: CitationEntity;
  targets: ResolvedTarget[];
  /** Union of the targets' reference keys. */
  references: string[];
}

export function resolveCitations(doc: RecognizedDocument, ctx: LinkContext): ResolvedCitation[] {
  const list = indexReferenceList(doc.referenceList);
  return doc.citations.map((citation) => resolveCitation(citation, list, ctx));
}

/** A footnote mark that is a note, not a citation: a number beside one is as uncited as without it. */
export function isNote(rc: ResolvedCitation): boolean {
  return rc.targets.length > 0 && rc.targets.every((t) => t.note);
}

/** A document's reference list by entry number ([3]), and by \bibitem key (what \cite{key} names). */
export interface ReferenceListIndex {
  byNumber: ReadonlyMap<number, ReferenceListEntry>;
  byKey: ReadonlyMap<string, ReferenceListEntry>;
  /** Markdown footnotes by label (lower case): what "[^3]" cites. */
  byFootnote: ReadonlyMap<string, ReferenceListEntry>;
}

export function indexReferenceList(entries: readonly ReferenceListEntry[]): ReferenceListIndex {
  const byNumber = new Map<number, ReferenceListEntry>();
  const byKey = new Map<string, ReferenceListEntry>();
  const byFootnote = new Map<string, ReferenceListEntry>();
  for (const entry of entries) {
    if (entry.footnote !== undefined) {
      if (!byFootnote.has(entry.footnote)) byFootnote.set(entry.footnote, entry);
      continue;
    }
    byNumber.set(entry.number, entry);
    if (entry.key !== undefined && !byKey.has(entry.key)) byKey.set(entry.key, entry);
  }
  return { byNumber, byKey, byFootnote };
}

/**
 * Whether the writer's bibliography gives a dataset key to another work: its entry's DOI (or PMID) is not the dataset
 * work's ("fergusson2023" for a transfusion paper).
 */
function namesAnotherWork(key: string, ctx: LinkContext): boolean {
  const entry = ctx.bibliography?.get(key);
  const work = entry && ctx.dataset.references.get(key);
  return entry !== undefined && work !== undefined && isAnotherWork(entry, work);
}

/** One citation: what its targets name, given the document's reference list. */
export function resolveCitation(citation: CitationEntity, list: ReferenceListIndex, ctx: LinkContext): ResolvedCitation {
  const targets = citation.targets.map((target) => resolveTarget(target, list, ctx));
  const references = unique(targets.flatMap((t) => t.references));
  return { citation, targets, references };
}

function resolveTarget(target: CitationTarget, list: ReferenceListIndex, ctx: LinkContext): ResolvedTarget {
  const { resolver } = ctx;
  switch (target.kind) {
    case 'key': {
      // A key of the writer's bibliography whose DOI or PMID names a work outside the dataset is that work, though the
      // dataset has a work of the same key.
      if (namesAnotherWork(target.label, ctx)) return { target, references: [], known: true };
      const references = resolver.byKey(target.label);
      const known = references.length > 0 || (ctx.bibliography?.has(target.label) ?? false);
      // \cite{fry} of a thebibliography list's \bibitem{fry}: the entry says which work it is.
      const listEntry = known ? undefined : list.byKey.get(target.label);
      if (listEntry) return { target, references: resolveListEntry(listEntry, ctx), known: true, listEntry };
      return { target, references, known };
    }
    case 'number': {
      const listEntry = list.byNumber.get(Number(target.label));
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
    case 'footnote': {
      // A mark whose footnote is not in the document names nothing to report (remark reads none without one).
      const listEntry = list.byFootnote.get(target.label);
      if (!listEntry) return { target, references: [], known: true, note: true };
      // The publication it names wins over the trial ("NCT02315612; first report [@fry2018]": the trial has two papers).
      const cites = (listEntry.cites ?? []).filter((t) => t.kind !== 'footnote').map((t) => ({ kind: t.kind, references: resolveTarget(t, list, ctx).references }));
      const publications = unique(cites.flatMap((t) => (t.kind === 'nct' ? [] : t.references)));
      const cited = publications.length > 0 ? publications : unique(cites.flatMap((t) => t.references));
      const references = cited.length > 0 ? cited : resolveListEntry(listEntry, ctx);
      const citesSomething = references.length > 0 || cites.length > 0 || listEntry.doi !== undefined || listEntry.pmid !== undefined || listEntry.nct !== undefined;
      return citesSomething ? { target, references, known: true, listEntry } : { target, references, known: true, listEntry, note: true };
    }
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
