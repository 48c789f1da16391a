/**
 * How a document writes its citations, read from the citations it already has, so an inserted citation looks like
 * its neighbours: pandoc `[@key]`, LaTeX `\citep{key}`, author-year `(Fry et al., 2018)` or numbered `[3]` with an
 * entry in the document's reference list.
 */
import type { BibliographyEntry, Reference } from '../dataset/model';
import { surname } from '../dataset/names';
import { numberedEntries } from '../recognize/references';
import type { CitationEntity, DocumentFormat, RecognizedDocument } from '../types';

export type InsertionStyle =
  | { kind: 'pandoc' }
  | { kind: 'latex'; command: string }
  | { kind: 'author-year'; comma: boolean; open: string; close: string }
  | { kind: 'numbered'; open: string; close: string; superscript?: true }
  | { kind: 'footnote' };

const LATEX_COMMAND = /^\\([A-Za-z]*cite[A-Za-z]*\*?)/;

/** Commands that name the authors in the sentence, and the parenthetical command of the same package. */
const PARENTHETICAL_OF: Record<string, string> = { citet: 'citep', 'citet*': 'citep', Citet: 'citep', textcite: 'parencite', Textcite: 'parencite', citeauthor: 'cite', 'citeauthor*': 'cite', Citeauthor: 'cite', citeyear: 'cite', citetitle: 'cite' };

/**
 * A document's style, read once per recognized document: "fix all" plans a citation for every uncited statistic, and
 * reading the style from every citation of a long draft for each of them made it quadratic (seconds on save).
 */
const styleOf = new WeakMap<object, { format: DocumentFormat; style: InsertionStyle }>();

export function documentCitationStyle(format: DocumentFormat, doc: Pick<RecognizedDocument, 'citations' | 'referenceList'> & Partial<Pick<RecognizedDocument, 'bibliographyPaths'>>): InsertionStyle {
  const known = styleOf.get(doc);
  if (known?.format === format) return known.style;
  const style = readCitationStyle(format, doc);
  styleOf.set(doc, { format, style });
  return style;
}

function readCitationStyle(format: DocumentFormat, doc: Pick<RecognizedDocument, 'citations' | 'referenceList'> & Partial<Pick<RecognizedDocument, 'bibliographyPaths'>>): InsertionStyle {
  const counts = new Map<string, number>();
  for (const c of doc.citations) counts.set(c.style, (counts.get(c.style) ?? 0) + 1);
  const count = (style: string) => counts.get(style) ?? 0;

  if (format === 'latex') {
    const commands = new Map<string, number>();
    for (const c of doc.citations) {
      const m = LATEX_COMMAND.exec(c.text);
      if (m) commands.set(m[1], (commands.get(m[1]) ?? 0) + 1);
    }
    let command = 'cite';
    let best = 0;
    for (const [name, n] of commands) if (n > best && !(name in PARENTHETICAL_OF)) [command, best] = [name, n];
    // A document that only cites in the running text (\textcite, \citet) gets its package's parenthetical command.
    if (best === 0) for (const [name, n] of commands) if (n > best) [command, best] = [PARENTHETICAL_OF[name] ?? 'cite', n];
    return { kind: 'latex', command };
  }
  const numbered = doc.citations.filter((c) => c.style === 'numbered');
  const authorYear = doc.citations.filter((c) => c.style === 'author-year');
  // Markdown cites with pandoc keys unless the document only ever uses another style; a document that names a
  // bibliography in its front matter is written for pandoc whatever "Pan and colleagues" its prose has.
  // Markdown that cites in footnotes ("...doses.[^1]" with "[^1]: Fry TJ, et al. ...") gets a footnote of its own.
  if (format === 'markdown' && count('footnote') > 0 && count('pandoc') === 0 && (doc.bibliographyPaths?.length ?? 0) === 0 && count('footnote') >= numbered.length + authorYear.length) return { kind: 'footnote' };
  if (format === 'markdown' && (count('pandoc') > 0 || (numbered.length === 0 && authorYear.length === 0) || (doc.bibliographyPaths?.length ?? 0) > 0)) return { kind: 'pandoc' };
  // Plain text written for pandoc ("notes.txt" with [@key] citations) keeps citing so.
  if (count('pandoc') > 0 && count('pandoc') >= numbered.length + authorYear.length) return { kind: 'pandoc' };
  const listed = numberedEntries(doc.referenceList) > 0;
  if (numbered.length > 0 && (listed || numbered.length >= authorYear.length)) return numberedStyle(numbered);
  if (listed && authorYear.length === 0) return { kind: 'numbered', open: '[', close: ']' };
  return authorYearStyle(authorYear);
}

