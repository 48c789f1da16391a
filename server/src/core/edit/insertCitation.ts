/**
 * Quick-fix plans for citations: insert the supporting reference after a statistic's clause, or replace a citation
 * that names the wrong reference, in the document's own style. Plans are offsets and strings; the server turns them
 * into a WorkspaceEdit and the CLI can apply them directly.
 */
import type { Reference } from '../dataset/model';
import { firstAuthorSurname, shortCitation, surname } from '../dataset/names';
import type { TextEdit } from '../check/findings';
import { isSubjectCitation, layoutCitations, type CitationLayout } from '../link/context';
import type { LinkContext } from '../link/datasetView';
import type { ResolvedCitation } from '../link/resolveCitations';
import type { Attribution } from '../link/linkStatistics';
import { lineStartOf } from '../text/positions';
import type { CitationTarget, DocumentFormat, RecognizedDocument, ReferenceListEntry, Span } from '../types';
import { appendBibtexEntry, appendCslJsonItems, bibtexEntry, bibtexHasKey } from './bibtex';
import { authorYearText, citationKeyFor, citationText, documentCitationStyle, isSuperscriptNumber, referenceListText, superscriptNumbers, type InsertionStyle } from './citationStyle';

export interface CitationEditInput {
  text: string;
  format: DocumentFormat;
  recognized: RecognizedDocument;
  citations: ResolvedCitation[];
}

/** The first bibliography file the document declares, with its current text ('' when it does not exist yet). */
export interface BibliographyFileText {
  path: string;
  text: string;
}

export interface CitationPlan {
  title: string;
  /** Edits in the document itself. */
  edits: TextEdit[];
  /** An edit appending a BibTeX entry to the document's bibliography file, when the cited key is missing there. */
  bibliography?: { path: string; key: string; edit: TextEdit };
}

/** Inserts a citation of `reference` for statistic `statistic`, before the end of its clause or sentence. */
export function planCitationInsertion(
  input: CitationEditInput,
  statistic: number,
  reference: Reference,
  ctx: Pick<LinkContext, 'bibliography'>,
  bibliographyFile?: BibliographyFileText,
): CitationPlan | undefined {
  const parts = insertionFor(input, statistic, reference, ctx, bibliographyFile);
  if (!parts) return undefined;
  const edits = parts.listEntry ? [parts.citation, parts.listEntry] : [parts.citation];
  return { title: parts.title, edits: edits.sort((a, b) => a.span.start - b.span.start), bibliography: parts.bibliography };
}

interface InsertionParts {
  title: string;
  citation: TextEdit;
  /** The new reference-list line of a numbered document. */
  listEntry?: TextEdit;
  bibliography?: CitationPlan['bibliography'];
}

function insertionFor(
  input: CitationEditInput,
  statistic: number,
  reference: Reference,
  ctx: Pick<LinkContext, 'bibliography'>,
  bibliographyFile?: BibliographyFileText,
  numbering?: Numbering,
): InsertionParts | undefined {
  const stat = input.recognized.statistics[statistic];
  if (!stat) return undefined;
  const sentence = input.recognized.sentences[stat.sentence]?.span ?? stat.span;
  const style = documentCitationStyle(input.format, input.recognized);
  const { key, fromBibliography } = keyFor(input, reference, ctx.bibliography);
  let at = citationInsertionOffset(input.text, sentence, stat.span, input.recognized.citations, nextStatisticStart(input.recognized, statistic), input.format);
  // "... alone.²", "... alone.\cite{x}": a document that cites after the full stop gets the new citation there too.
  if (input.text[at] === '.' && citesAfterFullStop(input.text, input.recognized.citations)) at++;
  // The citation there already names the work: nothing to add.
  if (citationEndingAt(input, at)?.references.includes(reference.key)) return undefined;
  let citation: string;
  let listEntry: TextEdit | undefined;
  const yearOnly = style.kind === 'author-year' && endsWithSurname(input.text, at, reference);
  if (style.kind === 'numbered') {
    const numbered = numberFor(input, reference, numbering);
    citation = citationText(style, reference, key, numbered.number);
    listEntry = numbered.entry;
  } else if (style.kind === 'footnote') {
    const note = footnoteFor(input, reference, numbering);
    citation = citationText(style, reference, key, note.label);
    listEntry = note.entry;
  } else if (yearOnly) {
    // "- CR 73% (11/15) Fry": the notes name the work by its author already; its year makes that a citation
    // ("Fry (2018)"), where a second "(Fry et al., 2018)" would repeat the name.
    citation = `(${reference.year})`;
  } else {
    citation = citationText(style, reference, key);
    // A LaTeX document with its own \bibitem list and no bibliography file: the work gets an item of its own there.
    if (style.kind === 'latex' && !fromBibliography && !bibliographyFile) listEntry = bibitemAppend(input, key, reference);
  }
  return {
    // An author-year citation says who it is already.
    title: style.kind !== 'author-year' ? `Cite ${citation} (${authorYearText(reference)})` : yearOnly ? `Cite ${surname(reference.authors[0]!)} ${citation}` : `Cite ${citation}`,
    citation: joinExisting(input, at, style, key, citation, reference) ?? { span: { start: at, end: at }, newText: `${separatorBefore(input, style)}${citation}` },
    listEntry,
    bibliography: style.kind === 'pandoc' || style.kind === 'latex' ? bibliographyAddition(key, fromBibliography, reference, bibliographyFile) : undefined,
  };
}

