/**
 * Comparing a statistic as written with a fact's value: agreement, rounding, one-point drift, or a real difference.
 * Papers round half up, sometimes truncate (70.5% for 24/34), and secondary sources drift a point: only a real
 * difference may become a contradiction.
 */
import type { Fact } from '../dataset/model';
import type { StatisticEntity } from '../types';

export type Agreement =
  | { kind: 'agrees' }
  /** Agrees only after truncation or another rounding rule; `detail` says which. */
  | { kind: 'rounding'; detail: string }
  /** Within one point of the fact: the kind of drift copying between papers causes. */
  | { kind: 'drift'; detail: string }
  | { kind: 'differs'; detail: string }
  /** Not the same kind of number, or not the same denominator: nothing to compare. */
  | { kind: 'incomparable'; detail: string };

/** Which number of the statistic a check compares: what the quick fix replaces. */
export type ComparedPart = 'percent' | 'count' | 'value' | 'range' | 'ci';

export interface Comparison {
  agreement: Agreement;
  part?: ComparedPart;
  /** The dataset's number, written as the draft writes that part (same decimals), for the quick fix. */
  expected?: string;
}

const EPSILON = 1e-9;

export function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.floor(value * factor + 0.5 + EPSILON) / factor;
}

export function truncate(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.floor(value * factor + EPSILON) / factor;
}

export function formatNumber(value: number, decimals: number): string {
  return value.toFixed(Math.max(0, decimals));
}

/** The fact's percent: as printed when the paper printed one, else computed from count/total. */
export function factPercent(fact: Fact): number | undefined {
  if (fact.percent !== undefined) return fact.percent;
  if (fact.count !== undefined && fact.total !== undefined && fact.total > 0) return (fact.count / fact.total) * 100;
  return undefined;
}

function exactPercent(fact: Fact): number | undefined {
  if (fact.count !== undefined && fact.total !== undefined && fact.total > 0) return (fact.count / fact.total) * 100;
  return undefined;
}

/** Endpoints whose number is a cohort size rather than a count of events. */
const SIZE_ENDPOINTS = new Set(['patients-treated', 'patients-enrolled', 'patients-evaluable', 'sample-size']);

export function isSizeEndpoint(endpoint: string): boolean {
  return SIZE_ENDPOINTS.has(endpoint) || endpoint.startsWith('patients-');
}

/** Whether a statistic's shape is something the dataset can speak to at all. */
export function isCheckableShape(stat: StatisticEntity): boolean {
  if (stat.label === 'timepoint') return false;
  switch (stat.shape) {
    case 'percent':
    case 'proportion':
    case 'count':
    case 'count-percent':
    case 'sample-size':
    case 'range':
    case 'duration':
      return true;
    default:
      return false;
  }
}

/**
 * Compare a written percent (with its decimals) to a true value. Without `describe` the agreement's detail is left
 * empty (scoring reads only its kind; building the sentence for every candidate was a large part of linking).
 */
