/**
 * Diagnostics: pulled by clients that support textDocument/diagnostic, pushed to those that do not.
 * Work for an old version is dropped when a newer one arrives (no fixed debounce).
 */
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
import { blockFindingOf } from '../core/analyze';
import type { Finding } from '../core/check/findings';
import { applyPolicy } from '../core/check/policy';
import type { Services } from '../services';
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
 * The diagnostic of each finding as last converted, kept by the block-relative finding it was placed from: that
 * stays the same object while its block's text does, wherever the block moves. A keystroke then hands back the same
 * diagnostic objects for every finding whose line and column did not change (a typed character moves only the rest
 * of its line), and the wire encoder reuses their bytes. What a block's place decides is checked on every hit.
 */
const converted = new WeakMap<Finding, Diagnostic>();

function diagnosticOf(doc: TextDocument, finding: Finding): Diagnostic {
  const key = blockFindingOf(finding) ?? finding;
  const hit = converted.get(key);
  if (
    hit &&
    hit.severity === SEVERITY[finding.severity] &&
    (hit.data as DiagnosticData).statistic === finding.statistic &&
    samePosition(hit.range.start, doc.positionAt(finding.span.start)) &&
    samePosition(hit.range.end, doc.positionAt(finding.span.end))
  ) {
    return hit;
  }
  const diagnostic = findingToDiagnostic(doc, finding);
  converted.set(key, diagnostic);
  return diagnostic;
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

/** The diagnostics of a document as the user's settings want them. */
export function diagnosticsFor(doc: TextDocument, services: Services): Diagnostic[] {
  if (!services.isChecked(doc)) return [];
  const { analysis, skipped } = services.analyses.get(doc);
  if (skipped) return [findingToDiagnostic(doc, skipped.finding)];
  if (!analysis) return [];
  return applyPolicy(analysis.findings, services.settings()).map((f) => diagnosticOf(doc, f));
}

export function registerDiagnostics(connection: Connection, documents: TextDocuments<TextDocument>, services: Services): void {
  // Pull: the client asks; a cancelled or stale request is answered with the latest version's result anyway.
  connection.languages.diagnostics.on((params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    return { kind: DocumentDiagnosticReportKind.Full, items: diagnosticsFor(doc, services) };
  });

  // Push: only for clients without pull support. A newer version supersedes queued work for an older one.
  const pending = new Map<string, number>();
  const schedule = (doc: TextDocument) => {
    if (services.pullDiagnostics) return;
    pending.set(doc.uri, doc.version);
    setImmediate(() => {
      if (pending.get(doc.uri) !== doc.version) return;
      pending.delete(doc.uri);
      const current = documents.get(doc.uri);
      if (!current || current.version !== doc.version) return;
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: diagnosticsFor(current, services) });
    });
  };
  documents.onDidOpen((e) => schedule(e.document));
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    pending.delete(e.document.uri);
    services.analyses.forget(e.document.uri);
    if (!services.pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  // A changed dataset, bibliography or setting re-checks every open document.
  services.onDataChanged(() => {
    if (services.pullDiagnostics) connection.languages.diagnostics.refresh();
    else for (const doc of documents.all()) schedule(doc);
  });
}
