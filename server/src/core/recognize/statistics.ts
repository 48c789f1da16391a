/**
 * Statistics in prose: a hand-written matcher over tokens. Each pattern looks a bounded number of tokens ahead or back
 * (never more than ~20), and every token is visited a bounded number of times, so recognition is linear in the text
 * whatever it holds. Spans are character indices into the normalized block prose; the caller maps them to the source.
 */
import type { Span, StatisticShape } from '../types';
import { BARE_PERCENT_REACH, numberWordValue, type Token } from './tokens';

/** A span inside the text being read (the shared offset pair). */
export type CharSpan = Span;

export interface StatisticCandidate {
  shape: StatisticShape;
  start: number;
  end: number;
  percent?: number;
  percentDecimals?: number;
  count?: number;
  total?: number;
  value?: number;
  valueDecimals?: number;
  unit?: string;
  statistic?: string;
  low?: number;
  high?: number;
  ci?: { low: number; high: number; level: number; decimals?: number; start: number; end: number };
  comparator?: '<' | '<=' | '=' | '>=' | '>';
  approximate?: boolean;
  label?: string;
  noun?: string;
  parts?: { percent?: CharSpan; count?: CharSpan; total?: CharSpan; value?: CharSpan };
  ratePer?: number;
}

type Comparator = NonNullable<StatisticCandidate['comparator']>;

/** Verbs after a bare number that make it the subject of what happened to some of a cohort ("8 remained in remission"). */
const SUBJECT_VERBS = new Set([
  'remained', 'remain', 'achieved', 'attained', 'had', 'developed', 'relapsed', 'died', 'experienced', 'received', 'responded',
  'reached', 'showed', 'were', 'underwent', 'proceeded', 'went', 'maintained', 'obtained', 'continued', 'survived', 'required',
  'stayed', 'are', 'is', 'was',
]);

/** Words that say a number is not meant exactly ("about 75%"): the checker allows what such rounding allows. */
const HEDGES = new Set(['about', 'approximately', 'approx', 'roughly', 'around', 'nearly', 'almost', 'circa', 'some']);

/**
 * Every word tryKeyword reads a pattern from, in lower case (number words aside): p-values, grades, "n =", "day 28",
 * ratios ("HR", "hazard ratio", "relative risk").
 */
const KEYWORDS = new Set(['p', 'grade', 'grades', 'gr', 'n', 'day', 'week', 'month', 'hr', 'ahr', 'or', 'aor', 'rr', 'shr', 'hazard', 'odds', 'risk', 'relative']);

export const DURATION_UNITS: Record<string, string> = {
  day: 'days', days: 'days', week: 'weeks', weeks: 'weeks', wk: 'weeks', wks: 'weeks', month: 'months',
  months: 'months', mo: 'months', mos: 'months', year: 'years', years: 'years', yr: 'years', yrs: 'years',
  hour: 'hours', hours: 'hours', hr: 'hours', hrs: 'hours', minute: 'minutes', minutes: 'minutes',
};
/** Units that count only when glued to the number ("28d", "24h"). */
const GLUED_DURATION_UNITS: Record<string, string> = { d: 'days', h: 'hours', w: 'weeks', y: 'years', m: 'months' };

const POPULATION_NOUNS = new Set([
  'patient', 'patients', 'pts', 'participant', 'participants', 'subject', 'subjects', 'child', 'children', 'adult',
  'adults', 'case', 'cases', 'individual', 'individuals', 'people', 'person', 'persons', 'infant', 'infants',
  'adolescent', 'adolescents', 'man', 'men', 'woman', 'women', 'responder', 'responders', 'recipient', 'recipients',
  'volunteer', 'volunteers', 'survivor', 'survivors', 'girl', 'girls', 'boy', 'boys', 'teenagers', 'youths',
]);

/** Words that end the search for a population noun after a number. */
const NOUN_PHRASE_STOPS = new Set([
  'of', 'in', 'at', 'on', 'to', 'for', 'from', 'by', 'with', 'who', 'whom', 'which', 'that', 'were', 'was', 'had',
  'have', 'has', 'is', 'are', 'be', 'been', 'than', 'after', 'before', 'during', 'per', 'the', 'a', 'an', 'these',
  'those', 'this', 'their', 'his', 'her', 'its', 'not', 'no', 'but', 'while', 'when', 'where', 'as', 'into', 'vs',
  'versus', 'if', 'so', 'than', 'also', 'all', 'each', 'only', 'doses', 'dose', 'cells', 'cell', 'mg', 'kg',
]);

/** Label words that also name a group whose members a number may count ("cohort 51 of 58"). */
const COUNTED_GROUPS = new Set(['cohort', 'arm', 'series']);

/** A number right after one of these words labels something rather than counting it. */
const LABEL_WORDS = new Set([
  'figure', 'figures', 'fig', 'figs', 'table', 'tables', 'section', 'sections', 'sec', 'chapter', 'episode', 'phase',
  'version', 'v', 'step', 'page', 'pages', 'pp', 'supplementary', 'appendix', 'item', 'line', 'lines', 'stage',
  'cohort', 'arm', 'level', 'ref', 'refs', 'reference', 'references', 'equation', 'eq', 'no', 'number', 'part',
  'volume', 'vol', 'issue', 'issn', 'isbn', 'grant', 'box', 'panel', 'module', 'visit', 'patient', 'case', 'type',
  'class', 'cycle', 'lane', 'clone', 'exon', 'chromosome', 'route', 'room', 'unit', 'suite', 'floor', 'street',
  'id', 'rule', 'model', 'series', 'cd', 'car', 'il', 'tp', 'pmid', 'nct', 'pmc', 'doi', 'ext', 'tel', 'fax',
]);

/** What was done to a cohort named at a sentence's start ("Of the 11 bridged to transplant, ..."). */
export const COHORT_PARTICIPLES = [
  'bridged', 'treated', 'transplanted', 'infused', 'enrolled', 'evaluable', 'evaluated', 'randomized', 'randomised',
  'included', 'assessed', 'analysed', 'analyzed', 'responding', 'relapsing',
];

const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

const TOXICITIES: Record<string, string> = { crs: 'CRS', icans: 'ICANS', neurotoxicity: 'neurotoxicity', gvhd: 'GVHD' };
const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, V: 5 };

/** Words between "of" and a whole: "11 of the 15", "two of our 7 patients", "of all 34". */
const OF_DETERMINERS = ['the', 'all', 'these', 'those', 'our', 'their', 'its'];
/** Who the patients are, said after the noun in French and Spanish ("patients évaluables", "pacientes evaluables"). */
const POSTPOSED_GROUP_WORDS = ['évaluables', 'évaluable', 'evaluables', 'evaluable', 'perfusés', 'perfusées', 'traités', 'traitées', 'inclus', 'incluses', 'tratados', 'tratadas', 'infundidos', 'incluidos', 'trattati', 'valutabili'];
/** "of" between a count and its whole in French, German, Spanish and Portuguese, Italian, Dutch ("16 des 21"). */
const FOREIGN_OF = ['des', 'sur', 'von', 'de', 'su', 'van'];
/** The patient nouns of those languages, before "sur"/"von" and the whole ("19 patients sur 58", "19 Patienten von 58"). */
const PATIENT_NOUNS_ABROAD = ['patients', 'patient', 'patientes', 'patienten', 'pacientes', 'pazienti', 'malades', 'enfants', 'kinder', 'participants'];

/** Words for an endpoint between a percent and the group it is of: "80% CR or CRi among the 30 evaluable". */
const GROUP_WHOLE_LEAD = /^(?:CR|CRi|complete|remission|responses?|or|rate|MRD-negative|overall)(?:\s*(?:\/|\s)\s*(?:CR|CRi|complete|remission|responses?|or|rate|MRD-negative|overall))*$/i;

/** How many tokens back a count's percent looks for the whole it is a part of ("of the eleven bridged ..., eight"). */
const WHOLE_REACH = 60;

function percentOf(c: StatisticCandidate): { value: number; decimals: number } | undefined {
  return c.percent === undefined ? undefined : { value: c.percent, decimals: c.percentDecimals ?? 0 };
}

/** Whether count/total is the percent as written, rounded or cut off at its decimals. */
function fitsPercent(count: number, total: number, percent: { value: number; decimals: number }): boolean {
  const truth = (count / total) * 100;
  const scale = 10 ** percent.decimals;
  return Math.abs(truth - percent.value) <= 0.5 / scale + 1e-9 || Math.trunc(truth * scale + 1e-9) / scale === percent.value;
}

const DASHES = new Set(['-', '–', '—', '−']);
const CLOSERS = new Set([')', ']']);
/** What may follow the count in "(11/15)" or "(11/15; ref)". */
const PAREN_GOES_ON = new Set([')', ']', ';', ',']);

/**
 * Whether the ">" at `at` is markup rather than a bound on the number after it: an e-mail's quote mark at a line's
 * start ("> Eleven responders were ..."), or the end of a tag ("</ref>", "<ref name=\"pan\">" in text pasted from a
 * wiki or HTML: a "<" and a tag name before it on its line, with no ">" between). ">75%" at a line's start bounds.
 */
function isMarkupOrQuoteMark(text: string, at: number): boolean {
  const from = Math.max(0, at - 300);
  let k = at - 1;
  while (k >= from && (text[k] === ' ' || text[k] === '\t' || text[k] === '>')) k--;
  if (k < 0 || text[k] === '\n') return text[at + 1] === ' ' || text[at + 1] === '\t';
  for (; k >= from; k--) {
    const c = text[k];
    if (c === '>' || c === '\n') return false;
    if (c === '<') return /^<\/?[A-Za-z]/.test(text.slice(k, k + 3));
  }
  return false;
}

/** A clause that opens with the group a count is out of: "Of 15 patients, ", "Of the 21 treated, ". */
const OF_WHOLE_BEFORE = /(?:^|[.;:]\s*|\n)\s*of\s+(?:the\s+|all\s+|these\s+)?(\d+)\b[^,;.\d]{0,60},\s*$/i;

/** Verbs whose object is how many patients a trial took in: "enrolled 34". */
const ENROLMENT_VERBS = ['enrolled', 'treated', 'infused', 'recruited', 'randomized', 'randomised'];

/** Words that say who a whole is, standing for "patients" after it ("24/30 evaluable (80%)"). */
const WHOLE_ADJECTIVES = new Set(['evaluable', 'assessable', 'enrolled', 'treated', 'infused', 'evaluated', 'analysed', 'analyzed', 'eligible']);

export interface StatisticsInput {
  text: string;
  tokens: Token[];
  /** 1 where a character belongs to something else (citation, URL, antigen name): no statistic starts there. */
  blocked: Uint8Array;
  /** Sentence index (local) of a character. */
  sentenceOf: (charIndex: number) => number;
}

interface StatedTotal {
  token: number;
  value: number;
  sentence: number;
}

export function recognizeStatistics(input: StatisticsInput): StatisticCandidate[] {
  return new StatisticsMatcher(input).run();
}

class StatisticsMatcher {
  private readonly t: Token[];
  private readonly out: StatisticCandidate[] = [];
  private readonly totals: StatedTotal[] = [];

  constructor(private readonly input: StatisticsInput) {
    this.t = input.tokens;
  }

  run(): StatisticCandidate[] {
    const n = this.t.length;
    let i = 0;
    while (i < n) {
      const next = this.tryAt(i);
      i = next > i ? next : i + 1;
    }
    this.shareDoseUnits();
    return this.out;
  }

  /** "3 × 10^5, 1 × 10^6 and 3 × 10^6 cells/kg": the unit written once belongs to every dose of the list. */
  private shareDoseUnits(): void {
    for (let k = this.out.length - 2; k >= 0; k--) {
      const c = this.out[k]!;
      const next = this.out[k + 1]!;
      if (c.shape !== 'dose' || c.unit || next.shape !== 'dose' || !next.unit) continue;
      const gap = this.input.text.slice(c.end, next.start).trim();
      if (gap === '' || gap === ',' || gap === 'and' || gap === ', and' || gap === 'or' || gap === 'to' || gap === '-' || gap === '–') c.unit = next.unit;
    }
  }

  // ---- token predicates -------------------------------------------------------------------------------------------

