/**
 * The pipeline the CLI and the server share: recognize -> resolve citations -> link -> check.
 * Everything is done per block, relative to the block's start: a block's citations, links, verdicts and findings
 * depend only on its own text and on what linking reads from outside it (the citation before it, the reference list,
 * the dataset). They are cached on those, so an edit re-checks only the blocks it touched, and a block that moved
 * costs nothing. The document-wide view (absolute offsets) is built when a feature first reads it.
 */
import { checkCitations, checkReferenceEntry, checkStatistic, nameSwaps } from './check/checkDocument';
import { checkSubgroupSumsOf, checkWrittenSums } from './check/arithmetic';
import { suppressionsOf } from './check/policy';
import type { Finding, StatisticVerdict } from './check/findings';
import type { LinkContext } from './link/datasetView';
import { hasOtherStudyCue, layoutCitations, type CitationLayout, type LeadIn } from './link/context';
import { captionEndpoints, linkStatistic, type Attribution, type LinkReaders, type StatisticLink } from './link/linkStatistics';
import { describeReference } from './check/describe';
import { indexReferenceList, isNote, resolveCitation, type ReferenceListIndex, type ResolvedCitation } from './link/resolveCitations';
import { DocumentViews, type BlockView, type DocumentView } from './documentView';
import { createRecognizeCache, listedCitations, recognizeBlocks, shifted, type BlockFindings, type RecognizeCache, type RecognizedBlock, type RecognizedBlocks } from './recognize';
import { OutlineCache, outlineOf, type Outline } from './outline';
import type { DocumentText } from './text/pieceText';
import { lineOf, lineStarts } from './text/positions';
import type { Block, DocumentFormat, RecognizedDocument, ReferenceListEntry, Suppression } from './types';

export interface DocumentAnalysis {
  text: string;
  format: DocumentFormat;
  /** Every finding, before settings (severity overrides, disabled codes) are applied; suppressed lines removed. */
  findings: Finding[];
  /**
   * The same findings block by block, relative to each block and not yet filtered by suppressions: what the editor's
   * diagnostics are made from, so that a keystroke does not place every finding of the document again.
   */
  byBlock: FindingsByBlock;
  /** The suppression comments (`trial-lens-disable-next-line`) of this version. */
  suppressions: Suppression[];
  /** The bibliography files the document declares (front matter, \bibliography), as written. */
  bibliographyPaths: string[];
  /** The document-wide views below are built on first read (an edit that only needs diagnostics never builds them). */
  recognized: RecognizedDocument;
  citations: ResolvedCitation[];
  /** links[i] is the link of recognized.statistics[i]. */
  links: StatisticLink[];
  verdicts: StatisticVerdict[];
  lineStarts: number[];
  /** Sections and their statistics' verdicts (document symbols, section lenses), read block by block. */
  outline: Outline;
  /**
   * The block holding `offset`, with its findings (placed, suppressed lines removed): what a hover reads, without the
   * document-wide view (the first hover after a keystroke would otherwise place every entity of the document again).
   */
  blockAt(offset: number): (BlockView & { findings: Finding[] }) | undefined;
}

export interface FindingsByBlock {
  /**
   * The blocks with findings, in document order. An entry is the same object for as long as its block's text, place
   * in the order and context are unchanged; its findings are relative to the block, in report order.
   */
  blocks: ReadonlyArray<{ readonly index: number; readonly result: { readonly findings: readonly Finding[] } }>;
  /** By block index: where the block starts, and how many statistics come before it. */
  starts: Int32Array;
  statisticBases: Int32Array;
}

/**
 * A block's citations, links, verdicts and findings, relative to the block: spans from its start, statistic indices
 * local to it. Shared by every place the same block sits in the same context, and never mutated.
 */
interface BlockResult {
  /** What linking read from outside the block: the citation before it (text and references), and the reference list. */
  previousCitation: string;
  referenceSignature: string;
  citations: ResolvedCitation[];
  links: StatisticLink[];
  verdicts: StatisticVerdict[];
  /**
   * The block's findings in the order an analysis reports them: by place (spans from the block's start), and at one
   * place a statistic's findings, then subgroup sums, then citations. Blocks do not overlap, so the document's order is
   * the blocks' lists one after another.
   */
  findings: Finding[];
  /** The key of the block's last citation, which the blocks after it read (undefined: the block cites nothing). */
  lastCitationKey?: string;
  /** What that citation leads in to: the list after it, or the section its heading opens (see BlockWalk). */
  leadsIn?: LeadIn;
  run: number;
  /** The findings as last placed (absolute), reused while the block sits at the same offset and statistic index. */
  placed?: { offset: number; statisticBase: number; findings: Finding[] };
}

/**
 * Per-document state kept between analyses: the recognizer's block cache and the checker's. `readers` says who reads
 * the analyses made with it: 'features' (the editor: diagnostics, hovers, definitions) or 'findings' (`trial-lens
 * check`, which reads the findings only and so skips what only hovers show; see LinkReaders).
 */
export class AnalysisCache {
  readonly recognize: RecognizeCache = createRecognizeCache();
  readonly views = new DocumentViews();
  readonly outlines = new OutlineCache();
  /**
   * Keyed by the recognizer's findings for a block: the same object while the block's text and reading are. A block
   * has one result per context it was read in (a paragraph repeated after another citation has two).
   */
  private blocks = new Map<BlockFindings, BlockResult[]>();
  /** @internal The last run's checked blocks, which an edit inside one block starts from. */
  lastRun: CheckedBlocks | undefined;
  private context: LinkContext | undefined;
  private run = 0;
  private used = 0;

  constructor(readonly readers: LinkReaders = 'features') {}

