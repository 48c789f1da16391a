/**
 * The recognizer: prose in, typed findings (statistics, antigens, citations) out, each with its exact span in the
 * original text and the sentence it sits in. Documents are cut into blocks cheaply; each block's findings are cached
 * by its content, so an edit re-reads only the blocks it touched.
 */
import type { Block, CitationEntity, DocumentFormat, RecognizedDocument, Span, StatisticEntity } from '../types';
import { analyzeBlock, type BlockFindings } from './analyze';
export type { BlockFindings } from './analyze';
import type { DocumentLayout, RawBlock } from './layout';
import { splitLatex } from './latex';
import { splitMarkdown } from './markdown';
import { splitPlaintext } from './plaintext';
import { defaultAntigenVocabulary, type AntigenVocabulary } from './vocabulary';

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
  /** block text -> reading context -> findings, with the last run that used them. */
  private entries = new Map<string, Map<string, CacheEntry>>();
  private run = 0;
  private vocabulary: AntigenVocabulary | undefined;
  /**
   * The blocks of the last run and of this one, in order. An edit leaves most blocks as they were, at the same index:
   * comparing a block's text with the one there (a memcmp) is much cheaper than hashing every block's text for the
   * map lookup, which a 1 MB document would do on every keystroke.
   */
  private previous: CachedBlock[] = [];
  private current: CachedBlock[] = [];
  /** Blocks analyzed / served from the cache by the last run. */
  lastAnalyzed = 0;
  lastReused = 0;

  /** Number of cached block findings. */
  get size(): number {
    let n = 0;
    for (const inner of this.entries.values()) n += inner.size;
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

  /** @internal The findings for this block, analyzing it only if no run has. */
  take(blockText: string, raw: RawBlock, definitions: string, format: DocumentFormat, analyze: () => BlockFindings): BlockFindings {
    const defs = definitionsRead(format, blockText, definitions);
    const same = this.previous[this.current.length];
    // The block at the same index last time, if it is this one read the same way.
    let entry: CacheEntry | undefined;
    if (same && same.text.length === blockText.length && sameReading(same, raw, defs) && same.text === blockText) {
      entry = same.entry;
      this.lastReused++;
    } else {
      const context = cacheContext(format, raw, defs);
      let inner = this.entries.get(blockText);
      entry = inner?.get(context);
      if (entry) this.lastReused++;
      else {
        entry = { findings: analyze(), run: this.run };
        this.lastAnalyzed++;
        if (!inner) {
          inner = new Map();
          this.entries.set(blockText, inner);
        }
        inner.set(context, entry);
      }
    }
    entry.run = this.run;
    this.current.push({ text: blockText, defs, kind: raw.kind, headingLevel: raw.headingLevel, referenceNumber: raw.referenceNumber, referenceKey: raw.referenceKey, entry });
    return entry.findings;
  }

  /** @internal Drops what this run did not use. */
  end(): void {
    this.previous = this.current;
    this.current = [];
    for (const [text, inner] of this.entries) {
      for (const [context, entry] of inner) if (entry.run !== this.run) inner.delete(context);
      if (inner.size === 0) this.entries.delete(text);
    }
  }
}

interface CacheEntry {
  findings: BlockFindings;
  run: number;
}

interface CachedBlock {
  text: string;
  defs: string;
  kind: RawBlock['kind'];
  headingLevel?: number;
  referenceNumber?: number;
  referenceKey?: string;
  entry: CacheEntry;
}

function sameReading(cached: CachedBlock, raw: RawBlock, defs: string): boolean {
  return (
    cached.kind === raw.kind &&
    cached.headingLevel === raw.headingLevel &&
    cached.referenceNumber === raw.referenceNumber &&
    cached.referenceKey === raw.referenceKey &&
    cached.defs === defs
  );
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
  return `${format}\u0001${block.kind}\u0001${block.headingLevel ?? ''}\u0001${block.referenceNumber ?? ''}\u0001${block.referenceKey ?? ''}\u0001${defs}`;
}

/** One block of a recognized document: where it is, and its findings relative to its start. */
export interface RecognizedBlock {
  block: Block;
  /** The block's text (its findings' spans index into it). */
  text: string;
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
  bibliographyPaths: string[];
  suppressions: RecognizedDocument['suppressions'];
}

export function recognizeBlocks(text: string, format: DocumentFormat, options: RecognizeOptions = {}): RecognizedBlocks {
  const vocabulary = options.vocabulary ?? defaultAntigenVocabulary();
  const cache = options.cache;
  const layout = layoutOf(text, format);
  const blocks: RecognizedBlock[] = new Array(layout.blocks.length);
  cache?.begin(vocabulary);
  for (let i = 0; i < layout.blocks.length; i++) {
    const raw = layout.blocks[i]!;
    const block: Block = { span: { start: raw.start, end: raw.end }, kind: raw.kind };
    if (raw.headingLevel !== undefined) block.headingLevel = raw.headingLevel;
    const blockText = text.slice(raw.start, raw.end);
    if (!raw.prose) {
      blocks[i] = { block, text: blockText };
      continue;
    }
    const analyze = () => analyzeBlock(format, blockText, raw, vocabulary, layout.definitions);
    const findings = cache ? cache.take(blockText, raw, layout.definitions, format, analyze) : analyze();
    blocks[i] = { block, text: blockText, findings };
  }
  cache?.end();
  return { format, blocks, bibliographyPaths: layout.bibliographyPaths, suppressions: layout.suppressions };
}

export function recognize(text: string, format: DocumentFormat, options: RecognizeOptions = {}): RecognizedDocument {
  return placeBlocks(recognizeBlocks(text, format, options));
}

/** The document-wide view: every finding copied to absolute offsets and global sentence / block indices. */
export function placeBlocks(recognized: RecognizedBlocks): RecognizedDocument {
  const doc: RecognizedDocument = {
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
  for (let blockIndex = 0; blockIndex < recognized.blocks.length; blockIndex++) {
    const { block, findings } = recognized.blocks[blockIndex]!;
    doc.blocks.push(block);
    if (!findings) continue;
    const offset = block.span.start;
    const sentenceBase = doc.sentences.length;
    for (const s of findings.sentences) doc.sentences.push({ ...s, span: shifted(s.span, offset), block: blockIndex });
    for (const s of findings.statistics) doc.statistics.push(placeStatistic(s, offset, sentenceBase));
    for (const a of findings.antigens) doc.antigens.push({ ...a, span: shifted(a.span, offset), sentence: a.sentence + sentenceBase });
    for (const c of findings.citations) doc.citations.push(placeCitation(c, offset, sentenceBase));
    if (findings.reference) doc.referenceList.push({ ...findings.reference, span: shifted(findings.reference.span, offset) });
  }
  return doc;
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
