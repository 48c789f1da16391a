/**
 * Quick fixes for the findings a diagnostic carries (matched back by code, range and `data`): insert the supporting
 * citation in the document's style (and its BibTeX entry in the document's .bib when missing), replace a wrong
 * citation, apply the checker's own fixes (a contradicted number, an arithmetic percent), disable the finding for the
 * line; and a `source.fixAll.trialLens` action that applies every preferred fix without overlapping edits.
 */
import * as path from 'node:path';
import {
  CodeActionKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type TextDocuments,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { DocumentAnalysis } from '../core/analyze';
import type { Finding, TextEdit } from '../core/check/findings';
import { applyPolicy } from '../core/check/policy';
import {
  citationInsertionOffset,
  nextStatisticStart,
  disableLineEdit,
  documentCitationStyle,
  editsCollide,
  nonCollidingGroups,
  planCitationInsertion,
  planCitationInsertions,
  planCitationReplacement,
  planNamedWorkReplacement,
  type BibliographyFileText,
  type CitationPlan,
} from '../core/edit';
import type { Reference } from '../core/dataset/model';
import { surname } from '../core/dataset/names';
import type { LinkContext } from '../core/link/datasetView';
import { clauseBreaks, isSubjectCitation } from '../core/link/context';
import { LINK_THRESHOLD, type Attribution } from '../core/link/linkStatistics';
import { offsetToPosition } from '../core/text';
import type { Services } from '../services';
import type { DiagnosticData } from './diagnostics';
import { readTextFile } from '../core/text/readText';

export const FIX_ALL_KIND = 'source.fixAll.trialLens';

/** A fix before it becomes an LSP CodeAction: edits in the document, and optionally in its bibliography file. */
export interface PlannedFix {
  title: string;
  edits: TextEdit[];
  bibliography?: CitationPlan['bibliography'];
  preferred: boolean;
  finding: Finding;
  /** How many findings this fix resolves (a batch of citations resolves several). */
  covers?: number;
}

/** The finding a diagnostic was made from: same code and range, and the same statistic or fact when `data` says. */
export function findingForDiagnostic(doc: TextDocument, analysis: DocumentAnalysis, diagnostic: Diagnostic): Finding | undefined {
  const data = (diagnostic.data ?? {}) as DiagnosticData;
  const start = doc.offsetAt(diagnostic.range.start);
  const end = doc.offsetAt(diagnostic.range.end);
  const same = analysis.findings.filter((f) => f.code === diagnostic.code && f.span.start === start && f.span.end === end);
  return same.find((f) => (data.statistic === undefined || f.statistic === data.statistic) && (data.factId === undefined || f.factId === data.factId)) ?? same[0];
}

/** Whether another number of the statistic's sentence is supported by `reference` (which its citation names). */
function supportsAnotherInSentence(analysis: DocumentAnalysis, statistic: number, reference: string, ctx: LinkContext): boolean {
  const { statistics } = analysis.recognized;
  const sentence = statistics[statistic]?.sentence;
  for (let i = statistic - 1; i >= 0 && statistics[i]!.sentence === sentence; i--) if (supportedBy(analysis, i, reference, ctx)) return true;
  for (let i = statistic + 1; i < statistics.length && statistics[i]!.sentence === sentence; i++) if (supportedBy(analysis, i, reference, ctx)) return true;
  return false;
}

/**
 * "Shah et al. (2020) treated 58 participants; 17 had ...": a citation that is its sentence's subject speaks for every
 * clause; replacing it for one number is right only when the sentence's other numbers are the new work's too.
 */
function speaksForOthers(analysis: DocumentAnalysis, statistic: number, citation: Attribution, reference: string, ctx: LinkContext): boolean {
  const { statistics, sentences } = analysis.recognized;
  const sentence = statistics[statistic]?.sentence;
  const span = sentence === undefined ? undefined : sentences[sentence]?.span;
  if (!span || !isSubjectCitation(analysis.text, { span: citation.span, text: citation.via }, span)) return false;
  // Another number is the new work's when the new work supports it, or a finding says it is the new work's.
  const isNewWorks = (i: number) => supportedBy(analysis, i, reference, ctx) || analysis.findings.some((f) => f.statistic === i && f.reference === reference);
  for (let i = 0; i < statistics.length; i++) {
    if (i !== statistic && statistics[i]!.sentence === sentence && !isNewWorks(i)) return true;
  }
  return false;
}

/**
 * "CRS occurred in 16 of 21 in the NCI trial, and in 50 of 58 in its updated cohort (Shah et al., 2020)": a number of a
 * later clause, between this one and the citation, that the dataset gives to no work may be what the citation is for.
 */
function closesLaterNumber(analysis: DocumentAnalysis, statistic: number, citationStart: number): boolean {
  const { statistics } = analysis.recognized;
  const stat = statistics[statistic];
  if (!stat) return false;
  for (let i = statistic + 1; i < statistics.length && statistics[i]!.sentence === stat.sentence; i++) {
    const later = statistics[i]!;
    if (later.span.end > citationStart) break;
    if (analysis.verdicts[i]?.verdict !== 'not-in-dataset') continue;
    if (clauseBreaks(analysis.text.slice(stat.span.end, later.span.start), stat.span.end).length > 0) return true;
  }
  return false;
}

function supportedBy(analysis: DocumentAnalysis, statistic: number, reference: string, ctx: LinkContext): boolean {
  const verdict = analysis.verdicts[statistic];
  if (verdict?.factId && (verdict.verdict === 'supported' || verdict.verdict === 'rounding')) return ctx.dataset.factById.get(verdict.factId)?.reference === reference;
  // "All 34 patients had failed CD19 CAR T cells, and 17 of 21 ... (Pan et al., 2019)": a number whose endpoint the
  // words do not name, which a fact of the cited work gives, relies on the citation too.
  if (verdict?.verdict !== 'not-in-dataset') return false;
  return (analysis.links[statistic]?.candidates ?? []).some((c) => c.fact.reference === reference && c.attribution === 'sentence' && c.score >= LINK_THRESHOLD && c.comparison.agreement.kind === 'agrees');
}

/** Every fix for one finding, best first. */
export function fixesForFinding(analysis: DocumentAnalysis, finding: Finding, ctx: LinkContext, bibliography?: BibliographyFileText): PlannedFix[] {
  const fixes: PlannedFix[] = [];
  const reference = finding.reference ? ctx.dataset.references.get(finding.reference) : undefined;
  if (reference && finding.statistic !== undefined) {
    // "\textcite{fry2018} found 73% (11/15), and the Beijing cohort 80%": the citation is the 73%'s too, and replacing
    // it would take it from that number; the other work is added instead.
    let neededElsewhere = false;
    if (finding.code === 'citation-mismatch') {
      const link = analysis.links[finding.statistic];
      const wrong = link?.attributions.find((a) => a.strength === 'sentence' && a.reference !== reference.key)?.reference;
      const wrongCitation = link?.attributions.find((a) => a.strength === 'sentence' && a.reference === wrong);
      neededElsewhere =
        wrong !== undefined &&
        (supportsAnotherInSentence(analysis, finding.statistic, wrong, ctx) ||
          (wrongCitation !== undefined && closesLaterNumber(analysis, finding.statistic, wrongCitation.span.start)) ||
          (wrongCitation !== undefined && speaksForOthers(analysis, finding.statistic, wrongCitation, reference.key, ctx)));
      const wrongAuthors = wrong ? ctx.dataset.references.get(wrong)?.authors : undefined;
      const wrongAuthor = wrongAuthors?.[0] ? surname(wrongAuthors[0]) : undefined;
      const replacement = wrong ? planCitationReplacement(analysis, finding.statistic, wrong, reference, ctx, bibliography, wrongAuthor) : undefined;
      // Where the cited work only lacks a figure in the dataset (information), the author's citation may be right:
      // replacing it is offered, not done by "fix all".
      // A finding whose own correction of the number is preferred keeps it so ("CR was 80% [@fry2018]": Fry's 73%).
      const recite = finding.severity !== 'information' && !finding.fixes?.some((f) => f.preferred);
      if (replacement && !neededElsewhere) fixes.push({ ...replacement, preferred: recite, finding });
      else if (!replacement && link) {
        const named = planNamedWorkReplacement(analysis.text, link.attributions, reference);
        if (named) fixes.push({ ...named, preferred: recite, finding });
      }
    }
    if (finding.code === 'unsupported-statistic' || finding.code === 'citation-mismatch') {
      const insertion = planCitationInsertion(analysis, finding.statistic, reference, ctx, bibliography);
      const preferred = finding.code === 'unsupported-statistic' || (neededElsewhere && finding.severity !== 'information' && !finding.fixes?.some((f) => f.preferred));
      if (insertion) fixes.push({ ...insertion, title: finding.code === 'citation-mismatch' ? `Add ${insertion.title.replace(/^Cite /, 'citation ')}` : insertion.title, preferred, finding });
    }
  }
  for (const fix of finding.fixes ?? []) fixes.push({ title: fix.title, edits: fix.edits, preferred: fix.preferred ?? false, finding });
  return fixes;
}

/**
 * "Fix all": the preferred fix of every reported finding, skipping any that would overlap one already taken; then the
 * citations of every uncited statistic, numbered one after another in a numbered document.
 */
export function fixAllEdits(analysis: DocumentAnalysis, findings: Finding[], ctx: LinkContext, bibliography?: BibliographyFileText): PlannedFix[] {
  const numbered = documentCitationStyle(analysis.format, analysis.recognized).kind === 'numbered';
  const preferred: PlannedFix[] = [];
  const uncited: Array<{ statistic: number; reference: Reference; finding: Finding }> = [];
  for (const finding of findings) {
    const reference = finding.reference ? ctx.dataset.references.get(finding.reference) : undefined;
    if (finding.code === 'unsupported-statistic' && reference && finding.statistic !== undefined) {
      uncited.push({ statistic: finding.statistic, reference, finding });
      continue;
    }
    // A replaced number in a numbered document could claim the number a new citation takes: those wait for the user.
    if (numbered && finding.code === 'citation-mismatch') continue;
    const fix = fixesForFinding(analysis, finding, ctx, bibliography).find((f) => f.preferred);
    if (fix) preferred.push(fix);
  }
  const kept = nonCollidingGroups(preferred);
  const taken = kept.flatMap((f) => f.edits);
  const free = uncited.filter(({ statistic }) => {
    const stat = analysis.recognized.statistics[statistic];
    const sentence = analysis.recognized.sentences[stat.sentence]?.span ?? stat.span;
    const at = citationInsertionOffset(analysis.text, sentence, stat.span, analysis.recognized.citations, nextStatisticStart(analysis.recognized, statistic), analysis.format);
    return !taken.some((t) => editsCollide(t, { span: { start: at, end: at }, newText: '' }));
  });
  const plan = free.length > 0 ? planCitationInsertions(analysis, free, ctx, bibliography) : undefined;
  if (plan) kept.push({ ...plan, preferred: true, finding: free[0].finding, covers: free.length });
  return kept;
}

function toLspEdits(doc: TextDocument, edits: TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: { start: doc.positionAt(e.span.start), end: doc.positionAt(e.span.end) }, newText: e.newText }));
}