  /** A changed dataset or bibliography invalidates every cached result. */
  useContext(ctx: LinkContext): void {
    if (this.context !== ctx) {
      this.blocks.clear();
      this.lastRun = undefined;
      this.context = ctx;
    }
    this.run++;
    this.used = 0;
  }

  /** @internal */
  get(findings: BlockFindings, previousCitation: string, referenceSignature: string): BlockResult | undefined {
    const list = this.blocks.get(findings);
    if (!list) return undefined;
    for (const result of list) {
      if (result.referenceSignature !== referenceSignature || result.previousCitation !== previousCitation) continue;
      if (result.run !== this.run) this.used++;
      result.run = this.run;
      return result;
    }
    return undefined;
  }

  /** @internal */
  set(findings: BlockFindings, result: BlockResult): void {
    result.run = this.run;
    this.used++;
    const list = this.blocks.get(findings);
    if (list) list.push(result);
    else this.blocks.set(findings, [result]);
  }

  /** @internal A block's results are no longer needed here (its text was edited). */
  forget(findings: BlockFindings): void {
    this.blocks.delete(findings);
  }

  /**
   * Keeps the cache from outgrowing the document: results the last analysis did not use are dropped once they are
   * as many as the ones it used (a sweep on every keystroke would walk every block of a long document).
   */
  sweep(): void {
    if (this.blocks.size <= 2 * this.used + 64) return;
    for (const [key, list] of this.blocks) {
      const kept = list.filter((r) => r.run === this.run);
      if (kept.length === 0) this.blocks.delete(key);
      else if (kept.length !== list.length) this.blocks.set(key, kept);
    }
  }
}

/**
 * A block with statistics or citations, and its checked result. Where it sits (its offset, its first statistic's
 * index) is read from the run's arrays, so the same object serves every run in which the block is unchanged.
 */
interface PlacedBlock {
  block: RecognizedBlock;
  findings: BlockFindings;
  result: BlockResult;
  index: number;
}

/** What checking every block of one version gave, kept so that an edit inside one block can start from it. */
interface CheckedBlocks {
  recognized: RecognizedBlocks;
  placed: PlacedBlock[];
  resultByBlock: Array<BlockResult | undefined>;
  /** statisticBases[i]: how many statistics the blocks before block i hold. */
  statisticBases: Int32Array;
  referenceList: ReferenceListEntry[];
  referenceSignature: string;
  /** walkAfter[q]: what the walk carried on after placed[q] (the last citation so far), so an edit resumes there. */
  walkAfter: WalkState[];
}

/**
 * `source` is the document's text: a string, or the version an editor keeps in pieces (a keystroke then never joins
 * the whole text: analysis.text and lineStarts join it when something reads them).
 */
export function analyzeDocument(source: DocumentText, format: DocumentFormat, ctx: LinkContext, cache = new AnalysisCache()): DocumentAnalysis {
  cache.useContext(ctx);
  const recognized = recognizeBlocks(source, format, { cache: cache.recognize });
  const edited = checkEditedBlock(recognized, format, ctx, cache);
  const checked = edited ?? checkBlocks(recognized, format, ctx, cache);
  // The sweep keeps the results a run used: one that re-checked a single block used few of them.
  if (!edited) cache.sweep();
  cache.lastRun = checked;
  const { resultByBlock } = checked;

  let starts: number[] | undefined;
  let whole: string | undefined;
  const text = () => (whole ??= String(source));
  const startsOf = () => (starts ??= lineStarts(text()));
  let findings: Finding[] | undefined;
  const byBlock: FindingsByBlock = { blocks: checked.placed, starts: recognized.starts, statisticBases: checked.statisticBases };
  const analysis = { format, byBlock, suppressions: recognized.suppressions, bibliographyPaths: recognized.bibliographyPaths } as DocumentAnalysis;
  let view: DocumentView | undefined;
  const documentWide = () => (view ??= cache.views.build(recognized, (index) => resultByBlock[index]));
  // Line starts cost a pass over the whole text, every finding placed a copy of each finding that moved, and the
  // document-wide view a copy of every entity: all are built when something reads them, not on every keystroke.
  Object.defineProperty(analysis, 'findings', { get: () => (findings ??= orderedFindings(checked, recognized.suppressions, startsOf)), enumerable: true, configurable: true });
  Object.defineProperty(analysis, 'lineStarts', { get: startsOf, enumerable: true, configurable: true });
  let outline: Outline | undefined;
  Object.defineProperty(analysis, 'outline', { get: () => (outline ??= outlineOf(recognized, (index) => resultByBlock[index]?.verdicts, source.length, cache.outlines)), enumerable: true, configurable: true });
  Object.defineProperty(analysis, 'text', { get: text, enumerable: true, configurable: true });
  Object.defineProperty(analysis, 'recognized', { get: () => documentWide().recognized, enumerable: true, configurable: true });
  Object.defineProperty(analysis, 'citations', { get: () => documentWide().citations, enumerable: true, configurable: true });
  Object.defineProperty(analysis, 'links', { get: () => documentWide().links, enumerable: true, configurable: true });
  Object.defineProperty(analysis, 'verdicts', { get: () => documentWide().verdicts, enumerable: true, configurable: true });
  analysis.blockAt = (offset) => {
    if (recognized.blocks.length === 0) return undefined;
    // The last block starting at or before the offset (block starts are in order, as line starts are).
    const index = lineOf(recognized.starts, offset);
    const statisticBase = checked.statisticBases[index]!;
    const blockView = cache.views.block(recognized, index, resultByBlock[index], statisticBase);
    if (!blockView) return undefined;
    const at = firstPlacedFrom(checked.placed, index);
    const placed = checked.placed[at]?.index === index ? checked.placed[at] : undefined;
    const own = placed ? placeFindings(placed, recognized.starts[index]!, statisticBase) : [];
    return { ...blockView, findings: applySuppressions(own, recognized.suppressions, startsOf) };
  };
  return analysis;
}