/** Whether the text just before `at` is the work's first author's surname ("... 73% (11/15) Fry|"). */
function endsWithSurname(text: string, at: number, reference: Reference): boolean {
  const name = reference.authors[0] ? surname(reference.authors[0]) : '';
  if (name.length < 2) return false;
  const before = text.slice(Math.max(0, at - name.length - 2), at).replace(/\s+$/, '');
  return before.endsWith(name) && !/[\p{L}]/u.test(before.charAt(before.length - name.length - 1));
}

/** Whether the author's surname stands in the few words before a citation ("Fry et al. [-@fry2018]", "Fry and colleagues \cite"). */
function namesAuthorBefore(text: string, at: number, surname: string): boolean {
  const before = text.slice(Math.max(0, at - 40), at);
  return new RegExp(`\\b${surname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(before);
}

const ENDING_ABBREVIATION = /(?:^|[\s(])(?:al|etc|e\.g|i\.e|cf|vs)\.$/;

/** Where a LaTeX comment starts on the line of `from` (an unescaped "%" at or after it), if it has one. */
function latexCommentAfter(text: string, from: number): number | undefined {
  for (let i = from; i < text.length && text[i] !== '\n' && text[i] !== '\r'; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '%') return i;
  }
  return undefined;
}

/** The text of the \footnote{...} a statistic lies in (its braces' inside), if it lies in one. */
function enclosingFootnote(text: string, statistic: Span): Span | undefined {
  // Looked for in the 2,000 characters before the number only: a search back to the start would make "fix all" over a
  // long document quadratic.
  const from = Math.max(0, statistic.start - 2000);
  const found = text.slice(from, statistic.start).lastIndexOf('\\footnote{');
  if (found < 0) return undefined;
  const open = from + found;
  const start = open + '\\footnote{'.length;
  let depth = 1;
  for (let i = start; i < text.length && i - start < 4000; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i >= statistic.end ? { start, end: i } : undefined;
  }
  return undefined;
}

/** Replaces the citation of `wrong` in the statistic's sentence by one of `reference`, keeping that citation's form. */
export function planCitationReplacement(
  input: CitationEditInput,
  statistic: number,
  wrong: string,
  reference: Reference,
  ctx: Pick<LinkContext, 'bibliography'>,
  bibliographyFile?: BibliographyFileText,
  wrongAuthor?: string,
): CitationPlan | undefined {
  const stat = input.recognized.statistics[statistic];
  if (!stat) return undefined;
  const inSentence = citationLayout(input).bySentence.get(stat.sentence)?.filter((rc) => rc.references.includes(wrong)) ?? [];
  if (inSentence.length === 0) return undefined;
  // The citation after the number, else the nearest before it in the number's clause: "The trial of @spiegel2021 is
  // discussed below; CR with CD22 alone was 68%" names Spiegel for the first clause, not for the 68%.
  // (A narrative citation that is the sentence's subject, "Shah et al. (2020) treated 58; 51 had ...", is every clause's.)
  const sentence = input.recognized.sentences[stat.sentence]?.span;
  const rc =
    inSentence.find((c) => c.citation.span.start >= stat.span.end) ??
    inSentence.filter((c) => !/;/.test(input.text.slice(c.citation.span.end, stat.span.start)) || (sentence !== undefined && isSubjectCitation(input.text, c.citation, sentence))).pop();
  if (!rc) return undefined;
  const target = rc.targets.find((t) => t.references.includes(wrong));
  if (!target) return undefined;
  // "As Fry et al. [-@fry2018] reported", "Fry et al.~\cite{fry2018}": the prose names the cited work's author, and a
  // new key alone would credit the other work's number to that author. Only the author-year form is rewritten whole.
  if (target.target.kind !== 'author' && wrongAuthor && namesAuthorBefore(input.text, rc.citation.span.start, wrongAuthor)) return undefined;
  const { key, fromBibliography } = keyFor(input, reference, ctx.bibliography);
  const edits: TextEdit[] = [];
  let newText: string | undefined;
  let usesKey = false;
  let dropped: TextEdit | undefined;
  let newNumber: number | undefined;
  const t: CitationTarget = target.target;
  switch (t.kind) {
    case 'key':
      newText = key;
      usesKey = true;
      break;
    case 'number': {
      const numbering = numberFor(input, reference);
      newNumber = numbering.number;
      newText = String(numbering.number);
      if (numbering.entry) edits.push(numbering.entry);
      // "[2-4]": the wrong work is one of a range, whose other works stay cited ("[1, 3-4]").
      const inRange = rc.targets.filter((x) => x.target.kind === 'number' && x.target.span.start === t.span.start && x.target.span.end === t.span.end);
      if (inRange.length > 1) newText = numberList(inRange.map((x) => Number(x.target.label)).filter((n) => String(n) !== t.label).concat(numbering.number), input.text.slice(t.span.start, t.span.end));
      // "doses.²": the number in superscript as written.
      if (isSuperscriptNumber(input.text.slice(t.span.start, t.span.end))) newText = superscriptNumbers(newText);
      break;
    }
    case 'author': {
      const replaced = replaceAuthorYear(input.text, t.span.start, reference);
      if (!replaced) return undefined;
      edits.push(replaced);
      break;
    }
    case 'doi':
      newText = reference.doi;
      break;
    case 'pmid':
      newText = reference.pmid;
      break;
    case 'pmcid':
      newText = reference.pmcid;
      break;
    case 'nct':
      newText = reference.trial?.[0];
      break;
  }
  if (t.kind !== 'author') {
    if (newText === undefined) return undefined;
    edits.push({ span: t.span, newText });
    // "[Pan 2019](https://doi.org/...)": a link whose text names the old work by author and year names the new one.
    if (t.kind === 'doi' || t.kind === 'pmid' || t.kind === 'pmcid' || t.kind === 'nct') {
      const label = linkTextBefore(input.text, t.span.start);
      const named = label && namedWorkText(input.text.slice(label.start, label.end), reference);
      if (label && named) edits.push({ span: label, newText: named });
    }
    // "\citeauthor{pan2019} (\citeyear{pan2019})": the author named by key goes with the year.
    if (t.kind === 'key') {
      const author = citeauthorBefore(input.text, rc.citation.span.start, t.label);
      if (author) edits.push({ span: author, newText: key });
    }
    // A page or table of the wrong work is not the right work's: "\citep[see][p.~3]{pan2019}", "[@pan2019, p. 4]".
    if (rc.targets.length === 1) {
      dropped = locatorEdit(input.text, rc.citation.span, t.span);
      if (dropped) edits.push(dropped);
    }
  }
  edits.sort((a, b) => a.span.start - b.span.start);
  // The title says what is written, as the document writes it: its keys ("Cite PanLeuk instead of FryNM"), its
  // numbers ("Cite reference 1 instead of 2"), its author-year text; a page note dropped with the old work is said.
  const authorEdit = t.kind === 'author' ? edits.find((e) => e.span.start <= t.span.start && e.span.end >= t.span.end) : undefined;
  const what =
    t.kind === 'key' ? `Cite ${key} instead of ${t.label}`
    : t.kind === 'number' ? `Cite reference ${newNumber} (${shortCitation(reference)}) instead of ${t.label}`
    : authorEdit ? `Cite ${authorEdit.newText.replace(/[()]/g, '')} instead of ${input.text.slice(authorEdit.span.start, authorEdit.span.end).replace(/[()]/g, '')}`
    : `Cite ${reference.key} instead of ${wrong}`;
  const note = dropped && input.text.slice(dropped.span.start, dropped.span.end).replace(/^[\s,;[]+|\]+$/g, '').replace(/\]\[/g, ' ').trim();
  return {
    title: note ? `${what}, dropping "${note}"` : what,
    edits,
    bibliography: usesKey ? bibliographyAddition(key, fromBibliography, reference, bibliographyFile) : undefined,
  };
}

/** Whether most of a document's citations come right after a sentence's full stop (".²", ".^2^", ".\cite{x}"). */
function citesAfterFullStop(text: string, citations: readonly { span: Span }[]): boolean {
  // Read once per document: "fix all" plans a citation for every uncited number of a long draft.
  const known = afterFullStop.get(citations);
  if (known !== undefined) return known;
  let after = 0;
  for (const c of citations) if (/\.[~ ]?$/.test(text.slice(Math.max(0, c.span.start - 2), c.span.start)) && !/\d\.[~ ]?$/.test(text.slice(Math.max(0, c.span.start - 3), c.span.start))) after++;
  const answer = after > 0 && after * 2 > citations.length;
  afterFullStop.set(citations, answer);
  return answer;
}

const afterFullStop = new WeakMap<readonly { span: Span }[], boolean>();

/** The key `label` in a "\citeauthor{...}" just before a year citation at `before`, if there is one. */
function citeauthorBefore(text: string, before: number, label: string): Span | undefined {
  const from = Math.max(0, before - 80);
  const match = /\\citeauthor\*?\{([^{}]*)\}[^\\]{0,12}$/.exec(text.slice(from, before));
  if (!match) return undefined;
  const keys = match[1]!;
  const at = keys.split(',').map((k) => k.trim()).indexOf(label);
  if (at < 0) return undefined;
  const start = from + match.index + match[0].indexOf('{') + 1 + keys.indexOf(label);
  return { start, end: start + label.length };
}

/** Numbers as a citation lists them, in order, runs of three or more as ranges with the dash `written` uses. */
function numberList(numbers: number[], written: string): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const dash = /[–—-]/.exec(written)?.[0] ?? '-';
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}${dash}${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(', ');
}

/** A work named as notes and slides name one: "Pan 2019", "Pan et al. 2019", "Pan, 2019". */
const NAMED_WORK = /^([\p{Lu}][\p{L}'’-]+)(\s+et al\.?)?(,?\s+)((?:19|20)\d\d)$/u;

/**
 * "- CR 73% (11/15) — Pan 2019": the number's work named by author and year, not cited; the fix names the right work
 * in the same form ("Fry 2018").
 */
/** The text of the Markdown link whose URL holds `at` ("[Pan 2019](https://doi.org/...)"), if there is one. */
function linkTextBefore(text: string, at: number): Span | undefined {
  // Within 280 characters before it (a URL of 200 and a text of 80): never a walk back through the whole document.
  const from = Math.max(0, at - 280);
  const near = text.slice(from, at);
  const open = near.lastIndexOf('](');
  if (open < 0 || near.length - open > 200 || /[\s)]/.test(near.slice(open + 2))) return undefined;
  const start = near.lastIndexOf('[', open);
  if (start < 0 || open - start > 80 || near.slice(start + 1, open).includes('\n')) return undefined;
  return { start: from + start + 1, end: from + open };
}

/** "Pan 2019" (or "Pan et al. 2019", "Pan, 2019") written for `reference` in the same form; undefined for other text. */
function namedWorkText(written: string, reference: Reference): string | undefined {
  const form = NAMED_WORK.exec(written);
  if (!form) return undefined;
  return `${surname(reference.authors[0] ?? reference.key)}${form[2] ?? ''}${form[3]}${reference.year}`;
}

export function planNamedWorkReplacement(text: string, attributions: readonly Attribution[], reference: Reference): { title: string; edits: TextEdit[] } | undefined {
  const alias = attributions.find((a) => a.strength === 'alias' && a.reference !== reference.key);
  if (!alias) return undefined;
  const written = text.slice(alias.span.start, alias.span.end);
  const newText = namedWorkText(written, reference);
  if (!newText) return undefined;
  return { title: `Cite ${newText} instead of ${written}`, edits: [{ span: alias.span, newText }] };
}

/** Where the next statistic of the statistic's sentence starts, if there is one. */
export function nextStatisticStart(doc: RecognizedDocument, statistic: number): number | undefined {
  const stat = doc.statistics[statistic];
  const next = doc.statistics[statistic + 1];
  return stat && next && next.sentence === stat.sentence ? next.span.start : undefined;
}

/**
 * The edit that removes a one-work citation's locator: LaTeX's postnote ("\citep[p.~3]{x}", "\citep[see][p.~3]{x}"
 * keeps "see") and pandoc's text after the key ("[@x, p. 4]", "[see @x, table 2]").
 */
function locatorEdit(text: string, citation: Span, key: Span): TextEdit | undefined {
  const written = text.slice(citation.start, citation.end);
  const latex = /^(\\[A-Za-z]*cite[A-Za-z]*\*?)(\[[^\]]*\])?(\[[^\]]*\])?\{/.exec(written);
  if (latex) {
    const [, command, first, second] = latex;
    if (!first) return undefined;
    const start = citation.start + command!.length;
    // One optional argument is the postnote; of two, the second is.
    if (!second) return { span: { start, end: start + first.length }, newText: '' };
    return first === '[]' && second !== '[]' ? { span: { start, end: start + first.length + second.length }, newText: '' } : second === '[]' ? undefined : { span: { start: start + first.length, end: start + first.length + second.length }, newText: '[]' };
  }
  if (written.startsWith('[') && key.end < citation.end - 1) {
    const after = text.slice(key.end, citation.end - 1);
    if (/^\s*,/.test(after)) return { span: { start: key.end, end: citation.end - 1 }, newText: '' };
  }
  return undefined;
}

/** A document's citations laid out by sentence, once per document rather than once per replaced citation. */
const layouts = new WeakMap<readonly ResolvedCitation[], CitationLayout>();

function citationLayout(input: CitationEditInput): CitationLayout {
  let layout = layouts.get(input.citations);
  if (!layout) {
    layout = layoutCitations(input.recognized, input.citations);
    layouts.set(input.citations, layout);
  }
  return layout;
}

/**
 * "Pan et al., 2019" / "Pan and Li 2019" / "Pan et al. (2019)" from the surname at `start` through the year, rewritten
 * for another reference with the same punctuation.
 */
function replaceAuthorYear(text: string, start: number, reference: Reference): TextEdit | undefined {
  const m = /^([\p{L}'’-]+)(\s+et\s+al\.?|\s+(?:and|&)\s+[\p{L}'’-]+)?(,?\s*)(\(?)((?:1[89]|20)\d\d[a-z]?)(\)?)/u.exec(text.slice(start, start + 120));
  if (!m) return undefined;
  const [whole, , others, separator, open, , close] = m;
  // "Fry and colleagues, 2018" keeps its words: "Pan and colleagues, 2019".
  const colleagues = others && /^\s+(?:and|&)\s+(?:colleagues|co-?workers|collaborators)$/i.test(others) ? (reference.authors[0] ? surname(reference.authors[0]) : undefined) : undefined;
  const names = colleagues ? `${colleagues}${others}` : authorYearText(reference, false).replace(/ \d+$/, '');
  return { span: { start, end: start + whole.length }, newText: `${names}${separator || ' '}${open}${reference.year}${close}` };
}

function bibliographyAddition(key: string, fromBibliography: boolean, reference: Reference, file?: BibliographyFileText): CitationPlan['bibliography'] {
  if (fromBibliography || !file) return undefined;
  const edit = bibliographyFileEdit(file, [[key, reference]]);
  return edit && { path: file.path, key, edit };
}

/**
 * The entries appended to the writer's bibliography file, in its own format: BibTeX (.bib) or CSL-JSON (.json);
 * none for another format, or for keys the file has already.
 */
function bibliographyFileEdit(file: BibliographyFileText, entries: ReadonlyArray<readonly [string, Reference]>): TextEdit | undefined {
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  if (/\.bib$/i.test(file.path)) {
    const added = entries.filter(([key]) => !bibtexHasKey(file.text, key));
    if (added.length === 0) return undefined;
    const { offset, newText } = appendBibtexEntry(file.text, added.map(([key, reference]) => bibtexEntry(reference, key, eol)).join(`${eol}${eol}`));
    return { span: { start: offset, end: offset }, newText };
  }
  if (/\.json$/i.test(file.path)) return appendCslJsonItems(file.text, entries, eol);
  return undefined;
}

/**
 * Where a citation for the statistic goes: before a clause break (`;`, ", and", "versus") that follows it in its sentence, else before
 * the sentence's final punctuation; in a pipe table, at the end of the statistic's cell. Never inside a word or an
 * existing citation (`[@a; @b]`'s semicolon is not a clause break), never after trailing spaces, and never on a line
 * after the sentence's that is not its prose (a Quarto fence `:::`, a list item, a comment).
 */
export function citationInsertionOffset(text: string, sentence: Span, statistic: Span, citations: readonly { span: Span }[] = [], nextStatistic?: number, format?: DocumentFormat): number {
  if (format === 'latex') {
    // A number inside a LaTeX footnote is cited inside it, before the footnote's own full stop.
    const note = enclosingFootnote(text, statistic);
    if (note) sentence = note;
    // Never into a LaTeX comment: "68\%, % check this" is cited before the comment's "%".
    const comment = latexCommentAfter(text, statistic.end);
    if (comment !== undefined && comment < sentence.end) sentence = { start: sentence.start, end: comment };
  }
  // "68% [@fry2018], higher than ...": a citation right after the number is the number's own; another work joins it
  // there (a superscript mark is left as it is).
  const own = citations[firstEndingAfter(citations, statistic.end, spanOf)];
  if (own && own.span.start >= statistic.end && own.span.end <= sentence.end && /^[ \t\u00a0]*$/.test(text.slice(statistic.end, own.span.start)) && !/^(?:\^|<sup>)/i.test(text.slice(own.span.start, own.span.start + 5))) {
    return own.span.end;
  }
  let end = Math.max(statistic.end, sentence.end);
  const fence = text.slice(statistic.end, end).search(/\r?\n[ \t]*(?::::|```|~~~|<!--|\\end\{|\\item\b|[-*+][ \t]|\d+[.)][ \t])/);
  if (fence >= 0) end = statistic.end + fence;
  // Not into a footnote: "68\%.\footnote{...}", "68%.[^a]" take the citation before the footnote's mark.
  const footnote = text.slice(statistic.end, end).search(/\\footnote\{|\[\^[^\]]+\]/);
  if (footnote >= 0) end = statistic.end + footnote;
  // "6% of patients and the 1-year LFS was 71.6%": before the words that lead to the sentence's next number.
  if (nextStatistic !== undefined && nextStatistic > statistic.end && nextStatistic < end) {
    const between = withoutCitations(text, statistic.end, nextStatistic, citations);
    let lastBreak = -1;
    for (const m of between.matchAll(/\s(?:and|but|while|whereas)\s|[;,]\s/g)) lastBreak = m.index;
    if (lastBreak >= 0) end = statistic.end + lastBreak;
  }
  const cellEnd = pipeCellEnd(text, statistic);
  if (cellEnd !== undefined) end = Math.min(end, cellEnd);
  const tail = withoutCitations(text, statistic.end, end, citations);
  // The statistic's clause ends at a semicolon, at ", and"/", but" and at a contrast: a citation after it would
  // be read as the next clause's.
  const semicolon = tail.search(/;(?:\s|$)|,\s+(?:and|but|while|whereas)\s|\s+(?:versus|vs\.?|whereas|compared (?:with|to))\s/);
  if (semicolon >= 0) end = statistic.end + semicolon;
  else {
    while (end > statistic.end && /\s/.test(text[end - 1]!)) end--;
    // A list item's trailing "," or ";" and a sentence's full stop come after the citation.
    // Not the full stop of an abbreviation that ends the sentence ("by Pan J. et al.", "fever, hypotension, etc."):
    // the citation goes after it.
    if (end > statistic.end && /[.!?:;,]/.test(text[end - 1]!) && !insideCitation(end - 1, citations) && !(text[end - 1] === '.' && ENDING_ABBREVIATION.test(text.slice(Math.max(statistic.end, end - 8), end)))) end--;
  }
  while (end > statistic.end && /[ \t]/.test(text[end - 1]!)) end--;
  return end;
}

