/**
 * The recognizer: prose in, typed findings (statistics, antigens, citations) out, each with its exact span in the
 * original text and the sentence it sits in. Documents are cut into blocks cheaply; each block's findings are cached
 * by its content, so an edit re-reads only the blocks it touched.
 */
import type { Block, CitationEntity, DocumentFormat, RecognizedDocument, Span, StatisticEntity } from '../types';
import { analyzeBlock, type BlockFindings } from './analyze';
export type { BlockFindings } from './analyze';
import { isBlankLine, type DocumentLayout, type LineInfo, type RawBlock } from './layout';
import { latexEditKeepsLayout, splitLatex } from './latex';
import { splitMarkdown } from './markdown';
import { plaintextCutsAfter, splitPlaintext } from './plaintext';
import { defaultAntigenVocabulary, type AntigenVocabulary } from './vocabulary';
import { changedRange, type ChangedRange } from '../text/changedRange';
import { PieceText, type DocumentText, type ReadableText } from '../text/pieceText';
import { lineOf } from '../text/positions';

export { loadAntigenVocabulary, defaultAntigenVocabulary } from './vocabulary';
export type { AntigenVocabulary, AntigenVocabularyEntry, AntigenKind } from './vocabulary';
export { entitiesAsJson, type EntityJson } from './json';

/**
 * Per-block findings keyed by (block text, how the block is read). Keep one per open document. Findings are relative
 * to their block (spans from its start, sentence indices local to it), so they never change when the block moves
 * and a paragraph repeated in a document is read once. Bounded: after each run only the entries it used are kept.
 * Nothing may mutate cached findings: they are shared by every run that reuses them.
 */
export class RecognizeCache {
  /** block text -> reading context -> entry. */
  private entries = new Map<string, Map<string, CacheEntry>>();
  private vocabulary: AntigenVocabulary | undefined;
  private run = 0;
  /**
   * The prose blocks of the last run and of this one, in order. An edit leaves most blocks as they were: comparing a
   * block with the one at the same place last time is much cheaper than hashing every block's text for the map
   * lookup, which a 1 MB document would do on every keystroke.
   * A block found that way is handed out as the same object, so a keystroke allocates nothing for the blocks it did
   * not touch.
   */
  private previous: CachedBlock[] = [];
  private current: CachedBlock[] = [];
  private expected = 0;
  /** The last run's document, for an edit that stays inside one block (see `reuseAround`). */
  private last: LastRun | undefined;
  /** This run's prose blocks by block index. */
  private byIndex: Array<CachedBlock | undefined> = [];
  /** Entries this run used. */
  private used = 0;
  /** Blocks analyzed / served from the cache by the last run, and whether it split the whole document again. */
  lastAnalyzed = 0;
  lastSplit: 'whole' | 'around-edit' = 'whole';
  /** When the last run re-read one block around an edit: which block, and the documents before and after. */
  lastEdit: { index: number; from: RecognizedBlocks; to: RecognizedBlocks } | undefined;
  lastReused = 0;

  /** Number of cached block findings. */
  get size(): number {
    let n = 0;
    for (const inner of this.entries.values()) n += inner.size;
    return n;
  }

  /** @internal `expected`: how many prose blocks this run has (to match blocks counted from the end). */
  begin(vocabulary: AntigenVocabulary, expected: number): void {
    if (vocabulary !== this.vocabulary) {
      this.entries.clear();
      this.previous = [];
      this.vocabulary = vocabulary;
    }
    this.current = [];
    this.byIndex = [];
    this.expected = expected;
    this.used = 0;
    this.run++;
    this.lastAnalyzed = 0;
    this.lastReused = 0;
    this.lastSplit = 'whole';
    this.lastEdit = undefined;
  }

