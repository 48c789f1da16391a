/**
 * The pipeline the CLI and the server share: recognize -> resolve citations -> link -> check.
 * Linking and checking are cached per block (by the recognizer's findings for it and the context linking reads from
 * outside it), so an edit re-checks only the blocks it touched; a block that merely moved is shifted in place.
 */
import { checkCitations, checkStatistic } from './check/checkDocument';
import { checkSubgroupSumsOf } from './check/arithmetic';
import type { Finding, StatisticVerdict } from './check/findings';
import type { LinkContext } from './link/datasetView';
import { layoutCitations } from './link/context';
import { linkStatistic, type Attribution, type StatisticLink } from './link/linkStatistics';
import { describeReference } from './check/describe';
import { referenceListByNumber, resolveCitation, resolveCitations, type ResolvedCitation } from './link/resolveCitations';
import { createRecognizeCache, recognize, type RecognizeCache } from './recognize';
import { lineOf, lineStarts } from './text/positions';
import type { CitationEntity, DocumentFormat, RecognizedDocument, ReferenceListEntry, Span, StatisticEntity, Suppression } from './types';

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

/**
 * A block's links, verdicts and findings, placed (absolute offsets, global statistic indices) where the last
 * analysis that used them put them. They are owned by the cache (no span is shared with the recognizer's entities),
 * so a block that moved is shifted in place instead of copied.
 */
interface BlockResult {
  /** What linking read from outside the block: the references of the citation before it, and the reference list. */
  previousReferences: readonly string[];
  referenceSignature: string;
  links: StatisticLink[];
  verdicts: StatisticVerdict[];
  /** Findings of the block's statistics; the block's subgroup sums apart (they are reported after all the others). */
  findings: Finding[];
  sums: Finding[];
  offset: number;
  firstStatistic: number;
  run: number;
}

/** Per-document state kept between analyses: the recognizer's block cache and the linker's. */
export class AnalysisCache {
  readonly recognize: RecognizeCache = createRecognizeCache();
  /**
   * Keyed by the block's first statistic: the recognizer hands back the same entity objects for a block it did not
   * re-read (same text, same context) and new ones for a block it re-read, so no key is built from the block's text.
   */
  private blocks = new Map<StatisticEntity, BlockResult>();
  private resolved = new WeakMap<CitationEntity, ResolvedCitation>();
  private referenceList: readonly ReferenceListEntry[] = [];
  private context: LinkContext | undefined;
  private run = 0;

  /** A changed dataset or bibliography invalidates every cached link. */
  useContext(ctx: LinkContext): void {
    if (this.context !== ctx) {
      this.blocks.clear();
      this.resolved = new WeakMap();
      this.context = ctx;
    }
    this.run++;
  }
  /** @internal */
  get(first: StatisticEntity, previousReferences: readonly string[], referenceSignature: string): BlockResult | undefined {
    const hit = this.blocks.get(first);
    if (!hit || hit.referenceSignature !== referenceSignature || !sameStrings(hit.previousReferences, previousReferences)) return undefined;
    hit.run = this.run;
    return hit;
  }
  /** @internal */
  set(first: StatisticEntity, value: BlockResult): void {
    value.run = this.run;
    this.blocks.set(first, value);
  }
  /** @internal Resolved citations, reused while the citation entity and the reference list entries are the same objects. */
  resolve(doc: RecognizedDocument, ctx: LinkContext): ResolvedCitation[] {
    const list = doc.referenceList;
    if (list.length !== this.referenceList.length || list.some((entry, i) => entry !== this.referenceList[i])) {
      this.resolved = new WeakMap();
      this.referenceList = [...list];
    }
    let listByNumber: Map<number, ReferenceListEntry> | undefined;
    return doc.citations.map((citation) => {
      let hit = this.resolved.get(citation);
      if (!hit) {
        hit = resolveCitation(citation, (listByNumber ??= referenceListByNumber(doc)), ctx);
        this.resolved.set(citation, hit);
      }
      return hit;
    });
  }
  /** Keep only what the last analysis used, so the cache never outgrows the document. */
  sweep(): void {
    for (const [key, value] of this.blocks) if (value.run !== this.run) this.blocks.delete(key);
  }
}