  /** A number a pattern may read: not blocked, and not a digit run too long to have a value (310 digits are Infinity). */
  private isNum(i: number): boolean {
    const tk = this.t[i];
    return tk !== undefined && tk.kind === 'num' && this.input.blocked[tk.start] !== 1 && Number.isFinite(tk.value);
  }
  private isP(i: number, ch: string): boolean {
    const tk = this.t[i];
    return tk !== undefined && tk.kind === 'punct' && tk.text === ch;
  }
  private isW(i: number, ...words: string[]): boolean {
    const tk = this.t[i];
    return tk !== undefined && tk.kind === 'word' && words.includes(tk.lower);
  }
  private isDash(i: number): boolean {
    const tk = this.t[i];
    return tk !== undefined && tk.kind === 'punct' && DASHES.has(tk.text);
  }
  private glued(i: number): boolean {
    const tk = this.t[i];
    return tk !== undefined && !tk.spaced;
  }
  /** A whole number written as a word at token i ("fifteen", "twenty-one"): its value and the token after it. */
  private numberWordAt(i: number): { value: number; from: number; end: number } | undefined {
    const tk = this.t[i];
    if (tk === undefined || tk.kind !== 'word' || this.blocked(i)) return undefined;
    const value = numberWordValue(tk.lower);
    if (value === undefined) return undefined;
    if (value >= 20 && this.isDash(i + 1) && this.glued(i + 1) && this.glued(i + 2) && this.t[i + 2]?.kind === 'word') {
      const unit = numberWordValue(this.t[i + 2]!.lower);
      if (unit !== undefined && unit > 0 && unit < 10) return { value: value + unit, from: i, end: i + 3 };
    }
    return { value, from: i, end: i + 1 };
  }
  private blocked(i: number): boolean {
    const tk = this.t[i];
    return tk !== undefined && this.input.blocked[tk.start] === 1;
  }
  private v(i: number): number {
    return this.t[i]!.value;
  }
  private span(from: number, toExclusive: number): CharSpan {
    return { start: this.t[from]!.start, end: this.t[toExclusive - 1]!.end };
  }
  private sentence(i: number): number {
    return this.input.sentenceOf(this.t[i]!.start);
  }

  /** Token index after a percent sign following the number at i, or -1. */
  private percentEnd(i: number): number {
    if (this.isP(i + 1, '%')) return i + 2;
    if (this.isW(i + 1, 'percent')) return i + 2;
    if (this.isW(i + 1, 'per') && this.isW(i + 2, 'cent')) return i + 3;
    return -1;
  }

  private durationUnit(i: number): string | undefined {
    const tk = this.t[i];
    if (!tk || tk.kind !== 'word') return undefined;
    const unit = DURATION_UNITS[tk.lower];
    if (unit) return unit;
    if (!tk.spaced) return GLUED_DURATION_UNITS[tk.lower];
    // Notes and slides: "persistence 14 d", "onset at 24 h;", where no word follows the letter.
    if ((tk.text === 'd' || tk.text === 'h') && this.t[i + 1]?.kind !== 'word' && this.t[i + 1]?.kind !== 'num') return GLUED_DURATION_UNITS[tk.text];
    return undefined;
  }

  /** Token index after a population noun reached from i through modifiers, or -1. */
  private nounEnd(i: number): number {
    const limit = Math.min(this.t.length, i + 15);
    for (let k = i; k < limit; k++) {
      const tk = this.t[k]!;
      if (tk.kind === 'num') {
        if (this.input.blocked[tk.start] === 1) continue;
        return -1;
      }
      if (tk.kind === 'word') {
        if (POPULATION_NOUNS.has(tk.lower)) {
          let end = k + 1;
          while (end < limit && this.t[end]!.kind === 'word' && POPULATION_NOUNS.has(this.t[end]!.lower)) end++;
          return end;
        }
        if (tk.text.length > 1 && tk.text === tk.text.toUpperCase()) continue; // an acronym: B-ALL, CR, NHL
        if (NOUN_PHRASE_STOPS.has(tk.lower) || DURATION_UNITS[tk.lower] || MONTHS.has(tk.lower)) return -1;
        if (tk.lower === 'percent') return -1;
        continue;
      }
      if (tk.text === '(' || tk.text === ')' || tk.text === '/' || tk.text === '-' || tk.text === '–' || tk.text === '+') continue;
      if (tk.text === '−' || tk.text === '^' || this.input.blocked[tk.start] === 1) continue; // CD19^dim, CD19− blasts
      return -1;
    }
    return -1;
  }

  /** A bound ("more than", "≥", "up to") or a hedge ("about", "~", "approx.") just before the number at token i. */
  private comparatorBefore(i: number): { cmp?: Comparator; start: number; approximate?: boolean } {
    const p = this.t[i - 1];
    if (p && p.kind === 'punct') {
      if (p.text === '~' || p.text === '≈' || p.text === '∼') return { start: i - 1, approximate: true };
      if (p.text === '.' && this.isW(i - 2, 'approx', 'ca', 'c')) return { start: i, approximate: true };
      const symbol: Record<string, Comparator> = { '≥': '>=', '≤': '<=', '>': '>', '<': '<', '⩾': '>=', '⩽': '<=' };
      if (p.text === '=' && (this.isP(i - 2, '<') || this.isP(i - 2, '>'))) {
        return { cmp: this.isP(i - 2, '<') ? '<=' : '>=', start: i - 2 };
      }
      const cmp = symbol[p.text];
      if (cmp && !(p.text === '>' && isMarkupOrQuoteMark(this.input.text, p.start))) return { cmp, start: i - 1 };
      return { start: i };
    }
    const w1 = this.t[i - 1]?.kind === 'word' ? this.t[i - 1]!.lower : '';
    const w2 = this.t[i - 2]?.kind === 'word' ? this.t[i - 2]!.lower : '';
    if (w2 === 'at' && w1 === 'least') return { cmp: '>=', start: i };
    if (w2 === 'at' && w1 === 'most') return { cmp: '<=', start: i };
    if (w2 === 'up' && w1 === 'to') return { cmp: '<=', start: i };
    if (w1 === 'than' && (w2 === 'more' || w2 === 'greater')) return { cmp: '>', start: i };
    if (w1 === 'than' && (w2 === 'less' || w2 === 'fewer')) return { cmp: '<', start: i };
    if (w1 === 'over' || w1 === 'above' || w1 === 'exceeding') return { cmp: '>', start: i };
    if (w1 === 'under' || w1 === 'below') return { cmp: '<', start: i };
    if (HEDGES.has(w1) || (w2 === 'close' && w1 === 'to')) return { start: i, approximate: true };
    return { start: i };
  }

  private medianBefore(i: number): string | undefined {
    const stop = Math.max(0, i - 12);
    for (let k = i - 1; k >= stop; k--) {
      const tk = this.t[k]!;
      if (tk.kind === 'num') return undefined;
      if (tk.kind === 'punct' && (tk.text === '.' || tk.text === ';')) return undefined;
      if (tk.kind === 'word') {
        if (tk.lower === 'median') return 'median';
        if (tk.lower === 'mean' || tk.lower === 'average') return 'mean';
      }
    }
    return undefined;
  }

  /**
   * The total stated just before token i (same or previous sentence) that can hold `count`. With the count's percent
   * ("45 (90%)"), a whole number just before that the percent says the count is out of comes first: "CRS in 50 of 58
   * and grade 1-2 in 45 (90%)" is 45 of the 50, "of the eleven bridged to transplant, eight (72%)" 8 of the 11.
   */
  private statedTotal(i: number, count: number, percent?: { value: number; decimals: number }, sameSentence = false): number | undefined {
    const sentence = this.sentence(i);
    let latest: number | undefined;
    let latestSentence = sentence;
    for (let k = this.totals.length - 1; k >= 0 && k >= this.totals.length - 8; k--) {
      const total = this.totals[k]!;
      if (total.token >= i) continue;
      if (total.sentence < (sameSentence ? sentence : sentence - 1)) break;
      if (total.value >= count && total.value > 0) {
        latest = total.value;
        latestSentence = total.sentence;
        break;
      }
    }
    if (!percent || (latest !== undefined && fitsPercent(count, latest, percent))) return latest;
    // "CRS in 20 of 32 (63%) in our series; Fry et al. saw 16 of 21 (76%). ... ICANS in one patient (3%)": an earlier
    // whole of this sentence or the last that the percent fits, when the last one stated does not.
    for (let k = this.totals.length - 1; k >= 0 && k >= this.totals.length - 8; k--) {
      const total = this.totals[k]!;
      if (total.token >= i) continue;
      if (total.sentence < sentence - 1) break;
      if (total.value > count && fitsPercent(count, total.value, percent)) return total.value;
    }
    const fitting = this.wholeFittingPercent(i, count, percent, sentence);
    if (fitting !== undefined || latest === undefined) return fitting;
    // The last sentence's whole, which the percent does not fit, is another group's when this sentence counts more
    // than it before the number: "16 of 21 [1]. In the updated cohort, CRS in 50 (86.2%) and HLH in 19 (32.8%) [3]".
    return latestSentence < sentence && this.countsMoreBefore(i, latest, sentence) ? undefined : latest;
  }

  /**
   * Whether the number before token i in its sentence is a whole it stated, smaller than `count` (as every whole it
   * stated is): "The trial treated 21 patients; 71 had ...". Not "7 had no further treatment; 11 went to transplant, 8
   * stayed in remission", where the number before is the 11.
   */
  private outgrowsWholeBefore(i: number, count: number): boolean {
    const sentence = this.sentence(i);
    let previous = i - 1;
    while (previous >= 0 && this.t[previous]!.kind !== 'num') previous--;
    if (previous < 0 || this.sentence(previous) !== sentence) return false;
    let stated = false;
    for (let k = this.totals.length - 1; k >= 0 && k >= this.totals.length - 8; k--) {
      const total = this.totals[k]!;
      if (total.token >= i) continue;
      if (total.sentence < sentence) break;
      if (total.value >= count) return false;
      if (total.token === previous) stated = true;
    }
    return stated;
  }

  /** Whether a whole number of sentence `sentence` before token i, not itself a percent, is larger than `than`. */
  private countsMoreBefore(i: number, than: number, sentence: number): boolean {
    for (let k = i - 1; k >= 0 && this.sentence(k) === sentence; k--) {
      const tk = this.t[k]!;
      if (tk.kind === 'num' && tk.decimals === 0 && tk.value > than && !this.isYear(k) && this.percentEnd(k) < 0) return true;
    }
    return false;
  }

  /**
   * The nearest whole number before token i (this sentence or the one before) that `count` is `percent` of. A number
   * with a percent of its own is a part, not a whole, unless `partsToo` ("CRS in 50 (86.2%), grade 1-2 in 45 of them
   * (90%)": "them" are the 50).
   */
  private wholeFittingPercent(i: number, count: number, percent: { value: number; decimals: number }, sentence: number, partsToo = false): number | undefined {
    for (let k = i - 1; k >= Math.max(0, i - WHOLE_REACH); k--) {
      if (this.sentence(k) < sentence - 1) return undefined;
      const whole = this.wholeAt(k);
      if (whole && whole.end <= i && whole.value > count && (partsToo || this.percentEnd(whole.from) < 0) && fitsPercent(count, whole.value, percent)) return whole.value;
    }
    return undefined;
  }

  /**
   * Who "them" ("45 of them", "17 of whom") are: with a percent after it, the nearest group before that the count is
   * that percent of, be it a whole or itself a part; otherwise the whole the text stated last.
   */
  private pronounWhole(i: number, count: number, end: number): number | undefined {
    const pe = this.isP(end, '(') && this.isNum(end + 1) ? this.percentEnd(end + 1) : -1;
    // "21 patients were treated, and 25 of them ...": with no larger group, the smaller one is who "them" are, a slip
    // for the arithmetic to report.
    // "Seven CR patients received no further treatment, and 8 of them remained": the smaller group of the same sentence
    // is still who they are, rather than a cohort stated in the sentence before.
    if (pe < 0) return this.groupBefore(i, count) ?? this.statedTotal(i, count, undefined, true) ?? this.groupBefore(i, count, true) ?? this.statedTotal(i, count);
    const percent = { value: this.v(end + 1), decimals: this.t[end + 1]!.decimals };
    return this.wholeFittingPercent(i, count, percent, this.sentence(i), true) ?? this.groupBefore(i, count) ?? this.statedTotal(i, count, percent);
  }

