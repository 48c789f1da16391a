/**
 * Quotes are located in their source text as stored (a mis-encoded source is searched as written), and a fact's
 * numbers are read back out of its quote to make sure the data says what the quote says.
 */
import { normalizeText } from '../text/normalize';
import type { Span } from '../types';
import type { Fact } from './model';
import { escapeRegExp } from '../text/regexp';

/**
 * Where `quote` sits in `text`: an exact match first, else a match that lets runs of white space differ
 * (a quote typed on one line against a source wrapped over several). Undefined when the quote is not there.
 */
export function locateQuote(text: string, quote: string, tryExact = true): Span | undefined {
  const exact = tryExact ? text.indexOf(quote) : -1;
  if (exact >= 0) return { start: exact, end: exact + quote.length };
  const words = quote.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const pattern = new RegExp(words.map(escapeRegExp).join('\\s+'));
  const match = pattern.exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : undefined;
}

/**
 * Where each quote sits in `text`: exactly what `locateQuote` gives for it, for many quotes at once (a large dataset
 * quotes one source thousands of times). In a long text, exact matches are found in one pass over the text per
 * window width (Rabin-Karp): each quote is keyed by the hash of its first characters, and the text's windows are
 * looked up in that table (see scanText); the first position that matches is the quote's indexOf. A quote not found
 * exactly is searched for on its own, letting white space differ.
 */
export function locateQuotes(text: string, quotes: readonly string[]): (Span | undefined)[] {
  const spans: (Span | undefined)[] = new Array(quotes.length);
  if (text.length < LONG_TEXT || quotes.length <= FEW_QUOTES) {
    for (let i = 0; i < quotes.length; i++) spans[i] = locateQuote(text, quotes[i]);
    return spans;
  }
  const starts = firstExactMatches(text, quotes);
  for (let i = 0; i < quotes.length; i++) {
    spans[i] = starts[i] >= 0 ? { start: starts[i], end: starts[i] + quotes[i].length } : locateQuote(text, quotes[i], false);
  }
  return spans;
}

/**
 * Starts looking for quotes in a text and gives a function that returns what locateQuotes would (waiting for it if it
 * is still being looked for). Loading a dataset starts the search as soon as a file is parsed and asks for the answer
 * when merging: a server can look in another thread meanwhile (workspace/quoteSearch.ts).
 */
export type QuoteSearch = (text: string, quotes: readonly string[]) => () => (Span | undefined)[];

/** Looks on this thread, when the answer is first asked for, and keeps it. */
export const searchQuotesHere: QuoteSearch = (text, quotes) => {
  let spans: (Span | undefined)[] | undefined;
  return () => (spans ??= locateQuotes(text, quotes));
};

/** Below these, each quote is searched for on its own. */
const LONG_TEXT = 1 << 16;
const FEW_QUOTES = 16;
/** Window widths: a quote is keyed by its first `width` characters, the widest that fits it. */
const WINDOWS = [32, 16, 8, 4, 2, 1];
const HASH_BASE = 0x01000193;

/** For each quote, the first offset where it occurs in `text` (as text.indexOf), or -1. */
function firstExactMatches(text: string, quotes: readonly string[]): Int32Array {
  const starts = new Int32Array(quotes.length).fill(-1);
  for (const width of WINDOWS) {
    const keyed: number[] = [];
    for (let q = 0; q < quotes.length; q++) {
      const length = quotes[q].length;
      if (length === 0 && width === 1) starts[q] = 0;
      else if (length >= width && (width === WINDOWS[0] || length < width * 2)) keyed.push(q);
    }
    if (keyed.length > 0 && text.length >= width) scanText(text, keyTable(quotes, keyed, width, starts));
  }
  return starts;
}

/** Quotes keyed by the hash of their first `width` characters, and where to record their first matches. */
interface KeyTable {
  quotes: readonly string[];
  width: number;
  /** 32 minus the number of bits of a bucket index. */
  shift: number;
  /** First quote of each bucket, or -1; `next` chains the rest. */
  head: Int32Array;
  next: Int32Array;
  /** Each quote's key (the full hash) and where in the quote its window starts. */
  keys: Int32Array;
  keyOffsets: Int32Array;
  /** A bitmap eight times as fine as the buckets: which windows may be a key at all (most are not, and it is small enough to stay in cache). */
  mayBeKey: Int32Array;
  /** A bitmap of the trigrams (first three characters) key windows begin with. */
  beginnings: Int32Array;
  starts: Int32Array;
  remaining: number;
}

