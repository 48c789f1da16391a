/**
 * Analysis of one block, independent of where the block sits: every span is relative to the block's start, so a
 * block that only moved can be reused from the cache.
 */
import { normalizeMapped } from '../text/normalize';
import { sourceSpan, type MappedText } from '../text/mapped';
import type { AntigenEntity, CitationEntity, DocumentFormat, ReferenceListEntry, Sentence, StatisticEntity } from '../types';
import { recognizeAntigens } from './antigens';
import { recognizeCitations } from './citations';
import type { RawBlock } from './layout';
import { readLatexBlock } from './latex';
import { readHtmlBlock } from './html';
import { readMarkdownBlock } from './markdown';
import { readPlaintextBlock } from './plaintext';
import { PLACEHOLDER, type ProseReading } from './reading';
import { parseReferenceEntry } from './references';
import { splitSentences, type SentenceRange } from './sentences';
import { recognizeStatistics, type StatisticCandidate } from './statistics';
import { percentCells } from './tableCells';
import { tokenize } from './tokens';
import type { AntigenVocabulary } from './vocabulary';

/** Findings of one block; spans relative to the block, `sentence` indices local to the block. */
export interface BlockFindings {
  sentences: Sentence[];
  statistics: StatisticEntity[];
  antigens: AntigenEntity[];
  citations: CitationEntity[];
  reference?: ReferenceListEntry;
  /** A wiki's named references defined in the block ("<ref name=\"pan\">{{cite journal ...}}</ref>"), for its reuses. */
  namedReferences?: ReferenceListEntry[];
}

function readBlock(format: DocumentFormat, blockText: string, block: RawBlock, definitions: string): ProseReading {
  if (format === 'markdown') return block.html ? readHtmlBlock(blockText) : readMarkdownBlock(blockText, block.kind, definitions);
  if (format === 'latex') return readLatexBlock(blockText);
  return readPlaintextBlock(blockText);
}