  /**
   * "Eleven were bridged to transplantation and 8 of them ...": the group "them" are, the nearest whole number in the
   * sentence before the count that is larger than it (not a percent), rather than the cohort stated earlier; with
   * `smaller`, one that is smaller than it.
   */
  private groupBefore(i: number, count: number, smaller = false): number | undefined {
    const sentence = this.sentence(i);
    for (let k = i - 1; k >= Math.max(0, i - WHOLE_REACH) && this.sentence(k) === sentence; k--) {
      const whole = this.wholeAt(k);
      if (!whole || whole.end > i) continue;
      if (this.percentEnd(whole.from) >= 0 || this.blocked(whole.from)) continue;
      // A group of patients: the subject of what happened to them ("Eleven were bridged"), or counted with its noun.
      const next = this.t[whole.end];
      const group = (next?.kind === 'word' && SUBJECT_VERBS.has(next.lower)) || this.nounEnd(whole.end) > 0;
      return group && (smaller ? whole.value < count : whole.value > count) ? whole.value : undefined;
    }
    return undefined;
  }

  /**
   * Whether the whole `total` found for the subject count at token i is itself a clause's subject earlier in the sentence
   * ("Nine patients had ..., and eight had ..."), joined to this clause by "and", "while" or "whereas".
   */
  private isSiblingSubject(i: number, total: number): boolean {
    const before = this.isW(i - 1, 'only', 'just', 'merely') ? i - 1 : i;
    if (!this.isW(before - 1, 'and', 'while', 'whereas', 'but')) return false;
    const sentence = this.sentence(i);
    for (let k = this.totals.length - 1; k >= 0; k--) {
      const stated = this.totals[k]!;
      if (stated.token >= i) continue;
      if (stated.sentence !== sentence) return false;
      if (stated.value !== total) continue;
      const ne = this.nounEnd(stated.token + 1);
      const verb = ne > 0 && ne <= stated.token + 3 ? ne : stated.token + 1;
      return this.t[verb]?.kind === 'word' && SUBJECT_VERBS.has(this.t[verb]!.lower) && !this.isW(verb, 'were', 'are', 'is', 'was');
    }
    return false;
  }

  private addTotal(token: number, value: number): void {
    if (Number.isInteger(value) && value > 0) this.totals.push({ token, value, sentence: this.sentence(token) });
  }

  private emit(c: StatisticCandidate): void {
    this.out.push(c);
  }

  // ---- exclusions -------------------------------------------------------------------------------------------------

  private isYear(i: number): boolean {
    const tk = this.t[i]!;
    return tk.decimals === 0 && tk.text.length === 4 && tk.value >= 1900 && tk.value <= 2099;
  }

  /** Whether the tokens ending at `k` are I², I^2, I2, I 2 or I-squared. */
  private namesHeterogeneity(k: number): boolean {
    const last = this.t[k];
    if (!last) return false;
    if (last.kind === 'word') return last.text === 'I2' || (last.lower === 'squared' && this.isDash(k - 1) && this.t[k - 2]?.text === 'I');
    if (last.text === '²' || last.text === '^2') return this.t[k - 1]?.text === 'I';
    if (last.kind === 'num' && last.text === '2') return this.t[k - 1]?.text === 'I' || (this.isP(k - 1, '^') && this.t[k - 2]?.text === 'I');
    return false;
  }

  /** Numbers that are labels, dates, identifiers, prices or glued reference markers, not statistics. */
  private excluded(i: number): boolean {
    const tk = this.t[i]!;
    const prev = this.t[i - 1];
    const next = this.t[i + 1];
    if (prev && !tk.spaced) {
      if (prev.kind === 'word') return true; // CART25, CD22-CAR22's "22" is part of a word; B4
      if (prev.kind === 'num') return true;
      if ('$€£¥#§^'.includes(prev.text)) return true;
      if (prev.text === '.' && this.t[i - 2]?.kind === 'num' && !prev.spaced) return true; // 3.1.2
      if (prev.text === ':' && this.t[i - 2]?.kind === 'num' && !prev.spaced) return true; // 10:30
      if ((prev.text === '-' || prev.text === '/') && this.t[i - 2]?.kind === 'word' && !prev.spaced) {
        const w = this.t[i - 2]!;
        // "CD-19", "IL-6", "COVID-19": a name, not a number (but "1-year" etc. start with a number)
        if (/^[A-Za-z]{1,6}$/.test(w.text) && w.text !== w.lower) return true;
      }
    }
    if (prev && (prev.text === '$' || prev.text === '€' || prev.text === '£')) return true;
    if (next && !next.spaced) {
      if (next.kind === 'word' && (next.lower === 'st' || next.lower === 'nd' || next.lower === 'rd' || next.lower === 'th')) return true;
      if (next.text === '.' && this.t[i + 2]?.kind === 'num' && !this.t[i + 2]!.spaced && this.t[i + 3]?.text === '.' && !this.t[i + 3]!.spaced) return true;
      if (next.text === ':' && this.t[i + 2]?.kind === 'num' && !this.t[i + 2]!.spaced) return true;
    }
    // "in its updated cohort 51 of 58 had": a count after a word for a group, not the group's label ("cohort 2").
    // "in the Pan cohort 80% of all 34 enrolled": a percent after such a word is the group's rate, not a label.
    if (prev?.kind === 'word' && LABEL_WORDS.has(prev.lower) && !(COUNTED_GROUPS.has(prev.lower) && ((this.isW(i + 1, 'of') && this.isNum(i + 2)) || this.isP(i + 1, '%')))) return true;
    // "I² = 71%", "$I^2 = 71\%$", "I2: 48%": a meta-analysis's heterogeneity, not an outcome.
    if ((prev?.text === '=' || prev?.text === ':') && this.namesHeterogeneity(i - 2)) return true;
    if (prev?.text === '.' && this.t[i - 2]?.kind === 'word' && LABEL_WORDS.has(this.t[i - 2]!.lower)) return true;
    if (prev?.kind === 'word' && MONTHS.has(prev.lower) && prev.text !== 'may') return true;
    if (next?.kind === 'word' && MONTHS.has(next.lower) && next.text !== 'may' && tk.decimals === 0 && tk.value <= 31) return true;
    // Phone-like chains: 555-123-4567
    if (this.isDash(i + 1) && this.glued(i + 1) && this.t[i + 2]?.kind === 'num' && this.glued(i + 2) && this.isDash(i + 3) && this.glued(i + 3) && this.t[i + 4]?.kind === 'num') return true;
    if (prev && this.isDash(i - 1) && !tk.spaced && this.t[i - 2]?.kind === 'num' && this.isDash(i - 3) && this.t[i - 4]?.kind === 'num') return true;
    // A thread's post number, "5/8 Toxicity was mostly mild: ...": at a line's start, before a capitalized word.
    if (this.isPostNumber(i)) return true;
    // Enumerators: "(1) Department of ...".
    if (prev?.text === '(' && next?.text === ')' && tk.decimals === 0 && tk.value < 100) {
      const after = this.t[i + 2];
      if (!after || (after.kind === 'word' && after.text[0] !== after.text[0]!.toLowerCase())) return true;
    }
    const followedByUnit = this.percentEnd(i) > 0 || this.nounEnd(i + 1) === i + 2 || this.durationUnit(i + 1) !== undefined;
    if (this.isYear(i) && !followedByUnit) return true;
    // Postal codes, identifiers, accession numbers.
    if (tk.decimals === 0 && !tk.text.includes(',') && tk.text.length >= 5 && !followedByUnit) return true;
    return false;
  }

  /** "5/8 Toxicity was ..." at a line's start: a post's place in a thread, not 5 of 8 patients. */
  private isPostNumber(i: number): boolean {
    if (!this.isP(i + 1, '/') || !this.glued(i + 1) || !this.isNum(i + 2) || !this.glued(i + 2) || this.t[i + 2]!.decimals > 0) return false;
    if (this.v(i) > this.v(i + 2) || this.v(i + 2) > 99) return false;
    const text = this.input.text;
    let k = this.t[i]!.start - 1;
    while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
    if (k >= 0 && text[k] !== '\n') return false;
    const word = this.t[i + 3];
    return word !== undefined && word.kind === 'word' && /^\p{Lu}\p{Ll}/u.test(word.text) && !POPULATION_NOUNS.has(word.lower);
  }

  // ---- dispatch ---------------------------------------------------------------------------------------------------

  private tryAt(i: number): number {
    const tk = this.t[i]!;
    if (this.blocked(i)) return i + 1;
    if (tk.kind === 'word') return this.tryKeyword(i);
    if (tk.kind !== 'num' || !Number.isFinite(tk.value)) return i + 1;
    if (this.excluded(i)) return i + 1;
    // A part of a written sum ("16 of 21 (9 + 7) patients", "21 + 34 = 55"): the sum is checked as such (checkWrittenSums).
    if ((this.isP(i - 1, '+') && this.isNum(i - 2)) || (this.isP(i + 1, '+') && this.isNum(i + 2))) return i + 1;
    let end = this.tryDose(i);
    if (end < 0) end = this.tryPercent(i);
    if (end < 0) end = this.tryRange(i);
    if (end < 0) end = this.tryCount(i, this.v(i), i + 1);
    if (end < 0) end = this.tryProportion(i);
    if (end < 0) end = this.tryDuration(i);
    if (end < 0) end = this.tryNumberList(i);
    if (end < 0) end = this.trySampleSize(i, this.v(i), i + 1);
    if (end < 0) end = this.tryCohortOf(i, this.v(i), i + 1);
    if (end < 0) end = this.tryPartOfGroup(i, this.v(i), i + 1);
    if (end < 0) end = this.tryBareCountPercent(i, this.v(i), i + 1);
    if (end < 0) end = this.tryImpliedCount(i, this.v(i), i + 1);
    if (end < 0) end = this.trySubjectCount(i, this.v(i), i + 1);
    if (end < 0) end = this.tryEnrolledCount(i, this.v(i), i + 1);
    if (end < 0) end = this.tryCohortNamed(i, this.v(i), i + 1);
    return end;
  }

  /** "21 treated, 15 had prior CD19-directed therapy": a cohort's size and what was done to it, a clause of its own. */
  private tryCohortNamed(i: number, value: number, numEnd: number): number {
    if (!Number.isInteger(value) || value <= 0 || !this.isW(numEnd, 'treated', 'enrolled', 'infused', 'evaluable', 'transplanted', 'randomized', 'randomised')) return -1;
    if (this.t[i]!.kind === 'num' && this.isYear(i)) return -1;
    // Opening its clause or a table's cell ("...: 21 treated, 15 had", "| 34 enrolled |"), not inside a clause ("not
    // among all 34 treated").
    const prev = this.t[i - 1];
    if (prev && this.sentence(i - 1) === this.sentence(i) && !(prev.kind === 'punct' && ':;,(.|'.includes(prev.text)) && !this.isW(i - 1, 'and')) return -1;
    const next = this.t[numEnd + 1];
    if (next && !this.blocked(numEnd + 1) && !(next.kind === 'punct' && '.,;)|'.includes(next.text)) && !this.isW(numEnd + 1, 'and', 'but')) return -1;
    this.addTotal(i, value);
    return this.done({ shape: 'sample-size', ...this.span(i, numEnd + 1), value, valueDecimals: 0, unit: 'patients', noun: this.t[numEnd]!.lower, parts: { value: this.span(i, numEnd) } }, numEnd + 1);
  }

  /** "@pan2019 enrolled 34.", "treated 21, and ...": how many a trial took in, with the noun left out. */
  private tryEnrolledCount(i: number, value: number, numEnd: number): number {
    if (!Number.isInteger(value) || value <= 0 || !this.isW(i - 1, ...ENROLMENT_VERBS)) return -1;
    if (this.t[i]!.kind === 'num' && (this.isYear(i) || value > 100000)) return -1;
    const next = this.t[numEnd];
    if (next && !this.blocked(numEnd) && !(next.kind === 'punct' && '.,;)|'.includes(next.text)) && !this.isW(numEnd, 'and', 'but', 'while', 'whereas')) return -1;
    // Not the first of a list: "infused 3, 7 and 14 days after lymphodepletion", "on days 3 and 7".
    if (this.isNum(numEnd + 1)) return -1;
    return this.done({ shape: 'sample-size', ...this.span(i, numEnd), value, valueDecimals: 0, unit: 'patients', parts: { value: this.span(i, numEnd) } }, numEnd);
  }

