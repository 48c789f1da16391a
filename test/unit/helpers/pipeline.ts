/** Builds the real pipeline (bundled dataset, resolver) for tests: the same graph the CLI builds. */
import * as path from 'node:path';
import { analyzeDocument, type DocumentAnalysis } from '../../../server/src/core/analyze';
import type { Finding } from '../../../server/src/core/check/findings';
import { loadBibliography } from '../../../server/src/core/dataset/bibliography';
import { loadDataset, type LoadedDataset } from '../../../server/src/core/dataset/loadDataset';
import type { BibliographyEntry } from '../../../server/src/core/dataset/model';
import { createReferenceResolver } from '../../../server/src/core/dataset/resolver';
import type { LinkContext } from '../../../server/src/core/link/datasetView';
import type { DocumentFormat } from '../../../server/src/core/types';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SEEDS = path.join(ROOT, 'seeds');

let bundled: LoadedDataset | undefined;

export function bundledDataset(): LoadedDataset {
  bundled ??= loadDataset({ seedsDir: SEEDS });
  return bundled;
}

export function contextFor(options: { userFiles?: string[]; bibliography?: { file: string; text: string } } = {}): LinkContext {
  const dataset = options.userFiles ? loadDataset({ seedsDir: SEEDS, userFiles: options.userFiles }) : bundledDataset();
  const entries: BibliographyEntry[] = options.bibliography ? loadBibliography(options.bibliography.file, options.bibliography.text).entries : [];
  const resolver = createReferenceResolver(dataset, entries);
  return { dataset, resolver, bibliography: new Map(entries.map((e) => [e.key, e])) };
}

export function analyze(text: string, format: DocumentFormat = 'markdown', ctx: LinkContext = contextFor()): DocumentAnalysis {
  return analyzeDocument(text, format, ctx);
}

/** The findings of a draft as `code@text` strings, for readable assertions. */
export function findingsOf(text: string, format: DocumentFormat = 'markdown', ctx?: LinkContext): Array<Finding & { at: string }> {
  const analysis = analyze(text, format, ctx);
  return analysis.findings.map((f) => ({ ...f, at: text.slice(f.span.start, f.span.end) }));
}

export function codesOf(text: string, format: DocumentFormat = 'markdown', ctx?: LinkContext): string[] {
  return findingsOf(text, format, ctx).map((f) => `${f.code}@${f.at}`);
}

/** Only errors and warnings: what the CLI's exit code and the user's attention are about. */
export function alarmsOf(text: string, format: DocumentFormat = 'markdown', ctx?: LinkContext): string[] {
  return findingsOf(text, format, ctx)
    .filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => `${f.code}@${f.at}`);
}
