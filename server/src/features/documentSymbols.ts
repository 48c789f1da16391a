/**
 * One symbol per section heading (Markdown `#`, LaTeX `\section`), nested by level, whose detail summarizes its
 * statistics ("3 supported, 1 contradicted, 2 unchecked"); each statistic is a child with its verdict.
 */
import { SymbolKind, type Connection, type DocumentSymbol, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis } from '../core/analyze';
import type { Verdict } from '../core/check/findings';
import type { Span } from '../core/types';
import type { Services } from '../services';

export interface SectionSummary {
  title: string;
  level: number;
  /** The heading's span. */
  heading: Span;
  /** From the heading to the next heading of the same or a higher level. */
  span: Span;
  /** Statistics directly in this section (not in subsections). */
  statistics: number[];
  children: SectionSummary[];
}

export interface VerdictCounts {
  supported: number;
  contradicted: number;
  inconsistent: number;
  unchecked: number;
}

const VERDICT_WORD: Record<Verdict, string> = {
  supported: 'supported',
  rounding: 'supported (rounded differently)',
  contradicts: 'contradicted',
  inconsistent: 'inconsistent',
  'not-in-dataset': 'unchecked: not in the dataset',
  unverified: 'unchecked',
};

/** "# Title #" -> "Title"; "\section*{Title}" -> "Title"; a setext heading's first line. */
export function headingTitle(raw: string): string {
  const latex = /\\(?:part|chapter|(?:sub){0,2}section|(?:sub)?paragraph)\*?\s*(?:\[[^\]]*\])?\s*\{([\s\S]*)\}/.exec(raw);
  if (latex) return latex[1].replace(/\s+/g, ' ').trim();
  const firstLine = raw.split(/\r?\n|\r/)[0];
  return firstLine.replace(/^\s{0,3}#{1,6}\s*/, '').replace(/\s+#+\s*$/, '').trim() || raw.trim();
}

export function sectionsOf(analysis: DocumentAnalysis): { sections: SectionSummary[]; preamble: number[] } {
  const { blocks, statistics } = analysis.recognized;
  const headings = blocks.filter((b) => b.kind === 'heading');
  const flat: SectionSummary[] = headings.map((b, i) => {
    const level = b.headingLevel ?? 1;
    const next = headings.slice(i + 1).find((h) => (h.headingLevel ?? 1) <= level);
    return { title: headingTitle(analysis.text.slice(b.span.start, b.span.end)), level, heading: b.span, span: { start: b.span.start, end: next ? next.span.start : analysis.text.length }, statistics: [], children: [] };
  });
  const roots: SectionSummary[] = [];
  const stack: SectionSummary[] = [];
  for (const section of flat) {
    while (stack.length > 0 && stack[stack.length - 1].level >= section.level) stack.pop();
    if (stack.length > 0) stack[stack.length - 1].children.push(section);
    else roots.push(section);
    stack.push(section);
  }
  const preamble: number[] = [];
  statistics.forEach((stat, i) => {
    // The innermost section holding the statistic: the last heading before it.
    let owner: SectionSummary | undefined;
    for (const section of flat) if (section.heading.start <= stat.span.start) owner = section;
    if (owner && stat.span.start < owner.span.end) owner.statistics.push(i);
    else preamble.push(i);
  });
  return { sections: roots, preamble };
}

/** Counts over a section and its subsections. */
export function countVerdicts(analysis: DocumentAnalysis, section: SectionSummary): VerdictCounts {
  const counts: VerdictCounts = { supported: 0, contradicted: 0, inconsistent: 0, unchecked: 0 };
  const visit = (s: SectionSummary) => {
    for (const i of s.statistics) {
      const verdict = analysis.verdicts[i]?.verdict ?? 'unverified';
      if (verdict === 'supported' || verdict === 'rounding') counts.supported++;
      else if (verdict === 'contradicts') counts.contradicted++;
      else if (verdict === 'inconsistent') counts.inconsistent++;
      else counts.unchecked++;
    }
    s.children.forEach(visit);
  };
  visit(section);
  return counts;
}

export function summaryText(counts: VerdictCounts): string {
  const parts = [`${counts.supported} supported`, `${counts.contradicted} contradicted`];
  if (counts.inconsistent > 0) parts.push(`${counts.inconsistent} inconsistent`);
  parts.push(`${counts.unchecked} unchecked`);
  return parts.join(', ');
}

export function documentSymbols(doc: Pick<TextDocument, 'positionAt'>, analysis: DocumentAnalysis): DocumentSymbol[] {
  const range = (span: Span) => ({ start: doc.positionAt(span.start), end: doc.positionAt(span.end) });
  const statisticSymbol = (i: number): DocumentSymbol => {
    const stat = analysis.recognized.statistics[i];
    const verdict = analysis.verdicts[i]?.verdict ?? 'unverified';
    return { name: stat.text.replace(/\s+/g, ' ').trim() || stat.text, detail: VERDICT_WORD[verdict], kind: SymbolKind.Number, range: range(stat.span), selectionRange: range(stat.span) };
  };
  const sectionSymbol = (section: SectionSummary): DocumentSymbol => ({
    name: section.title || '(untitled section)',
    detail: summaryText(countVerdicts(analysis, section)),
    kind: SymbolKind.Namespace,
    range: range(section.span),
    selectionRange: range(section.heading),
    children: [...section.statistics.map(statisticSymbol), ...section.children.map(sectionSymbol)].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character),
  });
  const { sections, preamble } = sectionsOf(analysis);
  return [...preamble.map(statisticSymbol), ...sections.map(sectionSymbol)];
}

export function registerDocumentSymbols(connection: Connection, documents: TextDocuments<TextDocument>, services: Services): void {
  connection.onDocumentSymbol((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !services.isChecked(doc)) return null;
    const { analysis } = services.analyses.get(doc);
    return analysis ? documentSymbols(doc, analysis) : null;
  });
}
