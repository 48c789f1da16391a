/**
 * A small hand-written tokenizer over normalized prose: numbers, words and single punctuation characters, each with
 * its character range and whether whitespace came before it. No regular expressions: one pass, linear.
 */

export type TokenKind = 'num' | 'word' | 'punct';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  text: string;
  /** Lower-cased text for words. */
  lower: string;
  /** Numbers: their value ("1,000" -> 1000). */
  value: number;
  /** Numbers: digits after the decimal point. */
  decimals: number;
  /** Whitespace (or the start of the text) before the token. */
  spaced: boolean;
}

const nonAsciiLetter = /^\p{L}$/u;
const nonAsciiCache = new Map<number, boolean>();

export function isLetterCode(code: number): boolean {
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  let known = nonAsciiCache.get(code);
  if (known === undefined) {
    known = nonAsciiLetter.test(String.fromCharCode(code));
    if (nonAsciiCache.size < 4096) nonAsciiCache.set(code, known);
  }
  return known;
}

/** Han, kana and Hangul: scripts written without spaces between words and numbers. */
function isCjkCode(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af);
}

export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isAlnumCode(code: number): boolean {
  return isDigitCode(code) || isLetterCode(code);
}

function isSpaceCode(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let spaced = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) {
      spaced = true;
      i++;
      continue;
    }
    const start = i;
    const leadingDot = c === 46 && i + 1 < n && isDigitCode(text.charCodeAt(i + 1)) && (i === 0 || !isAlnumCode(text.charCodeAt(i - 1)));
    if (isDigitCode(c) || leadingDot) {
      let j = i;
      let groups = '';
      let grouped = false;
      if (!leadingDot) {
        while (j < n && isDigitCode(text.charCodeAt(j))) j++;
        groups = text.slice(i, j);
        // Thousands separators: "1,000" (first group of 1-3 digits, then groups of exactly 3).
        if (j - i <= 3) {
          while (
            j + 3 < n &&
            text.charCodeAt(j) === 44 &&
            isDigitCode(text.charCodeAt(j + 1)) &&
            isDigitCode(text.charCodeAt(j + 2)) &&
            isDigitCode(text.charCodeAt(j + 3)) &&
            (j + 4 >= n || !isDigitCode(text.charCodeAt(j + 4)))
          ) {
            groups += text.slice(j + 1, j + 4);
            grouped = true;
            j += 4;
          }
        }
      }
      let decimals = 0;
      if (j + 1 < n && text.charCodeAt(j) === 46 && isDigitCode(text.charCodeAt(j + 1))) {
        let k = j + 1;
        while (k < n && isDigitCode(text.charCodeAt(k))) k++;
        decimals = k - j - 1;
        groups += text.slice(j, k);
        j = k;
      } else if (!leadingDot && !grouped && decimalCommaAt(text, i, j)) {
        // "71,6 %", "44,2-99,0": a decimal comma, as much of Europe writes it.
        let k = j + 1;
        while (k < n && isDigitCode(text.charCodeAt(k))) k++;
        decimals = k - j - 1;
        groups += `.${text.slice(j + 1, k)}`;
        j = k;
      }
      const raw = text.slice(start, j);
      // Chinese, Japanese and Korean put no space around numbers ("率は73％"): the script's edge is the number's.
      if (!spaced && start > 0 && isCjkCode(text.charCodeAt(start - 1))) spaced = true;
      tokens.push({ kind: 'num', start, end: j, text: raw, lower: raw, value: Number(groups), decimals, spaced });
      i = j;
      spaced = false;
      continue;
    }
    if (isLetterCode(c)) {
      // Most words are already lower-case ASCII: their lower-case form is the word itself, no new string.
      let plain = c >= 97 && c <= 122;
      let j = i + 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d >= 97 && d <= 122) continue;
        if (!isAlnumCode(d)) break;
        if (isDigitCode(d) && isCjkCode(text.charCodeAt(j - 1))) break;
        if (!isDigitCode(d)) plain = false;
      }
      const raw = text.slice(start, j);
      tokens.push({ kind: 'word', start, end: j, text: raw, lower: plain ? raw : raw.toLowerCase(), value: NaN, decimals: 0, spaced });
      i = j;
      spaced = false;
      continue;
    }
    const ch = text[i]!;
    if (SIGNIFICANT.has(c)) {
      tokens.push({ kind: 'punct', start, end: i + 1, text: ch, lower: ch, value: NaN, decimals: 0, spaced });
      i++;
    } else {
      // Symbols no pattern reads (emoji, arrows, lone surrogates, '|', '@'): one token per run keeps hostile text cheap.
      let j = i + 1;
      while (j < n && j - i < 64 && !SIGNIFICANT.has(text.charCodeAt(j)) && !isSpaceCode(text.charCodeAt(j)) && !isAlnumCode(text.charCodeAt(j)) && text.charCodeAt(j) !== 46) j++;
      const raw = text.slice(i, j);
      tokens.push({ kind: 'punct', start, end: j, text: raw, lower: raw, value: NaN, decimals: 0, spaced });
      i = j;
    }
    spaced = false;
  }
  return tokens;
}

/**
 * Whether the comma after the digits text[start, end) is a decimal comma: one or two digits follow it (three are a
 * thousands group, "1,000"), and it is not one of a run of numbers joined by commas ("1,2,3", "see 3,4").
 */
function decimalCommaAt(text: string, start: number, end: number): boolean {
  if (end - start > 3 || text.charCodeAt(end) !== 44) return false;
  let k = end + 1;
  while (k < text.length && k - end <= 3 && isDigitCode(text.charCodeAt(k))) k++;
  const digits = k - end - 1;
  if (digits < 1 || digits > 2) return false;
  if (text.charCodeAt(k) === 44 && isDigitCode(text.charCodeAt(k + 1))) return false;
  const before = start > 0 ? text.charCodeAt(start - 1) : 32;
  return before !== 44 && !isLetterCode(before);
}

/** Punctuation the statistics patterns read, one character per token. */
const SIGNIFICANT = new Set(
  [...'%/()[]-–—−.,;:=<>≥≤^×*·+~$€£¥#§⩾⩽\'"`\uFFFC!?'].map((ch) => ch.charCodeAt(0)),
);

const NUMBER_WORDS = new Map<string, number>(Object.entries({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
}));

/** The value of a small number written as a word ("nine" -> 9), or undefined. */
export function numberWordValue(lower: string): number | undefined {
  return NUMBER_WORDS.get(lower);
}

/**
 * How far from what a count gives ("16/21" is 76.2%) an unmarked whole number in parentheses after it may be and still
 * be read as its percent ("16/21 (76)"), not as a reference marker ("16/21 (3)").
 */
export const BARE_PERCENT_REACH = 15;