/** In a Markdown pipe table's row, where the statistic's cell ends (its next unescaped `|`). */
function pipeCellEnd(text: string, statistic: Span): number | undefined {
  if (!/^[ \t]*\|/.test(text.slice(lineStartOf(text, statistic.start), statistic.start))) return undefined;
  for (let i = statistic.end; i < text.length && text[i] !== '\n' && text[i] !== '\r'; i++) {
    if (text[i] === '|' && text[i - 1] !== '\\') return i;
  }
  return undefined;
}

/** The text between `start` and `end` with the citations in it blanked out, offsets kept. */
function withoutCitations(text: string, start: number, end: number, citations: readonly { span: Span }[]): string {
  let tail = text.slice(start, end);
  // Citations come in document order: only those from the first one ending after `start` can overlap.
  for (let i = firstEndingAfter(citations, start, spanOf); i < citations.length && citations[i]!.span.start < end; i++) {
    const c = citations[i]!.span;
    const from = Math.max(c.start, start) - start;
    const to = Math.min(c.end, end) - start;
    tail = tail.slice(0, from) + 'x'.repeat(to - from) + tail.slice(to);
  }
  return tail;
}

function insideCitation(at: number, citations: readonly { span: Span }[]): boolean {
  const c = citations[firstEndingAfter(citations, at, spanOf)];
  return c !== undefined && c.span.start <= at;
}