export function comparePercent(written: number, decimals: number, truth: number, printed?: number, describe = true): Agreement {
  if (Math.abs(written - truth) < EPSILON) return { kind: 'agrees' };
  if (printed !== undefined && Math.abs(written - printed) < EPSILON) return { kind: 'agrees' };
  if (Math.abs(roundHalfUp(truth, decimals) - written) < EPSILON) return { kind: 'agrees' };
  if (printed !== undefined && Math.abs(roundHalfUp(printed, decimals) - written) < EPSILON) return { kind: 'agrees' };
  if (Math.abs(truncate(truth, decimals) - written) < EPSILON) {
    return {
      kind: 'rounding',
      detail: describe ? `${formatNumber(written, decimals)}% is ${formatNumber(truth, 2)}% truncated; rounded half up it is ${formatNumber(roundHalfUp(truth, decimals), decimals)}%` : '',
    };
  }
  // Rounded up (ceiling) or rounded at fewer decimals than written.
  const factor = 10 ** decimals;
  if (Math.abs(Math.ceil(truth * factor - EPSILON) / factor - written) < EPSILON) {
    return {
      kind: 'rounding',
      detail: describe ? `${formatNumber(written, decimals)}% is ${formatNumber(truth, 2)}% rounded up; rounded half up it is ${formatNumber(roundHalfUp(truth, decimals), decimals)}%` : '',
    };
  }
  if (decimals > 0 && Math.abs(roundHalfUp(truth, 0) - written) < EPSILON) {
    return { kind: 'rounding', detail: describe ? `${formatNumber(written, decimals)}% is ${formatNumber(truth, 2)}% rounded to a whole number` : '' };
  }
  const diff = Math.abs(written - truth);
  const reference = printed ?? truth;
  if (diff <= 1 + 0.5 / factor + EPSILON || Math.abs(written - reference) <= 1 + EPSILON) {
    return { kind: 'drift', detail: describe ? `${formatNumber(written, decimals)}% is within one point of ${trimNumber(reference)}%` : '' };
  }
  return { kind: 'differs', detail: describe ? `${trimNumber(reference)}%` : '' };
}

const PATIENT_UNIT = /^(?:patients?|participants?|subjects?|children|adults|people)$/i;

/**
 * The number of patients a fact gives, which a bare count of patients is compared with: a cohort's size, else its
 * count ("Eleven CR patients were bridged to transplantation": a fact that counts patients as its value counts too).
 */
function sizeOf(fact: Fact): number | undefined {
  if (isSizeEndpoint(fact.endpoint)) return fact.total ?? fact.value ?? fact.count;
  return fact.count ?? (fact.unit !== undefined && PATIENT_UNIT.test(fact.unit) ? fact.value : undefined);
}

export function trimNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

/**
 * Compare a statistic with a fact. Order matters: denominators first (different denominators are different facts),
 * then counts, then percents, then single values. Without `describe`, only the agreement's kind and the part are
 * meant to be read: details are empty and `expected` is not written. A bound or a hedged number agrees when it is true
 * of the fact's number (looselyAgrees).
 */
export function compareStatisticToFact(stat: StatisticEntity, fact: Fact, describe = true): Comparison {
  const exact = compareExactly(stat, fact, describe);
  const kind = exact.agreement.kind;
  // A fact that is itself a bound ("up to 90%") is compared as written.
  if (kind === 'incomparable' || !isLoose(stat) || fact.comparator !== undefined) return exact;
  const numbers = comparedNumbers(stat, fact, exact.part);
  if (!numbers) return exact;
  const holds = looselyAgrees(stat, numbers.written, numbers.truth, exact.part === 'percent');
  if (holds) return kind === 'agrees' ? exact : { agreement: { kind: 'agrees' }, part: exact.part };
  // "More than 70%" of exactly 70%: the bound is the number, and it is not true of it.
  if (kind === 'agrees') return { agreement: { kind: 'differs', detail: describe ? `${trimNumber(numbers.truth)}${exact.part === 'percent' ? '%' : ''}` : '' }, part: exact.part };
  return exact;
}

/** A bound ("more than 70%") or a hedge ("about 75%"): the number is not claimed exactly. */
export function isLoose(stat: StatisticEntity): boolean {
  return stat.approximate === true || (stat.comparator !== undefined && stat.comparator !== '=');
}

/**
 * Whether a bound or hedged number is true of `truth`: "more than 70%" of 73%, "about 75%" of 73.3%. A hedge allows
 * what rounding to its own roundness allows (a multiple of ten, five points either side; of five, two and a half;
 * else one; for a percent, never more than a fifth of itself but at least one point), and for counts and durations a
 * tenth of the truth (a twentieth if not a multiple of five).
 */
