/**
 * The recognizer: prose in, typed findings (statistics, antigens, citations) out, each with its exact span in the
 * original text and the sentence it sits in. Documents are cut into blocks cheaply; each block's findings are cached
 * by its content, so an edit re-reads only the blocks it touched.
 */
import type {
  AntigenEntity,
  Block,
  CitationEntity,
  DocumentFormat,
  RecognizedDocument,
  ReferenceListEntry,
  Sentence,
  Span,
  StatisticEntity,
} from '../types';
import { analyzeBlock, type BlockFindings } from './analyze';
import type { DocumentLayout, RawBlock } from './layout';
import { splitLatex } from './latex';
import { splitMarkdown } from './markdown';
import { splitPlaintext } from './plaintext';
import { defaultAntigenVocabulary, type AntigenVocabulary } from './vocabulary';

export { loadAntigenVocabulary, defaultAntigenVocabulary } from './vocabulary';
export type { AntigenVocabulary, AntigenVocabularyEntry, AntigenKind } from './vocabulary';
export { entitiesAsJson, type EntityJson } from './json';

/** A block's findings as placed in the last document that used them: spans absolute, sentence indices global. */
interface PlacedFindings {
  findings: BlockFindings;
  /** Where the findings' spans, sentence and block indices currently point. */
  offset: number;
  sentenceBase: number;
  blockIndex: number;
}

/**
 * Per-block findings keyed by (block text, format, block kind). Keep one per open document. Bounded: after each
 * recognize() call only the entries that call used are kept.
 *
 * Findings are reused and, when their block moved, shifted in place: the entities of a RecognizedDocument produced
 * with a cache stay valid until the next recognize() call with the same cache (which is what an editor needs: one
 * current analysis per document).
 */
export class RecognizeCache {
  /** block text -> context -> placements (a paragraph repeated in a document has one placement per occurrence). */
  private entries = new Map<string, Map<string, Placements>>();
  private vocabulary: AntigenVocabulary | undefined;
  private run = 0;
  /**
   * The blocks of the last run and of this one, in order. An edit leaves most blocks as they were, at the same index:
   * comparing a block's text with the one there (a memcmp) is much cheaper than hashing every block's text for the
   * map lookup, which a 1 MB document would do on every keystroke.
   */
  private previous: Array<{ text: string; context: string; p: Placements }> = [];
  private current: Array<{ text: string; context: string; p: Placements }> = [];
  /** Blocks analyzed / reused by the last recognize() call. */
  lastAnalyzed = 0;
  lastReused = 0;

  /** Number of cached block findings. */
  get size(): number {
    let n = 0;
    for (const inner of this.entries.values()) for (const p of inner.values()) n += p.list.length;
    return n;
  }

  /** @internal */
  begin(vocabulary: AntigenVocabulary): void {
    if (vocabulary !== this.vocabulary) {
      this.entries.clear();
      this.previous = [];
      this.vocabulary = vocabulary;
    }
    this.current = [];
    this.run++;
    this.lastAnalyzed = 0;
    this.lastReused = 0;
  }

  private placements(blockText: string, context: string): Placements {
    const index = this.current.length;
    const same = this.previous[index];
    let p: Placements | undefined;
    // The block at the same index last time, if it is this one (its placements are live: the last run used them).
    if (same && same.text.length === blockText.length && same.context === context && same.text === blockText) p = same.p;
    else p = this.lookup(blockText, context);
    if (p.run !== this.run) {
      p.run = this.run;
      p.used = 0;
    }
    this.current.push({ text: blockText, context, p });
    return p;
  }

  private lookup(blockText: string, context: string): Placements {
    let inner = this.entries.get(blockText);
    if (!inner) {
      inner = new Map();
      this.entries.set(blockText, inner);
    }
    let p = inner.get(context);
    if (!p) {
      p = { list: [], run: this.run, used: 0 };
      inner.set(context, p);
    }
    return p;
  }

  /** @internal The findings for this block text not yet placed in this run, analyzing them if needed. */
  take(blockText: string, context: string, analyze: () => BlockFindings): PlacedFindings {
    const p = this.placements(blockText, context);
    if (p.used < p.list.length) {
      this.lastReused++;
      return p.list[p.used++]!;
    }
    const placed = place(analyze());
    p.list.push(placed);
    p.used++;
    this.lastAnalyzed++;
    return placed;
  }