/** Every finding in the order an analysis reports them (each block's list, one block after another), suppressed lines removed. */
function orderedFindings(checked: CheckedBlocks, suppressions: Suppression[], starts: () => readonly number[]): Finding[] {
  const findings: Finding[] = [];
  const offsets = checked.recognized.starts;
  for (const p of checked.placed) for (const f of placeFindings(p, offsets[p.index]!, checked.statisticBases[p.index]!)) findings.push(f);
  return applySuppressions(findings, suppressions, starts);
}

/** Checks every block of a recognized document on its own, with what linking reads from before it (the last citation, the reference list). */
function checkBlocks(recognized: RecognizedBlocks, format: DocumentFormat, ctx: LinkContext, cache: AnalysisCache): CheckedBlocks {
  // The reference list is read by every numbered citation: its entries (relative to their blocks) and a signature.
  const referenceList: ReferenceListEntry[] = [];
  for (const { findings } of recognized.blocks) {
    if (findings?.reference) referenceList.push(findings.reference);
    if (findings?.namedReferences) referenceList.push(...findings.namedReferences);
  }
  // Everything resolving a numbered citation reads of an entry is in its number, key and text (a resolved citation
  // shows the entry's text). Kept as the same string while it is unchanged, so that comparing it is one pointer test.
  const signature = referenceList.map((e) => `${e.number}\u0001${e.key ?? ''}\u0001${e.footnote ?? ''}\u0001${e.text}`).join('\u0002');
  const referenceSignature = cache.lastRun?.referenceSignature === signature ? cache.lastRun.referenceSignature : signature;
  const checked: CheckedBlocks = {
    recognized,
    placed: [],
    resultByBlock: new Array(recognized.blocks.length),
    statisticBases: new Int32Array(recognized.blocks.length),
    referenceList,
    referenceSignature,
    walkAfter: [],
  };
  const walk = new BlockWalk(checked, format, ctx, cache);
  let statisticBase = 0;
  for (let index = 0; index < recognized.blocks.length; index++) {
    checked.statisticBases[index] = statisticBase;
    const block = recognized.blocks[index]!;
    if (!block.findings) continue;
    walk.check(block, block.findings, index);
    statisticBase += block.findings.statistics.length;
  }
  return checked;
}

/**
 * After an edit inside one block (the recognizer re-read only that block): the last run's results with that block
 * checked again, and the blocks after it checked again only while the citation they read before them changed.
 * Undefined when the edit reaches further than that (the reference list, another version than the last run).
 */
function checkEditedBlock(recognized: RecognizedBlocks, format: DocumentFormat, ctx: LinkContext, cache: AnalysisCache): CheckedBlocks | undefined {
  const last = cache.lastRun;
  if (!last) return undefined;
  if (last.recognized === recognized) return last;
  const edit = cache.recognize.lastEdit;
  if (!edit || edit.to !== recognized || edit.from !== last.recognized) return undefined;
  const k = edit.index;
  const before = last.recognized.blocks[k]!.findings;
  const after = recognized.blocks[k]!.findings;
  if (!before || !after || before.reference || after.reference) return undefined;

  const checked: CheckedBlocks = {
    ...last,
    recognized,
    placed: [],
    resultByBlock: last.resultByBlock.slice(),
    statisticBases: last.statisticBases.slice(),
  };
  const added = after.statistics.length - before.statistics.length;
  if (added !== 0) for (let i = k + 1; i < checked.statisticBases.length; i++) checked.statisticBases[i]! += added;
  checked.resultByBlock[k] = undefined;
  if (before !== after) cache.forget(before);

  // The blocks before the edited one are as they were; so is the citation their last one left: they are copied as
  // they stand, and the walk resumes after them (a keystroke does not walk every block of a long document).
  const from = firstPlacedFrom(last.placed, k);
  // A table right before the edited block (or before the \end{tabular} above a LaTeX caption) may read it as its
  // source note: checked again (from the cache, if the note is as it was).
  const unchangedBefore = firstPlacedFrom(last.placed, k - 3);
  checked.placed = last.placed.slice(0, unchangedBefore);
  checked.walkAfter = last.walkAfter.slice(0, unchangedBefore);
  const walk = new BlockWalk(checked, format, ctx, cache, unchangedBefore > 0 ? last.walkAfter[unchangedBefore - 1] : undefined);
  for (let q = unchangedBefore; q < from; q++) {
    const p = last.placed[q]!;
    if (p.block.kind === 'table') walk.check(p.block, p.findings, p.index);
    else walk.keep(p);
  }
  walk.check(recognized.blocks[k]!, after, k);
  for (let q = last.placed[from]?.index === k ? from + 1 : from; q < last.placed.length; q++) {
    const p = last.placed[q]!;
    if (p.result.previousCitation === walk.previousCitationFor(p.findings, p.index)) walk.keep(p);
    else walk.check(p.block, p.findings, p.index);
    // Once the walk carries on as it did in the last run, past the reach of the look-backs that read the blocks between
    // a citation and a number (a lead-in's list, a section, a wrapped paragraph), every block after is as it was.
    if (p.index - k > LEAD_IN_REACH && walk.carriesOnAs(last.walkAfter[q]!)) {
      for (let r = q + 1; r < last.placed.length; r++) {
        checked.placed.push(last.placed[r]!);
        checked.walkAfter.push(last.walkAfter[r]!);
      }
      break;
    }
  }
  return checked;
}

/** Where the placed blocks (in document order) from block `index` on begin: binary search, not a scan. */
function firstPlacedFrom(placed: readonly PlacedBlock[], index: number): number {
  let from = 0;
  for (let high = placed.length; from < high; ) {
    const mid = (from + high) >> 1;
    if (placed[mid]!.index < index) from = mid + 1;
    else high = mid;
  }
  return from;
}