export function looselyAgrees(stat: StatisticEntity, written: number, truth: number, percent: boolean): boolean {
  switch (stat.comparator) {
    case '>': return truth > written + EPSILON;
    case '>=': return truth >= written - EPSILON;
    case '<': return truth < written - EPSILON;
    case '<=': return truth <= written + EPSILON;
  }
  if (!stat.approximate) return false;
  // "9 in 10": half a step of its terms (5 points), "one in five" 10, "6 in 100" one.
  if (stat.ratePer !== undefined && percent) return Math.abs(written - truth) <= Math.max(1, 50 / stat.ratePer) + EPSILON;
  const round10 = Math.abs(written % 10) < EPSILON;
  const round5 = Math.abs(written % 5) < EPSILON;
  // (A small percent is hedged within a fifth of itself: "about 5%" is not 3%, nor "about 10%" 6%.)
  const tolerance = percent ? Math.max(1, Math.min(round10 ? 5 : round5 ? 2.5 : 1, written * 0.2)) : Math.max(1, truth * (round5 ? 0.1 : 0.05));
  return Math.abs(written - truth) <= tolerance + EPSILON;
}

/** The statistic's number and the fact's, for the part an exact comparison compared. */
function comparedNumbers(stat: StatisticEntity, fact: Fact, part: ComparedPart | undefined): { written: number; truth: number } | undefined {
  if (part === 'percent' && stat.percent !== undefined) {
    const truth = exactPercent(fact) ?? fact.percent;
    return truth === undefined ? undefined : { written: stat.percent, truth };
  }
  if (part === 'count' && stat.count !== undefined && fact.count !== undefined) return { written: stat.count, truth: fact.count };
  if (part === 'value' && stat.shape === 'sample-size') {
    const written = stat.value ?? stat.count;
    const truth = sizeOf(fact);
    return written === undefined || truth === undefined ? undefined : { written, truth };
  }
  if (part === 'value' && stat.shape === 'duration' && stat.value !== undefined && fact.value !== undefined && fact.unit) {
    // In the draft's unit: "about 6 months" of 180 days.
    const truthDays = toDays(fact.value, fact.unit);
    if (truthDays === undefined || toDays(stat.value, stat.unit ?? '') === undefined) return undefined;
    return { written: stat.value, truth: fromDays(truthDays, stat.unit ?? fact.unit) };
  }
  return undefined;
}

