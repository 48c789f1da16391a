/**
 * The pipeline the CLI and the server share: recognize -> resolve citations -> link -> check.
 * Linking and checking are cached per block (by its text and the context linking reads from outside it), so an
 * edit re-checks only the blocks it touched; a block that merely moved is reused with its offsets shifted.
 */
import { checkCitations, checkStatistic } from './check/checkDocument';
import { checkSubgroupSums } from './check/arithmetic';
import type { Finding, StatisticVerdict } from './check/findings';
import type { LinkContext } from './link/datasetView';
import { layoutCitations } from './link/context';
import { linkStatistic, type StatisticLink } from './link/linkStatistics';
import { resolveCitations, type ResolvedCitation } from './link/resolveCitations';
import { createRecognizeCache, recognize, type RecognizeCache } from './recognize';
import { lineOf, lineStarts } from './text/positions';
import type { DocumentFormat, RecognizedDocument, Span, Suppression } from './types';

export interface DocumentAnalysis {
  text: string;
  format: DocumentFormat;
  recognized: RecognizedDocument;
  citations: ResolvedCitation[];
  /** links[i] is the link of recognized.statistics[i]. */
  links: StatisticLink[];
  verdicts: StatisticVerdict[];
  /** Every finding, before settings (severity overrides, disabled codes) are applied; suppressed lines removed. */
  findings: Finding[];
  lineStarts: number[];
}

interface BlockResult {
  /** Offsets relative to the block start. */
  links: StatisticLink[];
  verdicts: StatisticVerdict[];
  findings: Finding[];
  firstStatistic: number;
}

/** Per-document state kept between analyses: the recognizer's block cache and the linker's. */
export class AnalysisCache {
  readonly recognize: RecognizeCache = createRecognizeCache();
  private blocks = new Map<string, BlockResult>();
  private used = new Set<string>();
  private context: LinkContext | undefined;

  /** A changed dataset or bibliography invalidates every cached link. */
  useContext(ctx: LinkContext): void {
    if (this.context !== ctx) {
      this.blocks.clear();
      this.context = ctx;
    }
  }
  get(key: string): BlockResult | undefined {
    const hit = this.blocks.get(key);
    if (hit) this.used.add(key);
    return hit;
  }
  set(key: string, value: BlockResult): void {
    this.blocks.set(key, value);
    this.used.add(key);
  }
  /** Keep only what the last analysis used, so the cache never outgrows the document. */
  sweep(): void {
    for (const key of this.blocks.keys()) if (!this.used.has(key)) this.blocks.delete(key);
    this.used.clear();
  }
}

export function analyzeDocument(text: string, format: DocumentFormat, ctx: LinkContext, cache?: AnalysisCache): DocumentAnalysis {
  cache?.useContext(ctx);
  const recognized = recognize(text, format, { cache: cache?.recognize });
  const citations = resolveCitations(recognized, ctx);
  const layout = layoutCitations(recognized, citations);
  const input = { text, doc: recognized, citations };
  const referenceSignature = recognized.referenceList.map((e) => `${e.number}=${e.doi ?? e.pmid ?? e.nct ?? e.author ?? ''}`).join('|');

  const links: StatisticLink[] = new Array(recognized.statistics.length);
  const verdicts: StatisticVerdict[] = new Array(recognized.statistics.length);
  const findings: Finding[] = [];

  // Statistics grouped by block, in order.
  const byBlock = new Map<number, number[]>();
  recognized.statistics.forEach((stat, i) => {
    const block = recognized.sentences[stat.sentence]?.block ?? -1;
    const list = byBlock.get(block);
    if (list) list.push(i);
    else byBlock.set(block, [i]);
  });

  for (const [blockIndex, indices] of byBlock) {
    const block = recognized.blocks[blockIndex];
    const blockSpan: Span = block?.span ?? { start: 0, end: text.length };
    const firstSentence = recognized.statistics[indices[0]].sentence;
    const previous = layout.previousBefore(firstBlockSentence(recognized, blockIndex, firstSentence));
    const key = cache ? `${format}\u0000${text.slice(blockSpan.start, blockSpan.end)}\u0000${previous?.references.join(',') ?? ''}\u0000${referenceSignature}` : '';
    const cached = cache?.get(key);
    if (cached) {
      const delta = blockSpan.start;
      indices.forEach((statIndex, k) => {
        links[statIndex] = shiftLink(cached.links[k], delta, recognized.statistics[statIndex]);
        verdicts[statIndex] = { ...cached.verdicts[k], statistic: statIndex };
      });
      for (const f of cached.findings) findings.push(shiftFinding(f, delta, indices[0] - cached.firstStatistic));
      continue;
    }
    const blockFindings: Finding[] = [];
    for (const statIndex of indices) {
      const link = linkStatistic(recognized.statistics[statIndex], input, layout, ctx);
      links[statIndex] = link;
      const result = checkStatistic(text, recognized, statIndex, link, ctx);
      verdicts[statIndex] = result.verdict;
      blockFindings.push(...result.findings);
    }
    findings.push(...blockFindings);
    if (cache) {
      const delta = -blockSpan.start;
      cache.set(key, {
        links: indices.map((i) => shiftLink(links[i], delta, { ...recognized.statistics[i], span: shiftSpan(recognized.statistics[i].span, delta) })),
        verdicts: indices.map((i) => verdicts[i]),
        findings: blockFindings.map((f) => shiftFinding(f, delta, 0)),
        firstStatistic: indices[0],
      });
    }
  }
  cache?.sweep();

  findings.push(...checkSubgroupSums(text, recognized));
  findings.push(...checkCitations(citations, recognized));
  const starts = lineStarts(text);
  const kept = applySuppressions(findings, recognized.suppressions, starts);
  kept.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { text, format, recognized, citations, links, verdicts, findings: kept, lineStarts: starts };
}

function firstBlockSentence(doc: RecognizedDocument, block: number, fallback: number): number {
  let i = fallback;
  while (i > 0 && doc.sentences[i - 1]?.block === block) i--;
  return i;
}

function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

function shiftLink(link: StatisticLink, delta: number, statistic: StatisticLink['statistic']): StatisticLink {
  if (delta === 0) return { ...link, statistic };
  return {
    ...link,
    statistic,
    endpoint: link.endpoint && { ...link.endpoint, start: link.endpoint.start + delta, end: link.endpoint.end + delta },
    // Attributions to citations outside the block keep their absolute place: only in-block ones move.
    attributions: link.attributions.map((a) => (a.strength === 'previous' ? a : { ...a, span: shiftSpan(a.span, delta) })),
  };
}

function shiftFinding(finding: Finding, delta: number, statisticDelta: number): Finding {
  return {
    ...finding,
    span: shiftSpan(finding.span, delta),
    statistic: finding.statistic === undefined ? undefined : finding.statistic + statisticDelta,
    fixes: finding.fixes?.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, span: shiftSpan(e.span, delta) })) })),
  };
}

function applySuppressions(findings: Finding[], suppressions: Suppression[], starts: readonly number[]): Finding[] {
  if (suppressions.length === 0) return findings;
  const byLine = new Map<number, Suppression>();
  for (const s of suppressions) byLine.set(s.line, s);
  return findings.filter((f) => {
    const s = byLine.get(lineOf(starts, f.span.start));
    return !s || (s.codes.length > 0 && !s.codes.includes(f.code));
  });
}