  /**
   * "Of the 11 bridged to transplant, 8 remained", "Of the eleven treated, ...": a cohort named by what was done to it
   * at the start of a sentence, the whole of the counts after it.
   */
  private tryCohortOf(i: number, value: number, numEnd: number): number {
    if (!Number.isInteger(value) || value <= 0 || !this.isW(numEnd, ...COHORT_PARTICIPLES)) return -1;
    const of = this.isW(i - 1, ...OF_DETERMINERS) ? i - 2 : i - 1;
    if (!this.isW(of, 'of') || (of > 0 && this.sentence(of - 1) === this.sentence(of) && !this.isP(of - 1, ',') && !this.isP(of - 1, ';'))) return -1;
    const c: StatisticCandidate = { shape: 'sample-size', ...this.span(i, numEnd + 1), value, valueDecimals: 0, unit: 'patients', noun: this.t[numEnd]!.lower, parts: { value: this.span(i, numEnd) } };
    this.addTotal(i, value);
    return this.done(c, numEnd + 1);
  }

  /**
   * Whether the sentence opens with a group and a comma just before token i: "Of the CR patients, ", "Among those
   * bridged to transplantation, " (no number in it: that would be the group's size).
   */
  private opensWithGroup(i: number): boolean {
    if (!this.isP(i - 1, ',')) return false;
    const sentence = this.sentence(i);
    let k = i - 2;
    for (; k > 0 && this.sentence(k - 1) === sentence; k--) {
      const tk = this.t[k]!;
      if (k < i - 12 || tk.kind === 'num' || (tk.kind === 'punct' && tk.text !== '-' && tk.text !== '/' && tk.text !== "'" && tk.text !== '’')) return false;
    }
    if (k >= i - 2 || !this.isW(k, 'of', 'among', 'amongst')) return false;
    // "Of note, ...", "Of these, ..." (a group with a size, found as a total when there is one).
    return !this.isW(k + 1, 'note', 'course', 'interest');
  }

  /**
   * "Twelve of the CR patients were bridged", "5 of the children in CR": a count out of a group named without its
   * size, a count of patients as "twelve CR patients" is.
   */
  private tryPartOfGroup(i: number, value: number, numEnd: number): number {
    if (!Number.isInteger(value) || value <= 0 || !this.isW(numEnd, 'of') || !this.isW(numEnd + 1, ...OF_DETERMINERS)) return -1;
    if (this.t[i]!.kind === 'num' && this.isYear(i)) return -1;
    const ne = this.nounEnd(numEnd + 2);
    if (ne < 0 || ne > numEnd + 6) return -1;
    return this.done({ shape: 'sample-size', ...this.span(i, ne), value, valueDecimals: 0, unit: 'patients', noun: this.t[ne - 1]!.lower, parts: { value: this.span(i, numEnd) } }, ne);
  }

  /**
   * "Of the 11 patients bridged to transplant, 8 remained in remission": a bare number that is its clause's subject,
   * counted out of the cohort just named (in this sentence or the one before).
   */
  private trySubjectCount(i: number, value: number, numEnd: number): number {
    if (!Number.isInteger(value) || value < 0 || (this.t[i]!.kind === 'num' && this.isYear(i))) return -1;
    // "..., only 4 remained in remission": a word that stresses the number is not between it and its clause's start.
    const before = this.isW(i - 1, 'only', 'just', 'merely') ? i - 1 : i;
    const prev = this.t[before - 1];
    // "..., 14 had grade 1 CRS and 9 had grade 2": after "and" too, unless it joins two numbers ("between 5 and 9").
    const clauseStart =
      !prev ||
      (prev.kind === 'punct' && (prev.text === ',' || prev.text === ';' || prev.text === '.' || prev.text === ':')) ||
      (prev.kind === 'word' && prev.lower === 'and' && ((this.t[before - 2]?.kind === 'word' && this.t[before - 2]!.lower !== 'between') || this.isP(before - 2, ','))) ||
      // "45 (90%) had grade 1-2 events while 7 had grade 3-4 CRS"
      this.isW(before - 1, 'while', 'whereas', 'but') ||
      // "..., of whom 9 remained in remission"
      (this.isW(before - 1, 'whom', 'them', 'these', 'those') && this.isW(before - 2, 'of'));
    if (!clauseStart || this.t[numEnd]?.kind !== 'word' || !SUBJECT_VERBS.has(this.t[numEnd]!.lower)) return -1;
    const total = this.statedTotal(i, value);
    if (total === undefined) {
      // "Of the CR patients, 12 were bridged to transplantation": a group named without its size, so a count of
      // patients, as "12 CR patients were bridged" is. So is one larger than the whole its sentence gave ("The trial
      // treated 21 patients; 71 had prior CD19-directed therapy"), which no cohort of it can hold.
      if (!this.opensWithGroup(before) && !this.outgrowsWholeBefore(i, value)) return -1;
      // "Of 15 patients, 17 achieved CR": out of the group its clause opens with, however many it says.
      const of = OF_WHOLE_BEFORE.exec(this.input.text.slice(Math.max(0, this.t[before]!.start - 80), this.t[before]!.start));
      if (of) return this.done({ shape: 'count', ...this.span(i, numEnd), count: value, total: Number(of[1]), parts: { count: this.span(i, numEnd) } }, numEnd);
      return this.done({ shape: 'sample-size', ...this.span(i, numEnd), value, valueDecimals: 0, unit: 'patients', parts: { value: this.span(i, numEnd) } }, numEnd);
    }
    // "Nine patients had grade 1 CRS and eight had grade 2": the number before is the subject of a clause like this
    // one, a part of the same cohort, not its whole: a count of a whole the text does not give.
    if (this.isSiblingSubject(i, total)) return this.done({ shape: 'count', ...this.span(i, numEnd), count: value, parts: { count: this.span(i, numEnd) } }, numEnd);
    return this.done({ shape: 'count', ...this.span(i, numEnd), count: value, total, parts: { count: this.span(i, numEnd) } }, numEnd);
  }

  private tryKeyword(i: number): number {
    const tk = this.t[i]!;
    const lower = tk.lower;
    // Most words start no pattern: one lookup settles them before the patterns below are tried one by one.
    if (!KEYWORDS.has(lower) && numberWordValue(lower) === undefined) return i + 1;
    if (lower === 'p' && !(this.t[i - 1]?.kind === 'word' && !tk.spaced)) return this.tryPValue(i);
    if (lower === 'grade' || lower === 'grades' || lower === 'gr') return this.tryGrade(i);
    if ((tk.text === 'n' || tk.text === 'N') && (this.isP(i + 1, '=') || this.isP(i + 1, '≥')) && this.isNum(i + 2)) {
      const cmp: Comparator = this.isP(i + 1, '≥') ? '>=' : '=';
      this.emit({
        shape: 'sample-size', ...this.span(i, i + 3), value: this.v(i + 2), valueDecimals: 0, unit: 'patients', noun: 'n',
        ...(cmp === '>=' ? { comparator: cmp } : {}), parts: { value: this.span(i + 2, i + 3) },
      });
      this.addTotal(i + 2, this.v(i + 2));
      return i + 3;
    }
    if ((lower === 'day' || lower === 'week' || lower === 'month') && (this.isNum(i + 1) || (this.isP(i + 1, '+') && this.isNum(i + 2)))) {
      const at = this.isNum(i + 1) ? i + 1 : i + 2;
      if (this.isYear(at) || this.t[at]!.decimals > 0) return at + 1;
      this.emit({
        shape: 'duration', ...this.span(i, at + 1), value: this.v(at), valueDecimals: 0, unit: DURATION_UNITS[lower]!,
        label: 'timepoint', parts: { value: this.span(at, at + 1) },
      });
      return at + 1;
    }
    const ratioEnd = this.tryRatio(i);
    if (ratioEnd > 0) return ratioEnd;
    let value = numberWordValue(lower);
    if (value === undefined) return i + 1;
    let numEnd = i + 1;
    // twenty-one
    if (value >= 20 && this.isDash(i + 1) && this.glued(i + 1) && this.glued(i + 2)) {
      const unit = this.t[i + 2]?.kind === 'word' ? numberWordValue(this.t[i + 2]!.lower) : undefined;
      if (unit !== undefined && unit < 10) {
        value += unit;
        numEnd = i + 3;
      }
    }
    // "seventy-five percent"
    const percentEnd = this.percentEnd(numEnd - 1);
    if (percentEnd > 0) {
      const { cmp, start, approximate } = this.comparatorBefore(i);
      const c: StatisticCandidate = { shape: 'percent', ...this.span(start, percentEnd), percent: value, percentDecimals: 0, parts: { percent: this.span(i, percentEnd) } };
      if (cmp) c.comparator = cmp;
      if (approximate) c.approximate = true;
      return this.done(c, this.takeGroupWhole(c, percentEnd));
    }
    // "a median remission of nine months"
    const unit = this.durationUnit(numEnd);
    if (unit && this.medianBefore(i)) {
      const c: StatisticCandidate = { shape: 'duration', ...this.span(i, numEnd + 1), value, valueDecimals: 0, unit, statistic: this.medianBefore(i), parts: { value: this.span(i, numEnd) } };
      const { cmp, approximate } = this.comparatorBefore(i);
      if (cmp) c.comparator = cmp;
      if (approximate) c.approximate = true;
      return this.done(c, numEnd + 1);
    }
    let end = this.tryWordNumberList(i, value, numEnd);
    if (end < 0) end = this.tryCount(i, value, numEnd);
    if (end < 0) end = this.trySampleSize(i, value, numEnd);
    if (end < 0) end = this.tryCohortOf(i, value, numEnd);
    if (end < 0 && lower !== 'one') end = this.tryPartOfGroup(i, value, numEnd);
    if (end < 0) end = this.tryBareCountPercent(i, value, numEnd);
    if (end < 0 && lower !== 'one') end = this.tryImpliedCount(i, value, numEnd);
    if (end < 0 && lower !== 'one') end = this.trySubjectCount(i, value, numEnd);
    return end;
  }

  // ---- confidence intervals ---------------------------------------------------------------------------------------

  private ciWordLength(i: number): number {
    // "95%-CI", "95 %-KI": the label hyphenated to its level.
    if (this.isDash(i) && this.isW(i + 1, 'ci', 'cri', 'ic', 'ki')) return 2;
    // "IC" is how French, Spanish and Portuguese write CI ("IC 95 %: 44.2-99.0"), "KI" how German does.
    if (this.isW(i, 'ci', 'cri', 'cis', 'ic', 'ki')) return 1;
    if (this.isW(i, 'confidence', 'credible') && this.isW(i + 1, 'interval', 'intervals')) return 2;
    return 0;
  }

