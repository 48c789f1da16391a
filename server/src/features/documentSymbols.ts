/**
 * One symbol per section heading (Markdown `#`, LaTeX `\section`), nested by level, whose detail summarizes its
 * statistics ("3 supported, 1 contradicted, 2 unchecked"); each statistic is a child with its verdict.
 */
import { SymbolKind, type Connection, type DocumentSymbol, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis } from '../core/analyze';
import type { Verdict } from '../core/check/findings';
import { summaryText, type OutlineSection, type OutlineStatistic } from '../core/outline';
import type { Span } from '../core/types';
import type { Services } from '../services';

const VERDICT_WORD: Record<Verdict, string> = {
  supported: 'supported',
  rounding: 'supported (rounded differently)',
  contradicts: 'contradicted',
  inconsistent: 'inconsistent',
  'not-in-dataset': 'unchecked: not in the dataset',
  unverified: 'unchecked',
};

/**
 * A block's statistic symbols as last made, kept by the outline's list for the block (the same object while the block
 * and its verdicts are): handed out again while its first statistic starts at the same line and column (the block's
 * text is unchanged, so the others do too). After a keystroke most symbols are then the objects sent before, whose
 * bytes the stdio writer reuses (transport.ts).
 */
const blockSymbols = new WeakMap<readonly OutlineStatistic[], { line: number; character: number; symbols: DocumentSymbol[] }>();

export function documentSymbols(doc: Pick<TextDocument, 'positionAt'>, analysis: DocumentAnalysis): DocumentSymbol[] {
  const range = (span: Span) => ({ start: doc.positionAt(span.start), end: doc.positionAt(span.end) });
  const statisticSymbol = (stat: OutlineStatistic): DocumentSymbol => {
    const at = range(stat.span);
    return { name: stat.text.replace(/\s+/g, ' ').trim() || stat.text, detail: VERDICT_WORD[stat.verdict], kind: SymbolKind.Number, range: at, selectionRange: at };
  };
  const symbolsOf = (lists: readonly OutlineStatistic[][]): DocumentSymbol[] => {
    const out: DocumentSymbol[] = [];
    for (const list of lists) {
      const start = doc.positionAt(list[0]!.span.start);
      let kept = blockSymbols.get(list);
      if (!kept || kept.line !== start.line || kept.character !== start.character) {
        kept = { line: start.line, character: start.character, symbols: list.map(statisticSymbol) };
        blockSymbols.set(list, kept);
      }
      for (const symbol of kept.symbols) out.push(symbol);
    }
    return out;
  };
  const sectionSymbol = (section: OutlineSection): DocumentSymbol => ({
    name: section.title || '(untitled section)',
    detail: summaryText(section.counts),
    kind: SymbolKind.Namespace,
    range: range(section.span),
    selectionRange: range(section.heading),
    children: inOrder(symbolsOf(section.statistics), section.children.map(sectionSymbol)),
  });
  const { sections, preamble } = analysis.outline;
  return [...symbolsOf(preamble), ...sections.map(sectionSymbol)];
}

/** A section's statistics and subsections, by where they start: two lists each in document order, merged. */
function inOrder(statistics: DocumentSymbol[], sections: DocumentSymbol[]): DocumentSymbol[] {
  if (sections.length === 0) return statistics;
  const out: DocumentSymbol[] = [];
  let i = 0;
  let j = 0;
  while (i < statistics.length || j < sections.length) {
    if (j >= sections.length || (i < statistics.length && !startsAfter(statistics[i]!, sections[j]!))) out.push(statistics[i++]!);
    else out.push(sections[j++]!);
  }
  return out;
}

function startsAfter(a: DocumentSymbol, b: DocumentSymbol): boolean {
  const x = a.range.start;
  const y = b.range.start;
  return x.line > y.line || (x.line === y.line && x.character > y.character);
}

export function registerDocumentSymbols(connection: Connection, documents: TextDocuments<TextDocument>, services: Services): void {
  connection.onDocumentSymbol((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !services.isChecked(doc)) return null;
    const { analysis } = services.analyses.get(doc);
    return analysis ? documentSymbols(doc, analysis) : null;
  });
}