function compareExactly(stat: StatisticEntity, fact: Fact, describe: boolean): Comparison {
  if (!isCheckableShape(stat)) return { agreement: { kind: 'incomparable', detail: 'not a checked kind of number' } };

  if (stat.shape === 'range') return compareRange(stat, fact, describe);

  if (stat.shape === 'duration') {
    if (fact.value === undefined || !fact.unit) return { agreement: { kind: 'incomparable', detail: 'fact has no duration' } };
    const written = stat.value;
    if (written === undefined) return { agreement: { kind: 'incomparable', detail: 'no value' } };
    const factDays = toDays(fact.value, fact.unit);
    const statDays = toDays(written, stat.unit ?? '');
    if (factDays === undefined || statDays === undefined) return { agreement: { kind: 'incomparable', detail: 'not a duration' } };
    const sameUnit = normalizeUnit(fact.unit) === normalizeUnit(stat.unit ?? '');
    const expectedValue = sameUnit ? fact.value : fromDays(factDays, stat.unit ?? fact.unit);
    if (Math.abs(written - expectedValue) < EPSILON || (!sameUnit && Math.abs(statDays - factDays) / factDays < 0.05)) {
      return { agreement: { kind: 'agrees' }, part: 'value' };
    }
    return {
      agreement: { kind: 'differs', detail: describe ? `${trimNumber(fact.value)} ${fact.unit}` : '' },
      part: 'value',
      expected: describe && sameUnit ? trimNumber(fact.value) : undefined,
    };
  }

  // Different denominators are different facts (80% of 30 evaluable vs 70.5% of 34 enrolled).
  if (stat.total !== undefined && fact.total !== undefined && stat.total !== fact.total) {
    return { agreement: { kind: 'incomparable', detail: describe ? `denominator ${stat.total} vs ${fact.total}` : '' } };
  }

  if (stat.shape === 'sample-size') {
    const written = stat.value ?? stat.count;
    if (written === undefined) return { agreement: { kind: 'incomparable', detail: 'no value' } };
    const truth = sizeOf(fact);
    if (truth === undefined) return { agreement: { kind: 'incomparable', detail: 'fact has no count' } };
    if (written === truth) return { agreement: { kind: 'agrees' }, part: 'value' };
    // "Of the 21 patients, 17 ..." names the cohort an event was counted in: the fact's denominator, not its count.
    if (!isSizeEndpoint(fact.endpoint) && written === fact.total) return { agreement: { kind: 'agrees' }, part: 'value' };
    // "11/15 (73%; n = 21)": "n =" gives the size of the group an event was counted in, the fact's denominator.
    const expected = stat.noun === 'n' && !isSizeEndpoint(fact.endpoint) && fact.total !== undefined ? fact.total : truth;
    return {
      agreement: { kind: 'differs', detail: !describe ? '' : isSizeEndpoint(fact.endpoint) ? `${truth} patients` : `${truth} of ${fact.total ?? '?'}` },
      part: 'value',
      expected: describe ? String(expected) : undefined,
    };
  }

  if (stat.count !== undefined && stat.total !== undefined) {
    if (fact.count !== undefined && fact.total !== undefined) {
      if (stat.count !== fact.count) {
        return { agreement: { kind: 'differs', detail: describe ? `${fact.count} of ${fact.total}` : '' }, part: 'count', expected: describe ? String(fact.count) : undefined };
      }
      if (stat.percent === undefined) return { agreement: { kind: 'agrees' }, part: 'count' };
      // Count agrees: the percent's own arithmetic is the arithmetic check's business, not the dataset's.
      return { agreement: { kind: 'agrees' }, part: 'count' };
    }
  }

  // "Grade 2 CRS in 9 of the 21 patients" and the fact "grade 2 CRS occurred in seven patients" (its cohort unwritten):
  // the counts compare, as "grade 2 CRS in nine patients" would.
  if (stat.count !== undefined && fact.count !== undefined && fact.total === undefined && fact.percent === undefined) {
    if (stat.count === fact.count) return { agreement: { kind: 'agrees' }, part: 'count' };
    return { agreement: { kind: 'differs', detail: describe ? `${fact.count} patients` : '' }, part: 'count', expected: describe ? String(fact.count) : undefined };
  }

  // "seven were bridged to transplantation" (its whole unwritten) and the fact "11 patients were bridged": a count of
  // the group the fact gives the size of.
  if (stat.count !== undefined && stat.percent === undefined && !stat.parts?.total && fact.count === undefined && fact.total === undefined && fact.percent === undefined) {
    const truth = sizeOf(fact);
    // "Of the 11 bridged to transplantation, 8 ...": a count out of the group is a part of it, not its size.
    if (truth !== undefined && stat.total !== truth) {
      if (stat.count === truth) return { agreement: { kind: 'agrees' }, part: 'count' };
      return { agreement: { kind: 'differs', detail: describe ? `${truth} patients` : '' }, part: 'count', expected: describe ? String(truth) : undefined };
    }
  }

  if (stat.percent !== undefined) {
    const truth = exactPercent(fact) ?? fact.percent;
    if (truth === undefined) return { agreement: { kind: 'incomparable', detail: 'fact has no percent' } };
    const decimals = stat.percentDecimals ?? 0;
    const agreement = comparePercent(stat.percent, decimals, truth, fact.percent, describe);
    const ciAgreement = compareCi(stat, fact, describe);
    if ((agreement.kind === 'agrees' || agreement.kind === 'rounding') && ciAgreement) {
      return { agreement: ciAgreement, part: 'ci' };
    }
    if (!describe) return { agreement, part: 'percent' };
    // To the draft's decimals where the fact's count gives them ("75.0%" for 11/15 is corrected to 73.3%, not 73.0%);
    // a percent the work gives alone, as precise as the work gives it ("68%", not "68.0%").
    const exact = exactPercent(fact);
    if (exact !== undefined && decimals > decimalsOf(fact.percent ?? 0)) return { agreement, part: 'percent', expected: formatNumber(roundHalfUp(exact, decimals), decimals) };
    const printed = fact.percent ?? roundHalfUp(truth, decimals);
    return { agreement, part: 'percent', expected: formatNumber(printed, exact !== undefined || fact.percent === undefined ? Math.max(decimals, decimalsOf(printed)) : decimalsOf(printed)) };
  }

  return { agreement: { kind: 'incomparable', detail: 'nothing to compare' } };
}