  /** A confidence interval starting at token i ("(95% CI, 44.2-99.0)", ", 95% CI 0.2 to 0.9", "[95% CI, 53-81%]"). */
  private readCI(i: number, estimate?: number): { low: number; high: number; level: number; from: number; to: number; decimals: number } | undefined {
    let m = i;
    if (this.isP(m, ',') || this.isP(m, ';')) m++;
    let opened = false;
    if (this.isP(m, '(') || this.isP(m, '[')) {
      opened = true;
      m++;
    }
    let level = 95;
    let len: number;
    // "95% CI", "95 percent CI", "95 per cent CI"
    const levelWords = this.isNum(m) ? (this.isP(m + 1, '%') || this.isW(m + 1, 'percent') ? 1 : this.isW(m + 1, 'per') && this.isW(m + 2, 'cent') ? 2 : 0) : 0;
    if (levelWords > 0 && (len = this.ciWordLength(m + 1 + levelWords)) > 0) {
      level = this.v(m);
      m += 1 + levelWords + len;
    } else if ((len = this.ciWordLength(m)) > 0) {
      m += len;
      // "IC à 95 %", "IC del 95 %", "IC de 95%": French, Spanish and Portuguese put a preposition before the level.
      if (this.isW(m, 'à', 'a', 'al', 'de', 'del', 'do') && this.isNum(m + 1) && this.isP(m + 2, '%')) m++;
      if (this.isNum(m) && this.isP(m + 1, '%')) {
        level = this.v(m);
        m += 2;
      }
    } else if (opened && estimate !== undefined && m === i + 1) {
      // A bare interval right after an estimate that it brackets: "90% [84-95]", "HR 0.42 (0.21-0.84)".
      const low = this.isNum(m) ? this.v(m) : NaN;
      let k = m + 1;
      if (this.isP(k, '%')) k++;
      if (!(this.isDash(k) || this.isW(k, 'to')) || !this.isNum(k + 1)) return undefined;
      const high = this.v(k + 1);
      k += 2;
      if (this.isP(k, '%')) k++;
      if (!(this.isP(k, ')') || this.isP(k, ']')) || !(low <= estimate && estimate <= high) || low === high) return undefined;
      return { low, high, level: 95, from: i, to: k + 1, decimals: Math.max(this.t[m]!.decimals, this.t[k - (this.isP(k - 1, '%') ? 2 : 1)]!.decimals) };
    } else {
      return undefined;
    }
    for (let k = 0; k < 2 && (this.isP(m, ':') || this.isP(m, ',') || this.isP(m, '=') || this.isW(m, 'of', 'was')); k++) m++;
    // "95% CI [44.2, 99.0]": the bounds in brackets of their own.
    const bracketed = (this.isP(m, '[') || (this.isP(m, '(') && !opened)) && this.isNum(m + 1) ? this.t[m]!.text : '';
    if (bracketed) m++;
    if (!this.isNum(m)) return undefined;
    const low = this.v(m);
    const lowDecimals = this.t[m]!.decimals;
    m++;
    if (this.isP(m, '%')) m++;
    if (this.isDash(m) || this.isW(m, 'to') || this.isP(m, ',')) m++;
    else return undefined;
    if (!this.isNum(m)) return undefined;
    const high = this.v(m);
    const decimals = Math.max(lowDecimals, this.t[m]!.decimals);
    m++;
    if (this.isP(m, '%')) m++;
    if (bracketed && this.isP(m, bracketed === '[' ? ']' : ')')) m++;
    if (opened && (this.isP(m, ')') || this.isP(m, ']'))) m++;
    return { low, high, level, from: i, to: m, decimals };
  }

  private attachCI(c: StatisticCandidate, at: number, scale = 1, estimate?: number): number {
    const ci = this.readCI(at, estimate);
    if (!ci) return at;
    // Rounded to 6 decimals; a bound so large that the rounding overflows is kept as it is.
    const round = (x: number) => {
      const rounded = Math.round(x * scale * 1e6) / 1e6;
      return Number.isFinite(rounded) ? rounded : x * scale;
    };
    const first = this.isP(ci.from, ',') || this.isP(ci.from, ';') ? ci.from + 1 : ci.from;
    // A proportion's interval (0.44-0.99) scaled to percent has two decimals fewer than it is written with.
    const decimals = Math.max(0, ci.decimals - Math.round(Math.log10(scale)));
    c.ci = { low: round(ci.low), high: round(ci.high), level: ci.level, decimals, ...this.span(first, ci.to) };
    c.end = this.t[ci.to - 1]!.end;
    return ci.to;
  }

  // ---- patterns ---------------------------------------------------------------------------------------------------

  /** Whether a word that announces a range ("ranged", "varied", "between") comes shortly before token k. */
  private rangeWordBefore(k: number): boolean {
    for (let m = k - 1; m >= Math.max(0, k - 6); m--) if (this.isW(m, 'range', 'ranged', 'ranges', 'ranging', 'varied', 'varies', 'varying', 'between', 'spanning', 'spanned')) return true;
    return false;
  }

  /** After a percent: "i.e." or "that is", then a count "n of N" or "n/N"; the count's first token, or -1. */
  private restatedCountAt(k: number): number {
    let q = k;
    if (this.isP(q, ',') || this.isP(q, '(')) q++;
    if (this.isW(q, 'i') && this.isP(q + 1, '.') && this.isW(q + 2, 'e') && this.isP(q + 3, '.')) q += 4;
    else if (this.isW(q, 'ie')) q += this.isP(q + 1, '.') ? 2 : 1;
    else if (this.isW(q, 'that') && this.isW(q + 1, 'is')) q += 2;
    else return -1;
    if (this.isP(q, ',')) q++;
    const counted = this.isNum(q) && (this.isP(q + 1, '/') || this.isW(q + 1, 'of')) && this.isNum(q + 2);
    if (!counted || this.t[q]!.decimals > 0 || this.t[q + 2]!.decimals > 0 || this.v(q + 2) < this.v(q) || this.isYear(q + 2)) return -1;
    return q;
  }

  private tryPercent(i: number): number {
    const pe = this.percentEnd(i);
    const { cmp, start, approximate } = this.comparatorBefore(i);
    // Ranges "70-90%", "30%–60%", "18 to 44%", "between 70 and 90%".
    const afterLow = pe > 0 ? pe : i + 1;
    const joiner = this.isDash(afterLow) || this.isW(afterLow, 'to') || (this.isW(afterLow, 'and') && this.isW(i - 1, 'between'));
    if (joiner && this.isNum(afterLow + 1)) {
      const pe2 = this.percentEnd(afterLow + 1);
      // "corrected from 75% to 73%", "rose from 20% to 40%": a change, whose old value is no claim; the new one is
      // read on its own. "ranged from 70% to 90%" is a range.
      if (pe2 > 0 && pe > 0 && this.isW(i - 1, 'from') && this.isW(afterLow, 'to') && !this.rangeWordBefore(i - 1)) return pe;
      // "the difference between 80% and 70.5%": two numbers compared, not a range (which runs upwards).
      if (pe2 > 0 && this.isW(afterLow, 'and') && this.v(i) > this.v(afterLow + 1)) return -1;
      if (pe2 > 0) {
        this.emit({
          shape: 'range', ...this.span(i, pe2), low: this.v(i), high: this.v(afterLow + 1), unit: '%',
          percentDecimals: Math.max(this.t[i]!.decimals, this.t[afterLow + 1]!.decimals),
          ...(this.isW(i - 1, 'range', 'ranging') || this.isW(i - 2, 'range') ? { statistic: 'range' } : {}),
        });
        return pe2;
      }
    }
    if (pe < 0) return -1;
    // "(IC à 95 % : 3–9)", "CI 95%: 3-9": an interval's level after its label, with no estimate right before it.
    const label = this.isW(i - 1, 'à', 'a', 'al', 'de', 'del', 'do') ? i - 2 : i - 1;
    if (this.isW(label, 'ci', 'ic', 'ki', 'cri') && start === i) {
      const ci = this.readCI(label);
      if (ci) return ci.to;
    }
    if (this.ciWordLength(pe) > 0) {
      // "95% CI ..." with no estimate in front of it: claim it so its numbers are not read as statistics.
      const ci = this.readCI(i);
      return ci ? ci.to : pe + this.ciWordLength(pe);
    }
    const c: StatisticCandidate = {
      shape: 'percent', ...this.span(start, pe), percent: this.v(i), percentDecimals: this.t[i]!.decimals,
      parts: { percent: this.span(i, pe) },
    };
    if (cmp) c.comparator = cmp;
    if (approximate) c.approximate = true;
    const statistic = this.medianBefore(i);
    if (statistic) c.statistic = statistic;
    let k = pe;
    // "73%, i.e. 11 of 21 patients", "73% (i.e., 11/15)", "73%, that is 11 of 15": the count the percent restates.
    const restated = this.restatedCountAt(k);
    if (restated > 0) {
      this.takeCount(c, restated);
      return this.done(c, restated + 3);
    }
    // "73% of patients (11/15; @fry2018)": the count in parentheses after the noun belongs to the percent.
    if (this.isW(k, 'of')) {
      const ne = this.nounEnd(k + 1);
      if (ne > 0 && this.isP(ne, '(') && this.isNum(ne + 1) && this.isP(ne + 2, '/') && this.isNum(ne + 3) && this.t[ne + 3]!.decimals === 0 && this.v(ne + 3) >= this.v(ne + 1) && PAREN_GOES_ON.has(this.t[ne + 4]?.text ?? '')) {
        this.takeCount(c, ne + 1);
        return this.done(c, ne + 4);
      }
    }
    if ((this.isP(k, '(') || this.isP(k, '[')) && this.isNum(k + 1)) {
      const sep = this.isP(k + 2, '/') ? 1 : this.isW(k + 2, 'of') ? 1 : 0;
      if (sep && this.isNum(k + 3) && this.t[k + 3]!.decimals === 0 && PAREN_GOES_ON.has(this.t[k + 4]?.text ?? '') && !CLOSERS.has(this.t[k + 4]?.text ?? '')) {
        // "73% (11/15; Fry 2018)"
        this.takeCount(c, k + 1);
        return this.done(c, k + 4);
      }
      if (sep && this.isNum(k + 3) && this.t[k + 3]!.decimals === 0 && CLOSERS.has(this.t[k + 4]?.text ?? '')) {
        this.takeCount(c, k + 1);
        c.end = this.t[k + 4]!.end;
        return this.done(c, this.attachCI(c, k + 5));
      }
      // "83% (24/30 evaluable patients)", "80% (24/30 evaluable)": the count with words saying whose it is.
      if (sep && this.isNum(k + 3) && this.t[k + 3]!.decimals === 0 && this.v(k + 3) >= this.v(k + 1)) {
        let w = k + 4;
        while (w < k + 7 && this.t[w]?.kind === 'word') w++;
        if (w > k + 4 && CLOSERS.has(this.t[w]?.text ?? '')) {
          this.takeCount(c, k + 1);
          c.end = this.t[w]!.end;
          return this.done(c, w + 1);
        }
      }
    }
    // "(82%, 17/21)": a percent and its count in one pair of brackets.
    if ((this.isP(i - 1, '(') || this.isP(i - 1, '[')) && (this.isP(k, ',') || this.isP(k, ';')) && this.isNum(k + 1) && this.isP(k + 2, '/') && this.isNum(k + 3) && this.t[k + 3]!.decimals === 0 && this.v(k + 3) >= this.v(k + 1) && CLOSERS.has(this.t[k + 4]?.text ?? '')) {
      this.takeCount(c, k + 1);
      return this.done(c, k + 4);
    }
    if ((this.isP(k, '(') || this.isP(k, '[')) && this.isW(k + 1, 'n') && this.isP(k + 2, '=') && this.isNum(k + 3) && CLOSERS.has(this.t[k + 4]?.text ?? '')) {
      c.total = this.v(k + 3);
      c.parts!.total = this.span(k + 3, k + 4);
      c.end = this.t[k + 4]!.end;
      return this.done(c, k + 5);
    }
    const ciTo = this.attachCI(c, k, 1, c.percent);
    if (ciTo > k) return this.done(c, ciTo);
    // "70.5% of all 34 enrolled patients"
    if (this.isW(k, 'of')) {
      let m = k + 1;
      if (this.isW(m, 'all', 'the')) m++;
      if (this.isNum(m) && this.t[m]!.decimals === 0 && !this.isYear(m)) {
        // "i.e. 70.5% of all 34 [@pan2019]", "of all 34 enrolled": after "all" or "the", a number (or a number and a
        // participle) that ends the phrase is the whole too.
        const phraseEnds = (at: number) => !this.t[at] || (this.t[at]!.kind !== 'word' && this.t[at]!.kind !== 'num');
        const bare = m === k + 1 ? -1 : phraseEnds(m + 1) ? m + 1 : this.isW(m + 1, ...COHORT_PARTICIPLES) && phraseEnds(m + 2) ? m + 2 : -1;
        const ne = bare > 0 ? bare : this.nounEnd(m + 1);
        if (ne > 0) {
          c.total = this.v(m);
          c.parts!.total = this.span(m, m + 1);
          c.end = this.t[ne - 1]!.end;
          this.addTotal(m, c.total);
          return this.done(c, ne);
        }
      }
    }
    // "80% CR or CRi among the 30 evaluable", "73% in the fifteen patients at the higher doses": the group named with
    // its size after the percent, past a few words for the endpoint, is its whole.
    return this.done(c, this.takeGroupWhole(c, k));
  }

  /** The group's whole after a percent ending at k (see groupWholeAfter) given to it; where the statistic ends. */
  private takeGroupWhole(c: StatisticCandidate, k: number): number {
    const among = this.groupWholeAfter(k);
    if (!among) return k;
    c.total = among.value;
    c.parts!.total = this.span(among.from, among.end);
    c.end = this.t[among.next - 1]!.end;
    this.addTotal(among.from, c.total);
    return among.next;
  }

