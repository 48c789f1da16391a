/**
 * Tables write the percent sign once, in the header ("CR (%)", "Complete response, %"), and bare numbers in the
 * cells below it: those numbers are percents. A count in the cell just before, in a column that is not of percents
 * itself ("11/15 | 75" under "n/N | %"), or in parentheses after the percent ("73 (11/15)"), is the percent's count,
 * so the two are checked against each other as "75% (11/15)" would be. So is a percent written with its sign in its
 * own cell ("11/15 | 75%") after a column of counts ("n/N | CR", or a column of percents: "n/N | %").
 */
import { tableGrid } from '../text/tables';
import { DURATION_UNITS } from './statistics';
import type { DocumentFormat, Span, StatisticEntity } from '../types';

const PERCENT_HEADER = /%|\bper ?cent\b/i;
/** "95% CI", "IQR (%)": a column of intervals only, not of percents ("Best CR, % (95% CI)" is of percents). */
const INTERVAL_HEADER = /^[\s*_(]*(?:\d+\s*\\?%\s*)?(?:CI|confidence interval|IQR|range|interval)[\s*_)]*(?:\(\s*\\?%\s*\))?[\s*_]*$/i;
/** An interval's level in a header: "95% CI", "90 % confidence interval". */
const INTERVAL_LEVEL = /\d+(?:\.\d+)?\s*\\?%\s*(?=CI\b|confidence\b|credible\b)/gi;

/** A bare number, with its interval after it: "64", "64.5", "64 (46-81)", "64 (46--81)". */
const BARE_NUMBER = /^(\d{1,3})(?:\.(\d+))?(?:\s*[([]\s*(\d{1,3}(?:\.\d+)?)\s*(?:-{1,2}|–|—|to)\s*(\d{1,3}(?:\.\d+)?)\s*[)\]])?$/;
/** A bare number with its count after it: "73 (11/15)", "73 [11/15]". */
const NUMBER_THEN_COUNT = /^(\d{1,3})(?:\.(\d+))?\s*[([]\s*\d+\s*\/\s*\d+\s*[)\]]$/;