const spanOf = (entity: { span: Span }) => entity.span;

/** The index of the first item (in document order) whose span ends after `at`: a binary search, not a scan. */
function firstEndingAfter<T>(list: readonly T[], at: number, span: (item: T) => Span): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (span(list[mid]!).end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The resolved citation of a document that ends at `at` (fix all asks once per number). */
function citationEndingAt(input: CitationEditInput, at: number): ResolvedCitation | undefined {
  const found = input.citations[firstEndingAfter(input.citations, at - 1, (rc) => rc.citation.span)];
  return found?.citation.span.end === at ? found : undefined;
}

/** LaTeX commands whose citation is a name in the sentence ("\citet{x} showed"), which another key must not join. */
const NARRATIVE_LATEX = /^\\(?:citet|textcite|citeauthor|citeyear|citetitle|Citet|Textcite)\*?/;

/**
 * The edit that adds `citation` to an existing citation ending at `at` of the same style, as authors write several
 * works at one place: "[@pan2019; @fergusson2023]", "\citep{pan2019,fergusson2023}", "[3, 5]",
 * "(Pan et al., 2019; Fergusson et al., 2023)". Undefined when there is none to join (or it is a narrative one).
 */
function joinExisting(input: CitationEditInput, at: number, style: InsertionStyle, key: string, citation: string, reference: Reference): TextEdit | undefined {
  const existing = citationEndingAt(input, at)?.citation;
  if (!existing) return undefined;
  const written = input.text.slice(existing.span.start, existing.span.end);
  const before = existing.span.end - 1;
  switch (style.kind) {
    case 'pandoc':
      return existing.style === 'pandoc' && /^\[[^\]]*@[^\]]*\]$/.test(written) ? { span: { start: before, end: before }, newText: `; @${key}` } : undefined;
    case 'latex': {
      // Not into one with a page note ("\citep[p.~22]{pan2019}"): natbib prints it after the last work, the new one.
      const m = /^\\([A-Za-z]*cite[A-Za-z]*)\*?\{[^}]*\}$/.exec(written);
      return m && m[1] === style.command && !NARRATIVE_LATEX.test(written) ? { span: { start: before, end: before }, newText: `,${key}` } : undefined;
    }
    case 'numbered': {
      if (existing.style !== 'numbered' || !written.startsWith(style.open) || !written.endsWith(style.close) || style.open === '^' || style.superscript) return undefined;
      const number = citation.slice(style.open.length, citation.length - style.close.length);
      const end = existing.span.end - style.close.length;
      const separator = numberSeparator(input, written);
      // "[2]" and reference 1 make "[1, 2]": a group of plain numbers stays in order.
      const inner = written.slice(style.open.length, written.length - style.close.length);
      if (/^\d+(?:\s*,\s*\d+)*$/.test(inner) && /^\d+$/.test(number)) {
        const numbers = [...inner.split(/\s*,\s*/), number].map(Number).sort((a, b) => a - b);
        return { span: { start: existing.span.start + style.open.length, end }, newText: numbers.join(separator) };
      }
      return { span: { start: end, end }, newText: `${separator}${number}` };
    }
    case 'author-year': {
      // "(Pan et al., 2019)", not the narrative "Pan et al. (2019)"; with the group's own comma before the year.
      if (existing.style !== 'author-year' || !written.startsWith(style.open) || !written.endsWith(style.close)) return undefined;
      const yearComma = /\d{4}/.test(written) ? /,\s*(?:1[89]|20)\d\d/.test(written) : style.comma;
      return { span: { start: before, end: before }, newText: `; ${authorYearText(reference, yearComma)}` };
    }
  }
}

