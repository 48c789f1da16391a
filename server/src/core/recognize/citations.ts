/**
 * Citations in normalized prose: pandoc ([@key], @key), numbered markers ([1], [2,3], [1-3]), author-year
 * (Fry et al. (2018), (Fry et al., 2018; Pan et al., 2019), Pan and colleagues) and bare identifiers (DOI, PMID,
 * PMCID, NCT). Also finds URLs and e-mail addresses, which are not prose. One left-to-right pass; every look-ahead is
 * bounded and a bracket or parenthesis scan stops at the next opening one, so the pass is linear.
 */
import type { CitationStyle, CitationTarget, Span } from '../types';
import { BARE_PERCENT_REACH, isAlnumCode, isDigitCode, isLetterCode } from './tokens';
import { standsAlone } from './sentences';

export interface CitationCandidate {
  start: number;
  end: number;
  style: CitationStyle;
  targets: CitationTarget[];
  /** "(1)", "remission.5": numbered, but a citation only where the document's reference list has every number. */
  listedOnly?: boolean;
}

export interface CitationScan {
  citations: CitationCandidate[];
  /** URLs and e-mail addresses: spans that hold no prose. */
  nonProse: Span[];
}

export interface CitationOptions {
  /** Pandoc's in-text "@key" (Markdown only: elsewhere an @name is a handle or an address). */
  inTextKeys: boolean;
  /** Pandoc's superscript markers "^1^", "^2,3^" (Markdown only). */
  superscripts?: boolean;
}

const TLDS = new Set([
  'com', 'org', 'net', 'gov', 'edu', 'io', 'uk', 'de', 'fr', 'cn', 'jp', 'info', 'int', 'eu', 'us', 'ca', 'au', 'nl',
  'ch', 'html', 'htm', 'pdf', 'jpg', 'jpeg', 'png', 'gif', 'svg', 'webp', 'docx', 'doc', 'txt', 'md', 'tex', 'bib',
  'csv', 'xlsx', 'json', 'xml', 'php', 'aspx',
]);

const NOT_SURNAMES = new Set([
  'The', 'This', 'These', 'That', 'In', 'On', 'At', 'For', 'From', 'See', 'Figure', 'Fig', 'Table', 'Phase', 'Day',
  'Section', 'And', 'But', 'Or', 'All', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December', 'Published', 'Accessed', 'Updated', 'Online', 'Version',
  'Supplementary', 'Appendix', 'Ref', 'Refs', 'Note', 'Eg', 'Ie', 'Cf',
]);

