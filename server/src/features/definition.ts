/**
 * Go to definition: a statistic or a citation opens the source document at the quote that supports it.
 * Also the place the other features find "what is under the cursor" and "where is this fact's quote".
 */
import type { Connection, Location, Range, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { DocumentAnalysis } from '../core/analyze';
import type { Fact } from '../core/dataset/model';
import type { LinkContext } from '../core/link/datasetView';
import type { ResolvedCitation } from '../core/link/resolveCitations';
import { offsetToPosition } from '../core/text';
import type { AntigenEntity, CitationEntity, Span, StatisticEntity } from '../core/types';
import { firstContaining } from '../core/text/spans';
import type { Services } from '../services';

export type EntityAt =
  | { kind: 'statistic'; index: number; entity: StatisticEntity }
  | { kind: 'citation'; index: number; entity: CitationEntity; resolved: ResolvedCitation | undefined }
  | { kind: 'antigen'; index: number; entity: AntigenEntity };

const contains = (span: Span, offset: number) => span.start <= offset && offset <= span.end;

/** The entity under an offset: a statistic wins over a citation, a citation over an antigen. */
export function entityAt(analysis: DocumentAnalysis, offset: number): EntityAt | undefined {
  const { recognized } = analysis;
  return entityIn({ statistics: recognized.statistics, citations: recognized.citations, antigens: recognized.antigens, resolved: analysis.citations }, offset);
}

/** The entity under an offset among document-ordered entities (the document's, or one block's: see DocumentAnalysis.blockAt). */
export function entityIn(
  entities: { statistics: StatisticEntity[]; citations: CitationEntity[]; antigens: AntigenEntity[]; resolved: readonly ResolvedCitation[] },
  offset: number,
): EntityAt | undefined {
  // Binary searches over the document-ordered entities (a 10 MB draft has 100,000 statistics; hovers must stay fast).
  const statistic = firstContaining(entities.statistics, offset);
  if (statistic >= 0) return { kind: 'statistic', index: statistic, entity: entities.statistics[statistic] };
  const citation = firstContaining(entities.citations, offset);
  if (citation >= 0) {
    const entity = entities.citations[citation];
    return { kind: 'citation', index: citation, entity, resolved: entities.resolved.find((rc) => rc.citation.span.start === entity.span.start) };
  }
  const antigen = firstContaining(entities.antigens, offset);
  if (antigen >= 0) return { kind: 'antigen', index: antigen, entity: entities.antigens[antigen] };
  return undefined;
}

/** The fact a statistic is about: the verdict's (supporting or contradicted), else the best candidate of an unjudged one. */
export function factOfStatistic(analysis: DocumentAnalysis, index: number, ctx: LinkContext): Fact | undefined {
  const verdict = analysis.verdicts[index];
  if (verdict?.factId) return ctx.dataset.factById.get(verdict.factId);
  // A number the checker found nowhere in the dataset goes nowhere, rather than to a near miss.
  if (verdict?.verdict === 'not-in-dataset') return undefined;
  const best = analysis.links[index]?.candidates[0];
  return best && best.score > 0 ? best.fact : undefined;
}

/** The quote of a fact in its source document, as an LSP location. */
export function quoteLocation(fact: Fact, ctx: LinkContext): Location | undefined {
  const source = ctx.dataset.sources.get(fact.source);
  if (!source) return undefined;
  return { uri: URI.file(source.path).toString(), range: spanRange(source.text, fact.quoteSpan) };
}

/** The file link a hover shows: VS Code opens `file:...#L12` at line 12. */
export function quoteLink(fact: Fact, ctx: LinkContext): string | undefined {
  const source = ctx.dataset.sources.get(fact.source);
  if (!source) return undefined;
  return `${URI.file(source.path).toString()}#L${fact.quoteLine + 1}`;
}

export function spanRange(text: string | readonly number[], span: Span): Range {
  return { start: offsetToPosition(text, span.start), end: offsetToPosition(text, span.end) };
}

/** Where a reference "is defined": its facts' quotes, else the start of its source documents. */
export function referenceLocations(key: string, ctx: LinkContext): Location[] {
  const facts = ctx.dataset.index.byReference(key);
  if (facts.length > 0) {
    const location = quoteLocation(facts[0], ctx);
    return location ? [location] : [];
  }
  const out: Location[] = [];
  for (const source of ctx.dataset.sources.values()) {
    if (source.reference === key) out.push({ uri: URI.file(source.path).toString(), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
  }
  return out;
}

export function definitionAt(analysis: DocumentAnalysis, offset: number, ctx: LinkContext): Location[] {
  const at = entityAt(analysis, offset);
  if (!at) return [];
  if (at.kind === 'statistic') {
    const fact = factOfStatistic(analysis, at.index, ctx);
    const location = fact && quoteLocation(fact, ctx);
    return location ? [location] : [];
  }
  if (at.kind === 'citation') {
    const target = at.resolved?.targets.find((t) => contains(t.target.span, offset)) ;
    const keys = target && target.references.length > 0 ? target.references : (at.resolved?.references ?? []);
    return keys.flatMap((key) => referenceLocations(key, ctx));
  }
  return [];
}

export function registerDefinition(connection: Connection, documents: TextDocuments<TextDocument>, services: Services): void {
  connection.onDefinition((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !services.isChecked(doc)) return null;
    const { analysis } = services.analyses.get(doc);
    if (!analysis) return null;
    const locations = definitionAt(analysis, doc.offsetAt(params.position), services.context());
    return locations.length > 0 ? locations : null;
  });
}