/** How the document separates the numbers of one group: "[3, 5]" or "[3,5]", read from this group or another. */
function numberSeparator(input: CitationEditInput, group: string): string {
  if (group.includes(',')) return /,\s/.test(group) ? ', ' : ',';
  for (const c of input.recognized.citations) {
    if (c.style === 'numbered' && c.text.includes(',')) return /,\s/.test(c.text) ? ', ' : ',';
  }
  return ', ';
}

function separatorBefore(input: CitationEditInput, style: InsertionStyle): string {
  // A superscript marker is glued to its word ("90%^2^", "90%<sup>2</sup>"): after a space pandoc reads no superscript.
  if (style.kind === 'numbered' && (style.open === '^' || style.open === '<sup>' || style.superscript)) return '';
  if (style.kind === 'footnote') return '';
  if (style.kind !== 'latex') return ' ';
  const first = input.recognized.citations.find((c) => c.style === 'latex');
  if (first && first.span.start > 0 && input.text[first.span.start - 1] === ' ') return ' ';
  return '~';
}

/** The number a reference has in the document's list, or the next free number with the entry to append. */
/** Numbers handed out by earlier insertions of the same batch ("fix all"), so each new reference gets its own. */
interface Numbering {
  assigned: Map<string, number>;
  next: number;
  /** A reference list this batch started (the document had none): later entries go under it. */
  listStarted?: boolean;
  /** The next footnote label of a document that cites in footnotes. */
  nextFootnote?: number;
}

