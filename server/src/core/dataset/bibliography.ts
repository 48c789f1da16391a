/**
 * Users' bibliographies: BibTeX/BibLaTeX (.bib) and CSL-JSON (.json; CSL-YAML .yaml too), read with citation-js.
 * Only file CONTENT is handed to citation-js, always with a forced input type, so it never goes to the network
 * (it would fetch for a bare DOI or URL given as input).
 */
import type { CslItem } from '@citation-js/core';
import * as path from 'node:path';
import type { BibliographyEntry, DataProblem, Reference } from './model';
import { parseDatasetDocument } from './parseDocument';
import { lineOf, lineStarts, offsetToPosition } from '../text/positions';
import { isTypingSlip } from '../text/typingSlip';
import { firstAuthorSurname, shortCitation } from './names';
import { escapeRegExp } from '../text/regexp';

export interface LoadedBibliography {
  entries: BibliographyEntry[];
  problems: DataProblem[];
}

type CitationJs = typeof import('@citation-js/core');

let loadedCitationJs: CitationJs | undefined;

/**
 * citation-js with its BibTeX and CSL plugins, loaded when a bibliography is first read: loading it cost every start
 * of the CLI and the server ~50 ms, and most never read one.
 */
function citationJs(): CitationJs {
  if (!loadedCitationJs) {
    loadedCitationJs = require('@citation-js/core') as CitationJs;
    require('@citation-js/plugin-bibtex');
    require('@citation-js/plugin-csl');
  }
  return loadedCitationJs;
}

/** Entries by key: a key several bibliographies share is the first one's, as biber reads them (and the resolver). */
export function bibliographyByKey(entries: readonly BibliographyEntry[]): Map<string, BibliographyEntry> {
  const byKey = new Map<string, BibliographyEntry>();
  for (const entry of entries) if (!byKey.has(entry.key)) byKey.set(entry.key, entry);
  return byKey;
}

export function loadBibliography(file: string, text: string): LoadedBibliography {
  const { logger } = citationJs();
  const absolute = path.resolve(file);
  try {
    return /\.(json|ya?ml)$/i.test(absolute) ? loadCsl(absolute, text) : loadBibtex(absolute, text);
  } finally {
    // citation-js keeps every log line it ever wrote in memory; a long-running server must not.
    logger._log.length = 0;
  }
}

function loadBibtex(file: string, text: string): LoadedBibliography {
  // Each entry's text, read once: its identifiers, its key's lines, and itself alone when the file has a broken entry.
  const rawEntries = entryTexts(text);
  const starts = lineStarts(text);
  const rawByKey = new Map<string, string>();
  const keyLines = new Map<string, number[]>();
  for (const { index, key, raw } of rawEntries) {
    if (!key) continue;
    // The first entry of a key is the one read (see firstOfEachKey).
    if (!rawByKey.has(key)) rawByKey.set(key, raw);
    keyLines.set(key, [...(keyLines.get(key) ?? []), lineOf(starts, index)]);
  }
  const toEntries = (items: CslItem[]) =>
    items.map((item) => toEntry(item, file, rawByKey.get(String(item['citation-key'] ?? item.id ?? '')))).filter((entry): entry is BibliographyEntry => entry !== undefined);
  try {
    return firstOfEachKey({ entries: toEntries(parseBibtex(text)), problems: [] }, file, starts, keyLines);
  } catch (error) {
    // One broken entry must not cost the others: each entry is read on its own, and the broken ones are reported.
    const entries: BibliographyEntry[] = [];
    const problems: DataProblem[] = [];
    for (const { index, key, raw } of rawEntries) {
      try {
        entries.push(...toEntries(parseBibtex(raw)));
      } catch (entryError) {
        problems.push(bibtexProblem(file, text, entryError as Error, index, key));
      }
    }
    if (problems.length === 0) problems.push(bibtexProblem(file, text, error as Error, 0, undefined));
    return firstOfEachKey({ entries, problems }, file, starts, keyLines);
  }
}

/**
 * Two entries with one key: BibTeX and biber keep the first and skip the others (pandoc's citeproc has varied), so the
 * first is the one read, and each later one is reported where it starts with what to do.
 */
