/**
 * One analysis per (document, version, dataset), shared by every feature: hovers and code actions read it, they
 * never re-analyze. Each document keeps its block caches so an edit re-checks only what changed.
 */
import { AnalysisCache, analyzeDocument, type DocumentAnalysis } from '../core/analyze';
import type { Finding } from '../core/check/findings';
import type { LinkContext } from '../core/link/datasetView';
import { detectFormat } from '../core/recognize';
import type { DocumentText } from '../core/text/pieceText';
import type { DocumentFormat } from '../core/types';

export interface AnalyzableDocument {
  uri: string;
  languageId: string;
  version: number;
  getText(): string;
  /** The text as the server's documents keep it (workspace/editorDocument.ts): read without joining it. */
  readonly content?: DocumentText;
}

export interface Skipped {
  reason: string;
  finding: Finding;
}

interface Entry {
  version: number;
  context: LinkContext;
  analysis?: DocumentAnalysis;
  skipped?: Skipped;
  cache: AnalysisCache;
  /** The bibliographies its last analysis named, one per line. */
  bibliographies?: string;
}

export class AnalysisStore {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly context: () => LinkContext,
    private readonly maxFileSize: () => number,
    /** Told when an edit changes the bibliographies a document names (its front matter, \bibliography{}). */
    private readonly bibliographiesChanged: (uri: string) => void = () => {},
  ) {}

  /** The analysis of the document's current version (computed now if it is not cached). */
  get(doc: AnalyzableDocument): { analysis?: DocumentAnalysis; skipped?: Skipped } {
    const context = this.context();
    let entry = this.entries.get(doc.uri);
    if (entry && entry.version === doc.version && entry.context === context) return entry;
    if (!entry) {
      entry = { version: doc.version, context, cache: new AnalysisCache() };
      this.entries.set(doc.uri, entry);
    }
    entry.version = doc.version;
    entry.context = context;
    const text = doc.content ?? doc.getText();
    const skipped = this.skipReason(text);
    if (skipped) {
      entry.analysis = undefined;
      entry.skipped = skipped;
      return entry;
    }
    entry.skipped = undefined;
    entry.analysis = analyzeDocument(text, formatOf(doc), context, entry.cache);
    const named = entry.analysis.bibliographyPaths.join('\n');
    if (entry.bibliographies !== undefined && entry.bibliographies !== named) this.bibliographiesChanged(doc.uri);
    entry.bibliographies = named;
    return entry;
  }

  /** The cached analysis if it is for this version; never computes (hovers use this when they must not block). */
  peek(uri: string): DocumentAnalysis | undefined {
    return this.entries.get(uri)?.analysis;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  uris(): string[] {
    return [...this.entries.keys()];
  }

  private skipReason(text: DocumentText): Skipped | undefined {
    const finding = skipFinding(text, this.maxFileSize());
    return finding && { reason: finding.message, finding };
  }
}

/**
 * The one information finding for a file that is not analysed: over `limit` bytes (UTF-8, as on disk) or binary.
 * Shared by the server and the CLI.
 */
export function skipFinding(text: DocumentText, limit: number): Finding | undefined {
  let reason: string | undefined;
  // A UTF-16 code unit is 1 to 3 bytes, so bytes are counted only when they decide.
  const bytes = text.length > limit || text.length * 3 <= limit ? text.length : Buffer.byteLength(String(text), 'utf8');
  if (bytes > limit) reason = `Trial Lens skipped this file: ${Math.round(bytes / 1024)} KB is over the trialLens.maxFileSize limit of ${Math.round(limit / 1024)} KB.`;
  else if (looksBinary(text)) reason = 'Trial Lens skipped this file: it looks binary (NUL bytes), not prose.';
  if (!reason) return undefined;
  return { code: 'file-skipped', severity: 'information', span: { start: 0, end: 0 }, message: reason };
}

export function formatOf(doc: { languageId: string; uri: string }): DocumentFormat {
  const byLanguage = detectFormat(doc.languageId);
  return byLanguage !== 'plaintext' ? byLanguage : detectFormat(doc.uri);
}

/** A few NULs in the first few KB means a binary file; one stray NUL pasted into prose does not. */
function looksBinary(text: DocumentText): boolean {
  const head = text.slice(0, 8192);
  let nuls = 0;
  for (let i = 0; i < head.length; i++) if (head.charCodeAt(i) === 0 && ++nuls > 8) return true;
  return false;
}