/** What the walk carries from one block to the next: the last citation so far. */
interface WalkState {
  readonly previous: ResolvedCitation | undefined;
  readonly previousKey: string;
  /**
   * The block of the last citation, and what that citation leads in to: the list after it ("In the NCI trial
   * [@fry2018]:"), or the section its heading opens ("## The NCI trial [@fry2018]").
   */
  readonly previousBlock: number;
  readonly previousLeadsIn: LeadIn | undefined;
}

const WALK_START: WalkState = { previous: undefined, previousKey: '', previousBlock: -1, previousLeadsIn: undefined };

/** Checks blocks in document order, carrying what each reads from before it: the last citation so far. */
class BlockWalk {
  private state: WalkState;
  private listIndex: ReferenceListIndex | undefined;

  constructor(
    private readonly checked: CheckedBlocks,
    private readonly format: DocumentFormat,
    private readonly ctx: LinkContext,
    private readonly cache: AnalysisCache,
    state: WalkState = WALK_START,
  ) {
    this.state = state;
  }

  private get previous(): ResolvedCitation | undefined {
    return this.state.previous;
  }
  private get previousKey(): string {
    return this.state.previousKey;
  }
  private get previousBlock(): number {
    return this.state.previousBlock;
  }
  private get previousLeadsIn(): LeadIn | undefined {
    return this.state.previousLeadsIn;
  }

  /**
   * Whether the walk now carries what it carried at the same place in an earlier run (its citation by key: equal keys
   * read alike, as a kept result's previousCitation says).
   */
  carriesOnAs(earlier: WalkState): boolean {
    const now = this.state;
    return now === earlier || (now.previousKey === earlier.previousKey && now.previousBlock === earlier.previousBlock && now.previousLeadsIn === earlier.previousLeadsIn);
  }

  /** Only statistics read the citation before their block, and whether it leads in to the block (a list, a section). */
  previousCitationFor(findings: BlockFindings, index: number): string {
    const key = this.keyFor(findings, findings.statistics.length > 0 ? this.leadsInto(index) : undefined);
    return this.withCaption(key, this.checked.recognized.blocks[index]!, findings, index).key;
  }

  /**
   * A table's caption, above it or (pandoc's, LaTeX's) under it, may name what its numbers are ("Table: Best CR,
   * pooled" over "| | ALL | NHL |"): the endpoints it names go with the table's links, and into its cache key.
   */
  private withCaption(key: string, block: RecognizedBlock, findings: BlockFindings, index: number): { key: string; caption?: readonly string[] } {
    if (block.kind !== 'table' || findings.statistics.length === 0) return { key };
    const blocks = this.checked.recognized.blocks;
    let back = index - 1;
    while (blocks[back]?.kind === 'other' && TABULAR_BEGIN.test(blocks[back]!.text)) back--;
    const above = blocks[back];
    let caption = (above?.kind === 'paragraph' || above?.kind === 'table') && CAPTION.test(above.text) ? above.text : undefined;
    if (caption === undefined) {
      let at = index + 1;
      while (blocks[at]?.kind === 'other' && (TABULAR_END.test(blocks[at]!.text) || FENCE_END.test(blocks[at]!.text))) at++;
      const below = blocks[at];
      if (below?.kind === 'paragraph' && (PANDOC_CAPTION.test(below.text) || (at > index + 1 && CAPTION_BELOW.test(below.text)))) caption = below.text;
    }
    const named = caption === undefined ? [] : captionEndpoints(caption, this.ctx);
    return named.length === 0 ? { key } : { key: `${key}\u0005caption ${named.join(' ')}`, caption: named };
  }

  private keyFor(findings: BlockFindings, leadIn: LeadIn | undefined): string {
    if (findings.statistics.length === 0) return '';
    return leadIn ? `${this.previousKey}\u0003lead-in ${leadIn}` : this.previousKey;
  }

  /** What the last citation leads in to, if block `index` is part of it. */
  private leadsInto(index: number): LeadIn | undefined {
    if (this.previousLeadsIn === 'list') return continuesList(this.checked.recognized, this.previousBlock, index) ? 'list' : undefined;
    if (this.previousLeadsIn === 'section') {
      // The list right under a heading that cites ("## Fry et al., Nat Med 2018 [1]" over a slide's bullets) is that
      // work's, as the list after a lead-in is; the section's paragraphs are only near it.
      if (continuesList(this.checked.recognized, this.previousBlock, index)) return 'list';
      return continuesSection(this.checked.recognized, this.previousBlock, index) ? 'section' : undefined;
    }
    // Plain text cut where a wrapped line happened to end a sentence: the paragraph's citation is still its own.
    if (this.format === 'plaintext' && this.citingBlockIsWrapped() && samePlainParagraph(this.checked.recognized, this.previousBlock, index)) return 'section';
    return undefined;
  }

  /**
   * Whether the block of the last citation ends in a wrapped line, read once per citing block: the walk asks for every
   * block after an edit, and in most plain text (a paragraph per line) the answer is no.
   */
  private wrappedFor = -1;
  private wrapped = false;

  private citingBlockIsWrapped(): boolean {
    if (this.wrappedFor !== this.previousBlock) {
      this.wrappedFor = this.previousBlock;
      const block = this.checked.recognized.blocks[this.previousBlock];
      this.wrapped = block !== undefined && (block.kind === 'paragraph' || block.kind === 'list-item') && lastLineLength(block.text) <= WRAPPED_LINE;
    }
    return this.wrapped;
  }

  /** A block as the last run checked it. */
  keep(p: PlacedBlock): void {
    this.checked.placed.push(p);
    this.checked.resultByBlock[p.index] = p.result;
    this.follow(p.result, p.index);
    this.checked.walkAfter.push(this.state);
  }

