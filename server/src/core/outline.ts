/**
 * A document's sections (Markdown `#`, LaTeX `\section`), nested by level, each with the statistics directly in it and
 * the verdicts of every statistic under it: what document symbols and section lenses show.
 *
 * Read from the analysis block by block, without the document-wide view: an editor asks for symbols after every
 * pause in typing, and placing every entity of a 1 MB draft for that, then finding each statistic's section among
 * every heading, cost more than the keystroke's own check (170 ms against 5).
 */
import type { StatisticVerdict, Verdict } from './check/findings';
import type { RecognizedBlock, RecognizedBlocks } from './recognize';
import type { Span } from './types';

export interface OutlineStatistic {
  /** Where the statistic is in the document. */
  span: Span;
  /** Its text as written. */
  text: string;
  verdict: Verdict;
}

export interface VerdictCounts {
  supported: number;
  contradicted: number;
  inconsistent: number;
  unchecked: number;
}

export interface OutlineSection {
  title: string;
  level: number;
  /** The heading's span. */
  heading: Span;
  /** From the heading to the next heading of the same or a higher level (or the end of the document). */
  span: Span;
  /**
   * Statistics directly in this section (not in subsections), in document order, a list per block: the same list
   * object while its block and verdicts are (see OutlineCache).
   */
  statistics: OutlineStatistic[][];
  children: OutlineSection[];
  /** The verdicts of every statistic in the section and its subsections. */
  counts: VerdictCounts;
}

export interface Outline {
  sections: OutlineSection[];
  /** Statistics before the first heading, a list per block. */
  preamble: OutlineStatistic[][];
}

/** "# Title #" -> "Title"; "\section*{Title}" -> "Title"; a setext heading's first line. */
export function headingTitle(raw: string): string {
  const latex = /\\(?:part|chapter|(?:sub){0,2}section|(?:sub)?paragraph)\*?\s*(?:\[[^\]]*\])?\s*\{([\s\S]*)\}/.exec(raw);
  if (latex) return latex[1].replace(/\s+/g, ' ').trim();
  const firstLine = raw.split(/\r?\n|\r/)[0];
  return firstLine.replace(/^\s{0,3}#{1,6}\s*/, '').replace(/\s+#+\s*$/, '').trim() || raw.trim();
}

/**
 * One walk along the blocks: a heading closes the open sections of its level and deeper and opens its own; a
 * statistic belongs to the last heading before it. `verdictsOf(i)` is block i's verdicts (verdicts[k] is its
 * statistic k's), undefined for a block that was not checked.
 */
export function outlineOf(
  recognized: RecognizedBlocks,
  verdictsOf: (blockIndex: number) => readonly StatisticVerdict[] | undefined,
  textLength: number,
  kept: OutlineCache = new OutlineCache(),
): Outline {
  const sections: OutlineSection[] = [];
  const preamble: OutlineStatistic[][] = [];
  // The sections still open, outermost first; the last one is where statistics go.
  const open: OutlineSection[] = [];
  let current: OutlineSection | undefined;
  const { blocks, starts } = recognized;
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]!;
    const offset = starts[index]!;
    if (block.kind === 'heading') {
      while (open.length > 0 && open[open.length - 1]!.level >= (block.headingLevel ?? 1)) open.pop()!.span.end = offset;
      const heading = { start: offset, end: offset + block.text.length };
      current = { title: headingTitle(block.text), level: block.headingLevel ?? 1, heading, span: { start: offset, end: textLength }, statistics: [], children: [], counts: noVerdicts() };
      if (open.length > 0) open[open.length - 1]!.children.push(current);
      else sections.push(current);
      open.push(current);
    }
    if (!block.findings || block.findings.statistics.length === 0) continue;
    const into = current ? current.statistics : preamble;
    into.push(kept.statisticsOf(block, verdictsOf(index), offset));
  }
  for (const section of sections) addCounts(section);
  return { sections, preamble };
}

/**
 * Each block's outline statistics, kept while the block and its verdicts are the same (and moved in place when the
 * block moved): a keystroke then makes new ones for the block it touched only, and a consumer can keep what it made of
 * the others (symbols, and their bytes) by the list's identity. As with the document views, an outline stays
 * valid until the next outline of the same document is made (features read the current version's).
 */
export class OutlineCache {
  private byBlock = new WeakMap<RecognizedBlock, { verdicts: readonly StatisticVerdict[] | undefined; offset: number; statistics: OutlineStatistic[] }>();

  statisticsOf(block: RecognizedBlock, verdicts: readonly StatisticVerdict[] | undefined, offset: number): OutlineStatistic[] {
    const kept = this.byBlock.get(block);
    if (kept && kept.verdicts === verdicts) {
      const moved = offset - kept.offset;
      if (moved !== 0) {
        for (const { span } of kept.statistics) {
          span.start += moved;
          span.end += moved;
        }
        kept.offset = offset;
      }
      return kept.statistics;
    }
    const statistics = block.findings!.statistics.map((stat, k) => ({
      span: { start: stat.span.start + offset, end: stat.span.end + offset },
      text: stat.text,
      verdict: verdicts?.[k]?.verdict ?? 'unverified',
    }));
    this.byBlock.set(block, { verdicts, offset, statistics });
    return statistics;
  }
}

function noVerdicts(): VerdictCounts {
  return { supported: 0, contradicted: 0, inconsistent: 0, unchecked: 0 };
}

/** Fills in a section's counts from its statistics and its subsections', and returns them. */
function addCounts(section: OutlineSection): VerdictCounts {
  const counts = section.counts;
  for (const list of section.statistics) {
    for (const { verdict } of list) {
      if (verdict === 'supported' || verdict === 'rounding') counts.supported++;
      else if (verdict === 'contradicts') counts.contradicted++;
      else if (verdict === 'inconsistent') counts.inconsistent++;
      else counts.unchecked++;
    }
  }
  for (const child of section.children) {
    const c = addCounts(child);
    counts.supported += c.supported;
    counts.contradicted += c.contradicted;
    counts.inconsistent += c.inconsistent;
    counts.unchecked += c.unchecked;
  }
  return counts;
}

/** "3 supported, 1 contradicted, 2 unchecked" (inconsistent only when there are any). */
export function summaryText(counts: VerdictCounts): string {
  const parts = [`${counts.supported} supported`, `${counts.contradicted} contradicted`];
  if (counts.inconsistent > 0) parts.push(`${counts.inconsistent} inconsistent`);
  parts.push(`${counts.unchecked} unchecked`);
  return parts.join(', ');
}