  /** @internal The recognized block at raw's place in text (block `blockIndex`), analyzing it only if no run has. */
  take(text: string, raw: RawBlock, blockIndex: number, definitions: string, format: DocumentFormat, analyze: Analyze): RecognizedBlock {
    // Where this block would be last time: at the same index, or (after blocks were added or removed above it) at
    // the same distance from the end.
    const index = this.current.length;
    const same = this.matchAt(this.previous[index], text, raw, definitions, format) ?? this.matchAt(this.previous[this.previous.length - this.expected + index], text, raw, definitions, format);
    let cached: CachedBlock;
    if (same) {
      cached = same;
      this.lastReused++;
    } else {
      cached = this.lookup(text.slice(raw.start, raw.end), raw, definitions, format, analyze);
    }
    if (cached.entry.run !== this.run) this.used++;
    cached.entry.run = this.run;
    cached.run = this.run;
    cached.proseIndex = this.current.length;
    this.current.push(cached);
    this.byIndex[blockIndex] = cached;
    return cached.block;
  }

  private forget(entry: CacheEntry): void {
    const inner = this.entries.get(entry.text);
    if (inner?.get(entry.context) !== entry) return;
    inner.delete(entry.context);
    if (inner.size === 0) this.entries.delete(entry.text);
  }

  /** The block read from the map of block texts, or analyzed now. */
  private lookup(blockText: string, raw: RawBlock, definitions: string, format: DocumentFormat, analyze: Analyze): CachedBlock {
    const defs = definitionsRead(format, blockText, definitions);
    const context = cacheContext(format, raw, defs);
    let inner = this.entries.get(blockText);
    let entry = inner?.get(context);
    if (entry) this.lastReused++;
    else {
      // The cache keeps its own copy of the text: a slice would keep this whole version of the document alive.
      const own = copyString(blockText);
      entry = { text: own, context, findings: analyze(own, raw), run: this.run };
      this.lastAnalyzed++;
      if (!inner) {
        inner = new Map();
        this.entries.set(own, inner);
      }
      inner.set(context, entry);
    }
    const block: RecognizedBlock = { text: entry.text, kind: raw.kind, findings: entry.findings };
    if (raw.headingLevel !== undefined) block.headingLevel = raw.headingLevel;
    return { block, defs, referenceNumber: raw.referenceNumber, referenceKey: raw.referenceKey, footnote: raw.footnote, entry, run: this.run, proseIndex: -1 };
  }

  /**
   * @internal The document after an edit inside one prose block, from the last run's: every other block as it was
   * (those after it moved by the edit's length), the edited block read again. Undefined when the edit could change
   * how the document splits, which only a full split can tell: it adds or removes a line break in LaTeX, or in a
   * document with suppression directives (they name lines), the block is not a paragraph or list item (or, in LaTeX,
   * the paragraph of a quote or table environment), or (blockAfterEdit, latexBlockAfterEdit) what the format's
   * splitting reads of the edited line and block could differ.
   * Typing in a 1 MB draft would otherwise split the whole document and compare every block on each keystroke.
   */
  reuseAround(text: DocumentText, format: DocumentFormat, vocabulary: AntigenVocabulary, analyze: (definitions: string) => Analyze): RecognizedBlocks | undefined {
    const last = this.last;
    if (!last || last.format !== format || vocabulary !== this.vocabulary) return undefined;
    if (last.text === text) return last.result;
    const { start, oldEnd, newEnd } = changeBetween(last.text, text);
    // A line typed or joined inside a Markdown or plain-text block is read around the edit like any keystroke there
    // (blockAfterEdit splits the block on its own). Suppressions name lines, which such an edit would move: with any,
    // the document is split again. LaTeX's reading around an edit is line by line (latexEditKeepsLayout).
    if ((hasLineBreak(last.text, start, oldEnd) || hasLineBreak(text, start, newEnd)) && (format === 'latex' || last.result.suppressions.length > 0)) return undefined;
    const { blocks, starts } = last.result;
    // The block holding the edit: the last one starting at or before it.
    const index = lineOf(starts, start);
    const old = this.byIndex[index];
    if (!old || !readAroundEdit(old.block.kind, format)) return undefined;
    const blockStart = starts[index]!;
    if (start < blockStart) return undefined;
    const oldBlockEnd = blockStart + old.block.text.length;
    if (oldEnd > oldBlockEnd) return undefined;
    const delta = text.length - last.text.length;
    const newBlockEnd = oldBlockEnd + delta;
    const newText = text.slice(blockStart, newBlockEnd);
    const shape = format === 'latex' ? latexBlockAfterEdit(last.text, text, start, oldEnd, newEnd, old, newText) : blockAfterEdit(last.text, text, start, index, blocks, starts, old, newText, format);
    if (!shape) return undefined;
    const raw: RawBlock = { ...shape, start: blockStart, end: newBlockEnd };

    this.lastAnalyzed = 0;
    this.lastReused = this.previous.length - 1;
    this.lastSplit = 'around-edit';
    const cached = this.lookup(newText, raw, last.definitions, format, analyze(last.definitions));
    cached.entry.run = this.run;
    cached.proseIndex = old.proseIndex;
    this.previous[old.proseIndex] = cached;
    this.byIndex[index] = cached;
    // The text the block had is no longer read here (a copy elsewhere in the document keeps its own findings).
    if (old.entry !== cached.entry) this.forget(old.entry);

    const nextBlocks = blocks.slice();
    nextBlocks[index] = cached.block;
    const nextStarts = starts.slice();
    for (let i = index + 1; i < nextStarts.length; i++) nextStarts[i]! += delta;
    const result: RecognizedBlocks = { ...last.result, blocks: nextBlocks, starts: nextStarts };
    this.last = { ...last, text, result };
    this.lastEdit = { index, from: last.result, to: result };
    return result;
  }


