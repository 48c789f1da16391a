/**
 * Self-consistency: what a statistic says about itself, whatever the dataset says.
 * 11 of 15 is not 75%; an estimate sits inside its own CI; a part is not larger than its whole; ranges run upwards.
 */
import { comparePercent, formatNumber, isLoose, looselyAgrees, roundHalfUp, trimNumber, type Agreement } from '../link/compare';
import { isOverallNumber, isSpreadOf, WRITTEN_WHOLE } from '../link/context';
import { GRADE, gradeOf, SEVERITY, severityOf, type GradeRange } from '../recognize/grades';
import type { RecognizedDocument, StatisticEntity } from '../types';
import type { Finding } from './findings';

export function checkArithmetic(text: string, doc: RecognizedDocument, index: number): Finding[] {
  const stat = doc.statistics[index];
  const findings: Finding[] = [];
  const at = (message: string, code: Finding['code'] = 'arithmetic-inconsistency', severity: Finding['severity'] = 'warning'): Finding => ({
    code,
    severity,
    span: stat.span,
    message,
    statistic: index,
  });

  if (stat.count !== undefined && stat.total !== undefined) {
    if (stat.count > stat.total) {
      findings.push(at(`${stat.count} of ${stat.total}: the part is larger than the whole.`));
      return findings;
    }
    if (stat.percent !== undefined && stat.total > 0) {
      const truth = (stat.count / stat.total) * 100;
      const decimals = stat.percentDecimals ?? 0;
      // "about 75% (11/15)", "more than 70% (11/15)": true as written.
      const agreement = isLoose(stat) && looselyAgrees(stat, stat.percent, truth, true) ? ({ kind: 'agrees' } as const) : comparePercent(stat.percent, decimals, truth);
      // Papers truncate now and then (70.5% for 24/34); rounding up (77% for 16/21, 76.19%) is a slip.
      const roundedUp = isRoundedUp(agreement);
      // "11/15 (73.0)" in a table of one-decimal percents: the whole number 73% padded with a decimal it does not have.
      const padded = agreement.kind === 'rounding' && decimals > 0 && Math.abs(roundHalfUp(truth, 0) - stat.percent) < 1e-9;
      if (agreement.kind === 'rounding' && !roundedUp && !padded) {
        findings.push(at(`${agreement.detail} (${stat.count}/${stat.total}).`, 'rounding', 'information'));
      } else if (roundedUp || padded || agreement.kind === 'drift' || agreement.kind === 'differs') {
        const expected = formatNumber(roundHalfUp(truth, decimals), decimals);
        const why = roundedUp ? `which rounds to ${expected}%, not up to` : padded ? `not the whole number ${formatNumber(roundHalfUp(truth, 0), 0)}% given a decimal,` : 'which no rounding makes';
        const percentSpan = stat.parts?.percent;
        const writtenPercent = percentSpan ? text.slice(percentSpan.start, percentSpan.end) : `${formatNumber(stat.percent, decimals)}%`;
        const correction = replacePercent(writtenPercent, expected);
        // "0.81" where the draft gives the share as a proportion, "81%" otherwise.
        const proportion = isProportion(writtenPercent);
        const shown = proportion ? correction.trim() : `${expected}%`;
        // "45 of 58 (86.2%)": a percent given to a decimal that exactly one other count of the whole makes (50/58): the
        // count may be the slip as well as the percent.
        const countSpan = stat.parts?.count;
        const otherCount = !padded && !roundedUp && decimals > 0 && countSpan ? countGiving(stat.percent, decimals, stat.total, stat.count) : undefined;
        const transposed = isTransposed(formatNumber(stat.percent, decimals), expected);
        const orCount = otherCount === undefined ? '' : ` Or is the count ${otherCount} (${otherCount}/${stat.total} is ${formatNumber(stat.percent, decimals)}%)?`;
        const finding = at(`${stat.count}/${stat.total} is ${formatNumber(truth, 1)}%, ${why} ${proportion ? writtenPercent.trim() : `${formatNumber(stat.percent, decimals)}%`}; did you mean ${shown}?${orCount}`);
        finding.fixes = [];
        if (percentSpan) {
          // The count's own percent with its digits in another order is a typing slip in the percent: its fix is the one
          // "Fix all" applies. Otherwise the count may as well be the slip.
          const preferred = padded || transposed;
          finding.fixes.push({ title: `Change to ${shown} (${stat.count}/${stat.total})`, edits: [{ span: percentSpan, newText: correction }], ...(preferred ? { preferred } : {}) });
        }
        if (otherCount !== undefined && countSpan) {
          const written = text.slice(countSpan.start, countSpan.end);
          // Offered, not applied by "Fix all": a percent copied from the next row is as common a slip as a count. Digits
          // only: a count written in words is left to the writer.
          if (/^\d+$/.test(written.trim())) {
            finding.fixes.push({ title: `Change the count to ${otherCount} (${otherCount}/${stat.total} is ${formatNumber(stat.percent, decimals)}%)`, edits: [{ span: countSpan, newText: replaceNumber(written, String(otherCount)) }] });
          }
        }
        findings.push(finding);
      }
    }
  }

  // "73% of the 21 treated patients": a percent of a whole must be some count of it (15 of 21 is 71.4%, 16 is 76.2%).
  if (stat.shape === 'percent' && stat.count === undefined && stat.total !== undefined && stat.total > 0 && stat.total < 100 && stat.percent !== undefined && stat.percent <= 100 && !isLoose(stat)) {
    const { percent, total } = stat;
    const decimals = stat.percentDecimals ?? 0;
    const below = Math.floor((percent * total) / 100);
    const counts = [below, below + 1].filter((k) => k <= total);
    // As for a count with its percent, rounding up is a slip ("77% of the 21": 16 is 76.2%), truncating is not.
    const fits = counts.some((k) => {
      const agreement = comparePercent(percent, decimals, (k / total) * 100);
      return agreement.kind === 'agrees' || (agreement.kind === 'rounding' && !isRoundedUp(agreement));
    });
    if (!fits) {
      const near = counts.map((k) => `${k} is ${formatNumber((k / total) * 100, 1)}%`).join(', ');
      findings.push(at(`${formatNumber(percent, decimals)}% of ${total} is ${formatNumber((percent * total) / 100, 1)}: no count of ${total} gives ${formatNumber(percent, decimals)}% (${near}).`));
    }
  }

  // "19 of 58 patients (32.8%), roughly 1 in 4": a rate in round terms that says the number before it again.
  const restated = stat.ratePer !== undefined && stat.percent !== undefined ? restatedPercent(text, doc, index) : undefined;
  const part = stat.parts?.percent ?? stat.span;
  const written = text.slice(part.start, part.end);
  const ones = /^(?:1|one)\b/i.test(written.trim());
  // "1 in 4" of 32.8% is not the nearest "1 in" (1 in 3), and a quarter off; "7 in 10" allows half a tenth either side.
  const offBy = restated === undefined ? 0 : Math.abs(stat.percent! - restated.percent) / restated.percent;
  if (restated !== undefined && restated.percent > 0 && (ones ? Math.round(100 / restated.percent) !== stat.ratePer && offBy > 0.2 : !looselyAgrees(stat, stat.percent!, restated.percent, true))) {
    const per = stat.ratePer!;
    // "1 in 4" becomes "1 in 3"; "7 in 10" becomes "8 in 10".
    const better = ones ? Math.round(100 / restated.percent) : Math.round((restated.percent * per) / 100);
    const suggestion = ones ? (better >= 2 ? `: about 1 in ${better}?` : '.') : `: about ${better} in ${per}?`;
    const finding = at(`${written.trim()} is ${formatNumber(stat.percent!, Number.isInteger(stat.percent) ? 0 : 1)}%, but the number it restates is ${restated.shown}${suggestion}`);
    const target = ones ? /(\bin\s+)(\d+|[a-z]+)$/i : /^(\d+|[a-z]+)/i;
    if ((ones ? better >= 2 && better !== per && better <= 20 : better >= 1 && better !== stat.count && better <= per) && target.test(written)) {
      const newText = ones ? written.replace(target, (_m, lead: string, was: string) => `${lead}${writtenAs(was, better)}`) : written.replace(target, (was) => writtenAs(was, better));
      finding.fixes = [{ title: `Change to ${newText.trim()}`, edits: [{ span: part, newText }] }];
    }
    findings.push(finding);
  }

  const estimate = stat.percent ?? stat.value;
  if (stat.ci && estimate !== undefined) {
    if (stat.ci.low > stat.ci.high) {
      findings.push(at(`The confidence interval ${trimNumber(stat.ci.low)}-${trimNumber(stat.ci.high)} is written backwards.`));
    } else if (estimate < stat.ci.low || estimate > stat.ci.high) {
      const unit = stat.percent !== undefined ? '%' : '';
      findings.push(at(`The estimate ${trimNumber(estimate)}${unit} lies outside its own ${stat.ci.level}% CI (${trimNumber(stat.ci.low)}-${trimNumber(stat.ci.high)}${unit}).`));
    }
  }

  // "median follow-up 14.2 months (IQR 15.1-22.8)": a median lies within its own quartiles and range.
  const spread = stat.statistic === 'median' && stat.value !== undefined ? spreadAfter(text, doc, index) : undefined;
  if (spread && spread.low! <= spread.high! && (stat.value! < spread.low! || stat.value! > spread.high!)) {
    const what = spread.statistic === 'iqr' ? 'interquartile range' : 'range';
    const unit = stat.unit && stat.unit !== 'patients' ? ` ${stat.unit}` : '';
    findings.push(at(`The median ${trimNumber(stat.value!)}${unit} lies outside its own ${what} (${trimNumber(spread.low!)}-${trimNumber(spread.high!)}).`));
  }

  if (stat.low !== undefined && stat.high !== undefined && stat.low > stat.high && stat.shape !== 'grade') {
    findings.push(at(`The range ${trimNumber(stat.low)}-${trimNumber(stat.high)} is written backwards.`));
  }
  if (stat.percent !== undefined && stat.percent > 100 && stat.shape !== 'ratio') {
    findings.push(at(`${trimNumber(stat.percent)}% is more than the whole.`));
  }
  return findings;
}

