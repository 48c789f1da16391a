/** How references and fact values are named in messages and hovers: one place, so they read the same everywhere. */
import type { Fact, Reference } from '../dataset/model';
import { decimalsOf, trimNumber } from '../link/compare';
import type { LinkContext } from '../link/datasetView';
import type { StatisticEntity } from '../types';
import { decodeEntity } from '../recognize/reading';
import { shortCitation } from '../dataset/names';

/** "Fry et al. 2018 (fry2018)". */
export function describeReference(ctx: LinkContext, key: string): string {
  const reference = ctx.dataset.references.get(key);
  return reference ? `${shortCitation(reference)} (${key})` : key;
}

/** An endpoint as a message names it: its label, lower-cased unless it begins with an abbreviation ("grade 1 CRS"). */
export function endpointName(ctx: LinkContext, id: string): string {
  const label = ctx.dataset.endpoints.get(id)?.label ?? id.replace(/-/g, ' ');
  return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

/**
 * Facts with what they measure and in whom: "grade 1 CRS: 9 patients (patients treated (21))". Facts of one endpoint in
 * a row name it once ("complete remission: 90% (B-ALL ...); 47% (NHL ...)"). `value` is how each value is written.
 */
export function describeFacts(ctx: LinkContext, facts: ReadonlyArray<{ fact: Fact; value?: string }>): string {
  return facts
    .map(({ fact, value }, i) => `${i > 0 && facts[i - 1]!.fact.endpoint === fact.endpoint ? '' : `${endpointName(ctx, fact.endpoint)}: `}${value ?? describeFactValue(fact)} (${fact.population})`)
    .join('; ');
}

/** "73% (11/15)", "9 of 21", "median 6 months", "71.6% (95% CI 44.2-99.0)", "70-90%". */
export function describeFactValue(fact: Fact): string {
  const ci = fact.ci ? ` (${fact.ciLevel ?? 95}% CI ${ciText(fact.ci[0], fact.ci[1])})` : '';
  if (fact.low !== undefined && fact.high !== undefined) return `${trimNumber(fact.low)}-${trimNumber(fact.high)}${fact.unit && fact.unit !== '%' ? ` ${fact.unit}` : '%'}`;
  if (fact.percent !== undefined && fact.count !== undefined && fact.total !== undefined) return `${trimNumber(fact.percent)}% (${fact.count}/${fact.total})${ci}`;
  if (fact.percent !== undefined) return `${trimNumber(fact.percent)}%${fact.total !== undefined ? ` of ${fact.total}` : ''}${ci}`;
  if (fact.count !== undefined && fact.total !== undefined) return `${fact.count} of ${fact.total}${ci}`;
  if (fact.value !== undefined) return `${fact.statistic ? `${fact.statistic} ` : ''}${valueText(fact.value)}${fact.unit ? ` ${unitFor(fact.value, fact.unit)}` : ''}${ci}`;
  if (fact.total !== undefined) return `${fact.total} patients`;
  if (fact.count !== undefined) return `${fact.count} patients`;
  return fact.quote;
}

/** An interval's bounds to the same decimals, as papers print them: "44.2-99.0", not "44.2-99". */
function ciText(low: number, high: number): string {
  const decimals = Math.max(decimalsOf(low), decimalsOf(high));
  return `${low.toFixed(decimals)}-${high.toFixed(decimals)}`;
}

/** A dose as a power of ten ("1 × 10^6"), other values as written. */
function valueText(value: number): string {
  if (value >= 100000) {
    const exponent = Math.floor(Math.log10(value));
    const mantissa = value / 10 ** exponent;
    if (Number.isInteger(Math.round(mantissa * 1e9) / 1e8)) return `${trimNumber(mantissa)} × 10^${exponent}`;
  }
  return trimNumber(value);
}

/** "1 transplant", "2 transplants": a unit in the plural only for other numbers than one. */
function unitFor(value: number, unit: string): string {
  return value === 1 && /[^s]s$/.test(unit) && !/\/|per /.test(unit) ? unit.slice(0, -1) : unit;
}

const BOUND_WORDS: Record<string, string> = { '>': 'more than', '>=': 'at least', '<': 'less than', '<=': 'at most' };

/** The statistic as the draft states it, with the bound or hedge its words put before it ("more than 70%"). */
/** Markdown emphasis marks against a number or word: "**", "_", not a spaced "*" (a product). */
const EMPHASIS = /(?<=\S)[*_]{1,3}|[*_]{1,3}(?=\S)/g;

export function describeWritten(stat: StatisticEntity): string {
  // A statistic wrapped over two lines is quoted on one; one cut at a semicolon inside its parentheses ("88% (95% CI
  // 83-92; I² = 64%)") is quoted with them closed.
  // Emphasis around part of it ("**76.1%** (95% CI ...)") is markup, not what the draft says.
  const written = readable(stat.text.trim()).replace(/\s*\n\s*/g, ' ').replace(EMPHASIS, '');
  const open = written.split('(').length - written.split(')').length;
  const text = open > 0 ? written + ')'.repeat(open) : written;
  // A symbol ("≥70%", "~20 patients") is part of the statistic's own text.
  if (!/^[\p{L}\d]/u.test(text)) return text;
  // A rate ("9 in 10") is as round as its words say: no "about" in front of it.
  // "grade ≥3", "grade 3 or higher" say their bound already.
  const saysBound = /[≥≤<>]|\bor (?:higher|more|above|greater)\b|\bat (?:least|most)\b|\b(?:more|less|fewer) than\b/i.test(text);
  const word = stat.comparator && stat.comparator !== '=' ? (saysBound ? undefined : BOUND_WORDS[stat.comparator]) : stat.approximate && stat.ratePer === undefined ? 'about' : undefined;
  // "Of the 11 patients, 9 remained": the count's whole is in the words before it.
  // "grade 2 in 9": a count whose noun is implied says what it counts.
  const whole = stat.shape === 'count' && stat.total !== undefined && /^[\p{L}\d]+$/u.test(text) ? ` of ${stat.total}` : stat.shape === 'sample-size' && stat.unit === 'patients' && /^[\p{L}\d-]+$/u.test(text) ? ' patients' : '';
  // A table cell's count and percent by its column's header ("n (%)" over "17 (85)").
  const counted = stat.shape === 'count-percent' && stat.count !== undefined && !text.includes('%') ? /^(\d+)\s*([([])\s*(\d+(?:\.\d+)?)\s*([)\]])$/.exec(text) : null;
  if (counted) return `${counted[1]} ${counted[2]}${counted[3]}%${counted[4]}`;
  // A table cell's bare number is a percent by its column's header ("CR (%)" over "28").
  if ((stat.shape === 'percent' || stat.shape === 'count-percent') && /^\d+(?:\.\d+)?(?:\s*[([].*)?$/.test(text) && !text.includes('%')) return text.replace(/^\d+(?:\.\d+)?/, '$&%');
  return word ? `${word} ${text}${whole}` : `${text}${whole}`;
}

/**
 * A statistic's LaTeX as a reader sees it ("72.6\%$ (95\% CI, 44.2--99.0)" is "72.6% (95% CI, 44.2-99.0)", siunitx's
 * "\SI{75}{\percent}" is "75%", "\numrange{44.2}{99.0}" is "44.2-99.0", "17~of~21" is "17 of 21").
 */
function readable(source: string): string {
  // HTML in Markdown: entities as the characters they stand for, tags as nothing ("68% (53&ndash;81)").
  const text = /[&<]/.test(source) ? source.replace(/&(#?[A-Za-z0-9]+);/g, (entity, name: string) => decodeEntity(name) ?? entity).replace(/<\/?[A-Za-z][^<>]*>/g, '') : source;
  if (!/[\\$~{}]/.test(text)) return text;
  return text
    // Track changes: struck-out text is gone, the replacement stays.
    .replace(/\\(?:deleted|sout|xout|st)(?:\[[^\]]*\])?\{[^{}]*\}/g, '')
    .replace(/\\replaced(?:\[[^\]]*\])?\{([^{}]*)\}\{[^{}]*\}/g, '$1')
    .replace(/\\added(?:\[[^\]]*\])?(?=\{)/g, '')
    .replace(/\\(?:SIrange|numrange|qtyrange)\{([^{}]*)\}\{([^{}]*)\}/g, '$1-$2')
    .replace(/\\(?:SI|num|qty)\b/g, '')
    // siunitx writes 3 × 10^6 as "3e6".
    .replace(/(^|[\s{])(\d+(?:\.\d+)?)[eE]([-+]?\d+)(?=[\s}]|$)/g, '$1$2 × 10^$3')
    .replace(/\\percent\b/g, '%')
    // A quantity's number and unit ("\SI{1e5}{cells\per\kilogram}"), the unit as written.
    .replace(/\}\s*\{(?!%)/g, ' ')
    .replace(/\s*\\per\b\s*/g, '/')
    .replace(/\\kilogram\b|\\kilo\s*\\gram\b/g, 'kg')
    .replace(/\\milli\s*\\(?:litre|liter)\b/g, 'mL')
    .replace(/\\micro\s*\\(?:litre|liter)\b/g, 'µL')
    .replace(/\\square\s*\\metre\b|\\metre\s*\\squared\b/g, 'm²')
    .replace(/\\times\b/g, '×')
    .replace(/\\(?:geq?|geqslant)\b/g, '≥')
    .replace(/\\(?:leq?|leqslant)\b/g, '≤')
    .replace(/\\pm\b/g, '±')
    .replace(/\\([%$&#_])/g, '$1')
    .replace(/\\[,;:!]/g, '')
    .replace(/[${}]/g, '')
    .replace(/~/g, ' ')
    .replace(/---?/g, '-')
    .replace(/ {2,}/g, ' ');
}
