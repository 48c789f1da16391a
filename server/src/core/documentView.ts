/**
 * The document-wide view of an analysis, which hovers, definitions, symbols and references read: every block's
 * entities, resolved citations, links and verdicts at absolute offsets with document-wide indices.
 *
 * The checker works per block with block-relative results. Copying all of them into place for every version would
 * cost a 1 MB draft some 100,000 objects on the first hover after each keystroke, so each block's placed copy is made
 * once and moved in place when the block moves. A view stays valid until the next view of the same document is built
 * (features always read the current version's).
 */
import type { StatisticVerdict } from './check/findings';
import { layoutCitations } from './link/context';
import type { Attribution, StatisticLink } from './link/linkStatistics';
import type { ResolvedCitation } from './link/resolveCitations';
import { emptyDocument, placeCitation, placedBlock, placeStatistic, shifted, type RecognizedBlock, type RecognizedBlocks } from './recognize';
import type { AntigenEntity, CitationEntity, RecognizedDocument, ReferenceListEntry, Sentence, Span, StatisticEntity } from './types';

/** What the checker made of a block, relative to it. */
export interface BlockChecks {
  citations: ResolvedCitation[];
  links: StatisticLink[];
  verdicts: StatisticVerdict[];
}

export interface DocumentView {
  recognized: RecognizedDocument;
  citations: ResolvedCitation[];
  links: StatisticLink[];
  verdicts: StatisticVerdict[];
}

/**
 * One block of the view, for a feature that reads one place (a hover): its entities, citations, links and verdicts as
 * the document-wide view holds them (absolute offsets; statistic, sentence and citation indices the document's), built
 * without placing the rest of the document.
 */
export interface BlockView {
  statistics: StatisticEntity[];
  antigens: AntigenEntity[];
  citations: CitationEntity[];
  /** resolved[i] is citations[i] resolved. */
  resolved: ResolvedCitation[];
  /** links[i] and verdicts[i] are those of statistics[i]. */
  links: StatisticLink[];
  verdicts: StatisticVerdict[];
  /** statistics[i] is the document's statistic statisticBase + i. */
  statisticBase: number;
}

/** One block's placed copy, and where it is placed now. */
interface PlacedCopy {
  checks: BlockChecks | undefined;
  offset: number;
  sentenceBase: number;
  statisticBase: number;
  blockIndex: number;
  sentences: Sentence[];
  statistics: StatisticEntity[];
  antigens: AntigenEntity[];
  citations: CitationEntity[];
  reference?: ReferenceListEntry;
  resolved: ResolvedCitation[];
  links: StatisticLink[];
  verdicts: StatisticVerdict[];
}

/** Per-document placed copies, keyed by the recognizer's block (the same object while the block is unchanged). */
export class DocumentViews {
  private copies = new WeakMap<RecognizedBlock, PlacedCopy>();
  private sentenceBases = new WeakMap<RecognizedBlocks, Int32Array>();

  build(recognized: RecognizedBlocks, checksOf: (blockIndex: number) => BlockChecks | undefined): DocumentView {
    const doc = emptyDocument(recognized);
    const citations: ResolvedCitation[] = [];
    const links: StatisticLink[] = [];
    const verdicts: StatisticVerdict[] = [];
    for (let blockIndex = 0; blockIndex < recognized.blocks.length; blockIndex++) {
      const block = recognized.blocks[blockIndex]!;
      const offset = recognized.starts[blockIndex]!;
      doc.blocks.push(placedBlock(recognized, blockIndex));
      if (!block.findings) continue;
      const where = { offset, sentenceBase: doc.sentences.length, statisticBase: doc.statistics.length, blockIndex };
      const copy = this.copyOf(block, checksOf(blockIndex), where);
      for (const s of copy.sentences) doc.sentences.push(s);
      for (const s of copy.statistics) doc.statistics.push(s);
      for (const a of copy.antigens) doc.antigens.push(a);
      for (const c of copy.citations) doc.citations.push(c);
      if (copy.reference) doc.referenceList.push(copy.reference);
      for (const rc of copy.resolved) citations.push(rc);
      for (const link of copy.links) links.push(link);
      for (const verdict of copy.verdicts) verdicts.push(verdict);
    }
    // Numbered citations point at this version's reference list; attributions to "the citation before" at the
    // citation that is now before them (it may lie in another block, which may have moved on its own).
    const placeOf = (entry: ReferenceListEntry) => (entry.footnote !== undefined ? `^${entry.footnote}` : entry.number);
    const byPlace = new Map(doc.referenceList.map((entry) => [placeOf(entry), entry]));
    for (const rc of citations) for (const target of rc.targets) if (target.listEntry) target.listEntry = byPlace.get(placeOf(target.listEntry)) ?? target.listEntry;
    const layout = layoutCitations(doc, citations);
    for (const link of links) {
      for (const a of link.attributions) {
        if (a.strength !== 'previous') continue;
        const before = layout.previousBefore(link.statistic.sentence);
        if (before) {
          a.span = { ...before.citation.span };
          a.via = before.citation.text;
        }
      }
    }
    return { recognized: doc, citations, links, verdicts };
  }

