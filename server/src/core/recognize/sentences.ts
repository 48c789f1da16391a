/**
 * Sentence boundaries inside one block of normalized prose. Never at "et al.", "e.g.", "i.e.", "vs.", "Fig.",
 * "approx.", decimals, initials ("Fry TJ.") or inside parentheses; line breaks end a sentence only where the block is a
 * table row or a plain-text line that reads as a title or a label ("Sources:").
 */
import { PLACEHOLDER } from './reading';
import { isDigitCode, isLetterCode } from './tokens';

export interface SentenceRange {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set([
  'al', 'eg', 'e.g', 'ie', 'i.e', 'vs', 'v', 'fig', 'figs', 'approx', 'dr', 'mr', 'mrs', 'ms', 'no', 'nos', 'ref', 'refs',
  'cf', 'ca', 'resp', 'eq', 'eqs', 'st', 'jr', 'sr', 'inc', 'ltd', 'co', 'vol', 'pp', 'p', 'ed', 'eds', 'etc', 'jan',
  'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'est', 'min', 'max', 'incl', 'prof',
  'dept', 'univ', 'suppl', 'tab', 'sec', 'ch', 'n.b', 'nb', 'viz', 'wt', 'pts',
]);

/**
 * Abbreviations that close what they abbreviate ("6% and 3%, resp.", "pts.", "etc."): before a capital letter they
 * end the sentence too. The others ("et al.", "vs.", "e.g.") are followed by capitals inside a sentence.
 */
const CLOSING_ABBREVIATIONS = new Set(['resp', 'etc', 'pts']);

const MAX_SENTENCE = 1000;

export interface SentenceOptions {
  /** Every line is its own sentence (table rows). */
  linesAreSentences: boolean;
  /** Plain text: a line that reads as a title or ends in ':' ends its sentence. */
  plainLines: boolean;
}

function isUpperLetter(code: number): boolean {
  if (code >= 65 && code <= 90) return true;
  if (code < 128) return false;
  const ch = String.fromCharCode(code);
  return ch !== ch.toLowerCase();
}

/** The word (letters and inner dots) ending just before index `dot`. */
function wordBefore(text: string, dot: number): string {
  let s = dot;
  while (s > 0 && dot - s < 12 && (isLetterCode(text.charCodeAt(s - 1)) || (text[s - 1] === '.' && s - 1 > 0 && isLetterCode(text.charCodeAt(s - 2))))) s--;
  return text.slice(s, dot);
}

function isInitials(text: string, dot: number): boolean {
  const word = wordBefore(text, dot);
  if (word.length === 0 || word.length > 3 || word !== word.toUpperCase() || word.includes('.')) return false;
  if (word.length === 1) return true;
  // "Fry TJ." : initials after a capitalized surname.
  let s = dot - word.length - 1;
  if (s < 0 || text[s] !== ' ') return false;
  let e = s;
  while (s > 0 && isLetterCode(text.charCodeAt(s - 1))) s--;
  const surname = text.slice(s, e);
  return surname.length >= 2 && isUpperLetter(surname.charCodeAt(0)) && surname !== surname.toUpperCase();
}

/**
 * A line of plain text that reads as a title: short, capitalized, without a final stop. A line that ends a sentence and
 * begins another ("results [7]. Best CR with CD22") is prose wrapped short, not a title.
 */
export function readsAsTitle(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 80 || /[.,;!?]$/.test(t) || /(?:\p{Ll}|[\])])[.!?]['"’”]?\s+\S/u.test(t)) return false;
  const first = t.charCodeAt(0);
  const upper = isDigitCode(first) || isUpperLetter(first);
  // "... in the study by Fry et" goes on over the next line: no title ends on such a word.
  return upper && t.split(/\s+/).length <= 12 && !CONTINUES_LINE.test(t);
}

/** A line's last word that a sentence goes on after: a hard-wrapped line, not a title. */
const CONTINUES_LINE = /\s(?:et|by|the|of|and|or|in|to|with|a|an|for|from|at|on|as|was|were|is|are|than|that|which)$/;

function startsLowerCase(text: string, from: number): boolean {
  let i = from;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const c = text.charCodeAt(i);
  return c >= 97 && c <= 122;
}