  /**
   * After a percent at k: up to four words, "among", "amongst" or "in", "the" or "all", a whole in digits or words, and
   * a word for the group ("evaluable", "bridged") or a noun for patients. Undefined otherwise.
   */
  private groupWholeAfter(k: number): { value: number; from: number; end: number; next: number } | undefined {
    let m = k;
    while (m < k + 4 && this.t[m]?.kind === 'word' && !this.isW(m, 'among', 'amongst', 'in')) m++;
    // (Only an endpoint's words between: "80% CR or CRi among ...", not "73% of those who relapsed in the 21 ...".)
    if (m > k && !GROUP_WHOLE_LEAD.test(this.input.text.slice(this.t[k]!.start, this.t[m - 1]!.end))) return undefined;
    if (!this.isW(m, 'among', 'amongst', 'in') || !this.isW(m + 1, 'the', 'all')) return undefined;
    const whole = this.wholeAt(m + 2);
    if (!whole) return undefined;
    const next = this.isW(whole.end, ...COHORT_PARTICIPLES) ? whole.end + 1 : this.nounEnd(whole.end);
    return next > 0 ? { ...whole, next } : undefined;
  }

  private done(c: StatisticCandidate, next: number): number {
    this.emit(c);
    return next;
  }

  private tryRange(i: number): number {
    const joiner = this.isDash(i + 1) || this.isW(i + 1, 'to') || (this.isW(i + 1, 'and') && this.isW(i - 1, 'between'));
    if (!joiner || !this.isNum(i + 2) || this.excluded(i + 2)) return -1;
    const unit = this.durationUnit(i + 3);
    const aged = this.isW(i - 1, 'aged', 'ages', 'age', 'ranging') || (this.isW(i - 2, 'age', 'ages') && this.isW(i - 1, 'range', 'from'));
    const range = this.isW(i - 1, 'range', 'iqr') || this.isW(i - 2, 'range', 'iqr');
    const iqr = this.isW(i - 1, 'iqr') || this.isW(i - 2, 'iqr');
    let end: number;
    let resolvedUnit: string | undefined;
    if (unit) {
      end = i + 4;
      resolvedUnit = unit;
    } else if (aged) {
      end = i + 3;
      resolvedUnit = 'years';
    } else if (range) {
      end = i + 3;
    } else {
      return -1;
    }
    const c: StatisticCandidate = { shape: 'range', ...this.span(i, end), low: this.v(i), high: this.v(i + 2) };
    if (resolvedUnit) c.unit = resolvedUnit;
    const statistic = this.medianBefore(i);
    if (iqr) c.statistic = 'iqr';
    else if (statistic) c.statistic = statistic;
    else if (range) c.statistic = 'range';
    return this.done(c, end);
  }

  /** "19 patients sur 58": a patient noun, then "sur" (or "von", "de", "su") and a whole no smaller than the count. */
  private foreignWholeAfterNoun(numEnd: number, count: number): { value: number; from: number; end: number } | undefined {
    if (!this.isW(numEnd, ...PATIENT_NOUNS_ABROAD) || !this.isW(numEnd + 1, 'sur', 'von', 'de', 'su', 'van') || !this.isNum(numEnd + 2) || this.isYear(numEnd + 2)) return undefined;
    const tk = this.t[numEnd + 2]!;
    if (tk.decimals > 0 || this.v(numEnd + 2) < count) return undefined;
    return { value: this.v(numEnd + 2), from: numEnd + 2, end: numEnd + 3 };
  }

  /** "11/15", "16 of 21 patients", "6 out of 6", "3 of them", "17 who", each optionally followed by "(73%)". */
  private tryCount(i: number, count: number, numEnd: number): number {
    if (!Number.isInteger(count)) return -1;
    let end: number;
    let total: number | undefined;
    let totalTok = -1;
    let totalEnd = -1;
    let word: { value: number; from: number; end: number } | undefined;
    let rate = false;
    if (this.isP(numEnd, '/') && this.isNum(numEnd + 1) && this.t[i]!.kind === 'num') {
      if (this.isP(numEnd + 2, '/') && this.isNum(numEnd + 3)) return numEnd + 4; // a date 3/4/2020
      if (this.t[numEnd + 1]!.decimals > 0 || this.v(numEnd + 1) < count || this.excluded(numEnd + 1)) return -1;
      totalTok = numEnd + 1;
      end = numEnd + 2;
    } else if (this.isW(numEnd, 'of') && this.isNum(numEnd + 1) && !this.isYear(numEnd + 1)) {
      // "17 of 15 patients" is still a count: a part larger than its whole is the arithmetic check's to report.
      if (this.t[numEnd + 1]!.decimals > 0) return -1;
      totalTok = numEnd + 1;
      end = numEnd + 2;
    } else if (this.isW(numEnd, ...FOREIGN_OF) && this.isNum(numEnd + 1) && !this.isYear(numEnd + 1) && this.t[numEnd + 1]!.decimals === 0 && this.v(numEnd + 1) >= count) {
      // "16 des 21 patients", "16 von 21 Patienten", "16 de 21 pacientes", "16 su 21 pazienti".
      totalTok = numEnd + 1;
      end = numEnd + 2;
    } else if ((word = this.foreignWholeAfterNoun(numEnd, count))) {
      // "19 patients sur 58", "19 Patienten von 58": the noun before the whole.
      totalTok = word.from;
      end = word.end;
    } else if (this.isW(numEnd, 'from') && this.isNum(numEnd + 1) && !this.isYear(numEnd + 1) && this.v(numEnd + 1) >= count && this.t[numEnd + 1]!.decimals === 0 && !this.isW(numEnd + 2, 'to') && !['-', '–', '—'].some((dash) => this.isP(numEnd + 2, dash))) {
      // "11 from 15 patients achieved CR" (how many writers say "11 of 15"); "from 10 to 20" is a change, not a count.
      totalTok = numEnd + 1;
      end = numEnd + 2;
    } else if (this.isW(numEnd, 'of') && this.isW(numEnd + 1, ...OF_DETERMINERS) && this.isNum(numEnd + 2) && !this.isYear(numEnd + 2)) {
      // "11 of the 15 patients", "Seventeen of the 21 patients"
      if (this.t[numEnd + 2]!.decimals > 0) return -1;
      totalTok = numEnd + 2;
      end = numEnd + 3;
    } else if (this.isW(numEnd, 'of') && count >= 2 && (word = this.numberWordAt(numEnd + (this.isW(numEnd + 1, ...OF_DETERMINERS) ? 2 : 1)))) {
      // "Twelve of fifteen patients", "three of the seven": the whole in words as well.
      if (word.value < count) return -1;
      totalTok = word.from;
      total = word.value;
      totalEnd = word.end;
      end = word.end;
    } else if (this.isW(numEnd, 'in') && count >= 1 && (word = this.wholeAt(numEnd + 1)) && word.value > count && (word.value <= 20 || word.value === 100)) {
      // "one in three", "nearly four in five patients", "about 6 in 100 people": a rate in round terms, not a cohort
      // of that size.
      rate = true;
      totalTok = word.from;
      total = word.value;
      totalEnd = word.end;
      end = word.end;
    } else if (this.isW(numEnd, 'out') && this.isW(numEnd + 1, 'of') && this.isNum(numEnd + 2)) {
      totalTok = numEnd + 2;
      end = numEnd + 3;
    } else if (this.isW(numEnd, 'out') && this.isW(numEnd + 1, 'of') && (word = this.numberWordAt(numEnd + 2)) && word.value >= count) {
      // "Four out of five evaluable patients"
      totalTok = word.from;
      total = word.value;
      totalEnd = word.end;
      end = word.end;
    } else if (this.isW(numEnd, 'of', 'from') && this.isW(numEnd + 1, 'whom', 'them', 'these', 'those')) {
      end = numEnd + 2;
      total = this.pronounWhole(i, count, end);
    } else if (this.isW(numEnd, 'who') && this.t[i]!.kind === 'num' && !this.isW(i - 1, 'the', 'these', 'those', 'all', 'our')) {
      // ("the 30 who could be evaluated" names a group, not a count of it.)
      end = numEnd;
      total = this.statedTotal(i, count);
      if (total === undefined) return -1;
      const c: StatisticCandidate = { shape: 'count', ...this.span(i, numEnd), count, total, parts: { count: this.span(i, numEnd) } };
      return this.done(c, numEnd);
    } else {
      return -1;
    }
    if (totalTok >= 0 && totalEnd < 0) {
      total = this.v(totalTok);
      totalEnd = totalTok + 1;
    }
    const c: StatisticCandidate = { shape: 'count', ...this.span(i, end), count, parts: { count: this.span(i, numEnd) } };
    if (total !== undefined) c.total = total;
    if (rate) c.approximate = true;
    if (totalTok >= 0) {
      c.parts!.total = this.span(totalTok, totalEnd);
      this.addTotal(totalTok, total!);
    }
    const ne = this.nounEnd(end);
    if (rate) {
      // A rate is a percent as round as its terms: "9 in 10" is 90%, give or take half a tenth.
      const percent = Math.round((1000 * count) / total!) / 10;
      const r: StatisticCandidate = {
        shape: 'percent', ...this.span(i, ne > 0 ? ne : end), percent, percentDecimals: Number.isInteger(percent) ? 0 : 1,
        approximate: true, ratePer: total, parts: { percent: this.span(i, totalEnd) },
      };
      return this.done(r, ne > 0 ? ne : end);
    }
    if (ne > 0) {
      end = ne;
      c.unit = 'patients';
      c.noun = this.t[ne - 1]!.lower;
      // "24 des 34 patients évaluables (80 %)": French and Spanish say who they are after the noun.
      if (this.isW(ne, ...POSTPOSED_GROUP_WORDS) && this.isP(ne + 1, '(')) end = ne + 1;
      c.end = this.t[end - 1]!.end;
      // "9 of the 16 patients with CRS (56%) had grade 1": a few words saying who they are, then the count's percent
      // (only one that fits it: "16 patients in B-ALL (61%)" may be another number).
      if (total !== undefined && total > 0 && this.isW(ne, 'with', 'in')) {
        let k = ne + 1;
        while (k < ne + 4 && this.t[k]?.kind === 'word') k++;
        const pe = k > ne + 1 && this.isP(k, '(') && this.isNum(k + 1) ? this.percentEnd(k + 1) : -1;
        if (pe > 0 && this.isP(pe, ')') && fitsPercent(count, total, { value: this.v(k + 1), decimals: this.t[k + 1]!.decimals })) {
          this.takePercent(c, k + 1, pe);
          c.end = this.t[pe]!.end;
          return this.done(c, pe + 1);
        }
      }
    }
    // "(17/21, 82%)": a count and its percent in one pair of brackets.
    if (ne < 0 && total !== undefined && (this.isP(i - 1, '(') || this.isP(i - 1, '[')) && (this.isP(end, ',') || this.isP(end, ';')) && this.isNum(end + 1)) {
      const pe = this.percentEnd(end + 1);
      if (pe > 0 && CLOSERS.has(this.t[pe]?.text ?? '')) {
        this.takePercent(c, end + 1, pe);
        return this.done(c, pe);
      }
    }
    // "12 of 21 overall (57%)", "16 of 21 in total (76%)": a word saying the count is of everyone, then its percent.
    if (ne < 0 && total !== undefined) {
      const past = this.isW(end, 'overall', 'altogether', 'combined') ? end + 1 : this.isW(end, 'in') && this.isW(end + 1, 'total', 'all') ? end + 2 : end;
      if (past > end && this.isP(past, '(')) {
        const after = this.percentInParens(c, past);
        if (after > past) return this.done(c, after);
      }
    }
    // "24/30 evaluable (80%)": a word for who the whole is, then the count's percent.
    if (ne < 0 && total !== undefined && this.t[end]?.kind === 'word' && WHOLE_ADJECTIVES.has(this.t[end]!.lower) && this.isP(end + 1, '(')) {
      const after = this.percentInParens(c, end + 1);
      if (after > end + 1) return this.done(c, after);
    }
    return this.done(c, this.percentInParens(c, end));
  }

