/**
 * A CodeLens above each section heading summarizing its statistics ("3 supported · 1 contradicted · 2 unchecked").
 * Display only: the lens has no command to run. Wire with `codeLensProvider: { resolveProvider: false }`.
 */
import type { CodeLens, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis } from '../core/analyze';
import { summaryText, type OutlineSection } from '../core/outline';
import type { Services } from '../services';

export function sectionLenses(doc: Pick<TextDocument, 'positionAt'>, analysis: DocumentAnalysis): CodeLens[] {
  const lenses: CodeLens[] = [];
  const visit = (section: OutlineSection) => {
    const { counts } = section;
    if (counts.supported + counts.contradicted + counts.inconsistent + counts.unchecked > 0) {
      const start = doc.positionAt(section.heading.start);
      lenses.push({ range: { start, end: start }, command: { title: `Trial Lens: ${summaryText(counts).replace(/, /g, ' · ')}`, command: '' } });
    }
    section.children.forEach(visit);
  };
  analysis.outline.sections.forEach(visit);
  return lenses;
}

export function registerCodeLens(connection: Connection, documents: TextDocuments<TextDocument>, services: Services): void {
  connection.onCodeLens((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !services.isChecked(doc)) return null;
    const { analysis } = services.analyses.get(doc);
    return analysis ? sectionLenses(doc, analysis) : null;
  });
}