  /** A block's result from the cache, or checked now. */
  check(block: RecognizedBlock, findings: BlockFindings, index: number): void {
    if (findings.statistics.length === 0 && findings.citations.length === 0 && !findings.reference) return;
    const { referenceList, referenceSignature } = this.checked;
    const list = () => (this.listIndex ??= indexReferenceList(referenceList));
    const note = findings.statistics.length > 0 ? this.sourceNoteOf(block, index, list) : undefined;
    const leadIn = note ? 'list' : findings.statistics.length > 0 ? this.leadsInto(index) : undefined;
    const { key: previousCitation, caption } = this.withCaption(note ? note.key : this.keyFor(findings, leadIn), block, findings, index);
    let result = this.cache.get(findings, previousCitation, referenceSignature);
    if (!result) {
      const previous = { citation: note ? note.citation : this.previous, leadIn, caption };
      result = checkBlock(block, findings, this.format, referenceList, list, previous, this.ctx, previousCitation, referenceSignature, this.cache.readers);
      this.cache.set(findings, result);
    }
    this.checked.placed.push({ block, findings, result, index });
    this.checked.resultByBlock[index] = result;
    this.follow(result, index);
    this.checked.walkAfter.push(this.state);
  }

  /**
   * A table's source note, the paragraph right under it ("Source: Fergusson et al. (2023)."), its pandoc caption under
   * it, or in LaTeX its caption under the tabular: its citation is the table's, as a caption's above it is. The key
   * says which note, for the table's cached result.
   */
  private sourceNoteOf(block: RecognizedBlock, index: number, list: () => ReferenceListIndex): { citation: ResolvedCitation; key: string } | undefined {
    if (block.kind !== 'table') return undefined;
    const blocks = this.checked.recognized.blocks;
    let at = index + 1;
    while (blocks[at]?.kind === 'other' && (TABULAR_END.test(blocks[at]!.text) || FENCE_END.test(blocks[at]!.text))) at++;
    const next = blocks[at];
    const note = next?.findings;
    if (!next || !note || note.citations.length === 0 || next.kind !== 'paragraph') return undefined;
    // (Or a short line of no numbers of its own, citing: "Pooled estimates [@fergusson2023].")
    const shortNote = next.text.length <= SHORT_NOTE && note.statistics.length === 0 && note.sentences.length === 1 && NOTE_ENDS_CITING.test(next.text) && !/^\s*(?:See|Cf|For)\b/i.test(next.text);
    if (!(SOURCE_NOTE.test(next.text) || PANDOC_CAPTION.test(next.text) || (at > index + 1 && CAPTION_BELOW.test(next.text)) || shortNote)) return undefined;
    const cited = listedCitations(note.citations, () => list().byNumber);
    if (cited.length === 0) return undefined;
    return { citation: resolveCitation(cited[0]!, list(), this.ctx), key: `\u0004source ${note.citations.map((c) => c.text).join('\u0001')}` };
  }

  private follow(result: BlockResult, index: number): void {
    if (result.lastCitationKey === undefined) return;
    // An item of the list a citation leads in to ("- NCT02315612" under "## Fry et al., Nat Med 2018 [1]") cites for
    // itself; the items after it are still the lead-in's, unless it leads in to its own ("- Pan et al. [@pan2019]:").
    if (this.previousLeadsIn !== undefined && result.leadsIn === undefined && continuesList(this.checked.recognized, this.previousBlock, index)) return;
    this.state = { previous: lastCitationOf(result.citations), previousKey: result.lastCitationKey, previousBlock: index, previousLeadsIn: result.leadsIn };
  }
}