/** A plain-text line that ends its sentence at its line break: a title, or a label ("Sources:"). */
function lineReadsAsTitle(line: string): boolean {
  return line.trim().endsWith(':') || readsAsTitle(line);
}

/**
 * After a full stop, a reference marker glued to it ("patients.^1^ Next", "patients.[2,3] Next", a "<sup>1</sup>" or
 * \cite read as a placeholder) belongs to the sentence it ends: where it ends, or `at` when there is none.
 */
function afterMarker(text: string, at: number): number {
  const open = text[at];
  if (open === PLACEHOLDER) {
    let j = at;
    while (text[j] === PLACEHOLDER) j++;
    return j;
  }
  if (open === '<') return afterWikiRefs(text, at);
  if (open !== '^' && open !== '[') return at;
  // "remission.^[Fergusson et al., 2023.] The": a pandoc inline footnote cites the sentence it follows.
  if (open === '^' && text[at + 1] === '[') return inlineFootnoteEnd(text, at) ?? at;
  const close = open === '^' ? '^' : ']';
  for (let j = at + 1; j < text.length && j - at < 30; j++) {
    if (text[j] === close) return j > at + 1 ? j + 1 : at;
    if (!isDigitCode(text.charCodeAt(j)) && !',-– '.includes(text[j]!)) return at;
  }
  return at;
}

/**
 * "remission.<ref name=\"pan\">{{cite journal |pmid=31110217}}</ref> The": a wiki's references, set after the full
 * stop, cite the sentence they follow. Where the last of them ends, or `at` when none starts there.
 */
function afterWikiRefs(text: string, at: number): number {
  let j = at;
  // Past the closing tags of a wiki's inline markup first: "... cells/kg.</small><ref name=\"fry2018\" />".
  for (let tag = CLOSING_INLINE_TAG.exec(text.slice(j, j + 40)); tag; tag = CLOSING_INLINE_TAG.exec(text.slice(j, j + 40))) j += tag[0].length;
  for (;;) {
    const tag = WIKI_REF.exec(text.slice(j, j + 2000));
    if (!tag) return j;
    j += tag[0].length;
  }
}

const WIKI_REF = /^<ref\b[^>]*?(?:\/>|>[^]*?<\/ref\s*>)/i;

const CLOSING_INLINE_TAG = /^<\/(?:small|sup|sub|i|b|em|strong|span|u)\s*>/i;

/**
 * "... at higher doses. [@pan2019]" at a line's or the text's end, or before the next sentence: a citation set after
 * the full stop and a space still cites the sentence it follows. Where it ends, or `at` when there is none.
 */
function citationAfterSpace(text: string, at: number): number {
  let k = at;
  while (text[k] === ' ' || text[k] === '\t') k++;
  if (k === at) return at;
  let end = k;
  if (text[k] === PLACEHOLDER) {
    while (text[end] === PLACEHOLDER) end++;
  } else if (text[k] === '[') {
    const close = text.indexOf(']', k);
    if (close < 0 || close - k > 200 || text.slice(k, close).includes('\n')) return at;
    const inner = text.slice(k + 1, close);
    if (!inner.includes('@') && !/^\d+(?:\s*[,–-]\s*\d+)*$/.test(inner)) return at;
    end = close + 1;
  } else return at;
  // Only where the citation ends the line or the text, or the next sentence begins after it.
  let after = end;
  while (text[after] === ' ' || text[after] === '\t') after++;
  if (after < text.length && text[after] !== '\n' && !isUpperLetter(text.charCodeAt(after))) return at;
  return end;
}

/** Where a pandoc inline footnote "^[...]" at `at` ends (past its closing bracket), if it closes within its paragraph. */
function inlineFootnoteEnd(text: string, at: number): number | undefined {
  let depth = 0;
  for (let j = at + 1; j < text.length && j - at < MAX_SENTENCE; j++) {
    const ch = text[j];
    if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return j + 1;
    else if (ch === '\n' && text[j + 1] === '\n') return undefined;
  }
  return undefined;
}

/**
 * After a full stop that follows a word (not a decimal point), a marker an export ran into the text ("remission.5 The",
 * "remission.^1,^2 The" from superscript digits) ends the sentence with it: where it ends, or `at` when there is none.
 */