/** One WorkspaceEdit for fixes in the document and appended bibliography entries (one append per bibliography file). */
function workspaceEdit(doc: TextDocument, fixes: PlannedFix[], bibliography?: BibliographyFileText): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = { [doc.uri]: toLspEdits(doc, fixes.flatMap((f) => f.edits)) };
  const additions = new Map<string, string>();
  let offset = 0;
  for (const fix of fixes) {
    if (!fix.bibliography || !bibliography) continue;
    offset = fix.bibliography.edit.span.start;
    if (!additions.has(fix.bibliography.key)) additions.set(fix.bibliography.key, fix.bibliography.edit.newText);
  }
  if (additions.size > 0 && bibliography) {
    const position = offsetToPosition(bibliography.text, offset);
    const uri = URI.file(bibliography.path).toString();
    // Every entry but the first already starts after a blank line the first one leaves.
    const texts = [...additions.values()];
    const eol = bibliography.text.includes('\r\n') ? '\r\n' : '\n';
    const joined = texts.map((t, i) => (i === 0 ? t : t.replace(/^(\r?\n)+/, eol))).join('');
    changes[uri] = [{ range: { start: position, end: position }, newText: joined }];
  }
  return { changes };
}

/** The document's first declared bibliography file on disk, if it is a .bib or CSL-JSON file that exists. */
export function bibliographyFileOf(doc: TextDocument, analysis: DocumentAnalysis): BibliographyFileText | undefined {
  const uri = URI.parse(doc.uri);
  if (uri.scheme !== 'file') return undefined;
  for (const declared of analysis.bibliographyPaths) {
    const name = /\.(?:bib|json|ya?ml)$/i.test(declared) ? declared : `${declared}.bib`;
    if (!/\.(?:bib|json)$/i.test(name)) continue;
    const file = path.resolve(path.dirname(uri.fsPath), name);
    try {
      return { path: file, text: readTextFile(file) };
    } catch {
      // A .bib named but not there yet: the citation still resolves through the dataset.
    }
  }
  return undefined;
}