/** The fence closing Quarto's raw HTML (```{=html}), between its table and the note under it. */
const FENCE_END = /^\s*(?:`{3,}|~{3,})\s*$/;

/** The start of a LaTeX tabular, between the caption above it and its rows. */
const TABULAR_BEGIN = /^\s*\\begin\{(?:tabular[xy]?|tabulary|longtable|array|tblr)\*?\}/;

/** The end of a LaTeX tabular, between it and the caption under it. */
const TABULAR_END = /^\s*\\end\{(?:tabular[xy]?|tabulary|longtable|array|tblr)\*?\}\s*$/;

/** A LaTeX caption (under the tabular it follows, in the same table). */
const CAPTION_BELOW = /^\s*\\caption\*?\s*[[{]/;

/** Pandoc's caption, which may stand under its table as well as above it (": Best CR, pooled [@x]", "Table: ..."). */
const PANDOC_CAPTION = /^\s*(?:Table)?:\s/;

/** The longest line right under a table read as its note when it says no more than what it cites, ending with it. */
const SHORT_NOTE = 120;
const NOTE_ENDS_CITING = /[\])]\.?\s*$/;

/** The note under a table that says where its figures come from. */
const SOURCE_NOTE = /^\s*(?:\*\*|__|\*|_)?(?:Sources?|Data(?: taken)? from|Adapted from|Reproduced from|Figures from)\b/i;

/** A block's last citation, the one the blocks after it may read as theirs (a footnote that is a note is none). */
function lastCitationOf(citations: readonly ResolvedCitation[]): ResolvedCitation | undefined {
  for (let i = citations.length - 1; i >= 0; i--) if (!isNote(citations[i]!)) return citations[i];
  return undefined;
}

/**
 * After a block's last citation: the rest of its sentence ending in a colon ("In the NCI trial [@fry2018]:"), or a
 * short sentence of its own that ends in one and cites nothing ("... [@fry2018]. Its key results were:").
 */
// A block holds no blank line: a lead-in hard-wrapped over two lines ("... Their\nmain estimates were:") is one.
const LEAD_IN_END = /^[^.!?]*:\s*$/;
const LEAD_IN_SENTENCE = /[.!?]\s+([^.!?]{1,120}):\s*$/;

/**
 * A table's caption above it ("\caption{... \citep{x}}", "Table 2. ... [@x]", "Table S4. ...", pandoc's "Table: ... [@x]"): its
 * citation is the table's.
 */
const CAPTION = /^\s*(?:(?:\\(?:begin\{table\*?\}(?:\[[^\]\n]*\])?|centering|small|footnotesize|label\{[^}\n]*\})\s*)*\\caption\*?\s*[[{]|(?:\*\*|__|_|\*)?Table(?:\s+S?[\dIVX]+[a-z]?[.:]|\s*:|\.\s))/;

/** A paragraph of one line all in bold, its citation after the bold or inside it ("**The Beijing study** [@pan2019]"). */
const BOLD_LINE = /^\s*(?:\*\*|__)[^*_\n]{1,120}(?:\*\*|__)\s*(?:\[[^\]\n]{1,120}\])?\s*:?\s*$|^\s*(?:\*\*|__)[^*_\n]{1,120}\[[^\]\n]{1,120}\][^*_\n]{0,40}(?:\*\*|__)\s*:?\s*$/;

function leadsIn(block: RecognizedBlock, last: ResolvedCitation): BlockResult['leadsIn'] {
  if (block.kind === 'heading') return 'section';
  if (CAPTION.test(block.text)) return 'list';
  // A line in bold, as a heading converted from Word or written by hand ("**2. The Beijing study** [@pan2019]"), leads
  // in to the list under it as a heading would.
  if (block.kind === 'paragraph' && BOLD_LINE.test(block.text)) return 'list';
  const after = block.text.slice(last.citation.span.end);
  if (LEAD_IN_END.test(after)) return 'list';
  // "Other trials reported:" leads in to results that are not the cited work's.
  const sentence = LEAD_IN_SENTENCE.exec(after);
  return sentence && !hasOtherStudyCue(sentence[1]!) ? 'list' : undefined;
}

/**
 * Whether block `index` is an item of the list that the lead-in in block `from` opens: a list item (or table) with
 * only list items between them, or lines that are not prose (LaTeX's \begin{itemize}).
 */
function continuesList(recognized: RecognizedBlocks, from: number, index: number): boolean {
  const kind = recognized.blocks[index]!.kind;
  if ((kind !== 'list-item' && kind !== 'table') || from < 0 || index - from > LEAD_IN_REACH) return false;
  for (let k = index - 1; k > from; k--) {
    const between = recognized.blocks[k]!;
    if (between.kind !== 'list-item' && between.findings !== undefined) return false;
  }
  return true;
}

/**
 * Whether plain-text blocks `from` to `index` are one paragraph of the page: prose blocks with only a line break
 * between each and the next (no blank line), as the splitter cuts a hard-wrapped paragraph where a line ends a sentence.
 */
function samePlainParagraph(recognized: RecognizedBlocks, from: number, index: number): boolean {
  if (from < 0 || index <= from || index - from > LEAD_IN_REACH) return false;
  for (let k = from; k < index; k++) {
    const block = recognized.blocks[k]!;
    // A list item's wrapped lines ("2) Beijing trial [2]. 34 patients." over "One-year LFS 71.6%") go on its text.
    if ((block.kind !== 'paragraph' && !(k === from && block.kind === 'list-item')) || recognized.blocks[k + 1]!.kind !== 'paragraph') return false;
    // A wrapped line is short; a line of more than 120 characters is a paragraph of its own (a word
    // processor's export puts each paragraph on one line). Only the block's last 121 characters are read: this runs
    // for every block after an edit.
    const { text } = block;
    if (lastLineLength(text) > WRAPPED_LINE) return false;
    const gap = recognized.starts[k + 1]! - (recognized.starts[k]! + text.length);
    if (gap > (text.includes('\r\n') ? 2 : 1)) return false;
  }
  return true;
}

/** The length of a text's last line, read from its end for at most WRAPPED_LINE + 1 characters. */
function lastLineLength(text: string): number {
  let lineStart = text.length;
  while (lineStart > 0 && text.length - lineStart <= WRAPPED_LINE && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  return text.length - lineStart;
}

/** The longest line read as hard-wrapped prose (e-mail and plain-text editors wrap at 72-110 columns). */
const WRAPPED_LINE = 120;

/** How many blocks after it a lead-in reaches at most (the walk reads back over them for each block). */
const LEAD_IN_REACH = 200;

/** Whether block `index` lies in the section whose heading (block `from`) cites: no heading between them. */
function continuesSection(recognized: RecognizedBlocks, from: number, index: number): boolean {
  if (from < 0 || index - from > LEAD_IN_REACH) return false;
  for (let k = index; k > from; k--) if (recognized.blocks[k]!.kind === 'heading') return false;
  return true;
}

/** What a block's links read of the citation before it: what it says and what it names. */
function citationKey(rc: ResolvedCitation): string {
  return `${rc.citation.text}\u0001${rc.references.join('\u0001')}`;
}

/** Resolves, links and checks one block on its own: the block's text and findings as a one-block document. */
function checkBlock(
  block: RecognizedBlock,
  findings: BlockFindings,
  format: DocumentFormat,
  referenceList: ReferenceListEntry[],
  list: () => ReferenceListIndex,
  previous: { citation: ResolvedCitation | undefined; leadIn: LeadIn | undefined; caption?: readonly string[] },
  ctx: LinkContext,
  previousCitation: string,
  referenceSignature: string,
  readers: LinkReaders,
): BlockResult {
  const text = block.text;
  const only: Block = { span: { start: 0, end: text.length }, kind: block.kind };
  if (block.headingLevel !== undefined) only.headingLevel = block.headingLevel;
  const cited = listedCitations(findings.citations, () => list().byNumber);
  const doc: RecognizedDocument = {
    format,
    blocks: [only],
    sentences: findings.sentences,
    statistics: findings.statistics,
    antigens: findings.antigens,
    citations: cited,
    referenceList,
    bibliographyPaths: [],
    suppressions: [],
  };
  const citations = cited.map((citation) => resolveCitation(citation, list(), ctx));
  const last = lastCitationOf(citations);
  const own = layoutCitations(doc, citations);
  // The citation before a sentence may lie in an earlier block.
  const layout: CitationLayout = { bySentence: own.bySentence, byBlock: own.byBlock, previousBefore: (sentence) => own.previousBefore(sentence) ?? previous.citation };
  if (previous.leadIn && previous.citation) layout.leadIn = { citation: previous.citation, to: previous.leadIn };
  if (previous.caption) layout.caption = previous.caption;
  const input = { text, doc, citations };

  const indices = findings.statistics.map((_, i) => i);
  const links: StatisticLink[] = new Array(indices.length);
  const verdicts: StatisticVerdict[] = new Array(indices.length);
  const perStatistic: Finding[][] = new Array(indices.length);
  for (const i of indices) {
    links[i] = linkStatistic(findings.statistics[i]!, input, layout, ctx, undefined, readers);
    const result = checkStatistic(text, doc, i, links[i]!, ctx);
    verdicts[i] = result.verdict;
    perStatistic[i] = result.findings;
  }
  const implicit = implicitAttribution(indices, links, verdicts, ctx);
  if (implicit) {
    for (const i of indices) {
      if (verdicts[i]!.verdict !== 'not-in-dataset') continue;
      links[i] = linkStatistic(findings.statistics[i]!, input, layout, ctx, implicit, readers);
      const result = checkStatistic(text, doc, i, links[i]!, ctx);
      verdicts[i] = result.verdict;
      // Nothing cites the work: two numbers that happen to match it (the writer's own 21 patients, 16 of 21 with CRS)
      // are a weak link, so what contradicts it is said as information, and "Fix all" does not rewrite it; unless the
      // sentence is the work's own words (an abstract pasted in, its number changed).
      const sentence = doc.sentences[findings.statistics[i]!.sentence];
      const own = (f: Finding) => {
        const quote = f.factId ? ctx.dataset.factById.get(f.factId)?.quote : undefined;
        return quote !== undefined && sentence !== undefined && sharedWordRun(text.slice(sentence.span.start, sentence.span.end), quote) >= 4;
      };
      perStatistic[i] = result.findings.map((f) => (f.severity === 'error' || f.severity === 'warning') && f.code !== 'arithmetic-inconsistency' && !own(f) ? weakened(f) : f);
    }
  }
  // A sentence in Chinese, Japanese or Korean: the checker reads its numbers and their arithmetic, but not the words
  // that say whose number each is and of what; what it says of the dataset is information, and no fix is "Fix all"'s.
  if (CJK.test(text)) {
    for (const i of indices) {
      const sentence = doc.sentences[findings.statistics[i]!.sentence];
      if (sentence && CJK.test(text.slice(sentence.span.start, sentence.span.end))) {
        perStatistic[i] = perStatistic[i]!.map((f) => ((f.severity === 'error' || f.severity === 'warning') && f.code !== 'arithmetic-inconsistency' ? weakened(f) : f));
      }
    }
  }
  nameSwaps(text, doc, perStatistic, ctx, links);
  for (const i of indices) links[i] = keptForFeatures(links[i]!, verdicts[i]!);
  // A Markdown block quote, or an e-mail's quoted lines ("> ..."); not the draft's own revised text quoted in a reply
  // to reviewers ("> **Revised:** ...").
  const quoted = (block.kind === 'quote' || (format === 'plaintext' && /^\s*>/.test(text))) && !OWN_TEXT_QUOTED.test(text);
  // A statistic inside quotation marks ("The authors state that \"CR was 80% in the NCI trial\"") is quoted too.
  const inlineQuotes = quoted || indices.length === 0 ? [] : quotationsIn(text);
  const quotedHere = (i: number) => inlineQuotes.some((q) => q.start <= doc.statistics[i]!.span.start && doc.statistics[i]!.span.end <= q.end);
  return {
    previousCitation,
    referenceSignature,
    citations,
    links,
    verdicts,
    findings: byPlace([
      ...(quoted ? perStatistic.flat().map(asQuoted) : inlineQuotes.length > 0 ? perStatistic.flatMap((f, i) => (quotedHere(i) ? f.map(asQuoted) : f)) : perStatistic.flat()),
      ...(indices.length > 0 ? checkSubgroupSumsOf(text, doc, indices).map((f) => (quoted ? asQuoted(f) : f)) : []),
      ...writtenSums(text, doc, verdicts, ctx).map((f) => (quoted ? asQuoted(f) : f)),
      ...checkCitations(citations, doc, ctx, links, text),
      ...(findings.reference ? checkReferenceEntry(findings.reference, text, ctx) : []),
    ]),
    lastCitationKey: last ? citationKey(last) : undefined,
    leadsIn: last ? leadsIn(block, last) : undefined,
    run: 0,
  };
}

/**
 * The block's written sums (checkWrittenSums). A whole the dataset confirms ("CRS occurred in 16 patients (9 + 8)
 * [@fry2018]") is not the slip: its correction is not offered, and the message asks about the parts.
 */
function writtenSums(text: string, doc: RecognizedDocument, verdicts: readonly StatisticVerdict[], ctx: LinkContext): Finding[] {
  return checkWrittenSums(text).map((finding) => {
    const i = doc.statistics.findIndex((s) => s.span.start <= finding.span.start && finding.span.end <= s.span.end);
    const verdict = i >= 0 ? verdicts[i] : undefined;
    const fact = verdict?.factId && (verdict.verdict === 'supported' || verdict.verdict === 'rounding') ? ctx.dataset.factById.get(verdict.factId) : undefined;
    if (!fact) return finding;
    const { fixes: _dropped, ...rest } = finding;
    return { ...rest, message: `${finding.message} The whole is ${describeReference(ctx, fact.reference)}'s figure: is a part the slip?` };
  });
}