function isUpper(code: number): boolean {
  if (code >= 65 && code <= 90) return true;
  if (code < 128) return false;
  const ch = String.fromCharCode(code);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function keyStartChar(code: number): boolean {
  return isAlnumCode(code) || code === 95;
}

function keyInnerChar(ch: string): boolean {
  return ':.#$%&-+?<>~/'.includes(ch);
}

/** Quarto cross-references ("@fig-cr", "[@tbl-doses]") look like citation keys but name a figure, table or section. */
const CROSS_REFERENCE = /^(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|nte|wrn|tip|imp|cau)-/;

function isCrossReference(label: string): boolean {
  return CROSS_REFERENCE.test(label);
}

/** End of a pandoc citation key starting at `i` (just after '@'), or i when there is none. */
function readKey(text: string, i: number): number {
  if (i >= text.length || !keyStartChar(text.charCodeAt(i))) return i;
  let j = i + 1;
  while (j < text.length && j - i < 200) {
    const c = text.charCodeAt(j);
    if (keyStartChar(c)) {
      j++;
    } else if (keyInnerChar(text[j]!) && j + 1 < text.length && keyStartChar(text.charCodeAt(j + 1))) {
      j += 2;
    } else {
      break;
    }
  }
  return j;
}

/** End of a DOI starting at i ("10.1038/nm.4441"), or -1. */
export function readDoi(text: string, i: number): number {
  if (!text.startsWith('10.', i)) return -1;
  let j = i + 3;
  const digits = j;
  while (j < text.length && isDigitCode(text.charCodeAt(j)) && j - digits <= 9) j++;
  if (j - digits < 4 || j - digits > 9) return -1;
  while (text[j] === '.' && isDigitCode(text.charCodeAt(j + 1))) {
    j++;
    while (j < text.length && isDigitCode(text.charCodeAt(j))) j++;
  }
  if (text[j] !== '/') return -1;
  j++;
  const suffix = j;
  let depth = 0;
  while (j < text.length && j - suffix < 300) {
    const ch = text[j]!;
    const c = text.charCodeAt(j);
    if (c <= 32 || ch === '"' || ch === '<' || ch === '>' || c === 0xfffc) break;
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    if (ch === ')' || ch === ']' || ch === '}') {
      if (depth === 0) break;
      depth--;
    }
    j++;
  }
  while (j > suffix && '.,;:'.includes(text[j - 1]!)) j--;
  return j > suffix ? j : -1;
}

function readDigits(text: string, i: number, min: number, max: number): number {
  let j = i;
  while (j < text.length && isDigitCode(text.charCodeAt(j)) && j - i <= max) j++;
  if (j - i < min || j - i > max) return -1;
  if (j < text.length && isAlnumCode(text.charCodeAt(j))) return -1;
  return j;
}

/**
 * Identifiers written inside a URL: doi.org/10..., pubmed/123, PMC123, NCT01234567. `urlStart` is where the URL's
 * text starts, so each target's span is the identifier itself (what a quick fix may rewrite); without it (the URL
 * not found verbatim in the text) the targets span nothing and no fix rewrites them.
 */
export function identifierCitationsInUrl(url: string, urlStart?: number): { style: CitationStyle; targets: CitationTarget[] } | undefined {
  const at = (offset: number, length: number): Span => (urlStart === undefined ? { start: 0, end: 0 } : { start: urlStart + offset, end: urlStart + offset + length });
  const doiAt = url.indexOf('10.');
  if (/doi\.org\//i.test(url) && doiAt >= 0) {
    const end = readDoi(url, doiAt);
    if (end > 0) return { style: 'doi', targets: [{ label: decodeURIComponentSafe(url.slice(doiAt, end)), kind: 'doi', span: at(doiAt, end - doiAt) }] };
  }
  const pmc = /\bPMC(\d{4,9})\b/.exec(url);
  if (pmc) return { style: 'pmcid', targets: [{ label: `PMC${pmc[1]}`, kind: 'pmcid', span: at(pmc.index, pmc[0].length) }] };
  const pubmed = /pubmed(?:\.ncbi\.nlm\.nih\.gov)?\/(\d{1,9})\b/i.exec(url);
  if (pubmed) return { style: 'pmid', targets: [{ label: pubmed[1]!, kind: 'pmid', span: at(pubmed.index + pubmed[0].length - pubmed[1]!.length, pubmed[1]!.length) }] };
  const nct = /\b(NCT\d{8})\b/.exec(url);
  if (nct) return { style: 'nct', targets: [{ label: nct[1]!, kind: 'nct', span: at(nct.index, nct[1]!.length) }] };
  return undefined;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function isYearAt(text: string, i: number): boolean {
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(i + 1);
  return ((a === 49 && b === 57) || (a === 50 && b === 48)) && isDigitCode(text.charCodeAt(i + 2)) && isDigitCode(text.charCodeAt(i + 3));
}

export function recognizeCitations(text: string, options: CitationOptions): CitationScan {
  const citations: CitationCandidate[] = [];
  const nonProse: Span[] = [];
  const n = text.length;
  let urlScannedUntil = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
    const wordStart = !isAlnumCode(prev);
    let end = -1;
    if (c === 91 /* [ */) {
      end = bracketCitation(text, i, citations);
      // "[Fergusson 2023]", "[Fry et al., 2018]": author-year in brackets, as slides and notes write it.
      if (end < 0) end = parentheticalAuthorYear(text, i, citations, ']');
    }
    else if (c === 40 /* ( */) {
      end = parentheticalAuthorYear(text, i, citations);
      if (end < 0) end = parenthesizedNumbers(text, i, citations);
    } else if (c === 94 /* ^ */) {
      if (options.superscripts) end = superscriptNumbers(text, i, citations);
      if (end < 0) end = flattenedSuperscript(text, i, citations);
    } else if (c === 60 /* < */) {
      end = wikiNamedReference(text, i, citations);
    } else if (c === 64 /* @ */) {
      if (isAlnumCode(prev) || prev === 46 || prev === 95 || prev === 45 || prev === 43) end = email(text, i, nonProse, citations);
      else if (options.inTextKeys) {
        const keyEnd = readKey(text, i + 1);
        if (keyEnd > i + 1) {
          const label = text.slice(i + 1, keyEnd);
          if (!isCrossReference(label)) citations.push({ start: i, end: keyEnd, style: 'pandoc', targets: [{ label, kind: 'key', span: { start: i + 1, end: keyEnd } }] });
          end = keyEnd;
        }
      }
    } else if (wordStart && (isLetterCode(c) || isDigitCode(c))) {
      if (isDigitCode(c)) end = runInNumbers(text, i, citations);
      if (end < 0) end = identifierAt(text, i, citations, nonProse);
      if (end < 0 && i >= urlScannedUntil) {
        const [urlEnd, scanned] = bareDomain(text, i);
        urlScannedUntil = scanned;
        if (urlEnd > 0) {
          nonProse.push({ start: i, end: urlEnd });
          end = urlEnd;
        }
      }
      if (end < 0 && isUpper(c)) end = authorYear(text, i, citations);
    }
    i = end > i ? end : i + 1;
  }
  return { citations, nonProse };
}

/**
 * A wiki's reuse of a named reference, "<ref name=\"fry2018\" />": a citation of what that reference cites. Its
 * definition, in whichever paragraph, is read as a footnote is (recognize/analyze.ts); one the document lacks leaves
 * the mark a note, and the sentence is not given another citation of its paragraph instead.
 */
function wikiNamedReference(text: string, i: number, citations: CitationCandidate[]): number {
  const m = WIKI_NAMED_REFERENCE.exec(text.slice(i, i + 200));
  if (!m) return -1;
  citations.push({ start: i, end: i + m[0].length, style: 'footnote', targets: [{ kind: 'footnote', label: `wiki:${m[1]!.toLowerCase()}`, span: { start: i, end: i + m[0].length } }] });
  return i + m[0].length;
}

const WIKI_NAMED_REFERENCE = /^<ref\s+name\s*=\s*["']?([^"'\/>]+?)["']?\s*\/>/i;

/** White space between a label and its identifier: a space, a non-breaking one, a tab or a line break. */
function isGap(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 9 || c === 10 || c === 13;
}

/** First characters an identifier or URL can start with: h f w d 1 p N (either case where it matters). */
function mayStartIdentifier(c: number): boolean {
  return c === 104 || c === 72 || c === 102 || c === 70 || c === 119 || c === 87 || c === 100 || c === 68 || c === 49 || c === 112 || c === 80 || c === 78;
}

/**
 * Whether `text` at i starts with `prefix` (lower case ASCII), ignoring case: most words are checked for an identifier
 * prefix, and this builds no string for them.
 */
function startsWithFolded(text: string, i: number, prefix: string): boolean {
  if (i + prefix.length > text.length) return false;
  for (let k = 0; k < prefix.length; k++) {
    let c = text.charCodeAt(i + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== prefix.charCodeAt(k)) return false;
  }
  return true;
}

/** DOI, PMID, PMCID, NCT, doi: prefix and URLs at a word start: where the identifier ends, or -1. */
function identifierAt(text: string, i: number, citations: CitationCandidate[], nonProse: Span[]): number {
  if (!mayStartIdentifier(text.charCodeAt(i))) return -1;
  if (startsWithFolded(text, i, 'http://') || startsWithFolded(text, i, 'https://') || startsWithFolded(text, i, 'ftp://') || startsWithFolded(text, i, 'www.')) {
    let j = i;
    let depth = 0;
    while (j < text.length && j - i < 2000) {
      const ch = text[j]!;
      const code = text.charCodeAt(j);
      if (code <= 32 || ch === '"' || ch === '<' || ch === '>' || code === 0xfffc) break;
      if (ch === '(') depth++;
      if (ch === ')') {
        if (depth === 0) break;
        depth--;
      }
      j++;
    }
    while (j > i && '.,;:!?\''.includes(text[j - 1]!)) j--;
    const url = text.slice(i, j);
    const ids = identifierCitationsInUrl(url, i);
    if (ids) citations.push({ start: i, end: j, ...ids });
    else nonProse.push({ start: i, end: j });
    return j;
  }
  if (startsWithFolded(text, i, 'doi')) {
    let j = i + 3;
    if (text[j] === ':' || text[j] === ' ') {
      j++;
      while (text[j] === ' ' && j - i < 8) j++;
      const end = readDoi(text, j);
      if (end > 0) {
        citations.push({ start: i, end, style: 'doi', targets: [{ label: text.slice(j, end), kind: 'doi', span: { start: j, end } }] });
        return end;
      }
    }
    return -1;
  }
  if (startsWithFolded(text, i, '10.')) {
    const end = readDoi(text, i);
    if (end > 0) {
      citations.push({ start: i, end, style: 'doi', targets: [{ label: text.slice(i, end), kind: 'doi', span: { start: i, end } }] });
      return end;
    }
    return -1;
  }
  if (startsWithFolded(text, i, 'pmid')) {
    let j = i + 4;
    // "PMID: 31110217", and a wiki citation template's "|pmid=31110217".
    if (text[j] === ':' || text[j] === '=') j++;
    // "PMID:" at the end of a hard-wrapped line, its number on the next.
    while (isGap(text.charCodeAt(j)) && j - i < 10) j++;
    const end = readDigits(text, j, 1, 9);
    if (end > 0) {
      citations.push({ start: i, end, style: 'pmid', targets: [{ label: text.slice(j, end), kind: 'pmid', span: { start: j, end } }] });
      return end;
    }
    return -1;
  }
  if (startsWithFolded(text, i, 'pmcid')) {
    let j = i + 5;
    if (text[j] === ':') j++;
    while (isGap(text.charCodeAt(j)) && j - i < 11) j++;
    if (text.startsWith('PMC', j)) {
      const end = readDigits(text, j + 3, 4, 9);
      if (end > 0) {
        citations.push({ start: i, end, style: 'pmcid', targets: [{ label: text.slice(j, end), kind: 'pmcid', span: { start: j, end } }] });
        return end;
      }
    }
    return -1;
  }
  if (text.startsWith('PMC', i)) {
    const end = readDigits(text, i + 3, 4, 9);
    if (end > 0) {
      citations.push({ start: i, end, style: 'pmcid', targets: [{ label: text.slice(i, end), kind: 'pmcid', span: { start: i, end } }] });
      return end;
    }
    return -1;
  }
  if (text.startsWith('NCT', i)) {
    const end = readDigits(text, i + 3, 8, 8);
    if (end > 0) {
      citations.push({ start: i, end, style: 'nct', targets: [{ label: text.slice(i, end), kind: 'nct', span: { start: i, end } }] });
      return end;
    }
  }
  return -1;
}

/** A bare domain or file name ("pmc.ncbi.nlm.nih.gov", "figure-2.jpg"): [end or -1, index scanned up to]. */
function bareDomain(text: string, i: number): [number, number] {
  let j = i;
  let dots = 0;
  while (j < text.length && j - i < 2000) {
    const c = text.charCodeAt(j);
    if (isAlnumCode(c) || c === 45 || c === 95) j++;
    else if ((c === 46 || c === 47) && j + 1 < text.length && isAlnumCode(text.charCodeAt(j + 1))) {
      if (c === 46) dots++;
      j++;
    } else break;
  }
  if (dots === 0) return [-1, j];
  // The last dotted label before any path.
  const run = text.slice(i, j);
  const host = run.split('/')[0]!;
  const lastDot = run.lastIndexOf('.');
  const ext = run.slice(lastDot + 1).toLowerCase();
  const tld = host.slice(host.lastIndexOf('.') + 1).toLowerCase();
  if (TLDS.has(ext) || (host.includes('.') && TLDS.has(tld) && /^[a-z]/i.test(host))) return [j, j];
  return [-1, j];
}

function email(text: string, at: number, nonProse: Span[], citations: CitationCandidate[]): number {
  let s = at;
  while (s > 0 && at - s < 64 && /[A-Za-z0-9._%+-]/.test(text[s - 1]!)) s--;
  let e = at + 1;
  while (e < text.length && e - at < 255 && /[A-Za-z0-9.-]/.test(text[e]!)) e++;
  while (e > at + 1 && text[e - 1] === '.') e--;
  if (!text.slice(at + 1, e).includes('.')) return -1;
  // An address swallows what was read as a citation or URL inside it.
  while (citations.length > 0 && citations[citations.length - 1]!.end > s) citations.pop();
  nonProse.push({ start: s, end: e });
  return e;
}

/** At a line break: the next line is blank (or the text ends). */
const BLANK_LINE_AHEAD = /^\n[ \t]*(?:\r?\n|$)/;

/** A PMID, NCT number or DOI inside a pandoc citation's brackets. */
const IDENTIFIER_IN_BRACKET = /(?<![\p{L}\p{N}@])(?:PMID:?\s*(\d{1,9})(?!\d)|(NCT\d{8})(?!\d)|(10\.\d{4,9}\/[^\s;,\]]+))/giu;