/** What a "fix all" offered without its edit carries, to make the edit when it is chosen (codeAction/resolve). */
interface FixAllData {
  uri: string;
}

/** Whether "fix all" may have something to do for a finding: its own fixes, or a citation to insert or replace. */
function mayHaveFix(finding: Finding): boolean {
  if (finding.fixes?.length) return true;
  return finding.reference !== undefined && finding.statistic !== undefined && (finding.code === 'unsupported-statistic' || finding.code === 'citation-mismatch');
}

export function registerCodeActions(connection: Connection, documents: TextDocuments<TextDocument>, services: Services): void {
  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !services.isChecked(doc)) return null;
    const { analysis } = services.analyses.get(doc);
    if (!analysis) return null;
    const ctx = services.context();
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const ours = params.context.diagnostics.filter((d) => d.source === 'trial-lens');
    // Read from disk only when a fix may need it; the light bulb asks on every cursor move.
    const bibliography = ours.length > 0 || only ? bibliographyFor(doc, analysis) : undefined;
    const actions: CodeAction[] = [];

    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of ours) {
        const finding = findingForDiagnostic(doc, analysis, diagnostic);
        if (!finding) continue;
        for (const fix of fixesForFinding(analysis, finding, ctx, bibliography)) {
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred, edit: workspaceEdit(doc, [fix], bibliography) });
        }
        const disable = disableLineEdit(analysis.text, analysis.format, analysis.lineStarts, finding.span.start, finding.code);
        if (!disable) continue;
        actions.push({
          title: `Disable trial-lens ${finding.code} for this line`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: { changes: { [doc.uri]: toLspEdits(doc, [disable]) } },
        });
      }
    }

    // Asked for by kind (on save, the Source Action menu), or offered next to our problems to clients that do not filter.
    // Next to our problems it is asked for on every cursor move and after every keystroke, and planning every fix of a
    // long draft costs tens of milliseconds: a client that can resolve edits gets the action without its edit (and
    // without a count, which needs the plan), and the edit once the user picks it.
    if (only ? wants(FIX_ALL_KIND) : ours.length > 0) {
      const reported = applyPolicy(analysis.findings, services.settings());
      if (!only && services.resolvesCodeActionEdits) {
        const data: FixAllData = { uri: doc.uri };
        if (reported.some(mayHaveFix)) actions.push({ title: 'Fix all Trial Lens problems', kind: FIX_ALL_KIND, data });
      } else {
        const fixes = fixAllEdits(analysis, reported, ctx, bibliography);
        const count = fixes.reduce((n, f) => n + (f.covers ?? 1), 0);
        if (count > 0) {
          actions.push({ title: `Fix all Trial Lens problems (${count})`, kind: FIX_ALL_KIND, edit: workspaceEdit(doc, fixes, bibliography) });
        }
      }
    }
    return actions;
  });

  // The edit of a "fix all" offered without one, planned on the document as it is now.
  connection.onCodeActionResolve((action) => {
    const data = action.data as FixAllData | undefined;
    if (action.kind !== FIX_ALL_KIND || action.edit || typeof data?.uri !== 'string') return action;
    const doc = documents.get(data.uri);
    const analysis = doc && services.isChecked(doc) ? services.analyses.get(doc).analysis : undefined;
    if (!doc || !analysis) return action;
    const bibliography = bibliographyFor(doc, analysis);
    const fixes = fixAllEdits(analysis, applyPolicy(analysis.findings, services.settings()), services.context(), bibliography);
    return { ...action, edit: workspaceEdit(doc, fixes, bibliography) };
  });

  // Never in Restricted Mode: the workspace's bibliographies are neither read nor edited until it is trusted.
  function bibliographyFor(doc: TextDocument, analysis: DocumentAnalysis): BibliographyFileText | undefined {
    return services.datasets.isTrusted() ? bibliographyFileOf(doc, analysis) : undefined;
  }
}