/**
 * The footnote a Markdown document that cites in footnotes cites a reference by: one of its own that names it, else the
 * next free number, with its definition appended at the end of the document.
 */
function footnoteFor(input: CitationEditInput, reference: Reference, numbering?: Numbering): { label: number; entry?: TextEdit } {
  const cited = citedNumbers(input.citations, 'footnote').get(reference.key);
  if (cited !== undefined) return { label: cited };
  const given = numbering?.assigned.get(reference.key);
  if (given !== undefined) return { label: given };
  let label = numbering?.nextFootnote ?? 0;
  if (label === 0) {
    for (const c of input.recognized.citations) for (const t of c.targets) if (t.kind === 'footnote' && /^\d+$/.test(t.label)) label = Math.max(label, Number(t.label));
    for (const entry of input.recognized.referenceList) if (entry.footnote !== undefined && /^\d+$/.test(entry.footnote)) label = Math.max(label, Number(entry.footnote));
    label++;
  }
  if (numbering) {
    numbering.assigned.set(reference.key, label);
    numbering.nextFootnote = label + 1;
  }
  const end = input.text.length;
  const newline = input.text.endsWith('\n') ? '' : '\n';
  return { label, entry: { span: { start: end, end }, newText: `${newline}[^${label}]: ${referenceListText(reference)}\n` } };
}