function keyTable(quotes: readonly string[], keyed: readonly number[], width: number, starts: Int32Array): KeyTable {
  let bits = 4;
  while (1 << bits < keyed.length * 2) bits++;
  const table: KeyTable = {
    quotes,
    width,
    shift: 32 - bits,
    head: new Int32Array(1 << bits).fill(-1),
    next: new Int32Array(quotes.length),
    keys: new Int32Array(quotes.length),
    keyOffsets: new Int32Array(quotes.length),
    mayBeKey: new Int32Array(1 << (bits + 3 - 5)),
    beginnings: new Int32Array(1 << (16 - 5)),
    starts,
    remaining: keyed.length,
  };
  const leaving = leavingWeight(width);
  for (const q of keyed) {
    const quote = quotes[q];
    // A quote is keyed by its first window unless an earlier quote has that key: then by the first of its windows no
    // quote has yet. Quotes that begin alike (sentences from one template) would otherwise share a bucket, and every
    // place the text begins that way would be checked against all of them.
    let offset = 0;
    let key = windowHash(quote, 0, width);
    if (isKeyTaken(table, key)) {
      let h = key;
      for (let at = 1; at + width <= quote.length; at++) {
        h = (Math.imul((h - Math.imul(quote.charCodeAt(at - 1), leaving)) | 0, HASH_BASE) + quote.charCodeAt(at + width - 1)) | 0;
        if (!isKeyTaken(table, h)) {
          offset = at;
          key = h;
          break;
        }
      }
    }
    const mixed = Math.imul(key, 0x9e3779b1);
    const slot = mixed >>> (table.shift - 3);
    table.mayBeKey[slot >>> 5] |= 1 << (slot & 31);
    if (width >= 3) {
      const t = trigram(quote.charCodeAt(offset), quote.charCodeAt(offset + 1), quote.charCodeAt(offset + 2));
      table.beginnings[t >>> 5] |= 1 << (t & 31);
    }
    table.keys[q] = key;
    table.keyOffsets[q] = offset;
    table.next[q] = table.head[mixed >>> table.shift];
    table.head[mixed >>> table.shift] = q;
  }
  return table;
}

/** Whether some quote in the table is keyed by `key`. */
function isKeyTaken(table: KeyTable, key: number): boolean {
  for (let q = table.head[Math.imul(key, 0x9e3779b1) >>> table.shift]; q >= 0; q = table.next[q]) if (table.keys[q] === key) return true;
  return false;
}

/** HASH_BASE ** (width - 1), modulo 2^32: what the character leaving a rolling window weighed. */
function leavingWeight(width: number): number {
  let weight = 1;
  for (let i = 1; i < width; i++) weight = Math.imul(weight, HASH_BASE);
  return weight;
}

/** Looks at the text's windows, recording the first match of each keyed quote, until all are found. */
function scanText(text: string, table: KeyTable): void {
  const rollFrom = table.width >= 4 ? scanWhereQuotesBegin(text, table) : 0;
  if (rollFrom >= 0) rollAlong(text, table, rollFrom);
}

/**
 * Hashes a window only where the text's next three characters are how some quote begins (a bitmap small enough to
 * stay in the fastest cache says so). Gives up, returning where it stopped, when that lets through more than one
 * position in eight (quotes that begin the way much of the text does): a rolling hash is cheaper then. -1 when done.
 */
function scanWhereQuotesBegin(text: string, table: KeyTable): number {
  const { width, beginnings } = table;
  const last = text.length - width;
  let passed = 0;
  let c0 = text.charCodeAt(0);
  let c1 = text.charCodeAt(1);
  for (let p = 0; p <= last; p++) {
    const c2 = text.charCodeAt(p + 2);
    const t = trigram(c0, c1, c2);
    if ((beginnings[t >>> 5] & (1 << (t & 31))) !== 0) {
      passed++;
      if (checkWindow(text, table, windowHash(text, p, width), p)) return -1;
    }
    c0 = c1;
    c1 = c2;
    if ((p & 0xfff) === 0xfff && passed > p >>> 3) return p + 1;
  }
  return -1;
}

/** Moves a window along the text from `from` with a rolling hash. */
function rollAlong(text: string, table: KeyTable, from: number): void {
  const { width } = table;
  const last = text.length - width;
  if (from > last) return;
  const leaving = leavingWeight(width);
  let h = windowHash(text, from, width);
  for (let p = from; ; p++) {
    if (checkWindow(text, table, h, p)) return;
    if (p === last) return;
    h = (Math.imul((h - Math.imul(text.charCodeAt(p), leaving)) | 0, HASH_BASE) + text.charCodeAt(p + width)) | 0;
  }
}

/** Records the quotes keyed by the window at `p` (hash `h`) that occur there; true when none is left to find. */
function checkWindow(text: string, table: KeyTable, h: number, p: number): boolean {
  const mixed = Math.imul(h, 0x9e3779b1);
  const slot = mixed >>> (table.shift - 3);
  const bucket = mixed >>> table.shift;
  return (table.mayBeKey[slot >>> 5] & (1 << (slot & 31))) !== 0 && table.head[bucket] >= 0 && recordMatches(text, table, bucket, h, p);
}