  private matchAt(cached: CachedBlock | undefined, text: string, raw: RawBlock, definitions: string, format: DocumentFormat): CachedBlock | undefined {
    // A block is handed out at one place per run (its object stands for that place).
    if (!cached || cached.run === this.run) return undefined;
    const { block } = cached;
    if (block.text.length !== raw.end - raw.start || block.kind !== raw.kind || block.headingLevel !== raw.headingLevel) return undefined;
    if (cached.referenceNumber !== raw.referenceNumber || cached.referenceKey !== raw.referenceKey || cached.footnote !== raw.footnote) return undefined;
    // A slice compares as one memcmp; startsWith(text, at) compares character by character.
    if (text.slice(raw.start, raw.end) !== block.text) return undefined;
    return definitionsRead(format, block.text, definitions) === cached.defs ? cached : undefined;
  }

  /**
   * @internal Drops what this run did not use, once that is as much as what it used (a sweep on every keystroke
   * would walk every block of a long document).
   */
  end(text: DocumentText, format: DocumentFormat, definitions: string, result: RecognizedBlocks): void {
    this.previous = this.current;
    this.current = [];
    this.last = { text, format, definitions, result };
    if (this.entries.size <= 2 * this.used + 64) return;
    for (const [text, inner] of this.entries) {
      for (const [context, entry] of inner) if (entry.run !== this.run) inner.delete(context);
      if (inner.size === 0) this.entries.delete(text);
    }
  }
}

type Analyze = (blockText: string, raw: RawBlock) => BlockFindings;

/** What an edit inside one block needs of the run before it. */
interface LastRun {
  /** The version as it was given (an editor's PieceText knows how the next version differs from it). */
  text: DocumentText;
  format: DocumentFormat;
  definitions: string;
  result: RecognizedBlocks;
}

interface CacheEntry {
  text: string;
  /** How the block was read (its key under `text`). */
  context: string;
  findings: BlockFindings;
  run: number;
}

/** A prose block as the cache last handed it out, with what its reading depended on. */
interface CachedBlock {
  block: RecognizedBlock;
  defs: string;
  referenceNumber?: number;
  referenceKey?: string;
  footnote?: string;
  entry: CacheEntry;
  /** The run that last handed it out. */
  run: number;
  /** Its place among the run's prose blocks. */
  proseIndex: number;
}