function numberedStyle(examples: CitationEntity[]): InsertionStyle {
  const text = examples[0]?.text.trim() ?? '[1]';
  if (text.startsWith('(')) return { kind: 'numbered', open: '(', close: ')' };
  if (text.startsWith('^')) return { kind: 'numbered', open: '^', close: '^' };
  if (/^<sup>/i.test(text)) return { kind: 'numbered', open: '<sup>', close: '</sup>' };
  if (SUPERSCRIPT_DIGITS.includes(text[0] ?? '')) return { kind: 'numbered', open: '', close: '', superscript: true };
  return { kind: 'numbered', open: '[', close: ']' };
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** "1, 3-4" in Unicode superscripts, as "¹˒³⁻⁴" (the modifier comma and the superscript minus as separators). */
export function superscriptNumbers(text: string): string {
  return text.replace(/\d/g, (d) => SUPERSCRIPT_DIGITS[Number(d)]!).replace(/,\s*/g, '˒').replace(/[-–—]/g, '⁻');
}

/** Whether a citation is written in Unicode superscript digits ("²", "²˒³"). */
export function isSuperscriptNumber(text: string): boolean {
  return SUPERSCRIPT_DIGITS.includes(text.trimStart()[0] ?? '');
}

function authorYearStyle(examples: CitationEntity[]): InsertionStyle {
  // The first example with a year says how years are written ("Pan and colleagues" has none to go by).
  const text = (examples.find((c) => /(?:1[89]|20)\d\d/.test(c.text)) ?? examples[0])?.text.trim();
  if (!text) return { kind: 'author-year', comma: true, open: '(', close: ')' };
  const bracket = text.startsWith('[');
  const year = /(?:1[89]|20)\d\d/.test(text);
  return { kind: 'author-year', comma: !year || /,\s*(?:1[89]|20)\d\d/.test(text), open: bracket ? '[' : '(', close: bracket ? ']' : ')' };
}

/** "Fergusson et al., 2023", "Fry and Shah 2018". */
export function authorYearText(reference: Reference, comma = true): string {
  const authors = reference.authors;
  const first = surname(authors[0] ?? reference.key);
  const rest = authors.length > 2 || reference.moreAuthors ? ' et al.' : authors.length === 2 ? ` and ${surname(authors[1])}` : '';
  return `${first}${rest}${comma ? ',' : ''} ${reference.year}`;
}

/** The key a document should cite a reference by: the user's own bibliography key when one links to it. */
export function citationKeyFor(reference: Reference, bibliography?: ReadonlyMap<string, BibliographyEntry>): { key: string; fromBibliography: boolean } {
  if (bibliography) {
    for (const entry of bibliography.values()) if (entry.reference === reference.key) return { key: entry.key, fromBibliography: true };
    // The dataset's key names another work in the writer's bibliography: the new entry gets a key of its own.
    if (bibliography.has(reference.key)) {
      for (const suffix of 'abcdefghijklmnopqrstuvwxyz') if (!bibliography.has(`${reference.key}${suffix}`)) return { key: `${reference.key}${suffix}`, fromBibliography: false };
    }
  }
  return { key: reference.key, fromBibliography: false };
}

/** The citation text for one reference in a style; numbered styles take the number to use. */
export function citationText(style: InsertionStyle, reference: Reference, key: string, number?: number): string {
  switch (style.kind) {
    case 'pandoc':
      return `[@${key}]`;
    case 'latex':
      return `\\${style.command}{${key}}`;
    case 'author-year':
      return `${style.open}${authorYearText(reference, style.comma)}${style.close}`;
    case 'numbered':
      return `${style.open}${style.superscript ? superscriptNumbers(String(number ?? 1)) : number ?? 1}${style.close}`;
    case 'footnote':
      return `[^${number ?? 1}]`;
  }
}

/** A reference-list line in Vancouver style, the style numbered lists use: "Fry TJ, Shah NN, et al. Title. Nat Med. 2018. doi:...". */
export function referenceListText(reference: Reference): string {
  const authors = reference.authors.length > 3 || reference.moreAuthors ? `${reference.authors.slice(0, 3).join(', ')}, et al.` : `${reference.authors.join(', ')}.`;
  const ids = [reference.doi ? `doi:${reference.doi}` : '', reference.pmid ? `PMID: ${reference.pmid}` : ''].filter(Boolean).join('. ');
  const title = reference.title.replace(/\.$/, '');
  return `${authors} ${title}. ${reference.journal}. ${reference.year}.${ids ? ` ${ids}.` : ''}`;
}