/** text.startsWith(quote, at), as a loop: startsWith is several times slower on the long file-backed strings of sources. */
function occursAt(text: string, quote: string, at: number): boolean {
  if (at + quote.length > text.length) return false;
  for (let i = 0; i < quote.length; i++) if (text.charCodeAt(at + i) !== quote.charCodeAt(i)) return false;
  return true;
}

/** A 16-bit hash of three characters. */
function trigram(c0: number, c1: number, c2: number): number {
  return (Math.imul(c0, 961) + Math.imul(c1, 31) + c2) & 0xffff;
}

/**
 * Records the bucket's quotes whose key window is at `p` in an occurrence (unlinking them: windows come in order, so a
 * later occurrence is not their first); true when none is left.
 */
function recordMatches(text: string, table: KeyTable, bucket: number, key: number, p: number): boolean {
  const { head, next, keys, keyOffsets, quotes, starts } = table;
  let previous = -1;
  for (let q = head[bucket]; q >= 0; ) {
    const following = next[q];
    const start = p - keyOffsets[q];
    if (keys[q] === key && start >= 0 && occursAt(text, quotes[q], start)) {
      starts[q] = start;
      if (previous < 0) head[bucket] = following;
      else next[previous] = following;
      table.remaining--;
    } else previous = q;
    q = following;
  }
  return table.remaining === 0;
}

/** Polynomial hash of text[at, at + width) modulo 2^32 (the rolling hash in firstExactMatches computes the same). */
function windowHash(text: string, at: number, width: number): number {
  let h = 0;
  for (let i = 0; i < width; i++) h = (Math.imul(h, HASH_BASE) + text.charCodeAt(at + i)) | 0;
  return h;
}


// Windows-1252 code points for bytes 0x80-0x9F: UTF-8 text read as Windows-1252 turns into these.
/** Repairs UTF-8 that was read as Windows-1252 ("â‰¥" -> "≥", "Ã—" -> "×"): the recognizer's own reading. */
export function repairMojibake(text: string): string {
  return normalizeText(text).text;
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  hundred: 100,
};

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * Every number a reader sees in `text`: digits ("70.5", "1,000"), number words ("nine"), powers of ten written
 * any way ("1 × 10^6", "1×10⁶", flattened "1 × 106", "10e6") and "1 million". Mojibake is repaired first.
 */
export function numbersInText(text: string): number[] {
  // Each step is skipped when the text cannot match it (the same numbers, much faster over many facts' quotes).
  let reading = MOJIBAKE_LEAD.test(text) ? repairMojibake(text) : text;
  if (SUPERSCRIPT.test(reading)) reading = reading.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, (digits) => `^${[...digits].map((d) => SUPERSCRIPTS.indexOf(d)).join('')}`);
  const numbers: number[] = [];
  if (DIGIT.test(reading)) {
    // Powers of ten first, then blank them out so their parts are not read again as plain numbers.
    if (POWER_TIMES.test(reading)) reading = reading.replace(/(\d+(?:\.\d+)?)\s*[x×X*]\s*10\s*(?:\^\s*|[eE])?(\d{1,2})(?!\d)/g, (_m, mantissa: string, exponent: string) => {
      numbers.push(Number(mantissa) * 10 ** Number(exponent));
      return ' ';
    });
    if (POWER_E.test(reading)) reading = reading.replace(/(\d+(?:\.\d+)?)\s*[eE](\d{1,2})(?!\d)/g, (_m, mantissa: string, exponent: string) => {
      numbers.push(Number(mantissa) * 10 ** Number(exponent));
      return ' ';
    });
    if (SCALE_WORD.test(reading)) reading = reading.replace(/(\d+(?:\.\d+)?)\s*(million|billion)\b/gi, (_m, amount: string, scale: string) => {
      numbers.push(Number(amount) * (scale.toLowerCase() === 'million' ? 1e6 : 1e9));
      return ' ';
    });
    numbers.push(...plainDigitRuns(reading));
  }
  // "fifty-eight" is 58 (and not also 50 and 8).
  if (TENS_WORD.test(reading)) reading = reading.replace(/\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s](one|two|three|four|five|six|seven|eight|nine)\b/gi, (_m, tens: string, ones: string) => {
    numbers.push(NUMBER_WORDS[tens.toLowerCase()] + NUMBER_WORDS[ones.toLowerCase()]);
    return ' ';
  });
  // Whole words only: a letter run bounded by word boundaries, as /\b[a-z]+\b/ reads words.
  const words = NUMBER_WORD;
  words.lastIndex = 0;
  for (let match = words.exec(reading); match; match = words.exec(reading)) numbers.push(NUMBER_WORDS[match[0].toLowerCase()]);
  return numbers;
}