export function percentCells(format: DocumentFormat, blockText: string, statistics: readonly StatisticEntity[], sentenceAt: (offset: number) => number): StatisticEntity[] {
  const grid = tableGrid(blockText, { start: 0, end: blockText.length }, format);
  if (!grid) return [];
  const columns = grid.header.map((cell) => {
    const header = blockText.slice(cell.start, cell.end);
    // "1-year LFS, proportion (95% CI)", "Median, months (95% CI)": the interval's level is no percent sign.
    return PERCENT_HEADER.test(header.replace(INTERVAL_LEVEL, '')) && !INTERVAL_HEADER.test(header);
  });
  const countColumns = grid.header.map((cell) => COUNT_HEADER.test(blockText.slice(cell.start, cell.end)));
  // "Prior CD19 therapy, n (%)" over "17 (85)": a count with its percent, as clinical tables write them.
  const countPercentColumns = grid.header.map((cell) => COUNT_PERCENT_HEADER.test(blockText.slice(cell.start, cell.end)));
  // "Trial | n | Response" over "Pan 2019 | 34 | ...": a column of cohort sizes, where no percent column follows it
  // (in "n | %" the n is the percent's count).
  const sizeColumns = grid.header.map((cell, column) => SIZE_HEADER.test(blockText.slice(cell.start, cell.end)) && !columns[column + 1]);
  // "Median remission (months)" over "9": a time in the header's unit; a median when the header says so.
  const durationColumns = grid.header.map((cell, column) => {
    const header = blockText.slice(cell.start, cell.end);
    const unit = columns[column] ? undefined : DURATION_HEADER.exec(header)?.[1];
    return unit ? { unit: DURATION_UNITS[unit.toLowerCase()]!, median: /\bmedian\b/i.test(header) } : undefined;
  });
  // "Patients (n = 21)" over "9": each row counts some of one cohort of 21.
  const wholeColumns = grid.header.map((cell) => {
    const whole = COUNT_OF_WHOLE_HEADER.exec(blockText.slice(cell.start, cell.end));
    return whole ? Number(whole[1]) : undefined;
  });
  if (!columns.includes(true) && !countColumns.includes(true) && !sizeColumns.includes(true) && !durationColumns.some(Boolean) && !wholeColumns.some((w) => w !== undefined)) return [];
  const found: StatisticEntity[] = [];
  /** "12/21 | 57%": the percent the recognizer read alone in a cell, with the count alone in the cell before it. */
  const percentAfterCount = (row: Span[], column: number): StatisticEntity | undefined => {
    const before = column > 0 && !columns[column - 1] && row[column - 1] !== row[column] ? row[column - 1] : undefined;
    const count = before && soleStatistic(blockText, before, statistics, (s) => s.shape === 'count' && s.count !== undefined && s.total !== undefined);
    const percent = count && soleStatistic(blockText, row[column]!, statistics, (s) => s.shape === 'percent' && s.percent !== undefined);
    return count && percent ? withCount({ ...percent, parts: { ...percent.parts } }, count) : undefined;
  };
  for (const row of grid.rows) {
    row.forEach((cell, column) => {
      if (row[column - 1] === cell) return; // a \multicolumn cell, met again in the next column it fills
      const duration = durationColumns[column];
      if (duration) {
        const raw = blockText.slice(cell.start, cell.end);
        const time = /^\$?(\d{1,4})(?:\.(\d+))?\$?$/.exec(raw.trim().replace(CELL_CITATION, ''));
        if (!time) return;
        const start = cell.start + raw.indexOf(time[0]);
        const span = { start, end: start + time[0].length };
        if (statistics.some((s) => overlaps(s.span, span))) return;
        const stat: StatisticEntity = {
          kind: 'statistic', span, text: time[0], shape: 'duration', value: Number(time[0]), valueDecimals: time[2]?.length ?? 0, unit: duration.unit,
          parts: { value: span }, sentence: sentenceAt(start),
        };
        if (duration.median) stat.statistic = 'median';
        found.push(stat);
        return;
      }
      const whole = wholeColumns[column];
      if (whole !== undefined && !columns[column]) {
        const raw = blockText.slice(cell.start, cell.end);
        const counted = /^\$?(\d{1,5})\$?$/.exec(raw.trim().replace(CELL_CITATION, ''));
        if (!counted || Number(counted[1]) > whole) return;
        const start = cell.start + raw.indexOf(counted[1]!);
        const span = { start, end: start + counted[1]!.length };
        if (statistics.some((s) => overlaps(s.span, span))) return;
        found.push({ kind: 'statistic', span, text: counted[1]!, shape: 'count', count: Number(counted[1]), total: whole, parts: { count: span }, sentence: sentenceAt(start) });
        return;
      }
      if (sizeColumns[column]) {
        const raw = blockText.slice(cell.start, cell.end);
        const size = /^\$?(\d{1,5})\$?$/.exec(raw.trim());
        if (!size || Number(size[1]) < 2) return;
        const start = cell.start + raw.indexOf(size[1]!);
        const span = { start, end: start + size[1]!.length };
        if (statistics.some((s) => overlaps(s.span, span))) return;
        found.push({ kind: 'statistic', span, text: size[1]!, shape: 'sample-size', value: Number(size[1]), valueDecimals: 0, unit: 'patients', parts: { value: span }, sentence: sentenceAt(start) });
        return;
      }
      if (!columns[column]) {
        // "12/21 | 57%" under "n/N | CR": the percent written with its sign is the count's.
        const paired = countColumns[column - 1] ? percentAfterCount(row, column) : undefined;
        if (paired) found.push(paired);
        return;
      }
      const raw = blockText.slice(cell.start, cell.end);
      const counted = countPercentColumns[column] ? COUNT_THEN_PERCENT.exec(raw.trim()) : null;
      if (counted) {
        const start = cell.start + raw.indexOf(counted[0]);
        const span = { start, end: start + counted[0].length };
        if (statistics.some((s) => overlaps(s.span, span))) return;
        const percentStart = start + counted[0].indexOf(counted[2]!, counted[1]!.length);
        found.push({
          kind: 'statistic',
          span,
          text: counted[0],
          shape: 'count-percent',
          count: Number(counted[1]),
          percent: Number(counted[2]),
          percentDecimals: counted[2]!.split('.')[1]?.length ?? 0,
          parts: { count: { start, end: start + counted[1]!.length }, percent: { start: percentStart, end: percentStart + counted[2]!.length } },
          sentence: sentenceAt(start),
        });
        return;
      }
      // "68 (53-81) [@fergusson2023]": the cell's own citation after its number is no part of it.
      const bare = raw.trim().replace(CELL_CITATION, '');
      const number = BARE_NUMBER.exec(bare) ?? NUMBER_THEN_COUNT.exec(bare);
      const estimate = number ? Number(`${number[1]}${number[2] ? `.${number[2]}` : ''}`) : NaN;
      if (!number) {
        // "12/21 | 57\%" under "n/N | \%": a percent the recognizer read, with the count before it.
        const paired = percentAfterCount(row, column);
        if (paired) found.push(paired);
        return;
      }
      if (estimate > 100) return;
      const start = cell.start + raw.indexOf(number[0]);
      const span = { start, end: start + number[0].length };
      // The count in the cell, after the percent: the two are one statistic, which takes the count's place.
      const own = statistics.find((s) => s.shape === 'count' && s.count !== undefined && s.total !== undefined && within(s.span, span) && s.span.start > start);
      // A number the recognizer read already (an interval's bound, a count) stays as it read it.
      if (!own && statistics.some((s) => overlaps(s.span, span))) return;
      const estimateEnd = start + number[1]!.length + (number[2] ? number[2].length + 1 : 0);
      const stat: StatisticEntity = {
        kind: 'statistic',
        span,
        text: number[0],
        shape: 'percent',
        percent: estimate,
        percentDecimals: number[2]?.length ?? 0,
        parts: { percent: { start, end: estimateEnd } },
        sentence: sentenceAt(start),
      };
      if (number[3] !== undefined && number[4] !== undefined) {
        stat.ci = { low: Number(number[3]), high: Number(number[4]), level: 95, span: { start: estimateEnd, end: span.end } };
      }
      // The cell before belongs to the percent only in a column of its own ("n/N"), not in another column of percents.
      const before = column > 0 && !columns[column - 1] && row[column - 1] !== cell ? row[column - 1] : undefined;
      const count = own ?? (before && statistics.find((s) => s.shape === 'count' && s.count !== undefined && s.total !== undefined && within(s.span, before)));
      found.push(count ? withCount(stat, count) : stat);
    });
  }
  return found;
}