/** Quotations of a few words or more in a block's text: “...”, "...", LaTeX's ``...''. */
function quotationsIn(text: string): Array<{ start: number; end: number }> {
  if (!text.includes('"') && !text.includes('“') && !text.includes('``')) return [];
  const spans: Array<{ start: number; end: number }> = [];
  for (const m of text.matchAll(QUOTATION)) {
    // Not the text between two markup attributes (<ref name="a">...</ref> ... <ref name="b">).
    const attribute = text[m.index - 1] === '=' || text[m.index + m[0].length - 2] === '=';
    if (!attribute && /\s\S+\s/.test(m[0])) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

const QUOTATION = /“[^”]{8,600}”|"[^"]{8,600}"|``[^'`]{8,600}''/g;

/**
 * The start of a block quote that holds the draft's own text: new text ("> **Revised:**", "> New text:", "> The sentence
 * now reads:"), or a box or call-out set off from the prose ("> **Box 1 | Key numbers**", "> [!NOTE]", "> Key
 * points"). Not "> Key findings" or a table alone: a reviewer's words and tables are quoted so too.
 */
const OWN_TEXT_QUOTED =
  /^[\s>*_"]*(?:revised|revision|new text|amended|corrected|changed to|(?:the )?(?:sentence|text|paragraph) now reads|\[!(?:note|tip|important|warning|caution)\]|(?:box|panel)\s*\d|key points\b|practice points|take-home|at a glance|summary box)/i;

/**
 * A finding in a block quote ("> The reviewer writes: Fry et al. reported 75%"): the words are someone else's, which
 * the draft may go on to correct. Said, but as information, and as theirs.
 */
function asQuoted(finding: Finding): Finding {
  if (finding.severity !== 'error' && finding.severity !== 'warning') return finding;
  return { ...finding, severity: 'information', message: `In a quotation: ${finding.message}` };
}

/** Candidates a link keeps once its statistic is checked: the best few (hovers and definitions read the best) and the verdict's. */
const KEPT_CANDIDATES = 3;

/**
 * A checked link without the candidates nothing reads again: a 1 MB draft scores some 240,000, and kept they were
 * most of the memory an analysis holds (and what every garbage collection had to walk).
 */
function keptForFeatures(link: StatisticLink, verdict: StatisticVerdict): StatisticLink {
  if (link.candidates.length <= KEPT_CANDIDATES) return link;
  const candidates = link.candidates.slice(0, KEPT_CANDIDATES);
  const chosen = verdict.factId === undefined ? undefined : link.candidates.find((c) => c.fact.id === verdict.factId);
  // Not among the best, so it scored no higher than them: the list stays best first.
  if (chosen && !candidates.includes(chosen)) candidates.push(chosen);
  return { ...link, candidates, candidateCount: link.candidateCount ?? link.candidates.length };
}

/** The longest run of words (numbers left out) two texts share, in order. */
function sharedWordRun(a: string, b: string): number {
  const words = (t: string) => t.toLowerCase().match(/[a-z]+(?:-[a-z]+)*/g) ?? [];
  const x = words(a);
  const y = words(b);
  let best = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < y.length; j++) {
      let k = 0;
      while (i + k < x.length && j + k < y.length && x[i + k] === y[j + k]) k++;
      if (k > best) best = k;
    }
  }
  return best;
}

