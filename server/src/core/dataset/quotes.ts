/**
 * Quotes are located in their source text as stored (a mis-encoded source is searched as written), and a fact's
 * numbers are read back out of its quote to make sure the data says what the quote says.
 */
import { normalizeText } from '../text/normalize';
import { lineOf, lineStarts } from '../text/positions';
import type { Span } from '../types';
import type { Fact } from './model';

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
 * Locates many quotes in one source text (a large dataset quotes one source thousands of times). Gives exactly what
 * `locateQuote` gives, and the same line numbers as text/positions' `lineOf`, without scanning the text once per quote: after a few
 * lookups in a long text, exact matches go through an index of the text's 8-character grams.
 */
export interface QuoteLocator {
  locate(quote: string): Span | undefined;
  lineOf(offset: number): number;
}

const GRAM = 8;
const DIRECT_LOOKUPS = 16;
const INDEXED_TEXT_LENGTH = 1 << 16;

export function createQuoteLocator(text: string): QuoteLocator {
  let lookups = 0;
  let index: GramIndex | undefined;
  let starts: number[] | undefined;
  return {
    locate(quote) {
      if (index === undefined && text.length >= INDEXED_TEXT_LENGTH && ++lookups > DIRECT_LOOKUPS) index = buildGramIndex(text);
      if (index === undefined || quote.length < GRAM) return locateQuote(text, quote);
      const exact = findIndexed(index, text, quote);
      if (exact >= 0) return { start: exact, end: exact + quote.length };
      return locateQuote(text, quote, false);
    },
    lineOf(offset) {
      starts ??= lineStarts(text);
      return lineOf(starts, Math.min(offset, text.length));
    },
  };
}

interface GramIndex {
  mask: number;
  /** First position (lowest) whose gram hashes to the bucket, or -1. */
  head: Int32Array;
  /** Next position with the same bucket, ascending, or -1. */
  next: Int32Array;
  /** Positions per bucket (saturating), to pick a quote's rarest gram. */
  count: Uint16Array;
}

const GRAM_BASE = 0x01000193;
// GRAM_BASE ** (GRAM - 1), modulo 2^32: what the character leaving a rolling window weighed.
const GRAM_LEAVING = (() => {
  let w = 1;
  for (let i = 1; i < GRAM; i++) w = Math.imul(w, GRAM_BASE);
  return w;
})();

/** Polynomial hash of text[at, at + GRAM) modulo 2^32 (the rolling hash in buildGramIndex computes the same). */
function gramHash(text: string, at: number): number {
  let h = 0;
  for (let i = 0; i < GRAM; i++) h = (Math.imul(h, GRAM_BASE) + text.charCodeAt(at + i)) | 0;
  return h;
}

function buildGramIndex(text: string): GramIndex {
  const positions = Math.max(0, text.length - GRAM + 1);
  let buckets = 1 << 10;
  while (buckets < positions && buckets < 1 << 22) buckets <<= 1;
  const mask = buckets - 1;
  const head = new Int32Array(buckets).fill(-1);
  const next = new Int32Array(positions);
  const count = new Uint16Array(buckets);
  // Forwards: each position's gram hash (rolling), kept in `next` until the links replace it.
  if (positions > 0) {
    let h = gramHash(text, 0);
    next[0] = h;
    for (let p = 1; p < positions; p++) {
      h = (Math.imul((h - Math.imul(text.charCodeAt(p - 1), GRAM_LEAVING)) | 0, GRAM_BASE) + text.charCodeAt(p + GRAM - 1)) | 0;
      next[p] = h;
    }
  }
  // Backwards, so each bucket's chain runs in ascending order of position.
  for (let p = positions - 1; p >= 0; p--) {
    const b = next[p] & mask;
    next[p] = head[b];
    head[b] = p;
    if (count[b] !== 0xffff) count[b]++;
  }
  return { mask, head, next, count };
}

/** The first exact occurrence of `quote` (as text.indexOf would find it), or -1. */
function findIndexed(index: GramIndex, text: string, quote: string): number {
  // Every occurrence of the quote holds each of its grams at the same distance from its start: follow the rarest.
  let best = 0;
  let bestBucket = gramHash(quote, 0) & index.mask;
  for (let j = 1; j + GRAM <= quote.length && index.count[bestBucket] > 1; j++) {
    const b = gramHash(quote, j) & index.mask;
    if (index.count[b] < index.count[bestBucket]) {
      best = j;
      bestBucket = b;
    }
  }
  for (let p = index.head[bestBucket]; p >= 0; p = index.next[p]) {
    const start = p - best;
    if (start >= 0 && text.startsWith(quote, start)) return start;
  }
  return -1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
  const stated = factNumbers(fact);
  // The usual quote shows its numbers as plain digits. When nothing in it reads digits another way, numbersInText's
  // digit runs are the plain ones below and its other numbers (number words) only add to them: if every stated number
  // is among the digit runs, none is missing, and the full reading (a dozen passes over the quote) is not needed.
  if (!DIGITS_READ_OTHERWISE.test(fact.quote)) {
    const digitRuns = plainDigitRuns(fact.quote);
    if (stated.every(({ value }) => digitRuns.some((n) => sameNumber(n, value)))) return [];
  }
  const inQuote = numbersInText(fact.quote);
  return stated.filter(({ value }) => !inQuote.some((n) => sameNumber(n, value)));
}

function sameNumber(n: number, value: number): boolean {
  return Math.abs(n - value) <= 1e-9 * Math.max(1, Math.abs(value));
}

// Whatever makes numbersInText read digits other than as plain runs: a mojibake lead, a superscript, a power of ten,
// "million". A superset of MOJIBAKE_LEAD, SUPERSCRIPT, POWER_TIMES, POWER_E and SCALE_WORD (the /i flag only adds).
const DIGITS_READ_OTHERWISE = /[\u00c2-\u00f4⁰¹²³⁴⁵⁶⁷⁸⁹]|\d\s*(?:[x×X*]\s*10|[eE]\d|[mb]illion)/i;

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