  /**
   * "(73%)" after a count: makes it a count-percent. After a count with its whole, "(73.3)" is one too, as tables and
   * "n/N (%)" styles write it, when the number could only be the percent: given to a decimal, or an integer near what
   * the count gives (a marker such as "(3)" is not).
   */
  /** The percent `c` with the count "n/N" (or "n of N") written at token `at`: one statistic, ending at N. */
  private takeCount(c: StatisticCandidate, at: number): void {
    c.shape = 'count-percent';
    c.count = this.v(at);
    c.total = this.v(at + 2);
    c.parts!.count = this.span(at, at + 1);
    c.parts!.total = this.span(at + 2, at + 3);
    c.end = this.t[at + 2]!.end;
    this.addTotal(at + 2, c.total);
  }

  private percentInParens(c: StatisticCandidate, at: number): number {
    if (!this.isP(at, '(') || !this.isNum(at + 1)) return at;
    let pe = this.percentEnd(at + 1);
    if (pe < 0 && c.total !== undefined && c.total > 0 && this.isP(at + 2, ')')) {
      // "16 of 21 patients (0.76)": the count's share written as a proportion, which is its percent.
      if (this.isBareProportion(at + 1, c.count! / c.total)) {
        this.takePercent(c, at + 1, at + 2);
        c.percent = Math.round(this.v(at + 1) * 100 * 1e6) / 1e6;
        c.percentDecimals = Math.max(0, this.t[at + 1]!.decimals - 2);
        c.end = this.t[at + 2]!.end;
        return at + 3;
      }
      if (this.isBarePercent(at + 1, (100 * c.count!) / c.total)) pe = at + 2;
    }
    if (pe < 0 || !this.isP(pe, ')')) return at;
    this.takePercent(c, at + 1, pe);
    c.end = this.t[pe]!.end;
    return pe + 1;
  }

  /** The count `c` with the percent written from token `at` to `pe`: one statistic, ending at the percent. */
  private takePercent(c: StatisticCandidate, at: number, pe: number): void {
    c.shape = 'count-percent';
    c.percent = this.v(at);
    c.percentDecimals = this.t[at]!.decimals;
    c.parts = { ...c.parts, percent: this.span(at, pe) };
    c.end = this.t[pe - 1]!.end;
  }

  /** "0.76" for 16/21: a proportion of two decimals or more, near the count's share (as a bare percent must be). */
  private isBareProportion(i: number, share: number): boolean {
    const value = this.v(i);
    return value > 0 && value <= 1 && this.t[i]!.decimals >= 2 && Math.abs(value - share) * 100 <= BARE_PERCENT_REACH;
  }

  private isBarePercent(i: number, exact: number): boolean {
    const value = this.v(i);
    if (value < 0 || value > 100) return false;
    return this.t[i]!.decimals > 0 || Math.abs(value - exact) <= BARE_PERCENT_REACH;
  }

  private tryBareCountPercent(i: number, count: number, numEnd: number): number {
    if (!Number.isInteger(count) || !this.isP(numEnd, '(')) return -1;
    const c: StatisticCandidate = { shape: 'count', ...this.span(i, numEnd), count, parts: { count: this.span(i, numEnd) } };
    let after = this.percentInParens(c, numEnd);
    if (after === numEnd) return -1;
    // "51 (87.9%) of 58 patients", "16 (76%) of the 21 patients", "sixteen (76%) of the twenty-one patients"
    const whole = this.isW(after, 'of') ? this.wholeAt(after + (this.isW(after + 1, ...OF_DETERMINERS) ? 2 : 1)) : undefined;
    if (whole && whole.value >= count) {
      c.total = whole.value;
      c.parts = { ...c.parts, total: this.span(whole.from, whole.end) };
      this.addTotal(whole.from, c.total);
      const ne = this.nounEnd(whole.end);
      after = ne > 0 ? ne : whole.end;
      c.end = this.t[after - 1]!.end;
      if (ne > 0) {
        c.unit = 'patients';
        c.noun = this.t[ne - 1]!.lower;
      }
      return this.done(c, after);
    }
    const total = this.statedTotal(i, count, percentOf(c));
    if (total !== undefined) c.total = total;
    return this.done(c, after);
  }

  /** A whole written in digits or in words at i ("21", "twenty-one"). */
  private wholeAt(i: number): { value: number; from: number; end: number } | undefined {
    if (this.isNum(i)) return this.t[i]!.decimals === 0 && !this.isYear(i) ? { value: this.v(i), from: i, end: i + 1 } : undefined;
    return this.numberWordAt(i);
  }

  private tryProportion(i: number): number {
    const value = this.v(i);
    if (!(value > 0 && value <= 1) || this.t[i]!.decimals === 0) return -1;
    const ci = this.readCI(i + 1);
    // Without its interval, a proportion says whose share it is: "0.75 of all 34 enrolled", "0.76 of patients".
    if (!ci && this.t[i]!.decimals >= 2 && this.isW(i + 1, 'of')) {
      const at = i + 2 + (this.isW(i + 2, ...OF_DETERMINERS) ? 1 : 0);
      const whole = this.wholeAt(at);
      if (whole || this.nounEnd(at) === at + 1) {
        const c: StatisticCandidate = {
          shape: 'proportion', ...this.span(i, i + 1), percent: Math.round(value * 100 * 1e6) / 1e6,
          percentDecimals: Math.max(0, this.t[i]!.decimals - 2), value, valueDecimals: this.t[i]!.decimals, parts: { value: this.span(i, i + 1) },
        };
        if (whole) {
          c.total = whole.value;
          this.addTotal(whole.from, whole.value);
        }
        return this.done(c, i + 1);
      }
    }
    // "0.73 (11/15)", "0.73 (11 of 15)": a proportion with the count it is the share of, as a percent would be.
    const k = i + 1;
    if (!ci && this.t[i]!.decimals >= 2 && this.isP(k, '(') && this.isNum(k + 1) && (this.isP(k + 2, '/') || this.isW(k + 2, 'of')) && this.isNum(k + 3)
      && this.t[k + 1]!.decimals === 0 && this.t[k + 3]!.decimals === 0 && this.v(k + 3) > 0 && this.v(k + 3) >= this.v(k + 1) && CLOSERS.has(this.t[k + 4]?.text ?? '')) {
      const c: StatisticCandidate = {
        shape: 'percent', ...this.span(i, i + 1), percent: Math.round(value * 100 * 1e6) / 1e6,
        percentDecimals: Math.max(0, this.t[i]!.decimals - 2), parts: { percent: this.span(i, i + 1) },
      };
      this.takeCount(c, k + 1);
      c.end = this.t[k + 4]!.end;
      return this.done(c, k + 5);
    }
    if (!ci || ci.low > 1 || ci.high > 1) return -1;
    const decimals = this.t[i]!.decimals;
    const c: StatisticCandidate = {
      shape: 'proportion', ...this.span(i, i + 1), percent: Math.round(value * 100 * 1e6) / 1e6,
      percentDecimals: Math.max(0, decimals - 2), value, valueDecimals: decimals, parts: { value: this.span(i, i + 1) },
    };
    return this.done(c, this.attachCI(c, i + 1, 100));
  }

  private tryDuration(i: number): number {
    // "1-year", "6-month": a time point qualifying something else.
    if (this.isDash(i + 1) && this.glued(i + 1) && this.glued(i + 2) && this.t[i]!.decimals === 0) {
      const unit = this.durationUnit(i + 2);
      if (unit && this.t[i + 2]!.lower !== unit) {
        return this.done({ shape: 'duration', ...this.span(i, i + 3), value: this.v(i), valueDecimals: 0, unit, label: 'timepoint', parts: { value: this.span(i, i + 1) } }, i + 3);
      }
      return -1;
    }
    const unit = this.durationUnit(i + 1);
    if (!unit) return -1;
    if (this.isP(i - 1, '/')) return i + 2; // "$29.99 / 30 days": a billing period
    const c: StatisticCandidate = {
      shape: 'duration', ...this.span(i, i + 2), value: this.v(i), valueDecimals: this.t[i]!.decimals, unit,
      parts: { value: this.span(i, i + 1) },
    };
    const { cmp, approximate } = this.comparatorBefore(i);
    if (cmp) c.comparator = cmp;
    if (approximate) c.approximate = true;
    const statistic = this.medianBefore(i);
    if (statistic) c.statistic = statistic;
    return this.done(c, i + 2);
  }

  /** "at 6, 6.6, and 14 months": each number takes the unit written after the last. */
  private tryNumberList(i: number): number {
    const nums = [i];
    let m = i;
    for (let k = 0; k < 8; k++) {
      let j = m + 1;
      if (this.isP(j, ',')) j++;
      if (this.isW(j, 'and', 'or')) j++;
      if (j === m + 1 || !this.isNum(j) || this.excluded(j)) break;
      nums.push(j);
      m = j;
    }
    if (nums.length < 2) return -1;
    const unit = this.durationUnit(m + 1);
    if (!unit) return this.sampleSizeList(nums);
    const statistic = this.medianBefore(i);
    for (const k of nums) {
      const c: StatisticCandidate = {
        shape: 'duration', ...this.span(k, k === m ? m + 2 : k + 1), value: this.v(k), valueDecimals: this.t[k]!.decimals,
        unit, parts: { value: this.span(k, k + 1) },
      };
      if (statistic) c.statistic = statistic;
      this.emit(c);
    }
    return m + 2;
  }

  /**
   * "nine and seven patients", "nine, seven or five children": this number counts the noun after the last (which is
   * read in its own turn), not a number of its own with the others in its text.
   */
  private tryWordNumberList(i: number, value: number, numEnd: number): number {
    let j = numEnd;
    if (this.isP(j, ',')) j++;
    if (this.isW(j, 'and', 'or')) j++;
    if (j === numEnd) return -1;
    let last = this.numberWordAt(j);
    while (last) {
      let k = last.end;
      if (this.isP(k, ',')) k++;
      if (this.isW(k, 'and', 'or')) k++;
      const next = k > last.end ? this.numberWordAt(k) : undefined;
      if (!next) break;
      last = next;
    }
    const ne = last ? this.nounEnd(last.end) : -1;
    if (ne < 0) return -1;
    this.emit({ shape: 'sample-size', ...this.span(i, numEnd), value, valueDecimals: 0, unit: 'patients', noun: this.t[ne - 1]!.lower, parts: { value: this.span(i, numEnd) } });
    this.addTotal(i, value);
    return numEnd;
  }

  /** "21 and 34 patients", "12, 15 or 18 children": a sample size for each number (whole numbers only). */
  private sampleSizeList(nums: number[]): number {
    const last = nums[nums.length - 1]!;
    const ne = this.nounEnd(last + 1);
    if (ne < 0 || nums.some((k) => this.t[k]!.decimals > 0)) return -1;
    for (const k of nums) {
      const value = this.v(k);
      this.emit({
        shape: 'sample-size', ...this.span(k, k === last ? ne : k + 1), value, valueDecimals: 0, unit: 'patients', noun: this.t[ne - 1]!.lower,
        parts: { value: this.span(k, k + 1) },
      });
      this.addTotal(k, value);
    }
    return ne;
  }

  /** "21 patients", "nine patients", "34 relapsed/refractory B-ALL patients", optionally "(85%)" after. */
  private trySampleSize(i: number, value: number, numEnd: number): number {
    if (!Number.isInteger(value)) return -1;
    const ne = this.nounEnd(numEnd);
    if (ne < 0) return -1;
    const { cmp, start, approximate } = this.comparatorBefore(i);
    const c: StatisticCandidate = {
      shape: 'sample-size', ...this.span(start, ne), value, valueDecimals: 0, unit: 'patients', noun: this.t[ne - 1]!.lower,
      parts: { value: this.span(i, numEnd) },
    };
    if (cmp) c.comparator = cmp;
    if (approximate) c.approximate = true;
    const after = this.percentInParens(c, ne);
    if (after > ne) {
      c.count = value;
      c.parts = { ...c.parts, count: this.span(i, numEnd) };
      const total = this.statedTotal(i, value, percentOf(c));
      if (total !== undefined) c.total = total;
      delete c.value;
      delete c.valueDecimals;
      delete c.parts.value;
      return this.done(c, after);
    }
    this.addTotal(i, value);
    return this.done(c, ne);
  }

