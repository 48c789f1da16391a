/**
 * Find references: every place in the open documents and in the workspace's Markdown, LaTeX and text files that cites
 * the same reference (for a citation) or links a statistic to the same fact (for a statistic). Files on disk are read
 * and analyzed on request, within a bound on their number and size; node_modules and .git are skipped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Connection, Location, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { analyzeDocument, type DocumentAnalysis } from '../core/analyze';
import type { LinkContext } from '../core/link/datasetView';
import { lineStarts } from '../core/text';
import type { Span } from '../core/types';
import type { Services } from '../services';
import { formatOf } from '../workspace/analyses';
import { entityAt, factOfStatistic, quoteLocation, spanRange } from './definition';
import { readTextFile } from '../core/text/readText';

const DRAFT_FILE = /\.(?:md|markdown|mdx|qmd|rmd|tex|latex|txt|text)$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'out']);
const MAX_FILES = 500;
const MAX_DEPTH = 8;

/** What to look for: the places citing any of these references, or statistics linked to this fact. */
export interface ReferenceQuery {
  references: string[];
  factId?: string;
}

export function queryAt(analysis: DocumentAnalysis, offset: number, ctx: LinkContext): ReferenceQuery | undefined {
  const at = entityAt(analysis, offset);
  if (!at) return undefined;
  if (at.kind === 'statistic') {
    const fact = factOfStatistic(analysis, at.index, ctx);
    return fact ? { references: [], factId: fact.id } : undefined;
  }
  if (at.kind === 'citation') {
    const target = at.resolved?.targets.find((t) => t.target.span.start <= offset && offset <= t.target.span.end);
    const references = target && target.references.length > 0 ? target.references : (at.resolved?.references ?? []);
    return references.length > 0 ? { references } : undefined;
  }
  return undefined;
}

/** Spans in one analyzed document that match the query. */
export function matchesIn(analysis: DocumentAnalysis, query: ReferenceQuery, ctx: LinkContext): Span[] {
  const spans: Span[] = [];
  const wanted = new Set(query.references);
  if (wanted.size > 0) {
    for (const rc of analysis.citations) {
      for (const t of rc.targets) if (t.references.some((r) => wanted.has(r))) spans.push(t.target.span);
    }
  }
  if (query.factId) {
    analysis.recognized.statistics.forEach((stat, i) => {
      if (factOfStatistic(analysis, i, ctx)?.id === query.factId) spans.push(stat.span);
    });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Draft files under the roots, bounded in number and depth. */
export function workspaceDraftFiles(roots: string[], maxFiles = MAX_FILES): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (found.length >= maxFiles || depth > MAX_DEPTH) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (found.length >= maxFiles) return;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(path.join(dir, entry.name), depth + 1);
      } else if (entry.isFile() && DRAFT_FILE.test(entry.name)) found.push(path.join(dir, entry.name));
    }
  };
  for (const root of roots) walk(root, 0);
  return found;
}

function languageOf(file: string): string {
  if (/\.(?:tex|latex)$/i.test(file)) return 'latex';
  if (/\.(?:txt|text)$/i.test(file)) return 'plaintext';
  return 'markdown';
}

export function registerReferences(connection: Connection, documents: TextDocuments<TextDocument>, services: Services): void {
  connection.onReferences((params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !services.isChecked(doc)) return null;
    const { analysis } = services.analyses.get(doc);
    if (!analysis) return null;
    const ctx = services.context();
    const query = queryAt(analysis, doc.offsetAt(params.position), ctx);
    if (!query) return null;

    const locations: Location[] = [];
    const open = new Set<string>();
    for (const other of documents.all()) {
      if (token.isCancellationRequested) return null;
      if (!services.isChecked(other)) continue;
      open.add(other.uri);
      const result = services.analyses.get(other).analysis;
      if (!result) continue;
      for (const span of matchesIn(result, query, ctx)) locations.push({ uri: other.uri, range: { start: other.positionAt(span.start), end: other.positionAt(span.end) } });
    }
    const limit = services.settings().maxFileSize;
    for (const file of workspaceDraftFiles(services.workspaceRoots())) {
      if (token.isCancellationRequested) return null;
      const uri = URI.file(file).toString();
      if (open.has(uri)) continue;
      let text: string;
      try {
        if (fs.statSync(file).size > limit) continue;
        text = readTextFile(file);
      } catch {
        continue;
      }
      const format = formatOf({ languageId: languageOf(file), uri });
      const result = analyzeDocument(text, format, ctx);
      const starts = lineStarts(text);
      for (const span of matchesIn(result, query, ctx)) locations.push({ uri, range: spanRange(starts, span) });
    }
    if (params.context.includeDeclaration && query.factId) {
      const fact = ctx.dataset.factById.get(query.factId);
      const location = fact && quoteLocation(fact, ctx);
      if (location) locations.unshift(location);
    }
    return locations;
  });
}