function bracketCitation(text: string, i: number, citations: CitationCandidate[]): number {
  let close = -1;
  for (let j = i + 1; j < text.length && j - i < 400; j++) {
    const ch = text[j];
    if (ch === ']') {
      close = j;
      break;
    }
    // A hard-wrapped line may break inside the brackets ("[@pan2019;\n@fry2018]"); a blank line ends the paragraph.
    if (ch === '[' || (ch === '\n' && BLANK_LINE_AHEAD.test(text.slice(j, j + 80)))) return -1;
  }
  if (close < 0) return -1;
  const inner = text.slice(i + 1, close);
  if (inner.includes('@')) {
    const targets: CitationTarget[] = [];
    for (let j = i + 1; j < close; j++) {
      if (text[j] !== '@') continue;
      const before = text.charCodeAt(j - 1);
      if (isAlnumCode(before)) continue;
      // "[@{pan2019}]": pandoc's braces around a key (for keys with odd characters) are no part of it.
      if (text[j + 1] === '{') {
        const end = text.indexOf('}', j + 2);
        if (end > j + 2 && end < close && !/[\s{]/.test(text.slice(j + 2, end))) {
          targets.push({ label: text.slice(j + 2, end), kind: 'key', span: { start: j + 2, end } });
          j = end;
        }
        continue;
      }
      const keyEnd = readKey(text, j + 1);
      if (keyEnd > j + 1 && keyEnd <= close) {
        const label = text.slice(j + 1, keyEnd);
        if (!isCrossReference(label)) targets.push({ label, kind: 'key', span: { start: j + 1, end: keyEnd } });
        j = keyEnd - 1;
      }
    }
    if (targets.length === 0) return -1;
    // "[@pan2019; PMID 31110217]": identifiers written among the keys name works too.
    IDENTIFIER_IN_BRACKET.lastIndex = 0;
    for (let m = IDENTIFIER_IN_BRACKET.exec(inner); m; m = IDENTIFIER_IN_BRACKET.exec(inner)) {
      const label = m[1] ?? m[2] ?? m[3]!;
      const start = i + 1 + m.index + m[0].length - label.length;
      targets.push({ label, kind: m[1] ? 'pmid' : m[2] ? 'nct' : 'doi', span: { start, end: start + label.length } });
    }
    citations.push({ start: i, end: close + 1, style: 'pandoc', targets });
    return close + 1;
  }
  // Numbered markers: digits, commas, dashes, spaces only. Not a link ("[1](url)", "![x]", "[a][1]"), nor a link
  // definition ("[1]: http://..." at a line's start); "per Fry 2018 [1]:" ending a line that leads in a list is one.
  if (text[i - 1] === ']' || text[i - 1] === '!' || text[close + 1] === '(') return -1;
  if (text[close + 1] === ':' && /^[ \t]{0,3}$/.test(text.slice(text.lastIndexOf('\n', i - 1) + 1, i))) return -1;
  // "90% [84-95]": an interval after an estimate, not references 84 to 95.
  let before = i - 1;
  while (before >= 0 && text[before] === ' ') before--;
  if (text[before] === '%' && /^\s*\d{1,3}(?:\.\d+)?\s*[-–—]\s*\d{1,3}(?:\.\d+)?\s*$/.test(inner)) return -1;
  let digits = 0;
  for (let j = i + 1; j < close; j++) {
    const ch = text[j]!;
    if (isDigitCode(text.charCodeAt(j))) digits++;
    else if (!',;-–— '.includes(ch)) return -1;
  }
  if (digits === 0 || digits > 60) return -1;
  const targets = numberTargets(text, i + 1, close, 4, false);
  if (!targets) return -1;
  citations.push({ start: i, end: close + 1, style: 'numbered', targets });
  return close + 1;
}

/**
 * The numbers of a numbered marker between `from` and `close` ("1, 3-5" is 1, 3, 4, 5), or undefined when it is not
 * one: a number longer than `maxDigits` or a year, a range that does not run upwards (undefined only when
 * `strictRanges`; otherwise its ends are read as two numbers), or no number at all.
 */
export function numberTargets(text: string, from: number, close: number, maxDigits: number, strictRanges: boolean): CitationTarget[] | undefined {
  const targets: CitationTarget[] = [];
  let j = from;
  while (j < close) {
    while (j < close && !isDigitCode(text.charCodeAt(j))) j++;
    if (j >= close) break;
    const s = j;
    while (j < close && isDigitCode(text.charCodeAt(j))) j++;
    const first = text.slice(s, j);
    if (first.length > maxDigits || (first.length === 4 && isYearAt(text, s))) return undefined;
    let k = j;
    while (k < close && text[k] === ' ') k++;
    if (k < close && '-–—'.includes(text[k]!)) {
      k++;
      while (k < close && text[k] === ' ') k++;
      const s2 = k;
      while (k < close && isDigitCode(text.charCodeAt(k))) k++;
      const low = Number(first);
      const high = Number(text.slice(s2, k));
      if (k > s2 && high >= low && high - low <= 100) {
        for (let v = low; v <= high; v++) targets.push({ label: String(v), kind: 'number', span: { start: s, end: k } });
        j = k;
        continue;
      }
      if (strictRanges) return undefined;
    }
    targets.push({ label: first, kind: 'number', span: { start: s, end: j } });
  }
  return targets.length > 0 ? targets : undefined;
}

/**
 * "(1)", "(1,2)", "(3-5)" after prose: the Vancouver style's markers when a draft writes them in parentheses. Whether
 * they are citations or an enumeration ("two aims: (1) ...") is decided against the reference list (see
 * CitationEntity.listedOnly). Not after a sign ("n = (3)") nor at the start of a line. After a number only where
 * the marker ends its clause and cannot be part of the statistic: "in 17 (1)." and "was 83% (3)." cite, but "80%
 * (24)" is a count (24 of 30 is 80%) and "12 (1-30)" a range. "(ref 1)", "(refs. 2, 3)" say what they are and are
 * citations wherever they stand.
 */
function parenthesizedNumbers(text: string, i: number, citations: CitationCandidate[]): number {
  const from = i + 1 + refWordLength(text, i + 1);
  const named = from > i + 1;
  let before = i - 1;
  while (before >= 0 && (text[before] === ' ' || text[before] === '\t')) before--;
  if (!named && (before < 0 || text[before] === '\n')) return -1;
  const afterNumber = before >= 0 && (isDigitCode(text.charCodeAt(before)) || text[before] === '%');
  if (!named && !afterNumber && before >= 0 && '=<>±×+-–—/'.includes(text[before]!)) return -1;
  let close = -1;
  for (let j = from; j < text.length && j - i < 40; j++) {
    const ch = text[j]!;
    if (ch === ')') {
      close = j;
      break;
    }
    if (!isDigitCode(text.charCodeAt(j)) && !',;-–— '.includes(ch)) return -1;
    if (afterNumber && !named && '-–—'.includes(ch)) return -1;
  }
  if (close < 0) return -1;
  if (afterNumber && !named && !(endsClause(text, close + 1) && !couldCountPercent(text, before, from, close) && !couldBeFractionPercent(text, before, from, close))) return -1;
  const targets = numberTargets(text, from, close, 3, true);
  if (!targets) return -1;
  citations.push(named ? { start: i, end: close + 1, style: 'numbered', targets } : { start: i, end: close + 1, style: 'numbered', targets, listedOnly: true });
  return close + 1;
}

/**
 * Pandoc's superscript "^1^", "^2,3^", "^4-6^" after a word or punctuation: the numbered style of manuscripts converted
 * from Word. After a number it is an exponent ("10^6^ cells/kg"); after a name that ends in digits ("CD19/CD22^2^") it
 * is a marker.
 */
function superscriptNumbers(text: string, i: number, citations: CitationCandidate[]): number {
  if (i === 0 || text[i - 1] === ' ' || (isDigitCode(text.charCodeAt(i - 1)) && !endsName(text, i))) return -1;
  let close = -1;
  for (let j = i + 1; j < text.length && j - i < 30; j++) {
    if (text[j] === '^') {
      close = j;
      break;
    }
    if (!isDigitCode(text.charCodeAt(j)) && !',-–'.includes(text[j]!)) return -1;
  }
  // "^1,^2" is two flattened superscripts (see flattenedSuperscript), not "^1,^" closed.
  if (close < 0 || !isDigitCode(text.charCodeAt(close - 1))) return -1;
  const targets = numberTargets(text, i + 1, close, 3, true);
  if (!targets) return -1;
  citations.push({ start: i, end: close + 1, style: 'numbered', targets });
  return close + 1;
}

/** Whether the digits before `end` close a word that begins with letters ("CD22", "IL6"), not a number. */
function endsName(text: string, end: number): boolean {
  let s = end;
  while (s > 0 && isDigitCode(text.charCodeAt(s - 1))) s--;
  return s > 0 && isLetterCode(text.charCodeAt(s - 1));
}

/**
 * Where an export flattened superscript markers into the text: "remission.5 The", "patients,1,2 and", "months,3-5 in"
 * after a word, ")" or "%". Whether they are citations is decided against the reference list (see
 * CitationEntity.listedOnly). Not after an abbreviation that numbers something ("Fig.1", "No.3", "p.5"), not where the
 * number begins a count or a measure ("patients,16 of 21", "dose.6 months"), and after a full stop only before what
 * begins a sentence.
 */
function runInNumbers(text: string, i: number, citations: CitationCandidate[]): number {
  // Styles that print markers after full stops and commas put them before semicolons and colons ("remission5;").
  const mark = text[i - 1];
  if (i < 2 || (mark !== '.' && mark !== ',') || !ENDS_RUN_IN_WORD.test(text[i - 2]!)) return -1;
  // Not after an abbreviation that numbers something, nor a section's letter ("C.3 Pooled evidence").
  const word = wordEndingAt(text, i - 1);
  if (mark === '.' && (word.length === 1 || NUMBERING_ABBREVIATIONS.has(word.toLowerCase()))) return -1;
  if (isLetterCode(text.charCodeAt(i - 2)) && !standsAlone(text, i - 1)) return -1;
  const end = numberListEnd(text, i, false);
  if (end < 0) return -1;
  const after = text.slice(end, end + 24);
  if (!/^(?:[.,;:)]?(?:\s|$))/.test(after)) return -1;
  const next = after.replace(/^[.,;:)]?\s*/, '');
  if (next !== '' && (NOT_AFTER_RUN_IN.test(next) || (mark === '.' && !/^[A-Z"'“(]/.test(next)))) return -1;
  const targets = numberTargets(text, i, end, 3, true);
  if (!targets) return -1;
  citations.push({ start: i, end, style: 'numbered', targets, listedOnly: true });
  return end;
}

/** What a flattened marker follows: a letter, a closing parenthesis, bracket or quote, or a percent sign. */
const ENDS_RUN_IN_WORD = /[\p{L})\]%"'”’]/u;

/** Abbreviations a number follows as what they number, not as a citation. */
const NUMBERING_ABBREVIATIONS = new Set(['fig', 'figs', 'figure', 'no', 'nos', 'vol', 'p', 'pp', 'eq', 'eqs', 'ch', 'sec', 'tab', 'table', 'v', 'vs', 'ver', 'suppl', 'n', 'approx', 'ca', 'step', 'arm', 'phase', 'grade', 'day', 'cohort', 'level']);

/** After a number, what makes it a count or a measure rather than a marker (a capital begins a sentence instead). */
const NOT_AFTER_RUN_IN = /^(?:[\d%(/×]|(?:x|of|out|to|per|patients?|participants?|subjects?|children|adults|cases|months?|days?|weeks?|years?|percent|mg|kg|cells)\b)/;

/** The letters that end at `end` (at most 12). */
function wordEndingAt(text: string, end: number): string {
  let s = end;
  while (s > 0 && end - s < 12 && isLetterCode(text.charCodeAt(s - 1))) s--;
  return text.slice(s, end);
}

/**
 * Where a marker's numbers end ("1", "1,2", "3-5", with carets before each when they were superscripts: "^1,^2"), or
 * -1. No spaces: a marker run into the text is written without them.
 */
function numberListEnd(text: string, i: number, carets: boolean): number {
  let j = carets && text[i] === '^' ? i + 1 : i;
  for (;;) {
    const digits = j;
    while (j < text.length && j - digits < 3 && isDigitCode(text.charCodeAt(j))) j++;
    if (j === digits || isDigitCode(text.charCodeAt(j))) return -1;
    const sep = text[j];
    if (sep !== ',' && sep !== '-' && sep !== '–') return j;
    let next = j + 1;
    if (carets && text[next] === '^') next++;
    if (!isDigitCode(text.charCodeAt(next))) return j;
    j = next;
  }
}

/**
 * Superscript digits flattened to "^1", "^1,^2", "^1-3" by normalization ("remission¹", "remission.¹ ²"): a marker
 * after a word of three letters or more or after punctuation, never after a number ("10⁶") or a unit ("mm³", "I²").
 * A citation where the reference list has every number (see CitationEntity.listedOnly).
 */
function flattenedSuperscript(text: string, i: number, citations: CitationCandidate[]): number {
  if (i === 0) return -1;
  const before = text[i - 1]!;
  if (isLetterCode(before.charCodeAt(0)) ? wordEndingAt(text, i).length < 3 : !/[.,;:)\]%"'”’]/.test(before)) return -1;
  const end = numberListEnd(text, i, true);
  if (end < 0 || isAlnumCode(text.charCodeAt(end)) || text[end] === '^') return -1;
  const targets = numberTargets(text.slice(0, i) + text.slice(i, end).replace(/\^/g, ' '), i, end, 3, true);
  if (!targets) return -1;
  citations.push({ start: i, end, style: 'numbered', targets, listedOnly: true });
  return end;
}

/** The length of "ref ", "ref. ", "refs ", "reference " (any case) at i, or 0. */
function refWordLength(text: string, i: number): number {
  if (!startsWithFolded(text, i, 'ref')) return 0;
  let j = i + 3;
  if (startsWithFolded(text, j, 'erences')) j += 7;
  else if (startsWithFolded(text, j, 'erence')) j += 6;
  else if (text[j] === 's' || text[j] === 'S') j++;
  if (text[j] === '.') j++;
  const spaceAt = j;
  while (text[j] === ' ') j++;
  return j > spaceAt && isDigitCode(text.charCodeAt(j)) ? j - i : 0;
}

/** Whether the number between `from` and `close` could be the percent of the fraction ending at `end` ("16/21 (76)"). */
function couldBeFractionPercent(text: string, end: number, from: number, close: number): boolean {
  const fraction = /(\d+)\s*\/\s*(\d+)$/.exec(text.slice(Math.max(0, end - 20), end + 1));
  const inner = text.slice(from, close).trim();
  if (!fraction || !/^\d+$/.test(inner) || Number(fraction[2]) === 0) return false;
  return Math.abs(Number(inner) - (100 * Number(fraction[1])) / Number(fraction[2])) <= BARE_PERCENT_REACH;
}

/** Whether what follows `at` ends a clause: punctuation, a line end or the text's end. */
function endsClause(text: string, at: number): boolean {
  let j = at;
  while (text[j] === ' ' || text[j] === '\t') j++;
  return j >= text.length || '.,;:\n\r'.includes(text[j]!);
}

/**
 * Whether the single number between `from` and `close` could be the count of the percent ending at `percentEnd` (the
 * "%"): some whole denominator gives that percent as written, rounded or truncated ("80% (24)": 24 of 30).
 */
function couldCountPercent(text: string, percentEnd: number, from: number, close: number): boolean {
  if (text[percentEnd] !== '%') return false;
  const inner = text.slice(from, close).trim();
  if (!/^\d+$/.test(inner)) return false;
  let s = percentEnd;
  while (s > 0 && (isDigitCode(text.charCodeAt(s - 1)) || text[s - 1] === '.')) s--;
  const written = text.slice(s, percentEnd);
  const percent = Number(written);
  if (!written || !Number.isFinite(percent)) return false;
  const decimals = written.includes('.') ? written.length - written.indexOf('.') - 1 : 0;
  const step = 10 ** -decimals;
  const count = Number(inner);
  if (count === 0) return percent === 0;
  if (percent - step / 2 <= 0) return true;
  const lowest = Math.max(count, Math.ceil((100 * count) / (percent + step)));
  return lowest <= Math.floor((100 * count) / (percent - step / 2));
}

/** A capitalized surname at i: its end, or -1. */
function surnameEnd(text: string, i: number): number {
  const j = capitalizedWordEnd(text, i);
  return j > 0 && isSurname(text, i, j) ? j : -1;
}

/** The end of a capitalized word at i that may be a surname (letters, inner hyphens and apostrophes), or -1. */
function capitalizedWordEnd(text: string, i: number): number {
  if (!isUpper(text.charCodeAt(i))) return -1;
  let j = i + 1;
  while (j < text.length && j - i < 40) {
    const c = text.charCodeAt(j);
    if (isLetterCode(c)) j++;
    else if ((c === 45 || c === 39) && isLetterCode(text.charCodeAt(j + 1))) j += 2;
    else break;
  }
  if (j - i < 2 || (j < text.length && isDigitCode(text.charCodeAt(j)))) return -1;
  return j;
}

function isSurname(text: string, start: number, end: number): boolean {
  const word = text.slice(start, end);
  if (NOT_SURNAMES.has(word)) return false;
  // All capitals (CRS, CD, ALL) are acronyms, not names.
  return word !== word.toUpperCase();
}

/** "(2018)" or "(2018a)" at i: [year, end] or undefined. */
function parenYear(text: string, i: number): [number, number] | undefined {
  if (text[i] !== '(' || !isYearAt(text, i + 1)) return undefined;
  let j = i + 5;
  if (j < text.length && text.charCodeAt(j) >= 97 && text.charCodeAt(j) <= 122) j++;
  if (text[j] !== ')') return undefined;
  return [Number(text.slice(i + 1, i + 5)), j + 1];
}

/** A space, or the line break of a hard-wrapped line. */
function isWrapSpace(code: number): boolean {
  return code === 32 || code === 10;
}

const COLLEAGUES = ['colleagues', 'coworkers', 'co-workers', 'collaborators', 'associates', 'coauthors', 'co-authors'];

/** "Fry et al.", "Fry et al. (2018)", "Pan and colleagues", "Fry and Shah (2018)". */
function authorYear(text: string, i: number, citations: CitationCandidate[]): number {
  // Most capitalized words are not followed by "et al", "and" or "&": that is read before the word is looked at.
  const nameEnd = capitalizedWordEnd(text, i);
  if (nameEnd < 0) return -1;
  let j = nameEnd;
  // A hard-wrapped line may break between the name and "et al." ("Fry\net al. (2018)") as at any space.
  if (!isWrapSpace(text.charCodeAt(j))) return -1;
  j++;
  const etAl = text.startsWith('et', j) && isWrapSpace(text.charCodeAt(j + 2)) && text.startsWith('al', j + 3);
  // "Pan (2019) reported": a single name with its year in parentheses, as a paper with one author (or a hurried
  // writer) is named. Unresolved, it names nothing and says nothing, as "(Smith, 2019)" does.
  const yearOnly = !etAl && text.charCodeAt(j) === 40 ? parenYear(text, j) : undefined;
  if (!etAl && !yearOnly && !text.startsWith('and ', j) && !text.startsWith('& ', j)) return -1;
  if (!isSurname(text, i, nameEnd)) return -1;
  let end = -1;
  if (yearOnly) {
    const target: CitationTarget = { label: text.slice(i, nameEnd), kind: 'author', span: { start: i, end: nameEnd }, year: yearOnly[0] };
    citations.push({ start: i, end: yearOnly[1], style: 'author-year', targets: [target] });
    return yearOnly[1];
  }
  if (etAl) {
    end = j + 5;
    if (text[end] === '.') end++;

  } else {
    // "and " or "& ".
    const k = j + (text[j] === '&' ? 2 : 4);
    const word = COLLEAGUES.find((w) => text.startsWith(w, k) && !isLetterCode(text.charCodeAt(k + w.length)));
    if (word) end = k + word.length;
    else {
      const second = surnameEnd(text, k);
      if (second > 0) {
        let m = second;
        if (text.startsWith(' et al', m)) m += text[m + 6] === '.' ? 7 : 6;
        if (text[m] === ' ' && parenYear(text, m + 1)) end = m;
      }
    }
  }
  if (end < 0) return -1;
  const target: CitationTarget = { label: text.slice(i, nameEnd), kind: 'author', span: { start: i, end: nameEnd } };
  // "Fry et al. (2018)", and across a hard-wrapped line "Fry et al.\n(2018)".
  if (isWrapSpace(text.charCodeAt(end))) {
    const year = parenYear(text, end + 1);
    if (year) {
      target.year = year[0];
      end = year[1];
    }
  }
  citations.push({ start: i, end, style: 'author-year', targets: [target] });
  return end;
}

/** "(Fry et al., 2018)", "(Fry et al. 2018; Pan et al. 2019)", "(see Fry and Shah, 2018)". */
function parentheticalAuthorYear(text: string, i: number, citations: CitationCandidate[], closing = ')'): number {
  const opening = text[i];
  let close = -1;
  for (let j = i + 1; j < text.length && j - i < 300; j++) {
    const ch = text[j];
    if (ch === closing) {
      close = j;
      break;
    }
    // One line break, as a hard-wrapped line makes ("(Pan et\nal., 2019)"); not a blank line.
    if (ch === opening || (ch === '\n' && text[j + 1] === '\n')) return -1;
  }
  if (close < 0) return -1;
  // The parenthesis alone, its line breaks read as spaces (one for one), with offsets from its opening.
  const inner = text.slice(i, close + 1).replace(/\n/g, ' ');
  const targets: CitationTarget[] = [];
  let partStart = 1;
  for (let j = 1; j <= close - i; j++) {
    if (j < close - i && inner[j] !== ';') continue;
    const target = authorYearPart(inner, partStart, j);
    if (!target) return -1;
    target.span = { start: target.span.start + i, end: target.span.end + i };
    targets.push(target);
    partStart = j + 1;
  }
  if (targets.length === 0) return -1;
  citations.push({ start: i, end: close + 1, style: 'author-year', targets });
  return close + 1;
}

const JOURNAL_AFTER_YEAR = /(?<=\d{4}[a-z]?),\s*[A-Z][A-Za-z.&]*(?:\s+[A-Z][A-Za-z.&]*){0,4}\s*$/;

function authorYearPart(text: string, from: number, to: number): CitationTarget | undefined {
  let e = to;
  // "(Shah et al. 2021, Lancet)", "(Fry et al. 2018, Nat Med)": the journal after the year.
  const journal = JOURNAL_AFTER_YEAR.exec(text.slice(from, e));
  if (journal) e = from + journal.index;
  while (e > from && text[e - 1] === ' ') e--;
  if (e > from && text.charCodeAt(e - 1) >= 97 && text.charCodeAt(e - 1) <= 122 && isDigitCode(text.charCodeAt(e - 2))) e--;
  if (e - from < 6 || !isYearAt(text, e - 4) || (e - 5 >= from && isAlnumCode(text.charCodeAt(e - 5)))) return undefined;
  const year = Number(text.slice(e - 4, e));
  let k = e - 4;
  while (k > from && (text[k - 1] === ' ' || text[k - 1] === ',')) k--;
  // The names: the first capitalized surname of the part, after optional lower-case words ("see", "e.g.,").
  let s = from;
  while (s < k && (text[s] === ' ' || !isUpper(text.charCodeAt(s)))) {
    if (isLetterCode(text.charCodeAt(s)) && !isUpper(text.charCodeAt(s))) {
      // skip a lower-case word
      while (s < k && text[s] !== ' ') s++;
    } else s++;
  }
  const nameEnd = surnameEnd(text, s);
  if (nameEnd < 0 || nameEnd > k) return undefined;
  const names = text.slice(nameEnd, k);
  // "Fry", "Fry et al.", "Fry and Shah", "Fry, Shah, and Orentas", "Fry, Shah & Orentas".
  if (!/^(?:| et al\.?| (?:and|&) [A-Z][A-Za-z'-]{1,40}(?: et al\.?)?|(?:, [A-Z][A-Za-z'-]{1,40}){1,4},? (?:and|&) [A-Z][A-Za-z'-]{1,40})$/.test(names)) return undefined;
  return { label: text.slice(s, nameEnd), kind: 'author', year, span: { start: s, end: nameEnd } };
}