/** A citation closing a cell: pandoc's "[@key]", LaTeX's "\cite{key}", a numbered "[3]". */
const CELL_CITATION = /\s*(?:\[-?@[^\]]+\]|\\[A-Za-z]*cite[A-Za-z]*\*?(?:\[[^\]]*\])*\{[^}]*\}|\[\d+(?:[,–-]\s*\d+)*\])$/;

/** "n (%)", "No. (%)", "Patients, n (%)": a column of counts, each with its percent in brackets. */
const COUNT_PERCENT_HEADER = /(?<![\p{L}\p{N}])(?:n|no\.?|number)\s*[([]\s*\\?%\s*[)\]]/iu;

/** "17 (85)", "17 (85.0)", "17 (85%)": a count and its percent in one cell. */
const COUNT_THEN_PERCENT = /^(\d{1,5})\s*[([]\s*(\d{1,3}(?:\.\d+)?)\s*\\?%?\s*[)\]]$/;

/** "n", "$N$", "Patients", "No. of patients", "Enrolled": a column of how many patients each row's cohort had. */
const SIZE_HEADER = /^[\s*_$]*(?:n|N|no\.? of patients|number of patients|patients?(?:,?\s*n|\s*\(\s*n\s*\))?|(?:patients\s+)?(?:treated|enrolled|infused)(?:\s*\(\s*n\s*\))?|sample size)[\s*_$.]*$/i;

/** "Patients (n = 21)", "No. of patients (N = 21)", "n = 21": a column of counts out of one cohort of that size. */
const COUNT_OF_WHOLE_HEADER = /^[\s*_$]*(?:(?:no\.? of |number of )?patients?|participants?|children)?\s*[(,]?\s*[nN]\s*=\s*(\d{1,5})\s*\)?[\s*_$]*$/i;

/** "Median remission (months)", "Persistence, days": a column of times in that unit. */
const DURATION_HEADER = /(?:\(\s*|,\s*)(months?|mo|days?|weeks?|years?)\s*\)?[\s*_]*$/i;

/** "n/N", "n (N)", "No.", "Patients, n": a column of counts. */
const COUNT_HEADER = /(?<![\p{L}\p{N}])n\s*(?:\/|\(|of)\s*N(?![\p{L}\p{N}])|^[\s*_]*(?:n|no\.?|number|count|events?)[\s*_.]*$|,\s*n[\s*_]*$/iu;

/** The one statistic in `cell`, when it is of the kind asked for and the cell holds nothing else but spaces. */
function soleStatistic(text: string, cell: Span, statistics: readonly StatisticEntity[], kind: (s: StatisticEntity) => boolean): StatisticEntity | undefined {
  const inCell = statistics.filter((s) => within(s.span, cell));
  const only = inCell.length === 1 ? inCell[0]! : undefined;
  if (!only || !kind(only)) return undefined;
  const rest = text.slice(cell.start, only.span.start) + text.slice(only.span.end, cell.end);
  return /^[\s*_]*$/.test(rest) ? only : undefined;
}

/** The percent `stat` with the count of another cell: one statistic, checked as "75% (11/15)" would be. */
function withCount(stat: StatisticEntity, count: StatisticEntity): StatisticEntity {
  stat.shape = 'count-percent';
  stat.count = count.count;
  stat.total = count.total;
  stat.parts ??= {};
  if (count.parts?.count) stat.parts.count = count.parts.count;
  if (count.parts?.total) stat.parts.total = count.parts.total;
  return stat;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}