export function analyzeDocument(text: string, format: DocumentFormat, ctx: LinkContext, cache?: AnalysisCache): DocumentAnalysis {
  cache?.useContext(ctx);
  const recognized = recognize(text, format, { cache: cache?.recognize });
  const citations = cache ? cache.resolve(recognized, ctx) : resolveCitations(recognized, ctx);
  const layout = layoutCitations(recognized, citations);
  const input = { text, doc: recognized, citations };
  const referenceSignature = recognized.referenceList.map((e) => `${e.number}=${e.doi ?? e.pmid ?? e.nct ?? e.author ?? ''}`).join('|');

  const statistics = recognized.statistics;
  const links: StatisticLink[] = new Array(statistics.length);
  const verdicts: StatisticVerdict[] = new Array(statistics.length);
  const findings: Finding[] = [];
  const sums: Finding[] = [];

  // Statistics grouped by block, in order.
  const byBlock = new Map<number, number[]>();
  for (let i = 0; i < statistics.length; i++) {
    const block = recognized.sentences[statistics[i].sentence]?.block ?? -1;
    const list = byBlock.get(block);
    if (list) list.push(i);
    else byBlock.set(block, [i]);
  }

  for (const [blockIndex, indices] of byBlock) {
    const block = recognized.blocks[blockIndex];
    const blockSpan: Span = block?.span ?? { start: 0, end: text.length };
    const first = statistics[indices[0]];
    const previous = layout.previousBefore(firstBlockSentence(recognized, blockIndex, first.sentence));
    const previousReferences = previous?.references ?? NO_REFERENCES;
    const cached = cache?.get(first, previousReferences, referenceSignature);
    if (cached && cached.links.length === indices.length && cached.links.every((link, k) => link.statistic === statistics[indices[k]])) {
      moveBlock(cached, blockSpan.start, indices[0]);
      // An attribution to the citation before a sentence points where that citation is now (it may lie outside
      // the block, and have moved while the block did not).
      for (const link of cached.links) {
        for (const a of link.attributions) {
          if (a.strength !== 'previous') continue;
          const before = layout.previousBefore(link.statistic.sentence);
          if (before) {
            a.span = { ...before.citation.span };
            a.via = before.citation.text;
          }
        }
      }
      for (let k = 0; k < indices.length; k++) {
        links[indices[k]] = cached.links[k];
        verdicts[indices[k]] = cached.verdicts[k];
      }
      for (const f of cached.findings) findings.push(f);
      for (const f of cached.sums) sums.push(f);
      continue;
    }
    const perStatistic = new Map<number, Finding[]>();
    for (const statIndex of indices) {
      const link = linkStatistic(statistics[statIndex], input, layout, ctx);
      links[statIndex] = link;
      const result = checkStatistic(text, recognized, statIndex, link, ctx);
      verdicts[statIndex] = result.verdict;
      perStatistic.set(statIndex, result.findings);
    }
    const implicit = implicitAttribution(indices, links, verdicts, ctx);
    if (implicit) {
      for (const statIndex of indices) {
        if (verdicts[statIndex].verdict !== 'not-in-dataset') continue;
        const link = linkStatistic(statistics[statIndex], input, layout, ctx, implicit);
        links[statIndex] = link;
        const result = checkStatistic(text, recognized, statIndex, link, ctx);
        verdicts[statIndex] = result.verdict;
        perStatistic.set(statIndex, result.findings);
      }
    }
    const blockFindings: Finding[] = [];
    for (const statIndex of indices) for (const f of perStatistic.get(statIndex) ?? []) blockFindings.push(f);
    const blockSums = checkSubgroupSumsOf(text, recognized, indices);
    if (cache) {
      // The analysis hands out the cache's own copies, so that moving them later moves what it handed out.
      const owned: BlockResult = {
        previousReferences,
        referenceSignature,
        links: indices.map((i) => ownLink(links[i])),
        verdicts: indices.map((i) => ({ ...verdicts[i] })),
        findings: blockFindings.map(ownFinding),
        sums: blockSums.map(ownFinding),
        offset: blockSpan.start,
        firstStatistic: indices[0],
        run: 0,
      };
      cache.set(first, owned);
      indices.forEach((i, k) => {
        links[i] = owned.links[k];
        verdicts[i] = owned.verdicts[k];
      });
      for (const f of owned.findings) findings.push(f);
      for (const f of owned.sums) sums.push(f);
    } else {
      for (const f of blockFindings) findings.push(f);
      for (const f of blockSums) sums.push(f);
    }
  }
  cache?.sweep();

  for (const f of sums) findings.push(f);
  for (const f of checkCitations(citations, recognized)) findings.push(f);
  let starts: number[] | undefined;
  const startsOf = () => (starts ??= lineStarts(text));
  const kept = applySuppressions(findings, recognized.suppressions, startsOf);
  kept.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const analysis = { text, format, recognized, citations, links, verdicts, findings: kept } as DocumentAnalysis;
  // Line starts cost a pass over the whole text: computed when something reads them, not on every keystroke.
  Object.defineProperty(analysis, 'lineStarts', { get: startsOf, enumerable: true, configurable: true });
  return analysis;
}