function numberFor(input: CitationEditInput, reference: Reference, numbering?: Numbering): { number: number; entry?: TextEdit } {
  const list = input.recognized.referenceList.filter((entry) => entry.footnote === undefined);
  const existing = list.find((entry) => entryNames(entry, reference));
  if (existing) return { number: existing.number };
  const cited = citedNumbers(input.citations).get(reference.key);
  if (cited !== undefined) return { number: cited };
  const given = numbering?.assigned.get(reference.key);
  if (given !== undefined) return { number: given };
  const number = numbering?.next ?? nextFreeNumber(input);
  if (numbering) {
    numbering.assigned.set(reference.key, number);
    numbering.next = number + 1;
  }
  if (list.length === 0) {
    // No list to add to: one is started at the end, so the new marker points at something.
    const started = numbering?.listStarted === true;
    if (numbering) numbering.listStarted = true;
    return { number, entry: referenceListStart(input, number, reference, started) };
  }
  return { number, entry: referenceListAppend(input.text, list, number, reference) };
}

/**
 * The number the document already cites each reference by (its first numbered citation naming it), read once per
 * document rather than once per citation a "fix all" inserts.
 */
const numbersCited = new WeakMap<readonly ResolvedCitation[], Map<'number' | 'footnote', Map<string, number>>>();

/** The same for footnotes with a number for a label ("[^2]"), by `kind`. */
function citedNumbers(citations: readonly ResolvedCitation[], kind: 'number' | 'footnote' = 'number'): Map<string, number> {
  let byKind = numbersCited.get(citations);
  if (!byKind) numbersCited.set(citations, (byKind = new Map()));
  let numbers = byKind.get(kind);
  if (!numbers) {
    numbers = new Map();
    for (const rc of citations) {
      for (const t of rc.targets) {
        if (t.target.kind !== kind || !/^\d+$/.test(t.target.label)) continue;
        for (const key of t.references) if (!numbers.has(key)) numbers.set(key, Number(t.target.label));
      }
    }
    byKind.set(kind, numbers);
  }
  return numbers;
}

function nextFreeNumber(input: CitationEditInput): number {
  let max = 0;
  for (const entry of input.recognized.referenceList) max = Math.max(max, entry.number);
  for (const c of input.recognized.citations) for (const t of c.targets) if (t.kind === 'number') max = Math.max(max, Number(t.label) || 0);
  return max + 1;
}

/**
 * Several insertions at once ("fix all"): one plan whose numbered citations count up from the next free number, whose
 * new reference-list entries are appended together in that order, and whose missing BibTeX entries go in one append.
 */
export function planCitationInsertions(
  input: CitationEditInput,
  requests: ReadonlyArray<{ statistic: number; reference: Reference }>,
  ctx: Pick<LinkContext, 'bibliography'>,
  bibliographyFile?: BibliographyFileText,
): CitationPlan | undefined {
  const numbering: Numbering = { assigned: new Map(), next: nextFreeNumber(input) };
  const ordered = [...requests].sort((a, b) => (input.recognized.statistics[a.statistic]?.span.start ?? 0) - (input.recognized.statistics[b.statistic]?.span.start ?? 0));
  const edits: TextEdit[] = [];
  const listEntries: TextEdit[] = [];
  const bibEntries = new Map<string, Reference>();
  for (const [k, request] of ordered.entries()) {
    // "6% and 3% of patients": numbers of one sentence in a row from one work are cited once, after the last.
    const next = ordered[k + 1];
    const sentence = (r: { statistic: number }) => input.recognized.statistics[r.statistic]?.sentence;
    if (next && next.reference.key === request.reference.key && sentence(next) === sentence(request)) continue;
    const parts = insertionFor(input, request.statistic, request.reference, ctx, bibliographyFile, numbering);
    if (!parts) continue;
    // Two numbers of one sentence with the same source: one citation.
    if (edits.some((e) => e.span.start === parts.citation.span.start && e.newText === parts.citation.newText)) continue;
    edits.push(parts.citation);
    // One new list entry per work, however many numbers cite it (a \bibitem is planned for each).
    if (parts.listEntry && !listEntries.some((e) => e.newText === parts.listEntry!.newText)) listEntries.push(parts.listEntry);
    if (parts.bibliography) bibEntries.set(parts.bibliography.key, request.reference);
  }
  if (edits.length === 0) return undefined;
  if (listEntries.length > 0) edits.push({ span: listEntries[0].span, newText: listEntries.map((e) => e.newText).join('') });
  let bibliography: CitationPlan['bibliography'];
  const edit = bibliographyFile && bibEntries.size > 0 ? bibliographyFileEdit(bibliographyFile, [...bibEntries]) : undefined;
  if (bibliographyFile && edit) {
    bibliography = { path: bibliographyFile.path, key: [...bibEntries.keys()].join(','), edit };
  }
  edits.sort((a, b) => a.span.start - b.span.start);
  return { title: `Cite the sources of ${ordered.length} uncited statistic${ordered.length === 1 ? '' : 's'}`, edits, bibliography };
}