/** What a block is, as splitting reads it: all of a RawBlock but where it lies. */
type BlockShape = Omit<RawBlock, 'start' | 'end'>;

/** Blocks whose edits can be read around: prose that neither starts nor ends anything for the blocks after it. */
function readAroundEdit(kind: Block['kind'], format: DocumentFormat): boolean {
  if (kind === 'paragraph' || kind === 'list-item') return true;
  // A LaTeX quote or table paragraph takes its kind from the environment around it, which the edit leaves as it was.
  return format === 'latex' && (kind === 'quote' || kind === 'table');
}

/**
 * The edited Markdown or plain-text block as splitting reads it, if the edit leaves every other block as it was: it
 * starts after its line's indentation and first character, on a line indented less than a list item's continuation
 * (what the line is, and whether the block before it matters, is decided there), the block is set apart from the
 * blocks around it before and after the edit (in Markdown by blank lines or list items, in plain text by what its last
 * line and the line after it say), and it splits on its own into one block of the kind it was.
 */
function blockAfterEdit(oldText: ReadableText, text: ReadableText, start: number, index: number, blocks: readonly RecognizedBlock[], starts: ArrayLike<number>, old: CachedBlock, newText: string, format: DocumentFormat): BlockShape | undefined {
  const blockStart = starts[index]!;
  const oldBlockEnd = blockStart + old.block.text.length;
  let first = start;
  while (first > 0 && text.charCodeAt(first - 1) !== 10 && text.charCodeAt(first - 1) !== 13) first--;
  let indent = 0;
  for (; first < start; first++) {
    const c = text.charCodeAt(first);
    if (c === 32) indent++;
    else if (c === 9) indent += 4;
    else break;
  }
  if (first >= start || indent >= 2) return undefined;
  if (format === 'plaintext') {
    // Plain text cuts blocks at line ends by what the lines say (splitPlaintext). The cut before the block reads the
    // line before it, which the edit left as it was, and the block's own first line (whether it is a bullet), which
    // the comparison of kinds below reads; the cut after it reads its last line, checked here.
    const next = lineAfter(text, blockStart + newText.length);
    if (next === null || !plaintextCutsAfter(newText, old.block.kind, next)) return undefined;
  } else {
    // Set apart from the blocks around it: by a blank line, or as an item of a list whose neighbouring item starts on
    // the next line (a list item's marker starts it whatever came before; what ends it is the next item's marker).
    const listItem = old.block.kind === 'list-item';
    const itemBefore = listItem && index > 0 && blocks[index - 1]!.kind === 'list-item' && isLineBreak(oldText, starts[index - 1]! + blocks[index - 1]!.text.length, blockStart);
    const itemAfter = listItem && index + 1 < blocks.length && blocks[index + 1]!.kind === 'list-item' && isLineBreak(oldText, oldBlockEnd, starts[index + 1]!);
    if (!(itemBefore || blankBefore(text, blockStart)) || !(itemAfter || blankAfter(text, blockStart + newText.length))) return undefined;
  }
  const oldRaw = alone(old.block.text, format);
  const newRaw = alone(newText, format);
  if (!oldRaw || !newRaw || oldRaw.kind !== old.block.kind || oldRaw.headingLevel !== old.block.headingLevel) return undefined;
  if (oldRaw.referenceNumber !== old.referenceNumber || oldRaw.referenceKey !== old.referenceKey || oldRaw.footnote !== old.footnote || newRaw.kind !== oldRaw.kind || newRaw.html !== oldRaw.html) return undefined;
  return newRaw;
}

/**
 * The edited LaTeX block, if the edit leaves every other block as it was (see latexEditKeepsLayout). Its kind is the
 * one it had: in LaTeX it can come from an environment opened before it (a quote), which the block alone does not show.
 */