const MOJIBAKE_LEAD = /[\u00c2-\u00f4]/;
const SUPERSCRIPT = /[⁰¹²³⁴⁵⁶⁷⁸⁹]/;
const DIGIT = /\d/;
// Each implied by the pattern it guards.
const POWER_TIMES = /\d\s*[x×X*]\s*10/;
const POWER_E = /\d\s*[eE]\d/;
const SCALE_WORD = /\d\s*[mb]illion/i;
const TENS_WORD = /(?:ty)[-\s][a-z]/i;
const DIGIT_RUN = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+/g;
const NUMBER_WORD = new RegExp(`\\b(?:${Object.keys(NUMBER_WORDS).join('|')})\\b`, 'gi');

/** The numbers a fact states, by field name ("count", "ci[0]", ...). */
export function factNumbers(fact: Pick<Fact, 'count' | 'total' | 'percent' | 'value' | 'low' | 'high' | 'ci' | 'ciLevel'>): { field: string; value: number }[] {
  const numbers: { field: string; value: number }[] = [];
  const add = (field: string, value: number | undefined) => {
    if (value !== undefined) numbers.push({ field, value });
  };
  add('count', fact.count);
  add('total', fact.total);
  add('percent', fact.percent);
  add('value', fact.value);
  add('low', fact.low);
  add('high', fact.high);
  add('ci[0]', fact.ci?.[0]);
  add('ci[1]', fact.ci?.[1]);
  add('ciLevel', fact.ciLevel);
  return numbers;
}

/** Fields whose number does not appear in the fact's quote (empty when the data agrees with the quote). */
export function numbersMissingFromQuote(fact: Parameters<typeof factNumbers>[0] & { quote: string }): { field: string; value: number }[] {
  // The usual quote shows each number as plain digits. When nothing in it reads digits another way, numbersInText
  // reads those digits as they are (its other numbers, number words, only add): a quote that shows every stated number
  // so is missing none, and the full reading (a dozen passes over the quote) is not needed.
  if (!DIGITS_READ_OTHERWISE.test(fact.quote) && showsAllAsDigits(fact)) return [];
  const inQuote = numbersInText(fact.quote);
  return factNumbers(fact).filter(({ value }) => !inQuote.some((n) => sameNumber(n, value)));
}

/** Whether every number factNumbers lists stands as digits in the quote (without listing them: 100,000 facts). */
function showsAllAsDigits(fact: Parameters<typeof factNumbers>[0] & { quote: string }): boolean {
  const shows = (value: number | undefined) => value === undefined || showsAsDigits(fact.quote, value);
  return (
    shows(fact.count) &&
    shows(fact.total) &&
    shows(fact.percent) &&
    shows(fact.value) &&
    shows(fact.low) &&
    shows(fact.high) &&
    shows(fact.ci?.[0]) &&
    shows(fact.ci?.[1]) &&
    shows(fact.ciLevel)
  );
}

/**
 * Anything that makes numbersInText read digits other than as they stand: a mojibake lead, a superscript, or a digit
 * followed by what could start a power of ten or "million". A superset of MOJIBAKE_LEAD, SUPERSCRIPT, POWER_TIMES,
 * POWER_E and SCALE_WORD.
 */
const DIGITS_READ_OTHERWISE = /[\u00c2-\u00f4\u00b2\u00b3\u00b9\u2070\u2074-\u2079]|\d\s*[x×X*eEmMbB]/;

/**
 * Whether `value`, written as digits ("274", "70.1"), stands in `text` with no digit, comma or point either side: then
 * the digit run DIGIT_RUN reads there is exactly it.
 */
function showsAsDigits(text: string, value: number): boolean {
  const digits = String(value);
  if (!PLAIN_DECIMAL.test(digits)) return false;
  for (let at = text.indexOf(digits); at >= 0; at = text.indexOf(digits, at + 1)) {
    if (!isNumberPart(text.charCodeAt(at - 1)) && !isNumberPart(text.charCodeAt(at + digits.length))) return true;
  }
  return false;
}

const PLAIN_DECIMAL = /^\d+(?:\.\d+)?$/;

/** A digit, a comma or a point: what a digit run is made of. */
function isNumberPart(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 44 || c === 46;
}

function sameNumber(n: number, value: number): boolean {
  return Math.abs(n - value) <= 1e-9 * Math.max(1, Math.abs(value));
}

/** The numbers of `text`'s digit runs, as numbersInText reads them when no other reading applies. */
function plainDigitRuns(text: string): number[] {
  const numbers: number[] = [];
  const digits = DIGIT_RUN;
  digits.lastIndex = 0;
  for (let match = digits.exec(text); match; match = digits.exec(text)) {
    numbers.push(Number(match[0].includes(',') ? match[0].replace(/,/g, '') : match[0]));
  }
  return numbers;
}