function entryNames(entry: ReferenceListEntry, reference: Reference): boolean {
  if (entry.doi && reference.doi && entry.doi.toLowerCase() === reference.doi.toLowerCase()) return true;
  if (entry.pmid && entry.pmid === reference.pmid) return true;
  if (entry.nct && reference.trial?.includes(entry.nct)) return true;
  // "2. Fergusson NJ, ... Front Immunol. 2023": no identifier, but its first author and year, as the checker reads it.
  if (!entry.doi && !entry.pmid && entry.author && entry.year === reference.year) {
    return firstAuthorSurname(entry.author) === firstAuthorSurname(reference.authors[0]);
  }
  return false;
}

/** The key the document's own list gives a work ("\bibitem{PanLeuk}"), where it lists it. */
function listedKey(input: CitationEditInput, reference: Reference): string | undefined {
  return input.recognized.referenceList.find((entry) => entry.key !== undefined && entry.footnote === undefined && entryNames(entry, reference))?.key;
}

/** The key to cite a work by: the document's own list's, else the bibliography's, else the dataset's. */
function keyFor(input: CitationEditInput, reference: Reference, bibliography: Pick<LinkContext, 'bibliography'>['bibliography']): { key: string; fromBibliography: boolean } {
  const listed = listedKey(input, reference);
  return listed ? { key: listed, fromBibliography: true } : citationKeyFor(reference, bibliography);
}

/** "\bibitem{key} Fergusson NJ, ... 2023." after the last \bibitem of the document's thebibliography, if it has one. */
function bibitemAppend(input: CitationEditInput, key: string, reference: Reference): TextEdit | undefined {
  const items = input.recognized.referenceList.filter((entry) => entry.key !== undefined && entry.footnote === undefined);
  if (items.length === 0 || !input.text.includes('\\bibitem')) return undefined;
  const last = items.reduce((a, b) => (b.span.end > a.span.end ? b : a));
  const eol = /\r\n|\n|\r/.exec(input.text)?.[0] ?? '\n';
  return { span: { start: last.span.end, end: last.span.end }, newText: `${eol}\\bibitem{${key}} ${referenceListText(reference)}` };
}

/** A reference list at the end of a document that has none: a "References" heading (unless `started`) and the entry. */
function referenceListStart(input: CitationEditInput, number: number, reference: Reference, started: boolean): TextEdit {
  const { text } = input;
  const eol = /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
  const entry = `${number}. ${referenceListText(reference)}`;
  if (started) return { span: { start: text.length, end: text.length }, newText: `${eol}${entry}` };
  const heading = input.format === 'markdown' ? '## References' : 'References';
  const gap = text.endsWith(`${eol}${eol}`) ? '' : text.endsWith(eol) ? eol : `${eol}${eol}`;
  return { span: { start: text.length, end: text.length }, newText: `${gap}${heading}${eol}${eol}${entry}` };
}

/**
 * A new line after the last entry, numbered the way the list numbers ("12.", "[12]", "12)", "(12)"); in a list run
 * together in one paragraph ("References: [1] Fry TJ ... [2] Pan J ..."), the next entry after the last on its line.
 */
function referenceListAppend(text: string, list: ReferenceListEntry[], number: number, reference: Reference): TextEdit {
  const last = list.reduce((a, b) => (b.span.start > a.span.start ? b : a));
  const lineStart = Math.max(text.lastIndexOf('\n', last.span.start - 1), text.lastIndexOf('\r', last.span.start - 1)) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, last.span.start))![0];
  const m = /^[ \t]*([[(]?)(\d+)([.\])]?)([ \t]+)/.exec(text.slice(last.span.start, last.span.end));
  const prefix = m ? `${m[1]}${number}${m[3]}${m[4]}` : `${number}. `;
  if (indent.length < last.span.start - lineStart) return { span: { start: last.span.end, end: last.span.end }, newText: ` ${prefix}${referenceListText(reference)}` };
  let lineEnd = last.span.end;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  const eolMatch = /\r\n|\n|\r/.exec(text.slice(lineEnd)) ?? /\r\n|\n|\r/.exec(text);
  const eol = eolMatch ? eolMatch[0] : '\n';
  return { span: { start: lineEnd, end: lineEnd }, newText: `${eol}${indent}${prefix}${referenceListText(reference)}` };
}