function afterRunInMarker(text: string, dot: number, at: number): number {
  if (dot === 0) return at;
  const before = text.charCodeAt(dot - 1);
  if (isLetterCode(before) ? !standsAlone(text, dot) : !')]%"\'”’'.includes(text[dot - 1]!)) return at;
  let j = at;
  while (j < text.length && j - at < 20 && (isDigitCode(text.charCodeAt(j)) || ',-–^'.includes(text[j]!))) j++;
  return j > at && isDigitCode(text.charCodeAt(j - 1)) ? j : at;
}

/** Whether the word ending at `end` is a word of prose, not the tail of an identifier or a path ("nm.4441"). */
export function standsAlone(text: string, end: number): boolean {
  let s = end;
  // A hyphenated word ("meta-analysis") is one word.
  while (s > 0 && (isLetterCode(text.charCodeAt(s - 1)) || (text[s - 1] === '-' && s > 1 && isLetterCode(text.charCodeAt(s - 2))))) s--;
  return s === 0 || !/[\w/.:@#\\-]/.test(text[s - 1]!);
}

export function splitSentences(text: string, options: SentenceOptions): SentenceRange[] {
  const out: SentenceRange[] = [];
  const n = text.length;
  let start = 0;
  let depth = 0;
  let depthSince = 0;
  let lineStart = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e });
    start = end;
  };
  for (let i = 0; i < n; i++) {
    const ch = text[i]!;
    // No sentence runs past MAX_SENTENCE characters: cut at the next line break or space (text without full stops,
    // a table pasted as prose); the linker reads a sentence's words, and that must stay cheap.
    if (i - start > MAX_SENTENCE && (ch === '\n' || (ch === ' ' && i - start > 2 * MAX_SENTENCE))) {
      depth = 0;
      push(i + 1);
      continue;
    }
    if (ch === '(' || ch === '[') {
      if (depth === 0) depthSince = i;
      depth = Math.min(depth + 1, 8);
      continue;
    }
    if (ch === ')' || ch === ']') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth > 0 && i - depthSince > 400) depth = 0; // an unclosed parenthesis does not hold the rest hostage
    if (ch === '\n') {
      const line = text.slice(lineStart, i);
      lineStart = i + 1;
      // A title's line ends its sentence, unless the next line goes on in lower case ("... by Fry" then "et al.").
      if (options.linesAreSentences || (options.plainLines && lineReadsAsTitle(line) && !startsLowerCase(text, i + 1))) {
        depth = 0;
        push(i + 1);
      }
      continue;
    }
    if (depth > 0 || (ch !== '.' && ch !== '!' && ch !== '?')) continue;
    // What follows the terminal: closing quotes, then whitespace, then the next sentence's first character.
    let j = i + 1;
    while (j < n && (text[j] === '"' || text[j] === "'" || text[j] === ')')) j++;
    j = afterMarker(text, j);
    if (j === i + 1 && ch === '.') j = afterRunInMarker(text, i, j);
    if (j === i + 1) j = citationAfterSpace(text, j);
    if (j < n && text[j] !== ' ' && text[j] !== '\n') continue;
    while (j < n && (text[j] === ' ' || text[j] === '\n')) j++;
    const next = j < n ? text.charCodeAt(j) : 0;
    if (j < n) {
      // A narrative citation opens a sentence too ("... CAR T cells. @pan2019 reported", "\citet{pan2019} found").
      // (A tag opens one too: "...</ref>\n<small>Complete remission ...".)
      const startsSentence = isUpperLetter(next) || isDigitCode(next) || '"\'([“‘•-@\\<'.includes(text[j]!) || text[j] === PLACEHOLDER;
      if (!startsSentence) continue;
    }
    if (ch === '.') {
      const word = wordBefore(text, i).toLowerCase();
      const closes = CLOSING_ABBREVIATIONS.has(word) && isUpperLetter(next);
      if ((ABBREVIATIONS.has(word) && !closes) || isInitials(text, i)) continue;
    }
    for (let k = i + 1; k < j; k++) if (text[k] === '\n') lineStart = k + 1;
    push(j < n ? j : n);
    i = j - 1;
  }
  push(n);
  return out;
}
