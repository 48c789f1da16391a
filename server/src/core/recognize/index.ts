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

/**
 * Per-block findings keyed by (format, block kind, block text). Keep one per open document. Bounded: after each
 * recognize() call only the entries that call used are kept.
 */
export class RecognizeCache {
  private entries = new Map<string, BlockFindings>();
  private used = new Set<string>();
  private vocabulary: AntigenVocabulary | undefined;
  /** Blocks analyzed / reused by the last recognize() call. */
  lastAnalyzed = 0;
  lastReused = 0;

  get size(): number {
    return this.entries.size;
  }

  /** @internal */
  begin(vocabulary: AntigenVocabulary): void {
    if (vocabulary !== this.vocabulary) {
      this.entries.clear();
      this.vocabulary = vocabulary;
    }
    this.used.clear();
    this.lastAnalyzed = 0;
    this.lastReused = 0;
  }

  /** @internal */
  get(key: string): BlockFindings | undefined {
    const found = this.entries.get(key);
    if (found) {
      this.used.add(key);
      this.lastReused++;
    }
    return found;
  }

  /** @internal */
  set(key: string, findings: BlockFindings): void {
    this.entries.set(key, findings);
    this.used.add(key);
    this.lastAnalyzed++;
  }

  /** @internal */
  end(): void {
    for (const key of this.entries.keys()) if (!this.used.has(key)) this.entries.delete(key);
    this.used.clear();
  }
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

function shift(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

function cacheKey(format: DocumentFormat, block: RawBlock, blockText: string, definitions: string): string {
  const defs = format === 'markdown' && definitions && blockText.includes('[') ? definitions : '';
  return `${format}\u0001${block.kind}\u0001${block.headingLevel ?? ''}\u0001${block.referenceNumber ?? ''}\u0001${block.referenceKey ?? ''}\u0001${defs}\u0001${blockText}`;
}

export function recognize(text: string, format: DocumentFormat, options: RecognizeOptions = {}): RecognizedDocument {
  const vocabulary = options.vocabulary ?? defaultAntigenVocabulary();
  const cache = options.cache;
  cache?.begin(vocabulary);
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
  for (const raw of layout.blocks) {
    const blockIndex = doc.blocks.length;
    const block: Block = { span: { start: raw.start, end: raw.end }, kind: raw.kind };
    if (raw.headingLevel !== undefined) block.headingLevel = raw.headingLevel;
    doc.blocks.push(block);
    if (!raw.prose) continue;
    const blockText = text.slice(raw.start, raw.end);
    let findings: BlockFindings | undefined;
    let key: string | undefined;
    if (cache) {
      key = cacheKey(format, raw, blockText, layout.definitions);
      findings = cache.get(key);
    }
    if (!findings) {
      findings = analyzeBlock(format, blockText, raw, vocabulary, layout.definitions);
      if (cache && key !== undefined) cache.set(key, findings);
    }
    mergeBlock(doc, findings, raw.start, blockIndex);
  }
  cache?.end();
  return doc;
}

function mergeBlock(doc: RecognizedDocument, findings: BlockFindings, offset: number, blockIndex: number): void {
  const base = doc.sentences.length;
  for (const s of findings.sentences) {
    const sentence: Sentence = { span: shift(s.span, offset), text: s.text, block: blockIndex };
    doc.sentences.push(sentence);
  }
  const sentenceIndex = (local: number) => (findings.sentences.length === 0 ? Math.max(0, base - 1) : base + Math.min(local, findings.sentences.length - 1));
  for (const s of findings.statistics) {
    const copy: StatisticEntity = { ...s, span: shift(s.span, offset), sentence: sentenceIndex(s.sentence) };
    if (s.ci) copy.ci = { ...s.ci, span: shift(s.ci.span, offset) };
    if (s.parts) {
      const parts: NonNullable<StatisticEntity['parts']> = {};
      for (const name of ['percent', 'count', 'total', 'value'] as const) {
        const part = s.parts[name];
        if (part) parts[name] = shift(part, offset);
      }
      copy.parts = parts;
    }
    doc.statistics.push(copy);
  }
  for (const a of findings.antigens) {
    const copy: AntigenEntity = { ...a, antigens: [...a.antigens], span: shift(a.span, offset), sentence: sentenceIndex(a.sentence) };
    doc.antigens.push(copy);
  }
  for (const c of findings.citations) {
    const copy: CitationEntity = {
      ...c,
      span: shift(c.span, offset),
      targets: c.targets.map((t) => ({ ...t, span: shift(t.span, offset) })),
      sentence: sentenceIndex(c.sentence),
    };
    doc.citations.push(copy);
  }
  if (findings.reference) {
    const entry: ReferenceListEntry = { ...findings.reference, span: shift(findings.reference.span, offset) };
    doc.referenceList.push(entry);
  }
}