/** Between a number and the rate that restates it: a comma, a dash or a bracket, "or", "i.e.", a hedge. */
const RESTATES = /^\s*(?:[,(\u2013\u2014]|--?)?\s*(?:or|i\.e\.,?|that is,?)?\s*(?:roughly|about|around|approximately|nearly|almost|some|close to|just (?:over|under)|~)?\s*$/i;
/** After a rate: the patients without the outcome ("one in four did not"), not the number before restated. */
const RATE_OF_OTHERS = /^[^,.;]{0,30}?\b(?:did not|didn['’]t|had no|were free|never|not)\b/i;

/** The percent of the statistic right before statistic `index`, when the rate at `index` restates it. */
function restatedPercent(text: string, doc: RecognizedDocument, index: number): { percent: number; shown: string } | undefined {
  const stat = doc.statistics[index]!;
  const before = doc.statistics[index - 1];
  if (!before || before.sentence !== stat.sentence || before.ratePer !== undefined || !RESTATES.test(text.slice(before.span.end, stat.span.start))) return undefined;
  if (RATE_OF_OTHERS.test(text.slice(stat.span.end, stat.span.end + 40))) return undefined;
  if (before.percent !== undefined) return { percent: before.percent, shown: `${trimNumber(before.percent)}%${before.count !== undefined && before.total !== undefined ? ` (${before.count}/${before.total})` : ''}` };
  if (before.count !== undefined && before.total !== undefined && before.total > 0) return { percent: (100 * before.count) / before.total, shown: `${before.count} of ${before.total}` };
  return undefined;
}

/** A number as the text wrote it: in digits, or in words ("three"). */
function writtenAs(was: string, value: number): string {
  if (/^\d/.test(was)) return String(value);
  const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
  const word = words[value] ?? String(value);
  return /^[A-Z]/.test(was) ? word[0]!.toUpperCase() + word.slice(1) : word;
}

/** "38.2" for 32.8, "57" for 75: the same digits in another order. */
function isTransposed(written: string, expected: string): boolean {
  const a = written.replace(/\D/g, '');
  const b = expected.replace(/\D/g, '');
  return a.length === b.length && a !== b && [...a].sort().join('') === [...b].sort().join('');
}

/** The interquartile range or range written right after statistic `index`, if any. */
function spreadAfter(text: string, doc: RecognizedDocument, index: number): StatisticEntity | undefined {
  const next = doc.statistics[index + 1];
  return next && isSpreadOf(text, doc.statistics[index]!, next) ? next : undefined;
}

/**
 * Subgroups that cannot overlap (grade 1 / grade 2 / grade 3 of one event) must not add up to more than the cohort
 * they are counted in ("Of the 21 patients, grade 1 CRS in 12 and grade 2 in 11").
 */
export function checkSubgroupSums(text: string, doc: RecognizedDocument): Finding[] {
  return checkSubgroupSumsOf(text, doc, doc.statistics.map((_, i) => i));
}

/**
 * The same check for some statistics only (in document order): those of one block, say. A sentence and the one before
 * it in its block are all the check reads, so a block's sums are the block's business alone.
 */
export function checkSubgroupSumsOf(text: string, doc: RecognizedDocument, statistics: readonly number[]): Finding[] {
  const findings: Finding[] = [];
  const bySentence = new Map<number, number[]>();
  for (const i of statistics) {
    const stat = doc.statistics[i];
    const list = bySentence.get(stat.sentence);
    if (list) list.push(i);
    else bySentence.set(stat.sentence, [i]);
  }
  for (const [sentenceIndex, all] of bySentence) {
    const sentence = doc.sentences[sentenceIndex];
    if (!sentence) continue;
    for (const clause of semicolonClauses(text, doc, all, sentence.span.start)) checkSubgroupSumsIn(text, doc, sentence, sentenceIndex, clause, bySentence, findings);
  }
  return findings;
}

/**
 * A sentence's statistics cut where a semicolon starts a clause with a count of its own out of a total: "CRS in 20 of
 * 32, grade 1 in 14 and grade 2 in 6; Fry et al. saw CRS in 16 of 21, nine with grade 1 and seven with grade 2" counts
 * two cohorts' grades ("CRS in 16 of 21; grade 1 in 9, grade 2 in 7" one).
 */
function semicolonClauses(text: string, doc: RecognizedDocument, indices: number[], sentenceStart: number): Array<{ indices: number[]; from: number }> {
  const clauses = [{ indices: [] as number[], from: sentenceStart }];
  for (let k = 0; k < indices.length; k++) {
    const stat = doc.statistics[indices[k]!]!;
    if (k > 0 && WRITTEN_WHOLE.test(text.slice(stat.span.start, stat.span.end))) {
      const previousEnd = doc.statistics[indices[k - 1]!]!.span.end;
      const semicolon = text.slice(previousEnd, stat.span.start).lastIndexOf(';');
      if (semicolon >= 0) clauses.push({ indices: [], from: previousEnd + semicolon + 1 });
    }
    clauses[clauses.length - 1]!.indices.push(indices[k]!);
  }
  return clauses;
}

/** One clause's grade subgroups against the patients they are counted in, or the patients with the event (its grades read from `from` on). */
function checkSubgroupSumsIn(
  text: string,
  doc: RecognizedDocument,
  sentence: RecognizedDocument['sentences'][number],
  sentenceIndex: number,
  { indices, from }: { indices: number[]; from: number },
  bySentence: ReadonlyMap<number, number[]>,
  findings: Finding[],
): void {
  const total = statedTotal(doc, sentenceIndex, indices, bySentence.get(sentenceIndex - 1) ?? []);
  const seenGrades: GradeRange[] = [];
  let sum = 0;
  const parts: StatisticEntity[] = [];
  // How many had the event the grades divide: "CRS occurred in 16 of 21 (76%): grade 1 in 9, grade 2 in 9", "CRS in
  // 16 patients (grade 1 in 9, grade 2 in 9)", "grade 1 in 10, grade 2 in 7, total 16 of 21".
  let event: number | undefined;
  for (const i of indices) {
    const stat = doc.statistics[i];
    const count = stat.shape === 'sample-size' ? stat.value : stat.shape === 'count' || stat.shape === 'count-percent' ? stat.count : undefined;
    if (count === undefined || count === total?.value) continue;
    const grade = gradeAfter(text, stat.span.end, sentence.span.end) ?? gradeBefore(text, from, stat.span.start);
    // "(total 16 of 21)" sums the grades; it is not one of them.
    if (isOverallNumber(text, stat.span.start)) {
      if (event === undefined && stat.count !== undefined && (total === undefined || stat.total === total.value)) event = stat.count;
      continue;
    }
    if (!grade) {
      // The event's count comes before its grades, and has the cohort's total when one is stated.
      if (parts.length === 0 && event === undefined && (total === undefined ? stat.shape === 'sample-size' : stat.total === total.value && stat.count !== undefined)) event = count;
      continue;
    }
    if (seenGrades.some((g) => g.low <= grade.high && grade.low <= g.high)) continue;
    seenGrades.push(grade);
    sum += count;
    parts.push(stat);
  }
  if (parts.length < 2) return;
  const span = { start: parts[0].span.start, end: parts[parts.length - 1].span.end };
  if (total !== undefined && sum > total.value) {
    findings.push({ code: 'arithmetic-inconsistency', severity: 'warning', span, message: `These grade subgroups add up to ${sum}, more than the ${total.value} patients they are counted in.` });
  } else if (event !== undefined && sum > event) {
    const of = total !== undefined ? ` (${event} of ${total.value})` : '';
    findings.push({ code: 'arithmetic-inconsistency', severity: 'warning', span, message: `These grade subgroups add up to ${sum}, more than the ${event} patients with the event${of}.` });
  }
}

/**
 * Sums written out: "57 patients (21 + 34)", "35 of 45 (11 + 24)", "21 + 34 = 57". The whole must be its parts' sum; a
 * copied total drifts from the parts it was added from. Whole numbers only: percents add up only to within rounding.
 */
export function checkWrittenSums(text: string): Finding[] {
  if (!text.includes('+')) return [];
  const findings: Finding[] = [];
  const flag = (whole: { value: number; start: number; end: number }, parts: number[]) => {
    const sum = parts.reduce((a, b) => a + b, 0);
    const span = { start: whole.start, end: whole.end };
    findings.push({
      code: 'arithmetic-inconsistency',
      severity: 'warning',
      span,
      message: `${parts.join(' + ')} is ${sum}, not ${whole.value}.`,
      // Not preferred: the slip may as well be in a part.
      fixes: [{ title: `Change to ${sum} (${parts.join(' + ')})`, edits: [{ span, newText: String(sum) }] }],
    });
  };
  for (const m of text.matchAll(SUM_IN_BRACKETS)) {
    const parts = partsOf(m[1]!);
    const from = Math.max(0, m.index - 80);
    const before = WHOLE_BEFORE.exec(text.slice(from, m.index));
    if (!before || parts.length < 2) continue;
    const sum = parts.reduce((a, b) => a + b, 0);
    // "35 of 45 (11 + 24)": the parts may add up to the count as well as to the total; a slip is said against the
    // nearer of the two ("16 of 21 (9 + 6)": the 16 with CRS). The match starts at the first number.
    const start = from + before.index;
    const wholes = [{ digits: before[1]!, at: start }];
    if (before[2] !== undefined) wholes.push({ digits: before[2], at: start + before[0].indexOf(before[2], before[1]!.length) });
    if (wholes.some((w) => Number(w.digits) === sum)) continue;
    const nearer = wholes.reduce((a, b) => (Math.abs(Number(b.digits) - sum) < Math.abs(Number(a.digits) - sum) ? b : a));
    flag({ value: Number(nearer.digits), start: nearer.at, end: nearer.at + nearer.digits.length }, parts);
  }
  for (const m of text.matchAll(SUM_EQUALS)) {
    if (GRADE_WORD_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    const parts = partsOf(m[1]!);
    const whole = Number(m[2]);
    if (parts.reduce((a, b) => a + b, 0) === whole) continue;
    const end = m.index + m[0].length;
    flag({ value: whole, start: end - m[2]!.length, end }, parts);
  }
  return findings;
}

function partsOf(written: string): number[] {
  return written.split('+').map((part) => Number(/\d+/.exec(part)![0]));
}

/** "(21 + 34)", "(21 CR + 14 CRi)": two or more whole numbers, each with a word at most, added in brackets. */
const SUM_IN_BRACKETS = /\(\s*(\d+(?:\s+[A-Za-z][\w/-]{0,12})?(?:\s*\+\s*\d+(?:\s+[A-Za-z][\w/-]{0,12})?)+)\s*\)/g;

/**
 * The whole a bracketed sum follows: a whole number, or a count of a total ("35 of 45", "35/45"), then at most three
 * words (LaTeX ties as spaces). Not a grade, cohort, dose level or other label's number ("cohort 2 (3 + 3)"), a percent, or a decimal.
 */
const WHOLE_BEFORE = /(?<![\w.,/%-])(?<!\b(?:grades?|cohorts?|arms?|levels?|phases?|days?|weeks?|months?|years?|stages?|steps?|figures?|tables?|versions?|doses?|groups?|parts?|no\.|number)\s+)(\d+)(?:\s*(?:\/|of|out of)\s*(\d+))?(?![\d.,%])(?:[\s~]+[A-Za-z][A-Za-z-]*){0,3}[\s~]*$/i;

/** "21 + 34 = 55": whole numbers added, then their sum. */
const SUM_EQUALS = /(?<![\w.,/-])(\d+(?:\s*\+\s*\d+)+)\s*=\s*(\d+)(?![\d.,%])/g;

const GRADE_WORD_BEFORE = /\bgrades?\s*$/i;

/** The one count of `total`, other than `count`, whose share is `percent` as written to `decimals` places. */
function countGiving(percent: number, decimals: number, total: number, count: number): number | undefined {
  let found: number | undefined;
  for (let k = 0; k <= total && total <= 100_000; k++) {
    if (k === count || Math.abs(roundHalfUp((k / total) * 100, decimals) - percent) > 1e-9) continue;
    if (found !== undefined) return undefined;
    found = k;
  }
  return found;
}

/** A percent rounded up from its count (77% for 16/21, 76.19%): a slip, where a truncated one is a paper's habit. */
function isRoundedUp(agreement: Agreement): boolean {
  return agreement.kind === 'rounding' && / rounded up;/.test(agreement.detail);
}

/** `previousIndices`: the statistics of the sentence before, in order (a lookup, not a scan of the document). */
function statedTotal(doc: RecognizedDocument, sentenceIndex: number, indices: number[], previousIndices: number[]): { value: number } | undefined {
  for (const i of indices) {
    const stat = doc.statistics[i];
    if (stat.total !== undefined) return { value: stat.total };
  }
  // "Of the 21 patients, ..." in the previous sentence of the same block.
  const previous = doc.sentences[sentenceIndex - 1];
  if (previous && previous.block === doc.sentences[sentenceIndex].block) {
    for (const i of previousIndices) {
      const stat = doc.statistics[i];
      if (stat.sentence === sentenceIndex - 1 && stat.shape === 'sample-size' && stat.value !== undefined && /^of the\b/i.test(previous.text)) {
        return { value: stat.value };
      }
    }
  }
  for (const i of indices) {
    const stat = doc.statistics[i];
    if (stat.shape === 'sample-size' && stat.value !== undefined && /\bof the\s*$/i.test(docTextBefore(doc, stat))) return { value: stat.value };
  }
  return undefined;
}

function docTextBefore(doc: RecognizedDocument, stat: StatisticEntity): string {
  const sentence = doc.sentences[stat.sentence];
  const offset = stat.span.start - sentence.span.start;
  return sentence.text.slice(Math.max(0, offset - 12), offset);
}

const GRADE_BEFORE = new RegExp(GRADE, 'gi');
const GRADE_AFTER = new RegExp(String.raw`^\s*(?:\(\s*[\d.]+\s*\\?%\s*\)\s*)?(?:had|developed|experienced|with|showed)\s+(?:${GRADE}|${SEVERITY})`, 'i');
/** A severity right before the count it qualifies: "mild in 9", "moderate CRS in 7", "severe (grade ≥3) in 2". */
const SEVERITY_BEFORE = new RegExp(String.raw`${SEVERITY}(?:\s+[a-z]+)?(?:\s*\([^()]{1,20}\))?\s+in\s*$`, 'i');

/** The grade a count is said to have right after it: "45 (90%) had grade 1-2 events", "7 developed grade 3-4 CRS". */
function gradeAfter(text: string, at: number, sentenceEnd: number): GradeRange | undefined {
  const after = GRADE_AFTER.exec(text.slice(at, Math.min(sentenceEnd, at + 60)));
  return !after ? undefined : after[2] !== undefined ? gradeOf(after, 1) : severityOf(after, 4);
}

/**
 * The grade or grades named closest before a number in its sentence ("grade 2", "grade~1", "grade 3-4", "grade ≥3"),
 * or a severity just before it ("mild in 9": a severity word further back is seldom the number's).
 */
function gradeBefore(text: string, sentenceStart: number, at: number): GradeRange | undefined {
  const severity = SEVERITY_BEFORE.exec(text.slice(Math.max(sentenceStart, at - 40), at));
  if (severity) return severityOf(severity, 1);
  const matches = [...text.slice(Math.max(sentenceStart, at - 60), at).matchAll(GRADE_BEFORE)];
  const last = matches[matches.length - 1];
  return last ? gradeOf(last, 1) : undefined;
}

/**
 * Replace the first number in `written` with `value`, keeping what surrounds it ("75 %" -> "73 %") and a decimal
 * comma ("72,6 %" -> "71,6 %").
 */
/**
 * A percent's replacement as the draft writes it: "81" in "81%", "0.81" where the percent was written as a proportion
 * ("17/21 (0.81)").
 */
export function replacePercent(written: string, percent: string): string {
  const proportion = PROPORTION.exec(written);
  return proportion ? replaceNumber(written, (Number(percent) / 100).toFixed(Math.max(proportion[1]!.length, percent.includes('.') ? percent.split('.')[1]!.length + 2 : 2))) : replaceNumber(written, percent);
}

const PROPORTION = /^\s*[01]?[.,·](\d{2,})\s*$/;

function isProportion(written: string): boolean {
  return PROPORTION.test(written);
}

const THOUSANDS = /(?<![\d.,])\d{1,3}(?:(?:,|\{,\}|\\,|[ \u00a0\u2009\u202f])\d{3})+(?![\d]|[.,]\d)/;

export function replaceNumber(written: string, value: string): string {
  // A number in groups of thousands ("1,021", LaTeX's "1{,}021" and "1\,021", "1 021") is replaced whole.
  const grouped = THOUSANDS.exec(written);
  if (grouped) return written.slice(0, grouped.index) + value + written.slice(grouped.index + grouped[0].length);
  const match = /\d+(?:[.,·]\d+)?/.exec(written);
  if (!match) return value;
  // The number keeps its decimal mark: "71,6" (a decimal comma), "87·9" (the Lancet's middle dot).
  const decimalComma = /^\d{1,3},\d{1,2}$/.test(match[0]);
  const mark = match[0].includes('·') ? '·' : decimalComma ? ',' : '.';
  return written.slice(0, match.index) + value.replace('.', mark) + written.slice(match.index + match[0].length);
}