const NO_REFERENCES: readonly string[] = [];

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A published passage pasted without citations ("We report a phase 1 trial ... in 21 children and adults ...") is
 * about one publication when at least two of its numbers match that publication's facts and none match another's:
 * its other numbers are then read as attributed to it at paragraph strength.
 */
function implicitAttribution(indices: number[], links: StatisticLink[], verdicts: StatisticVerdict[], ctx: LinkContext): Attribution | undefined {
  const counts = new Map<string, number>();
  let first: StatisticLink | undefined;
  for (const i of indices) {
    const link = links[i];
    if (link.citesOutsideDataset || link.attributions.some((a) => a.strength !== 'previous')) return undefined;
    const verdict = verdicts[i];
    if (verdict.verdict !== 'supported' && verdict.verdict !== 'rounding') continue;
    const candidate = link.candidates.find((c) => c.fact.id === verdict.factId);
    if (!candidate || candidate.endpointMatch !== 'exact') continue;
    counts.set(candidate.fact.reference, (counts.get(candidate.fact.reference) ?? 0) + 1);
    first ??= link;
  }
  if (counts.size !== 1 || !first) return undefined;
  const [[reference, count]] = [...counts];
  if (count < 2) return undefined;
  return {
    reference,
    strength: 'paragraph',
    via: `this paragraph's other numbers, which match ${describeReference(ctx, reference)}`,
    span: { ...first.statistic.span },
  };
}

function firstBlockSentence(doc: RecognizedDocument, block: number, fallback: number): number {
  let i = fallback;
  while (i > 0 && doc.sentences[i - 1]?.block === block) i--;
  return i;
}

function shiftSpan(span: Span, delta: number): void {
  span.start += delta;
  span.end += delta;
}

/** Moves a block's results to a new block offset and first statistic index, in place. */
function moveBlock(result: BlockResult, offset: number, firstStatistic: number): void {
  const delta = offset - result.offset;
  const statisticDelta = firstStatistic - result.firstStatistic;
  if (delta === 0 && statisticDelta === 0) return;
  if (delta !== 0) {
    for (const link of result.links) {
      if (link.endpoint) {
        link.endpoint.start += delta;
        link.endpoint.end += delta;
      }
      // Attributions to the citation before a sentence are re-pointed by the caller.
      for (const a of link.attributions) if (a.strength !== 'previous') shiftSpan(a.span, delta);
    }
  }
  if (statisticDelta !== 0) for (const verdict of result.verdicts) verdict.statistic += statisticDelta;
  for (const list of [result.findings, result.sums]) {
    for (const f of list) {
      if (delta !== 0) {
        shiftSpan(f.span, delta);
        if (f.fixes) for (const fix of f.fixes) for (const e of fix.edits) shiftSpan(e.span, delta);
      }
      if (f.statistic !== undefined) f.statistic += statisticDelta;
    }
  }
  result.offset = offset;
  result.firstStatistic = firstStatistic;
}

/** A copy of a link whose spans belong to it alone (the linker's may be the recognizer's entity spans). */
function ownLink(link: StatisticLink): StatisticLink {
  return {
    ...link,
    endpoint: link.endpoint && { ...link.endpoint },
    attributions: link.attributions.map((a) => ({ ...a, span: { ...a.span } })),
  };
}

function ownFinding(finding: Finding): Finding {
  return {
    ...finding,
    span: { ...finding.span },
    ...(finding.fixes ? { fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, span: { ...e.span } })) })) } : {}),
  };
}

function applySuppressions(findings: Finding[], suppressions: Suppression[], starts: () => readonly number[]): Finding[] {
  if (suppressions.length === 0) return findings;
  const byLine = new Map<number, Suppression>();
  for (const s of suppressions) byLine.set(s.line, s);
  const lines = starts();
  return findings.filter((f) => {
    const s = byLine.get(lineOf(lines, f.span.start));
    return !s || (s.codes.length > 0 && !s.codes.includes(f.code));
  });
}