  /** "grade 2 CRS in seven.", "gr 1: 9 · gr 2: 7": a count whose noun is implied by the sentence. */
  private tryImpliedCount(i: number, value: number, numEnd: number): number {
    if (!Number.isInteger(value) || !(this.isW(i - 1, 'in') || (this.isP(i - 1, ':') && this.gradeEndsAt(i - 2)))) return -1;
    if (this.t[i]!.kind === 'num' && (this.isYear(i) || value > 10000)) return -1;
    const next = this.t[numEnd];
    const clauseEnd = !next || this.blocked(numEnd) || (next.kind === 'punct' && '.,;)·'.includes(next.text)) || this.isW(numEnd, 'and', 'but');
    if (!clauseEnd) return -1;
    let mentioned = false;
    for (let k = i - 2; k >= Math.max(0, i - 40); k--) {
      const tk = this.t[k]!;
      if (tk.kind === 'word' && POPULATION_NOUNS.has(tk.lower)) {
        mentioned = true;
        break;
      }
    }
    // "Grade 1 CRS occurred in 14 and grade 2 in 9 of the 21 patients", "grade 1 in 10, grade 2 in 7, total 16 of 21":
    // the cohort named or counted later in the sentence.
    if (!mentioned && (this.isW(numEnd, 'and') || this.isP(numEnd, ','))) {
      const sentence = this.sentence(i);
      for (let k = numEnd + 1; k < Math.min(this.t.length, numEnd + 16) && this.sentence(k) === sentence; k++) {
        const tk = this.t[k]!;
        const counted = tk.kind === 'num' && (this.isW(k + 1, 'of') || this.isP(k + 1, '/')) && this.isNum(k + 2) && this.v(k + 2) >= value;
        if ((tk.kind === 'word' && POPULATION_NOUNS.has(tk.lower)) || counted) {
          mentioned = true;
          break;
        }
      }
    }
    // "CRS in 16/21 (76%), grade 1 in 9": a cohort counted just before says the same.
    if (!mentioned && this.statedTotal(i, value) === undefined) return -1;
    return this.done({ shape: 'sample-size', ...this.span(i, numEnd), value, valueDecimals: 0, unit: 'patients', parts: { value: this.span(i, numEnd) } }, numEnd);
  }

  private tryDose(i: number): number {
    const mantissa = this.v(i);
    let exponent: number;
    let expEnd: number;
    const next = this.t[i + 1];
    const flattened = (tk: Token | undefined) =>
      tk && tk.kind === 'num' && tk.decimals === 0 && tk.text.length >= 3 && tk.text.length <= 4 && tk.text.startsWith('10');
    let mant = mantissa;
    if (next && (next.text === '×' || next.text === '*' || next.text === '·' || next.lower === 'x')) {
      if (this.isNum(i + 2) && this.t[i + 2]!.text === '10' && this.isP(i + 3, '^') && this.isNum(i + 4)) {
        exponent = this.v(i + 4);
        expEnd = i + 5;
      } else if (flattened(this.t[i + 2])) {
        exponent = Number(this.t[i + 2]!.text.slice(2));
        expEnd = i + 3;
      } else {
        return -1;
      }
    } else if (next && next.kind === 'word' && !next.spaced && /^x10\d{0,2}$/.test(next.lower)) {
      if (next.lower === 'x10' && this.isP(i + 2, '^') && this.isNum(i + 3)) {
        exponent = this.v(i + 3);
        expEnd = i + 4;
      } else if (next.lower.length > 3) {
        exponent = Number(next.lower.slice(3));
        expEnd = i + 2;
      } else {
        return -1;
      }
    } else if (next && next.kind === 'word' && !next.spaced && /^e\d{1,2}$/.test(next.lower)) {
      exponent = Number(next.lower.slice(1));
      if (mantissa === 10) mant = 1; // "10e6" is how people write 10^6
      expEnd = i + 2;
    } else if (this.t[i]!.text === '10' && this.isP(i + 1, '^') && this.isNum(i + 2)) {
      mant = 1;
      exponent = this.v(i + 2);
      expEnd = i + 3;
    } else if (this.isW(i + 1, 'million', 'billion')) {
      exponent = this.t[i + 1]!.lower === 'million' ? 6 : 9;
      expEnd = i + 2;
    } else {
      return -1;
    }
    if (!(exponent >= 1 && exponent <= 15) || !Number.isFinite(mant * Math.pow(10, exponent))) return -1;
    // Unit: "cells/kg", "CD22-CAR T cells per kg", "/kg", "per kilogram".
    let unit: string | undefined;
    let end = expEnd;
    let sawCells = false;
    const limit = Math.min(this.t.length, expEnd + 14);
    for (let k = expEnd; k < limit; k++) {
      const tk = this.t[k]!;
      if (tk.kind === 'punct' && (tk.text === '.' || tk.text === ';' || tk.text === ',')) break;
      if (tk.kind === 'num' && !this.blocked(k)) break;
      if (tk.kind === 'word' && (tk.lower === 'kg' || tk.lower === 'kilogram' || tk.lower === 'kilograms')) {
        unit = 'cells/kg';
        end = k + 1;
        break;
      }
      if (tk.kind === 'word' && (tk.lower === 'm2' || (tk.lower === 'm' && this.isP(k + 1, '^')))) {
        unit = 'cells/m2';
        end = tk.lower === 'm' ? Math.min(k + 3, this.t.length) : k + 1;
        break;
      }
      if (tk.kind === 'word' && (tk.lower === 'cells' || tk.lower === 'cell')) {
        sawCells = true;
        end = k + 1;
      }
    }
    if (!unit && sawCells) unit = 'cells';
    if (!unit && this.t[i + 1]?.kind === 'word' && (this.t[i + 1]!.lower === 'million' || this.t[i + 1]!.lower === 'billion')) return -1;
    const { cmp, start } = this.comparatorBefore(i);
    const c: StatisticCandidate = {
      shape: 'dose', ...this.span(start, end), value: mant * Math.pow(10, exponent), valueDecimals: this.t[i]!.decimals,
      parts: { value: this.span(i, expEnd) },
    };
    if (unit) c.unit = unit;
    if (cmp) c.comparator = cmp;
    return this.done(c, end);
  }

  private tryPValue(i: number): number {
    let m = i + 1;
    if (this.isDash(m) && this.glued(m) && this.isW(m + 1, 'value')) m += 2;
    else if (this.isW(m, 'value')) m++;
    if (this.isW(m, 'of', 'was', 'is')) m++;
    let cmp: Comparator | undefined;
    if (this.isP(m, '<') && this.isP(m + 1, '=')) {
      cmp = '<=';
      m += 2;
    } else if (this.isP(m, '>') && this.isP(m + 1, '=')) {
      cmp = '>=';
      m += 2;
    } else {
      const map: Record<string, Comparator> = { '=': '=', '<': '<', '>': '>', '≤': '<=', '≥': '>=', ':': '=' };
      const tk = this.t[m];
      if (tk?.kind === 'punct' && map[tk.text]) {
        cmp = map[tk.text];
        m++;
      } else if (m > i + 1 && this.isNum(m)) {
        cmp = '=';
      }
    }
    if (!cmp || !this.isNum(m)) return -1;
    const value = this.v(m);
    if (value > 1) return -1;
    return this.done(
      { shape: 'p-value', ...this.span(i, m + 1), value, valueDecimals: this.t[m]!.decimals, comparator: cmp, label: 'p', parts: { value: this.span(m, m + 1) } },
      m + 1,
    );
  }

  private tryRatio(i: number): number {
    const tk = this.t[i]!;
    let label: string | undefined;
    let m = i + 1;
    if (tk.text === 'HR' || tk.text === 'aHR' || tk.text === 'OR' || tk.text === 'aOR' || tk.text === 'RR' || tk.text === 'sHR') {
      label = tk.text.replace(/^[as]/, '');
    } else if (this.isW(i + 1, 'ratio')) {
      if (tk.lower === 'hazard') label = 'HR';
      else if (tk.lower === 'odds') label = 'OR';
      else if (tk.lower === 'risk') label = 'RR';
      m = i + 2;
    } else if (tk.lower === 'relative' && this.isW(i + 1, 'risk')) {
      label = 'RR';
      m = i + 2;
    }
    if (!label) return -1;
    if (this.isP(m, '(') && this.t[m + 1]?.kind === 'word' && this.isP(m + 2, ')')) m += 3;
    // "a hazard ratio for relapse of 0.48", "HR for death, 0.61": what the ratio is of, then its value.
    if (this.isW(m, 'for')) {
      let k = m + 1;
      while (k < m + 4 && this.t[k]?.kind === 'word' && !this.isW(k, 'of', 'was', 'is')) k++;
      if (k > m + 1 && (this.isW(k, 'of', 'was', 'is') || this.isP(k, '=') || this.isP(k, ':') || this.isP(k, ','))) m = k;
    }
    for (let k = 0; k < 2 && (this.isP(m, '=') || this.isP(m, ':') || this.isP(m, ',') || this.isW(m, 'of', 'was', 'is')); k++) m++;
    if (!this.isNum(m)) return -1;
    const c: StatisticCandidate = {
      shape: 'ratio', ...this.span(i, m + 1), value: this.v(m), valueDecimals: this.t[m]!.decimals, label,
      parts: { value: this.span(m, m + 1) },
    };
    return this.done(c, this.attachCI(c, m + 1, 1, c.value));
  }

  /** Whether token `k` ends a grade ("grade 1", "gr 1-2", "grade ≥3"): the word is at most four tokens back. */
  private gradeEndsAt(k: number): boolean {
    if (this.gradeValue(k) === undefined) return false;
    for (let j = k - 1; j >= Math.max(0, k - 4); j--) {
      const tk = this.t[j]!;
      if (tk.kind === 'word') return tk.lower === 'grade' || tk.lower === 'grades' || tk.lower === 'gr';
      if (tk.kind !== 'num' && !this.isDash(j) && !'≥>'.includes(tk.text)) return false;
    }
    return false;
  }

  private gradeValue(i: number): number | undefined {
    const tk = this.t[i];
    if (!tk) return undefined;
    if (tk.kind === 'num' && this.input.blocked[tk.start] !== 1 && tk.decimals === 0 && tk.value <= 5) return tk.value;
    if (tk.kind === 'word' && ROMAN[tk.text] !== undefined) return ROMAN[tk.text];
    return undefined;
  }

  /** "grade ≥3", "grade 1-2", "grades 3 or higher", "≥ grade 3", "grade 3+". */
  private tryGrade(i: number): number {
    let { cmp, start } = this.comparatorBefore(i);
    let m = i + 1;
    const symbol: Record<string, Comparator> = { '≥': '>=', '≤': '<=', '>': '>', '<': '<' };
    const tk = this.t[m];
    if (tk?.kind === 'punct' && symbol[tk.text]) {
      cmp = symbol[tk.text];
      m++;
      if (this.isP(m, '=')) {
        cmp = cmp === '>' ? '>=' : cmp === '<' ? '<=' : cmp;
        m++;
      }
    }
    const low = this.gradeValue(m);
    if (low === undefined) return -1;
    let end = m + 1;
    let high: number | undefined;
    if ((this.isDash(end) || this.isW(end, 'to', 'or', 'and')) && this.gradeValue(end + 1) !== undefined) {
      high = this.gradeValue(end + 1);
      end += 2;
    } else if (this.isW(end, 'or') && this.isW(end + 1, 'higher', 'above', 'greater', 'more', 'worse')) {
      cmp = '>=';
      end += 2;
    } else if (this.isP(end, '+') && this.glued(end)) {
      cmp = '>=';
      end += 1;
    }
    let label = 'grade';
    const after = this.t[end];
    if (after?.kind === 'word' && TOXICITIES[after.lower]) label = TOXICITIES[after.lower]!;
    else {
      for (let k = i - 1; k >= Math.max(0, i - 6); k--) {
        const w = this.t[k]!;
        if (w.kind === 'word' && TOXICITIES[w.lower]) {
          label = TOXICITIES[w.lower]!;
          break;
        }
      }
    }
    const c: StatisticCandidate = { shape: 'grade', ...this.span(start, end), label, parts: { value: this.span(m, end) } };
    if (high !== undefined) {
      c.low = low;
      c.high = high;
    } else {
      c.value = low;
    }
    if (cmp) c.comparator = cmp;
    return this.done(c, end);
  }
}