function firstOfEachKey(loaded: LoadedBibliography, file: string, starts: readonly number[], keyLines: ReadonlyMap<string, number[]>): LoadedBibliography {
  const seen = new Set<string>();
  const entries: BibliographyEntry[] = [];
  const problems = [...loaded.problems];
  for (const entry of loaded.entries) {
    if (!seen.has(entry.key)) {
      seen.add(entry.key);
      entries.push(entry);
    }
  }
  for (const [key, lines] of keyLines) {
    for (const line of lines.slice(1)) {
      const start = starts[line]!;
      problems.push({
        file,
        line,
        character: 0,
        span: { start, end: start },
        severity: 'warning',
        subject: { kind: 'entry', id: key },
        message: `BibTeX at line ${line + 1}: the key ${key} is already the key of the entry at line ${lines[0]! + 1}; BibTeX and biber read only that first one, and so does Trial Lens: this entry is not read. Give this entry a key of its own, or delete one of the two.`,
      });
    }
  }
  return { entries, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

function parseBibtex(text: string): CslItem[] {
  return citationJs().plugins.input.chain(text, { forceType: '@biblatex/text', generateGraph: false });
}

/**
 * Where a broken entry is and what to do about it. The parser's own words ('expected "text", got EOF at line 3 col
 * 1:') name its grammar, not the author's mistake: the common ones are said plainly.
 */
function bibtexProblem(file: string, text: string, error: Error, entryStart: number, key: string | undefined): DataProblem {
  const firstLine = error.message.split('\n')[0]!.replace(/[:\s]+$/, '');
  const at = /line (\d+) col(?:umn)? (\d+)/i.exec(error.message);
  const entryLine = offsetToPosition(text, entryStart).line;
  // The parser counts lines within what it was given: the entry's own text, or the whole file (entryStart 0).
  // An entry not closed is shown where it starts: the parser only notices at the next entry or the file's end.
  const unclosed = /EOF|end of input/i.test(firstLine);
  const line = at && !unclosed ? entryLine + Number(at[1]) - 1 : entryLine;
  const character = at && !unclosed && Number(at[1]) > 1 ? Math.max(0, Number(at[2]) - 1) : 0;
  const entry = key ? `the entry ${key}` : 'an entry';
  const why = unclosed
    ? `${entry} is not closed (a "}" or a quote is missing before the end of ${key ? 'the entry' : 'the file'})`
    : `${entry} cannot be read (${firstLine.replace(/ at line \d+ col(?:umn)? \d+/i, '')})`;
  const start = offsetOf(text, line, character);
  return { file, line, character, span: { start, end: start }, message: `BibTeX at line ${line + 1}: ${why}. The other entries are read; fix this one to use it.` };
}

/** Each entry's text, from its "@type{" to the next entry's. */
function entryTexts(text: string): Array<{ index: number; key: string | undefined; raw: string }> {
  const starts = [...text.matchAll(/@\s*([A-Za-z]+)\s*[{(]\s*([^,\s]*)/g)].map((m) => ({ index: m.index, key: m[2] || undefined }));
  return starts.map((start, i) => ({ ...start, raw: text.slice(start.index, starts[i + 1]?.index ?? text.length) }));
}

function offsetOf(text: string, line: number, character: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + character);
}

function loadCsl(file: string, text: string): LoadedBibliography {
  const parsed = parseDatasetDocument(file, text);
  if (parsed.value === undefined) return { entries: [], problems: parsed.problems.map((p) => ({ ...p, message: p.message.replace(/^invalid/, 'invalid CSL') })) };
  const value = parsed.value as unknown;
  const list = Array.isArray(value) ? value : value && typeof value === 'object' && Array.isArray((value as { references?: unknown }).references) ? (value as { references: unknown[] }).references : undefined;
  if (!list) return { entries: [], problems: [{ file, ...parsed.locate([]), message: 'a CSL bibliography must be a list of items (or hold one under "references")' }] };
  const problems: DataProblem[] = [];
  const entries: BibliographyEntry[] = [];
  const firstIndex = new Map<string, number>();
  list.forEach((raw, i) => {
    if (!raw || typeof raw !== 'object' || typeof (raw as CslItem).id !== 'string' && typeof (raw as CslItem).id !== 'number') {
      problems.push({ file, ...parsed.locate(Array.isArray(value) ? [i] : ['references', i]), message: `CSL item ${i + 1} has no id` });
      return;
    }
    let item: CslItem;
    try {
      [item] = citationJs().plugins.input.chain([raw], { forceType: '@csl/list+object', generateGraph: false });
    } catch (error) {
      problems.push({ file, ...parsed.locate([i]), message: `CSL item ${String((raw as CslItem).id)}: ${(error as Error).message}` });
      return;
    }
    const entry = toEntry(item, file, JSON.stringify(raw));
    if (!entry) return;
    const first = firstIndex.get(entry.key);
    if (first === undefined) {
      firstIndex.set(entry.key, i);
      entries.push(entry);
      return;
    }
    // As for BibTeX (see firstOfEachKey): the first item of an id is the one read.
    const place = parsed.locate(Array.isArray(value) ? [i] : ['references', i]);
    problems.push({ file, ...place, severity: 'warning', subject: { kind: 'entry', id: entry.key }, message: `CSL item ${i + 1}: the id ${entry.key} is already the id of item ${first + 1}; only that first one is read. Give this item an id of its own, or delete one of the two.` });
  });
  return { entries, problems };
}

function toEntry(item: CslItem, file: string, rawText: string | undefined): BibliographyEntry | undefined {
  const key = String(item['citation-key'] ?? item.id ?? '');
  if (!key) return undefined;
  const raw = rawText ?? '';
  const doi = writtenDoi(item.DOI) ?? writtenDoi(/\b(10\.\d{4,9}\/[^\s"',}]+)/.exec(String(item.URL ?? ''))?.[1]);
  const pmid = digits(item.PMID) ?? /\bpmid\s*[=:]\s*[{"]?\s*(\d{1,9})/i.exec(raw)?.[1];
  const pmcid = normalizePmcid(item.PMCID) ?? /\b(PMC\d{4,})\b/.exec(raw)?.[1];
  const nct = /\b(NCT\d{8})\b/i.exec(raw)?.[1]?.toUpperCase() ?? /\b(NCT\d{8})\b/i.exec(`${item.note ?? ''} ${item.number ?? ''}`)?.[1]?.toUpperCase();
  const year = Number(item.issued?.['date-parts']?.[0]?.[0]) || undefined;
  return {
    key,
    ...(item.title ? { title: item.title } : {}),
    authors: (item.author ?? []).map(authorName).filter((a) => a.length > 0),
    ...(year ? { year } : {}),
    ...(doi ? { doi } : {}),
    ...(pmid ? { pmid } : {}),
    ...(pmcid ? { pmcid } : {}),
    ...(nct ? { nct } : {}),
    file,
  };
}

/** "Shah NN" from {family: 'Shah', given: 'Nirali N.'}: the form dataset references use. */
function authorName(name: { family?: string; given?: string; literal?: string }): string {
  if (name.literal) return name.literal;
  const initials = (name.given ?? '')
    .split(/[\s.-]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase())
    .join('');
  return [name.family ?? '', initials].filter(Boolean).join(' ');
}

function digits(value: unknown): string | undefined {
  const text = value === undefined || value === null ? '' : String(value).trim();
  return /^\d{1,9}$/.test(text) ? text : undefined;
}

/** A DOI as written, without a resolver prefix or trailing punctuation; undefined when it is not a DOI. */
function writtenDoi(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const doi = value
    .trim()
    .replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/i, '')
    .replace(/[.,;)\]]+$/, '');
  return /^10\.\d{4,9}\/\S+$/.test(doi) ? doi : undefined;
}

/** Lower-case DOI without a resolver prefix or trailing punctuation: the form DOIs are compared in. */
export function normalizeDoi(value: unknown): string | undefined {
  return writtenDoi(value)?.toLowerCase();
}

export function normalizePmcid(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const match = /^(?:PMC)?(\d+)$/i.exec(String(value).trim());
  return match ? `PMC${match[1]}` : undefined;
}

/**
 * Sets each entry's `reference` to the dataset reference it names, matched by DOI, then PMID, then PMCID, then NCT
 * (an NCT can name several publications of one trial: it links only when exactly one reference has it).
 */
export function linkBibliographyEntries(entries: readonly BibliographyEntry[], references: Iterable<Reference>): BibliographyEntry[] {
  const refs = [...references];
  return entries.map((entry) => {
    const reference = referenceForEntry(entry, refs);
    return reference ? { ...entry, reference } : entry;
  });
}

/**
 * Whether a bibliography entry is another work than the dataset's work of the same key: its DOI (or, without one, its
 * PMID) is not that work's ("fergusson2023" for a transfusion paper).
 */
export function isAnotherWork(entry: BibliographyEntry, work: Reference): boolean {
  const doi = normalizeDoi(entry.doi);
  if (doi !== undefined && work.doi !== undefined) return doi !== normalizeDoi(work.doi);
  if (entry.pmid !== undefined && work.pmid !== undefined) return entry.pmid !== work.pmid;
  return false;
}

export function referenceForEntry(entry: BibliographyEntry, references: readonly Reference[]): string | undefined {
  const doi = normalizeDoi(entry.doi);
  const pmcid = normalizePmcid(entry.pmcid);
  const tries: ((ref: Reference) => boolean)[] = [
    (ref) => doi !== undefined && normalizeDoi(ref.doi) === doi,
    (ref) => entry.pmid !== undefined && ref.pmid === entry.pmid,
    (ref) => pmcid !== undefined && normalizePmcid(ref.pmcid) === pmcid,
  ];
  for (const matches of tries) {
    const found = references.filter(matches);
    if (found.length > 0) return found[0].key;
  }
  if (entry.nct) {
    const byTrial = references.filter((ref) => ref.trial?.some((t) => t.toUpperCase() === entry.nct));
    if (byTrial.length === 1) return byTrial[0].key;
    // Several publications of one trial: the one from the entry's year, if that settles it.
    const sameYear = byTrial.filter((ref) => ref.year === entry.year);
    if (sameYear.length === 1) return sameYear[0].key;
  }
  // An entry whose identifier has a slip in it ("nm.4414" for nm.4441) is still the work its title and year name.
  const titled = entry.title === undefined ? [] : references.filter((ref) => (entry.year === undefined || ref.year === entry.year) && titleNames(entry, ref));
  return titled.length === 1 ? titled[0].key : undefined;
}

/**
 * Whether an entry's title names the work: the same words, give or take case, punctuation, LaTeX braces and a word
 * or two; or, with the same first author, the start of the title a bibliography shortened.
 */
function titleNames(entry: BibliographyEntry, reference: Reference): boolean {
  if (!reference.title) return false;
  const words = (title: string) => title.toLowerCase().replace(/[{}\\]/g, '').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  const x = words(entry.title!);
  const y = new Set(words(reference.title));
  if (x.length < 4) return false;
  const shared = x.filter((w) => y.has(w)).length;
  if (shared < 0.85 * x.length) return false;
  const author = firstAuthorSurname(entry.authors[0]);
  return shared >= 0.85 * y.size || (author !== undefined && author === firstAuthorSurname(reference.authors[0]));
}

/**
 * Identifiers in a user's bibliography that are a typing slip of the dataset work the entry names ("pmid = 32286950"
 * for Shah 2020's 32286905): warnings in the bibliography file, at the entry. `entries` are linked (reference set).
 */
export function bibliographySlips(entries: Iterable<BibliographyEntry>, references: ReadonlyMap<string, Reference>, texts: ReadonlyMap<string, string>): DataProblem[] {
  const problems: DataProblem[] = [];
  for (const entry of entries) {
    const reference = entry.reference ? references.get(entry.reference) : undefined;
    if (!reference) continue;
    const fields: Array<[string, string | undefined, string | undefined]> = [
      ['DOI', normalizeDoi(entry.doi), normalizeDoi(reference.doi)],
      ['PMID', entry.pmid, reference.pmid],
      ['PMCID', normalizePmcid(entry.pmcid), normalizePmcid(reference.pmcid)],
    ];
    for (const [kind, written, own] of fields) {
      if (!written || !own || written === own || !isTypingSlip(written, own)) continue;
      const text = texts.get(entry.file) ?? '';
      const at = text.search(new RegExp(`[{(,]\\s*${escapeRegExp(entry.key)}\\s*,`));
      const position = at >= 0 ? offsetToPosition(text, text.lastIndexOf('@', at) >= 0 ? text.lastIndexOf('@', at) : at) : undefined;
      problems.push({
        file: entry.file,
        ...(position ? { line: position.line, character: position.character } : {}),
        severity: 'warning',
        message: `the entry ${entry.key} is ${shortCitation(reference)} (${reference.key}), but its ${kind} ${written} is not that work's ${own}: a typing slip?`,
        subject: { kind: 'entry', id: entry.key },
      });
    }
  }
  return problems;
}

function describeWork(reference: Reference): string {
  const surname = reference.authors[0]?.split(/[ ,]/)[0] ?? reference.key;
  return `${surname} et al. ${reference.year ?? ''} (${reference.key})`.replace(' ()', '');
}

