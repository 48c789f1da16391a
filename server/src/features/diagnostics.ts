/**
 * Diagnostics: pulled by clients that support textDocument/diagnostic, pushed to those that do not.
 * Work for an old version is dropped when a newer one arrives (no fixed debounce).
 */
import { isDeepStrictEqual } from 'node:util';
import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type Connection,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Position,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Finding } from '../core/check/findings';
import type { Suppression } from '../core/types';
import { severityUnder, suppressionsOf, type FindingPolicy } from '../core/check/policy';
import type { Services } from '../services';
import { encodesLike } from '../transport';
import { CODE_DOCS_URL } from '../shared/settings';

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Source documents are few and findings many: each path's URI is built once. */
const sourceUris = new Map<string, string>();

function sourceUri(path: string): string {
  let uri = sourceUris.get(path);
  if (uri === undefined) {
    uri = URI.file(path).toString();
    sourceUris.set(path, uri);
  }
  return uri;
}

export function findingToDiagnostic(doc: TextDocument, finding: Finding): Diagnostic {
  const related: DiagnosticRelatedInformation[] | undefined = finding.related?.map((r) => ({
    location: {
      uri: sourceUri(r.sourcePath),
      range: { start: { line: r.line, character: 0 }, end: { line: r.line, character: 0 } },
    },
    message: r.message,
  }));
  return {
    range: { start: doc.positionAt(finding.span.start), end: doc.positionAt(finding.span.end) },
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: `${CODE_DOCS_URL}#${finding.code}` },
    source: 'trial-lens',
    message: finding.message,
    ...(related?.length ? { relatedInformation: related } : {}),
    data: { factId: finding.factId, reference: finding.reference, statistic: finding.statistic } satisfies DiagnosticData,
  };
}

/** What code actions read back from a diagnostic. */
export interface DiagnosticData {
  factId?: string;
  reference?: string;
  statistic?: number;
}

/**
 * The diagnostic of each finding as last converted, kept by the block-relative finding it comes from: that stays the
 * same object while its block's text does, wherever the block moves. A keystroke then hands back the same diagnostic
 * objects for every finding whose line and column did not change, and the wire encoder reuses their bytes. What the
 * block's place decides is checked on every hit.
 */
const converted = new WeakMap<Finding, Diagnostic>();

function diagnosticOf(doc: TextDocument, finding: Finding, severity: Finding['severity'], offset: number, statisticBase: number): Diagnostic {
  const start = doc.positionAt(offset + finding.span.start);
  const end = doc.positionAt(offset + finding.span.end);
  const statistic = finding.statistic === undefined ? undefined : finding.statistic + statisticBase;
  const hit = converted.get(finding);
  if (hit && hit.severity === SEVERITY[severity] && (hit.data as DiagnosticData).statistic === statistic) {
    if (samePosition(hit.range.start, start) && samePosition(hit.range.end, end)) return hit;
    // Moved (a line typed or joined above it): the same diagnostic at another range, which the stdio writer encodes
    // from the bytes it sent for the one before (Enter pressed in a long draft moves every diagnostic below it).
    const moved: Diagnostic = { ...hit, range: { start, end } };
    encodesLike(moved, hit);
    converted.set(finding, moved);
    return moved;
  }
  const span = { start: offset + finding.span.start, end: offset + finding.span.end };
  const diagnostic = findingToDiagnostic(doc, { ...finding, severity, span, statistic });
  converted.set(finding, diagnostic);
  return diagnostic;
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

/**
 * A block's diagnostics as last made, kept by the analysis' entry for the block: the same while the block starts at
 * the same line and column, has as many statistics before it, and settings and suppressions are unchanged. A keystroke
 * then converts only the block it touched and those whose lines moved.
 */
interface BlockDiagnostics {
  line: number;
  character: number;
  statisticBase: number;
  settings: FindingPolicy;
  suppressions: readonly Suppression[];
  diagnostics: Diagnostic[];
}

const byBlock = new WeakMap<object, BlockDiagnostics>();

/** The diagnostics of a document as the user's settings want them. */
export function diagnosticsFor(doc: TextDocument, services: Services): Diagnostic[] {
  if (!services.isChecked(doc)) return [];
  const { analysis, skipped } = services.analyses.get(doc);
  if (skipped) return [findingToDiagnostic(doc, skipped.finding)];
  if (!analysis) return [];
  const settings = services.settings();
  const { blocks, starts, statisticBases } = analysis.byBlock;
  const out: Diagnostic[] = [];
  let suppressed: ((line: number, code: string) => boolean) | undefined;
  for (const place of blocks) {
    if (place.result.findings.length === 0) continue;
    const offset = starts[place.index]!;
    const statisticBase = statisticBases[place.index]!;
    const start = doc.positionAt(offset);
    let made = byBlock.get(place);
    if (
      !made ||
      made.line !== start.line ||
      made.character !== start.character ||
      made.statisticBase !== statisticBase ||
      made.settings !== settings ||
      made.suppressions !== analysis.suppressions
    ) {
      suppressed ??= suppressionsOf(analysis.suppressions);
      const diagnostics: Diagnostic[] = [];
      for (const finding of place.result.findings) {
        const severity = severityUnder(settings, finding);
        if (severity === 'off') continue;
        const diagnostic = diagnosticOf(doc, finding, severity, offset, statisticBase);
        if (!suppressed(diagnostic.range.start.line, finding.code)) diagnostics.push(diagnostic);
      }
      made = { line: start.line, character: start.character, statisticBase, settings, suppressions: analysis.suppressions, diagnostics };
      byBlock.set(place, made);
    }
    for (const diagnostic of made.diagnostics) out.push(diagnostic);
  }
  return out;
}

/**
 * Whether two reports hold the same diagnostics in the same order. A block that did not change keeps its diagnostic
 * objects, so most are compared by identity; a re-made one is compared field by field.
 */
function sameDiagnostics(before: readonly Diagnostic[], after: readonly Diagnostic[]): boolean {
  if (before.length !== after.length) return false;
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i] && !isDeepStrictEqual(before[i], after[i])) return false;
  return true;
}