function compareCi(stat: StatisticEntity, fact: Fact, describe: boolean): Agreement | undefined {
  if (!stat.ci || !fact.ci) return undefined;
  const [low, high] = fact.ci;
  // "95% CI 44-99" for 44.2-99.0: bounds rounded to the draft's own decimals are the work's.
  const reach = stat.ci.decimals === 0 ? 0.5 : 0.05;
  if (Math.abs(stat.ci.low - low) < reach + EPSILON && Math.abs(stat.ci.high - high) < reach + EPSILON) return undefined;
  return { kind: 'differs', detail: describe ? `95% CI ${trimNumber(low)}-${trimNumber(high)}` : '' };
}

function compareRange(stat: StatisticEntity, fact: Fact, describe: boolean): Comparison {
  if (stat.low === undefined || stat.high === undefined) return { agreement: { kind: 'incomparable', detail: 'no range' } };
  if (fact.low === undefined || fact.high === undefined) return { agreement: { kind: 'incomparable', detail: 'fact is not a range' } };
  if (Math.abs(stat.low - fact.low) < EPSILON && Math.abs(stat.high - fact.high) < EPSILON) {
    return { agreement: { kind: 'agrees' }, part: 'range' };
  }
  return {
    agreement: { kind: 'differs', detail: describe ? `${trimNumber(fact.low)}-${trimNumber(fact.high)}${fact.unit === '%' || fact.percent !== undefined ? '%' : ''}` : '' },
    part: 'range',
  };
}

/** Decimals a number is written with (71.6 -> 1). */
export function decimalsOf(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function normalizeUnit(unit: string): string {
  const u = unit.toLowerCase().trim();
  if (u.startsWith('day')) return 'days';
  if (u.startsWith('week') || u === 'wk' || u === 'wks') return 'weeks';
  if (u.startsWith('month') || u === 'mo') return 'months';
  if (u.startsWith('year') || u === 'yr' || u === 'yrs') return 'years';
  return u;
}

const DAYS_PER_UNIT: Record<string, number> = { days: 1, weeks: 7, months: 30.4375, years: 365.25 };

/** A length of time: a duration, or a range of days, weeks or months (a range of years is most often ages). */
export function isTime(stat: StatisticEntity): boolean {
  if (stat.unit === undefined || (stat.shape !== 'duration' && stat.shape !== 'range')) return false;
  const unit = normalizeUnit(stat.unit);
  return unit === 'days' || unit === 'weeks' || unit === 'months' || (unit === 'years' && stat.shape === 'duration');
}

function toDays(value: number, unit: string): number | undefined {
  const factor = DAYS_PER_UNIT[normalizeUnit(unit)];
  return factor === undefined ? undefined : value * factor;
}

function fromDays(days: number, unit: string): number {
  return days / (DAYS_PER_UNIT[normalizeUnit(unit)] ?? 1);
}