function latexBlockAfterEdit(oldText: ReadableText, text: ReadableText, start: number, oldEnd: number, newEnd: number, old: CachedBlock, newText: string): BlockShape | undefined {
  let lineStart = start;
  while (lineStart > 0 && oldText.charCodeAt(lineStart - 1) !== 10 && oldText.charCodeAt(lineStart - 1) !== 13) lineStart--;
  if (!latexEditKeepsLayout(lineAt(oldText, lineStart, oldEnd), lineAt(text, lineStart, newEnd), old.block.text, newText)) return undefined;
  // The blocks read around an edit are paragraphs, items, quotes and tables: no heading level or reference entry.
  return { kind: old.block.kind, prose: true };
}

/** The line from `lineStart` to the first line break at or after `from`. */
function lineAt(text: ReadableText, lineStart: number, from: number): string {
  let end = from;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return text.slice(lineStart, end);
}

/** Is text[from, to) exactly one line break? */
function isLineBreak(text: ReadableText, from: number, to: number): boolean {
  if (to - from === 1) return text.charCodeAt(from) === 10 || text.charCodeAt(from) === 13;
  return to - from === 2 && text.charCodeAt(from) === 13 && text.charCodeAt(from + 1) === 10;
}

function hasLineBreak(text: ReadableText, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

/** Is the line before `offset`'s line blank (or is it the first line)? `offset` starts a line. */
function blankBefore(text: ReadableText, offset: number): boolean {
  if (offset === 0) return true;
  if (text.charCodeAt(offset - 1) !== 10) return false;
  return isBlankLine(text, lineWithout(text, text.lastIndexOf('\n', offset - 2) + 1, offset - 1));
}

/**
 * The line after the line whose content ends at `offset`, without its line end: undefined when there is none, null
 * when `offset` is not at a line end.
 */
function lineAfter(text: ReadableText, offset: number): string | undefined | null {
  if (offset >= text.length) return undefined;
  let i = offset;
  const c = text.charCodeAt(i);
  if (c === 13) i += text.charCodeAt(i + 1) === 10 ? 2 : 1;
  else if (c === 10) i++;
  else return null;
  return lineAt(text, i, i);
}

/** Is the line after `offset`'s line blank (or is there none)? `offset` ends a line's content. */
function blankAfter(text: ReadableText, offset: number): boolean {
  let i = offset;
  if (text.charCodeAt(i) === 13) i++;
  if (i >= text.length) return true;
  if (text.charCodeAt(i) !== 10) return false;
  const next = text.indexOf('\n', i + 1);
  return isBlankLine(text, lineWithout(text, i + 1, next < 0 ? text.length : next));
}

/** The line from `start` to the line feed at `end`, without the carriage return before it. */
function lineWithout(text: ReadableText, start: number, end: number): LineInfo {
  return { start, end: end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end };
}

/**
 * Where two versions differ: as the newer says, if it is an editor's version that knows (a keystroke in a long draft
 * then costs nothing here), else by comparing the two texts.
 */
function changeBetween(before: DocumentText, after: DocumentText): ChangedRange {
  return (after instanceof PieceText ? after.changeSince(before) : undefined) ?? changedRange(String(before), String(after));
}

/** A block's text split on its own: its one prose block, if that is what it is, with nothing document-wide in it. */
function alone(blockText: string, format: DocumentFormat): RawBlock | undefined {
  const layout = layoutOf(blockText, format);
  if (layout.blocks.length !== 1 || layout.suppressions.length > 0 || layout.bibliographyPaths.length > 0 || layout.definitions !== '') return undefined;
  const raw = layout.blocks[0]!;
  return raw.prose && raw.start === 0 && raw.end === blockText.length ? raw : undefined;
}

/** A copy of a string that does not share the memory of the string it was sliced from. */
function copyString(text: string): string {
  return (' ' + text).slice(1);
}

export function createRecognizeCache(): RecognizeCache {
  return new RecognizeCache();
}

export interface RecognizeOptions {
  vocabulary?: AntigenVocabulary;
  cache?: RecognizeCache;
}

/** markdown/md/qmd/rmd -> markdown; latex/tex/.tex/.ltx -> latex; anything else -> plaintext. Accepts a VS Code
 * language id or a path. */
export function detectFormat(languageIdOrPath: string): DocumentFormat {
  const value = languageIdOrPath.trim().toLowerCase();
  const dot = value.lastIndexOf('.');
  const slash = Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\'));
  const ext = dot > slash ? value.slice(dot + 1) : value;
  if (['markdown', 'md', 'qmd', 'rmd', 'quarto', 'rmarkdown', 'mdx', 'mkd', 'pandoc'].includes(ext)) return 'markdown';
  if (['latex', 'tex', 'ltx', 'bibtex-style', 'context', 'latex-expl3'].includes(ext)) return 'latex';
  return 'plaintext';
}

function layoutOf(text: string, format: DocumentFormat): DocumentLayout {
  if (format === 'markdown') return splitMarkdown(text);
  if (format === 'latex') return splitLatex(text);
  return splitPlaintext(text);
}

/** Markdown link reference definitions matter only to a block that could use them. */
function definitionsRead(format: DocumentFormat, blockText: string, definitions: string): string {
  return format === 'markdown' && definitions && blockText.includes('[') ? definitions : '';
}

function cacheContext(format: DocumentFormat, block: RawBlock, defs: string): string {
  return `${format}\u0001${block.kind}\u0001${block.headingLevel ?? ''}\u0001${block.referenceNumber ?? ''}\u0001${block.referenceKey ?? ''}\u0001${block.footnote ?? ''}\u0001${block.html ? 'html' : ''}\u0001${defs}`;
}

/** One block of a recognized document, independent of where it sits: its findings are relative to its start. */
export interface RecognizedBlock {
  /** The block's text (its findings' spans index into it). */
  text: string;
  kind: Block['kind'];
  headingLevel?: number;
  /** Undefined for blocks that are not prose (code, math, front matter). */
  findings?: BlockFindings;
}

/**
 * A document as blocks, each with block-relative findings: what an edit changes is only the blocks it touched, so
 * consumers that work per block (the checker) never pay for the whole document. `placeBlocks` gives the
 * document-wide view.
 */
export interface RecognizedBlocks {
  format: DocumentFormat;
  blocks: RecognizedBlock[];
  /** starts[i] is where blocks[i] starts in the document. */
  starts: Int32Array;
  bibliographyPaths: string[];
  suppressions: RecognizedDocument['suppressions'];
}

export function recognizeBlocks(source: DocumentText, format: DocumentFormat, options: RecognizeOptions = {}): RecognizedBlocks {
  const vocabulary = options.vocabulary ?? defaultAntigenVocabulary();
  const cache = options.cache;
  const analyzeWith = (definitions: string) => (blockText: string, raw: RawBlock) => analyzeBlock(format, blockText, raw, vocabulary, definitions);
  const local = cache?.reuseAround(source, format, vocabulary, analyzeWith);
  if (local) return local;
  const text = String(source);
  const layout = layoutOf(text, format);
  const count = layout.blocks.length;
  const blocks: RecognizedBlock[] = new Array(count);
  const starts = new Int32Array(count);
  const analyze = analyzeWith(layout.definitions);
  cache?.begin(vocabulary, layout.blocks.reduce((n, raw) => n + (raw.prose ? 1 : 0), 0));
  for (let i = 0; i < count; i++) {
    const raw = layout.blocks[i]!;
    starts[i] = raw.start;
    if (raw.prose && cache) {
      blocks[i] = cache.take(text, raw, i, layout.definitions, format, analyze);
      continue;
    }
    const block: RecognizedBlock = { text: text.slice(raw.start, raw.end), kind: raw.kind };
    if (raw.headingLevel !== undefined) block.headingLevel = raw.headingLevel;
    if (raw.prose) block.findings = analyze(block.text, raw);
    blocks[i] = block;
  }
  const result: RecognizedBlocks = { format, blocks, starts, bibliographyPaths: layout.bibliographyPaths, suppressions: layout.suppressions };
  cache?.end(source, format, layout.definitions, result);
  return result;
}

export function recognize(text: string, format: DocumentFormat, options: RecognizeOptions = {}): RecognizedDocument {
  return placeBlocks(recognizeBlocks(text, format, options));
}

/** The document-wide view: every finding copied to absolute offsets and global sentence / block indices. */
export function placeBlocks(recognized: RecognizedBlocks): RecognizedDocument {
  const doc = emptyDocument(recognized);
  for (let blockIndex = 0; blockIndex < recognized.blocks.length; blockIndex++) {
    const { findings } = recognized.blocks[blockIndex]!;
    const offset = recognized.starts[blockIndex]!;
    doc.blocks.push(placedBlock(recognized, blockIndex));
    if (!findings) continue;
    const sentenceBase = doc.sentences.length;
    for (const s of findings.sentences) doc.sentences.push({ ...s, span: shifted(s.span, offset), block: blockIndex });
    for (const s of findings.statistics) doc.statistics.push(placeStatistic(s, offset, sentenceBase));
    for (const a of findings.antigens) doc.antigens.push({ ...a, span: shifted(a.span, offset), sentence: a.sentence + sentenceBase });
    for (const c of findings.citations) doc.citations.push(placeCitation(c, offset, sentenceBase));
    if (findings.reference) doc.referenceList.push({ ...findings.reference, span: shifted(findings.reference.span, offset) });
    for (const named of findings.namedReferences ?? []) doc.referenceList.push({ ...named, span: shifted(named.span, offset) });
  }
  doc.citations = listedCitations(doc.citations, () => new Set(doc.referenceList.map((entry) => entry.number)));
  return doc;
}

/**
 * Citations without the "(1)" or "remission.5" markers the reference list does not have: those are an enumeration
 * ("two aims: (1) ...") or a footnote rather than citations (CitationEntity.listedOnly). `listed` is read only when
 * there is such a marker.
 */
export function listedCitations<C extends CitationEntity>(citations: C[], listed: () => { has(n: number): boolean }): C[] {
  if (!citations.some((c) => c.listedOnly)) return citations;
  const numbers = listed();
  return citations.filter((c) => !c.listedOnly || c.targets.every((t) => numbers.has(Number(t.label))));
}

/** A document-wide view with no entities yet, and what the splitter read from the whole document. */
export function emptyDocument(recognized: RecognizedBlocks): RecognizedDocument {
  return {
    format: recognized.format,
    blocks: [],
    sentences: [],
    statistics: [],
    antigens: [],
    citations: [],
    referenceList: [],
    bibliographyPaths: recognized.bibliographyPaths,
    suppressions: recognized.suppressions,
  };
}

/** Block `index` where it sits in the document. */
export function placedBlock(recognized: RecognizedBlocks, index: number): Block {
  const { text, kind, headingLevel } = recognized.blocks[index]!;
  const offset = recognized.starts[index]!;
  const block: Block = { span: { start: offset, end: offset + text.length }, kind };
  if (headingLevel !== undefined) block.headingLevel = headingLevel;
  return block;
}

export function shifted(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

export function placeStatistic(s: StatisticEntity, offset: number, sentenceBase: number): StatisticEntity {
  const placed: StatisticEntity = { ...s, span: shifted(s.span, offset), sentence: s.sentence + sentenceBase };
  if (s.ci) placed.ci = { ...s.ci, span: shifted(s.ci.span, offset) };
  if (s.parts) {
    const parts: NonNullable<StatisticEntity['parts']> = {};
    for (const key of PART_KEYS) {
      const span = s.parts[key];
      if (span) parts[key] = shifted(span, offset);
    }
    placed.parts = parts;
  }
  return placed;
}

const PART_KEYS = ['percent', 'count', 'total', 'value'] as const;

export function placeCitation(c: CitationEntity, offset: number, sentenceBase: number): CitationEntity {
  return { ...c, span: shifted(c.span, offset), sentence: c.sentence + sentenceBase, targets: c.targets.map((t) => ({ ...t, span: shifted(t.span, offset) })) };
}