/** Han, kana and Hangul characters. */
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/;

function weakened(finding: Finding): Finding {
  return { ...finding, severity: 'information', ...(finding.fixes ? { fixes: finding.fixes.map((x) => ({ ...x, preferred: false })) } : {}) };
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
    const link = links[i]!;
    if (link.citesOutsideDataset || link.attributions.some((a) => a.strength !== 'previous')) return undefined;
    const verdict = verdicts[i]!;
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

/** A block's findings where the block now sits (the same objects as last time if it has not moved). */
function placeFindings(p: PlacedBlock, offset: number, statisticBase: number): Finding[] {
  const { result } = p;
  if (result.placed?.offset !== offset || result.placed.statisticBase !== statisticBase) {
    const where = { offset, statisticBase };
    result.placed = { offset, statisticBase, findings: result.findings.map((f) => placeFinding(f, where)) };
  }
  return result.placed.findings;
}

/** Findings by place; a stable sort keeps the order of those at one place. */
function byPlace(findings: Finding[]): Finding[] {
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  // Two numbers given one wrong dose ("73% (11/15), including all 5 ..., at 1 x 10^5 cells/kg") make one finding at
  // the dose: the first of one code at one place is kept.
  return findings.filter((f, i) => i === 0 || !samePlace(findings[i - 1]!, f));
}

function samePlace(a: Finding, b: Finding): boolean {
  return a.code === b.code && a.span.start === b.span.start && a.span.end === b.span.end;
}

/** A block's finding where the block now sits. */
function placeFinding(finding: Finding, p: { offset: number; statisticBase: number }): Finding {
  const placed: Finding = { ...finding, span: shifted(finding.span, p.offset) };
  if (finding.statistic !== undefined) placed.statistic = finding.statistic + p.statisticBase;
  if (finding.fixes) placed.fixes = finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, span: shifted(e.span, p.offset) })) }));
  return placed;
}

function applySuppressions(findings: Finding[], suppressions: Suppression[], starts: () => readonly number[]): Finding[] {
  if (suppressions.length === 0) return findings;
  const suppressed = suppressionsOf(suppressions);
  const lines = starts();
  return findings.filter((f) => !suppressed(lineOf(lines, f.span.start), f.code));
}