  /**
   * The block at `blockIndex` alone, placed where it is in this version: the same copy `build` places (and moves), so
   * that a view of the whole version built before or after it agrees with it. An attribution to "the citation before"
   * keeps the span the last whole view gave it; what hovers read of it (reference, text) is the block's own.
   */
  block(recognized: RecognizedBlocks, blockIndex: number, checks: BlockChecks | undefined, statisticBase: number): BlockView | undefined {
    const block = recognized.blocks[blockIndex];
    if (!block?.findings) return undefined;
    const sentenceBase = this.sentenceBasesOf(recognized)[blockIndex]!;
    const copy = this.copyOf(block, checks, { offset: recognized.starts[blockIndex]!, sentenceBase, statisticBase, blockIndex });
    // New arrays for each view: searches index an entity list once (firstContaining), and a copy's lists move in place.
    return {
      statistics: copy.statistics.slice(),
      antigens: copy.antigens.slice(),
      citations: copy.citations.slice(),
      resolved: copy.resolved.slice(),
      links: copy.links.slice(),
      verdicts: copy.verdicts.slice(),
      statisticBase,
    };
  }

  /**
   * sentenceBases[i]: how many sentences the blocks before block i hold. Counted once per version, on its first hover:
   * counting along the blocks on every hover cost a block deep in a 1 MB draft thousands of steps each time.
   */
  private sentenceBasesOf(recognized: RecognizedBlocks): Int32Array {
    let bases = this.sentenceBases.get(recognized);
    if (!bases) {
      bases = new Int32Array(recognized.blocks.length);
      let base = 0;
      for (let i = 0; i < recognized.blocks.length; i++) {
        bases[i] = base;
        base += recognized.blocks[i]!.findings?.sentences.length ?? 0;
      }
      this.sentenceBases.set(recognized, bases);
    }
    return bases;
  }

  /** The block's placed copy, made for these checks or moved to `where`. */
  private copyOf(block: RecognizedBlock, checks: BlockChecks | undefined, where: Where): PlacedCopy {
    let copy = this.copies.get(block);
    if (!copy || copy.checks !== checks) {
      copy = placeCopy(block, checks, where);
      this.copies.set(block, copy);
    } else moveCopy(copy, where);
    return copy;
  }
}

interface Where {
  offset: number;
  sentenceBase: number;
  statisticBase: number;
  blockIndex: number;
}

function placeCopy(block: RecognizedBlock, checks: BlockChecks | undefined, where: Where): PlacedCopy {
  const findings = block.findings!;
  const { offset, sentenceBase, statisticBase, blockIndex } = where;
  const statistics = findings.statistics.map((s) => placeStatistic(s, offset, sentenceBase));
  // The checked citations, in order: a "(1)" the reference list lacks is not among them (see CitationEntity.listedOnly).
  const entities = checks ? checks.citations.map((rc) => rc.citation) : findings.citations;
  const citations = entities.map((c) => placeCitation(c, offset, sentenceBase));
  const copy: PlacedCopy = {
    checks,
    ...where,
    sentences: findings.sentences.map((s) => ({ ...s, span: shifted(s.span, offset), block: blockIndex })),
    statistics,
    antigens: findings.antigens.map((a) => ({ ...a, span: shifted(a.span, offset), sentence: a.sentence + sentenceBase })),
    citations,
    resolved: (checks?.citations ?? []).map((rc, k) => {
      const citation = citations[k]!;
      return { ...rc, citation, targets: rc.targets.map((t, j) => ({ ...t, target: citation.targets[j]! })) };
    }),
    links: (checks?.links ?? []).map((link, k) => ({
      ...link,
      statistic: statistics[k]!,
      endpoint: link.endpoint && { ...link.endpoint, start: link.endpoint.start + offset, end: link.endpoint.end + offset },
      attributions: link.attributions.map((a) => placeAttribution(a, offset)),
    })),
    verdicts: (checks?.verdicts ?? []).map((v) => ({ ...v, statistic: v.statistic + statisticBase })),
  };
  if (findings.reference) copy.reference = { ...findings.reference, span: shifted(findings.reference.span, offset) };
  return copy;
}

function placeAttribution(a: Attribution, offset: number): Attribution {
  // Attributions to the citation before a sentence are pointed at it once the whole view is built.
  return a.strength === 'previous' ? { ...a, span: { ...a.span } } : { ...a, span: shifted(a.span, offset) };
}

function shift(span: Span, by: number): void {
  span.start += by;
  span.end += by;
}

/** Moves a placed copy to where its block is now, in place. */
function moveCopy(copy: PlacedCopy, where: Where): void {
  const d = where.offset - copy.offset;
  const ds = where.sentenceBase - copy.sentenceBase;
  const dst = where.statisticBase - copy.statisticBase;
  if (d === 0 && ds === 0 && dst === 0 && where.blockIndex === copy.blockIndex) return;
  for (const s of copy.sentences) {
    shift(s.span, d);
    s.block = where.blockIndex;
  }
  for (const s of copy.statistics) {
    shift(s.span, d);
    s.sentence += ds;
    if (s.ci) shift(s.ci.span, d);
    if (s.parts) for (const span of Object.values(s.parts)) if (span) shift(span, d);
  }
  for (const a of copy.antigens) {
    shift(a.span, d);
    a.sentence += ds;
  }
  for (const c of copy.citations) {
    shift(c.span, d);
    c.sentence += ds;
    for (const t of c.targets) shift(t.span, d);
  }
  if (copy.reference) shift(copy.reference.span, d);
  for (const link of copy.links) {
    if (link.endpoint) {
      link.endpoint.start += d;
      link.endpoint.end += d;
    }
    for (const a of link.attributions) if (a.strength !== 'previous') shift(a.span, d);
  }
  for (const v of copy.verdicts) v.statistic += dst;
  copy.offset = where.offset;
  copy.sentenceBase = where.sentenceBase;
  copy.statisticBase = where.statisticBase;
  copy.blockIndex = where.blockIndex;
}