export function registerDiagnostics(connection: Connection, documents: TextDocuments<TextDocument>, services: Services): void {
  // Pull: the client asks; a cancelled or stale request is answered with the latest version's result anyway.
  // A long draft has hundreds of diagnostics and most keystrokes change none of them (typing in a paragraph without
  // findings): the client is then told its last report still holds, rather than sent and made to read it all again.
  const reported = new Map<string, { resultId: string; items: Diagnostic[] }>();
  // Ids name this server process too: a client still holding an id from a server that crashed and was restarted
  // must never have it taken for one of this server's.
  const session = `${process.pid.toString(36)}.${Date.now().toString(36)}`;
  let lastResultId = 0;
  connection.languages.diagnostics.on((params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const items = diagnosticsFor(doc, services);
    const last = reported.get(doc.uri);
    if (last && params.previousResultId === last.resultId && sameDiagnostics(last.items, items)) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
    }
    const resultId = `${session}.${++lastResultId}`;
    reported.set(doc.uri, { resultId, items });
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  });

  // Push: only for clients without pull support. A newer version supersedes queued work for an older one.
  const pending = new Map<string, number>();
  // The documents this module has published for. An open dataset or bibliography is not a draft: its problems are the
  // dataset store's to publish, and an empty report from here would clear them.
  const published = new Set<string>();
  const schedule = (doc: TextDocument) => {
    if (services.pullDiagnostics) return;
    pending.set(doc.uri, doc.version);
    setImmediate(() => {
      if (pending.get(doc.uri) !== doc.version) return;
      pending.delete(doc.uri);
      const current = documents.get(doc.uri);
      if (!current || current.version !== doc.version) return;
      // A draft no longer checked (a setting changed its language's) is cleared once, and then left alone.
      if (!services.isChecked(current) && !published.has(doc.uri)) return;
      if (services.isChecked(current)) published.add(doc.uri);
      else published.delete(doc.uri);
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: diagnosticsFor(current, services) });
    });
  };
  documents.onDidOpen((e) => schedule(e.document));
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    pending.delete(e.document.uri);
    reported.delete(e.document.uri);
    services.analyses.forget(e.document.uri);
    if (!services.pullDiagnostics && published.delete(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  // A changed dataset, bibliography or setting re-checks every open document.
  services.onDataChanged(() => {
    if (!services.pullDiagnostics) for (const doc of documents.all()) schedule(doc);
    // A client that pulls but takes no refresh asks again on its own next edit.
    // (The library sends the request without a handler for its answer: a refusal reaches server.ts's rejection log.)
    else if (services.refreshesDiagnostics) connection.languages.diagnostics.refresh();
  });
}