  /** @internal Drops what this run did not use. */
  end(): void {
    this.previous = this.current;
    this.current = [];
    for (const [text, inner] of this.entries) {
      for (const [context, p] of inner) {
        if (p.run !== this.run || p.used === 0) inner.delete(context);
        else if (p.used < p.list.length) p.list.length = p.used;
      }
      if (inner.size === 0) this.entries.delete(text);
    }
  }
}

interface Placements {
  list: PlacedFindings[];
  run: number;
  used: number;
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

function cacheContext(format: DocumentFormat, block: RawBlock, blockText: string, definitions: string): string {
  const defs = format === 'markdown' && definitions && blockText.includes('[') ? definitions : '';
  return `${format}\u0001${block.kind}\u0001${block.headingLevel ?? ''}\u0001${block.referenceNumber ?? ''}\u0001${block.referenceKey ?? ''}\u0001${defs}`;
}

function shiftSpan(span: Span, by: number): void {
  span.start += by;
  span.end += by;
}

/** Moves placed findings to a new offset / sentence base / block index, in place. */
function move(placed: PlacedFindings, offset: number, sentenceBase: number, blockIndex: number): void {
  const d = offset - placed.offset;
  const ds = sentenceBase - placed.sentenceBase;
  const db = blockIndex - placed.blockIndex;
  if (d === 0 && ds === 0 && db === 0) return;
  const f = placed.findings;
  for (const s of f.sentences) {
    shiftSpan(s.span, d);
    s.block = blockIndex;
  }
  for (const s of f.statistics) {
    shiftSpan(s.span, d);
    s.sentence += ds;
    if (s.ci) shiftSpan(s.ci.span, d);
    if (s.parts) {
      if (s.parts.percent) shiftSpan(s.parts.percent, d);
      if (s.parts.count) shiftSpan(s.parts.count, d);
      if (s.parts.total) shiftSpan(s.parts.total, d);
      if (s.parts.value) shiftSpan(s.parts.value, d);
    }
  }
  for (const a of f.antigens) {
    shiftSpan(a.span, d);
    a.sentence += ds;
  }
  for (const c of f.citations) {
    shiftSpan(c.span, d);
    c.sentence += ds;
    for (const t of c.targets) shiftSpan(t.span, d);
  }
  if (f.reference) shiftSpan(f.reference.span, d);
  placed.offset = offset;
  placed.sentenceBase = sentenceBase;
  placed.blockIndex = blockIndex;
}

/** Fresh findings (relative to their block, local sentence indices) made ready for placing. */
function place(findings: BlockFindings): PlacedFindings {
  // Local spans, sentence and block indices are global ones for a block placed at offset 0, sentence 0, block 0.
  return { findings, offset: 0, sentenceBase: 0, blockIndex: 0 };
}

export function recognize(text: string, format: DocumentFormat, options: RecognizeOptions = {}): RecognizedDocument {
  const vocabulary = options.vocabulary ?? defaultAntigenVocabulary();
  const cache = options.cache;
  const layout = layoutOf(text, format);
  const doc: RecognizedDocument = {
    format,
    blocks: [],
    sentences: [],
    statistics: [],
    antigens: [],
    citations: [],
    referenceList: [],
    bibliographyPaths: layout.bibliographyPaths,
    suppressions: layout.suppressions,
  };
  cache?.begin(vocabulary);
  for (const raw of layout.blocks) {
    const blockIndex = doc.blocks.length;
    const block: Block = { span: { start: raw.start, end: raw.end }, kind: raw.kind };
    if (raw.headingLevel !== undefined) block.headingLevel = raw.headingLevel;
    doc.blocks.push(block);
    if (!raw.prose) continue;
    const blockText = text.slice(raw.start, raw.end);
    const analyze = () => analyzeBlock(format, blockText, raw, vocabulary, layout.definitions);
    const placed = cache ? cache.take(blockText, cacheContext(format, raw, blockText, layout.definitions), analyze) : place(analyze());
    move(placed, raw.start, doc.sentences.length, blockIndex);
    mergeBlock(doc, placed.findings);
  }
  cache?.end();
  return doc;
}

function mergeBlock(doc: RecognizedDocument, findings: BlockFindings): void {
  for (const s of findings.sentences) doc.sentences.push(s);
  for (const s of findings.statistics) doc.statistics.push(s);
  for (const a of findings.antigens) doc.antigens.push(a);
  for (const c of findings.citations) doc.citations.push(c);
  if (findings.reference) doc.referenceList.push(findings.reference);
}