function locate(ranges: readonly { start: number }[], at: number): number {
  let lo = 0;
  let hi = ranges.length - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ranges[mid]!.start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function mapStatistic(c: StatisticCandidate, mapped: MappedText, blockText: string, ranges: SentenceRange[]): StatisticEntity {
  const span = sourceSpan(mapped, c.start, c.end);
  const { ci, parts } = c;
  const entity: StatisticEntity = { kind: 'statistic', span, text: blockText.slice(span.start, span.end), shape: c.shape, sentence: locate(ranges, c.start) };
  // Only the fields the candidate has (no undefined keys: consumers compare entities as data), in this order. Written
  // out rather than looped over by name: a loop reading fields by a computed key was most of this function's time.
  if (c.percent !== undefined) entity.percent = c.percent;
  if (c.percentDecimals !== undefined) entity.percentDecimals = c.percentDecimals;
  if (c.count !== undefined) entity.count = c.count;
  if (c.total !== undefined) entity.total = c.total;
  if (c.value !== undefined) entity.value = c.value;
  if (c.valueDecimals !== undefined) entity.valueDecimals = c.valueDecimals;
  if (c.unit !== undefined) entity.unit = c.unit;
  if (c.statistic !== undefined) entity.statistic = c.statistic;
  if (c.low !== undefined) entity.low = c.low;
  if (c.high !== undefined) entity.high = c.high;
  if (c.comparator !== undefined) entity.comparator = c.comparator;
  if (c.approximate) entity.approximate = true;
  if (c.ratePer !== undefined) entity.ratePer = c.ratePer;
  if (c.label !== undefined) entity.label = c.label;
  if (c.noun !== undefined) entity.noun = c.noun;
  if (ci) entity.ci = { low: ci.low, high: ci.high, level: ci.level, ...(ci.decimals !== undefined ? { decimals: ci.decimals } : {}), span: sourceSpan(mapped, ci.start, ci.end) };
  if (parts) {
    const p: NonNullable<StatisticEntity['parts']> = {};
    if (parts.percent) p.percent = sourceSpan(mapped, parts.percent.start, parts.percent.end);
    if (parts.count) p.count = sourceSpan(mapped, parts.count.start, parts.count.end);
    if (parts.total) p.total = sourceSpan(mapped, parts.total.start, parts.total.end);
    if (parts.value) p.value = sourceSpan(mapped, parts.value.start, parts.value.end);
    entity.parts = p;
  }
  return entity;
}

function hasAlphanumeric(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
    if (c > 127 && c !== 0xfeff && c !== 0xa0 && !(c >= 0x2000 && c <= 0x206f) && !(c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

export function analyzeBlock(
  format: DocumentFormat,
  blockText: string,
  block: RawBlock,
  vocabulary: AntigenVocabulary,
  definitions: string,
): BlockFindings {
  if (!hasAlphanumeric(blockText)) return { sentences: [], statistics: [], antigens: [], citations: [] };
  const reading = readBlock(format, blockText, block, definitions);
  const prose = normalizeMapped(reading.mapped);
  const text = prose.text;
  if (!hasAlphanumeric(text)) return { sentences: [], statistics: [], antigens: [], citations: [] };
  if (block.kind === 'reference-entry') {
    const span = { start: 0, end: blockText.length };
    return {
      sentences: text.trim() ? [{ span: { ...span }, text: text.trim(), block: 0 }] : [],
      statistics: [],
      antigens: [],
      citations: [],
      reference: parseReferenceEntry(text, span, block.referenceNumber ?? 0, block.referenceKey),
    };
  }
  const ranges = splitSentences(text, { linesAreSentences: block.kind === 'table' || block.html === true, plainLines: format === 'plaintext' });
  const sentences: Sentence[] = ranges.map((r) => ({ span: sourceSpan(prose, r.start, r.end), text: text.slice(r.start, r.end), block: 0 }));
  const blocked = new Uint8Array(text.length);
  for (let i = text.indexOf(PLACEHOLDER); i >= 0; i = text.indexOf(PLACEHOLDER, i + 1)) blocked[i] = 1;

  const scan = recognizeCitations(text, { inTextKeys: format === 'markdown', superscripts: format === 'markdown' });
  const citations: CitationEntity[] = [];
  for (const c of scan.citations) {
    blocked.fill(1, c.start, c.end);
    const span = sourceSpan(prose, c.start, c.end);
    const citation: CitationEntity = {
      kind: 'citation',
      span,
      text: blockText.slice(span.start, span.end),
      style: c.style,
      targets: c.targets.map((t) => ({ ...t, span: sourceSpan(prose, t.span.start, t.span.end) })),
      sentence: locate(ranges, c.start),
    };
    if (c.listedOnly) citation.listedOnly = true;
    citations.push(citation);
  }
  for (const span of scan.nonProse) blocked.fill(1, span.start, span.end);
  const sourceRanges = sentences.map((s) => ({ start: s.span.start }));
  for (const c of reading.citations) {
    citations.push({ kind: 'citation', span: c.span, text: blockText.slice(c.span.start, c.span.end), style: c.style, targets: c.targets, sentence: locate(sourceRanges, c.span.start) });
  }
  citations.sort((a, b) => a.span.start - b.span.start);

  const antigens: AntigenEntity[] = recognizeAntigens(text, vocabulary, blocked).map((a) => {
    blocked.fill(1, a.start, a.end);
    const span = sourceSpan(prose, a.start, a.end);
    const entity: AntigenEntity = { kind: 'antigen', span, text: blockText.slice(span.start, span.end), canonical: a.canonical, antigens: a.antigens, sentence: locate(ranges, a.start) };
    if (a.expression) entity.expression = a.expression;
    if (a.construct) entity.construct = a.construct;
    return entity;
  });

  const tokens = tokenize(text);
  let statistics = recognizeStatistics({ text, tokens, blocked, sentenceOf: (i) => locate(ranges, i) }).map((c) =>
    mapStatistic(c, prose, blockText, ranges),
  );
  if (block.kind === 'table') {
    const cells = percentCells(format, blockText, statistics, (offset) => locate(sourceRanges, offset));
    if (cells.length) {
      // A cell's count read with its percent ("73 (11/15)") is part of that statistic now.
      statistics = statistics.filter((s) => !cells.some((c) => c.span.start <= s.span.start && s.span.end <= c.span.end));
      statistics.push(...cells);
      statistics.sort((a, b) => a.span.start - b.span.start);
    }
  }
  // "<ref name=\"pan\">{{cite journal |pmid=31110217}}</ref>": what a later "<ref name=\"pan\" />" cites, anywhere in the
  // document (read as a footnote is).
  const named = text.includes('<ref') ? wikiNamedReferences(text, prose, blockText, scan.citations) : [];
  // A footnote is prose, and the reference its marks ("[^3]") point at: what it cites, or its author and year.
  if (block.footnote !== undefined) {
    const reference = parseReferenceEntry(text, { start: 0, end: blockText.length }, 0);
    reference.footnote = block.footnote;
    reference.cites = citations.flatMap((c) => c.targets);
    return { sentences, statistics, antigens, citations, reference };
  }
  return named.length > 0 ? { sentences, statistics, antigens, citations, namedReferences: named } : { sentences, statistics, antigens, citations };
}

function wikiNamedReferences(text: string, prose: ReturnType<typeof normalizeMapped>, blockText: string, scanned: ReadonlyArray<{ start: number; end: number; targets: CitationEntity['targets'] }>): ReferenceListEntry[] {
  const entries: ReferenceListEntry[] = [];
  for (const m of text.matchAll(WIKI_NAMED_DEFINITION)) {
    const from = m.index + m[0].indexOf('>') + 1;
    const to = m.index + m[0].length - m[0].slice(m[0].lastIndexOf('<')).length;
    const span = sourceSpan(prose, m.index, m.index + m[0].length);
    const cites = scanned.filter((c) => c.start >= from && c.end <= to).flatMap((c) => c.targets.map((t) => ({ ...t, span: sourceSpan(prose, t.span.start, t.span.end) })));
    entries.push({ number: 0, span, text: blockText.slice(span.start, span.end), footnote: `wiki:${m[1]!.toLowerCase()}`, cites });
  }
  return entries;
}

const WIKI_NAMED_DEFINITION = /<ref\s+name\s*=\s*["']?([^"'\/>]+?)["']?\s*>[^]*?<\/ref\s*>/gi;
