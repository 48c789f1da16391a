/**
 * The editor's path: one AnalysisCache per document, an edit at a time. Whatever was reused, each analysis must equal
 * a fresh one of the same text: findings, links, verdicts, resolved citations and the recognizer's entities.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnalysisCache, analyzeDocument, type DocumentAnalysis } from '../../server/src/core/analyze';
import { PieceText } from '../../server/src/core/text/pieceText';
import type { DocumentFormat } from '../../server/src/core/types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { sectionLenses } from '../../server/src/features/codeLens';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { contextFor, ROOT } from './helpers/pipeline';
import { random } from './helpers/random';

const ctx = contextFor();

/** Everything a feature reads, as plain data. */
function snapshot(analysis: DocumentAnalysis): unknown {
  const { findings, recognized, citations, links, verdicts, outline } = analysis;
  return JSON.parse(JSON.stringify({ findings, recognized, citations, links, verdicts, outline }));
}

/** What an editor shows of the sections: the symbols and lenses, made from the analysis as the server makes them. */
function sectionFeatures(analysis: DocumentAnalysis, text: string): unknown {
  const doc = TextDocument.create('file:///draft', 'markdown', 1, text);
  return JSON.parse(JSON.stringify({ symbols: documentSymbols(doc, analysis), lenses: sectionLenses(doc, analysis) }));
}

/** What the document-wide view promises: indices line up, and a statistic's finding sits on that statistic. */
function assertConsistent(analysis: DocumentAnalysis, text: string): void {
  const { recognized, links, verdicts, citations, findings } = analysis;
  assert.equal(links.length, recognized.statistics.length);
  recognized.statistics.forEach((stat, i) => {
    assert.equal(text.slice(stat.span.start, stat.span.end), stat.text);
    assert.equal(links[i]!.statistic, stat);
    assert.equal(verdicts[i]!.statistic, i);
    assert.ok(recognized.sentences[stat.sentence]!.span.start <= stat.span.start);
  });
  assert.deepEqual(citations.map((rc) => rc.citation), recognized.citations);
  for (const c of recognized.citations) assert.equal(text.slice(c.span.start, c.span.end), c.text);
  for (const f of findings) {
    if (f.statistic === undefined) continue;
    const stat = recognized.statistics[f.statistic]!;
    assert.ok(f.span.start >= stat.span.start && f.span.end <= stat.span.end, `${f.code} at ${f.span.start} lies on statistic ${f.statistic}`);
  }
}

function fixture(...parts: string[]): string {
  return fs.readFileSync(path.join(ROOT, 'test', 'fixtures', ...parts), 'utf8');
}

// Edits that change what a block says, where it is, or what the blocks around it read: digits, citations, blank
// lines (which join and split paragraphs), a reference-list entry, a fence, footnote marks and the footnotes they cite.
const INSERTS = ['1', '9', ' ', '\n\n', '[@fry2018]', ' (Pan et al., 2019)', '[2]', '\n', '%', ' of 21 patients', '```\n', '\n1. Fry TJ. Nat Med. 2018. doi:10.1038/nm.4441\n', ':', '\n\n- ', ' | 73% |', '\n\n## ', '[^1]', '\n\n[^1]: Beijing cohort [@pan2019].\n', '\n[^2]: Fry TJ, et al. Nat Med. 2018.\n', '[^2]', '</td><td>', '<p>'];

for (const [name, format, copies] of [
  [['drafts', 'cd22-review.md'], 'markdown', 1],
  [['corpus', 'planted-errors.md'], 'markdown', 1],
  // Every paragraph twice: a block at two places in one document.
  [['corpus', 'planted-errors.md'], 'markdown', 2],
  [['corpus', 'numbered.txt'], 'plaintext', 1],
  [['corpus', 'planted-latex.tex'], 'latex', 1],
  // Lists and sections led in by a citation, tables read by their headers: what a block reads from the blocks around it.
  [['corpus', 'lists-tables.md'], 'markdown', 1],
  // Tables and prose written in HTML, read as their rendered text.
  [['corpus', 'html-blocks.md'], 'markdown', 1],
] as Array<[string[], DocumentFormat, number]>) {
  // As a string per version (the command line), and as the server's documents keep it: a version in pieces that
  // knows how it differs from the last few (some versions are never analyzed, as when edits come faster than checks).
  for (const asPieces of [false, true]) {
    test(`${name.join('/')}${copies > 1 ? ` (${copies} copies)` : ''}${asPieces ? ', text in pieces' : ''}: each analysis through the editor's cache equals a fresh one`, () => {
      const next = random(name.join('/').length + copies);
      const cache = new AnalysisCache();
      let text = `${fixture(...name)}\n\n`.repeat(copies);
      let pieces = PieceText.of(text);
      for (let step = 0; step < 40; step++) {
        const at = Math.floor(next() * text.length);
        const [end, insert] = next() < 0.4 ? [Math.min(text.length, at + 1 + Math.floor(next() * 12)), ''] : [at, INSERTS[Math.floor(next() * INSERTS.length)]!];
        text = text.slice(0, at) + insert + text.slice(end);
        pieces = pieces.replaced(at, end, insert);
        if (asPieces && step % 5 === 2) continue;
        const incremental = analyzeDocument(asPieces ? pieces : text, format, ctx, cache);
        // Reading the diagnostics alone first, as an edit does, must not change what a feature reads afterwards.
        const findings = JSON.parse(JSON.stringify(incremental.findings));
        const fresh = analyzeDocument(text, format, ctx);
        // Symbols are asked for now and then, not after every edit: what they keep must hold across unread versions.
        if (step % 3 !== 1) assert.deepEqual(sectionFeatures(incremental, text), sectionFeatures(fresh, text), `symbols, step ${step}`);
        assert.deepEqual(snapshot(incremental), snapshot(fresh), `step ${step}`);
        assertConsistent(incremental, text);
        assert.deepEqual(findings, JSON.parse(JSON.stringify(incremental.findings)));
      }
    });
  }
}

test('an edit re-checks only the block it touched; a block that moved keeps its findings, at its new place', () => {
  const cache = new AnalysisCache();
  const text = fixture('corpus', 'planted-errors.md');
  const first = analyzeDocument(text, 'markdown', ctx, cache);
  assert.ok(first.findings.length > 3);
  const edited = `Intro paragraph with no numbers.\n\n${text}`;
  const second = analyzeDocument(edited, 'markdown', ctx, cache);
  assert.equal(cache.recognize.lastAnalyzed, 1, 'only the new paragraph is read');
  assert.deepEqual(
    second.findings.map((f) => edited.slice(f.span.start, f.span.end)),
    first.findings.map((f) => text.slice(f.span.start, f.span.end)),
  );
  assert.deepEqual(snapshot(second), snapshot(analyzeDocument(edited, 'markdown', ctx)));
});

test('a reused block attributes its numbers to the citation now before it', () => {
  const cache = new AnalysisCache();
  const before = 'CD22 CAR T cells induced complete remission in 73% of patients [@fry2018].\n\nGrade 1 CRS occurred in 9 of 21 patients.\n';
  analyzeDocument(before, 'markdown', ctx, cache).links.forEach(() => {});
  const after = before.replace('[@fry2018]', '(Fry et al., 2018)');
  const analysis = analyzeDocument(after, 'markdown', ctx, cache);
  assert.equal(cache.recognize.lastAnalyzed, 1, 'the second paragraph is not read again');
  const last = analysis.links.at(-1)!;
  const previous = last.attributions.find((a) => a.strength === 'previous');
  assert.ok(previous, 'the uncited number is attributed to the citation before it');
  assert.equal(previous.via, '(Fry et al., 2018)');
  assert.equal(after.slice(previous.span.start, previous.span.end), '(Fry et al., 2018)');
  assert.deepEqual(snapshot(analysis), snapshot(analyzeDocument(after, 'markdown', ctx)));

  // The citation moves, the paragraph after it does not change: its attribution follows the citation.
  const moved = `Indeed, ${after}`;
  const again = analyzeDocument(moved, 'markdown', ctx, cache).links.at(-1)!.attributions.find((a) => a.strength === 'previous')!;
  assert.equal(moved.slice(again.span.start, again.span.end), '(Fry et al., 2018)');
});


const TIGHT_LISTS = [
  '# Results',
  '',
  '- Complete remission in 73% (11/15) of patients [@fry2018].',
  '- CRS occurred in 16 of 21 patients (76%) (Fry et al., 2018).',
  '  - grade 2 CRS in 9 patients [@fry2018]',
  '  continued on an indented line with 80% (24/30)',
  '- Their 1-year LFS was 71.6% (95% CI, 44.2-99.0) [@pan2019].',
  '| Trial | CR (%) |',
  '|---|---|',
  '| NCI | 73 |',
  '1. Pooled CR was 68% [3].',
  '2. Severe neurotoxicity in 3% of patients [3].',
  'A lazy line after the list, 24 of 30 (80%).',
  '',
  '* MRD negativity 93% vs 86% with CD22 alone [@fergusson2023].',
  '* Grade 3 or higher CRS in 6% [4].',
  '',
  '## References',
  '',
  '1. Fry TJ, et al. Nat Med 2018;24:20-28.',
  '2. Pan J, et al. Leukemia 2019;33:2854-66.',
  '3. Fergusson NJ, et al. Front Immunol 2023;14:1178403.',
  '',
].join('\n');

// Plain text as it is pasted from a word processor or a PDF: paragraphs on consecutive lines with no blank line
// between them, some wrapped mid-sentence, a title, bullets (•, -), a colon that ends a line, a suppression directive,
// a short title line inside the text, tables (cells between tabs, and a row between pipes) and a reference list after
// a "References" line.
const PLAIN_LINES = [
  'CD22 CAR T-cell therapy: notes for the grant renewal',
  'The NCI trial (NCT02315612) treated 21 patients. Complete remission was reached in 73% (11/15) of those at',
  'the higher dose level [1]. Median remission duration was 6 months [1].',
  'In the Beijing cohort, CR/CRi was achieved in 24 of 30 evaluable patients (80%), which is 70.5% of all 34',
  'enrolled [2]. CAR T cells persisted for a median of 28 days [2].',
  'Toxicity',
  'CRS occurred in 16 of 21 patients (76%), and the rates were as follows:',
  '• grade 1-2 CRS in 15 of 21 patients [1]',
  '• grade 3 CRS in 1 of 21 patients [1]',
  '- Severe neurotoxicity occurred in 3% of patients [3].',
  'trial-lens-disable-next-line contradicts-dataset',
  'Best complete response was 68% in B-ALL [3], and 1-year LFS was 71.6% (95% CI, 44.2-99.0) [2].',
  'Grade 3 or higher CRS was reported in 6% [4]',
  'of patients treated with CD22 CAR T cells.',
  'Trial\tn\tCR, %\tCRS, %',
  'Fry 2018\t21\t73 (11/15)\t76',
  'Pan 2019\t34\t70.5\t-',
  '| Shah 2020 | 58 | 86 |',
  'The tables above were pasted from the spreadsheet.',
  'References',
  '1. Fry TJ, Shah NN, Orentas RJ, et al. CD22-targeted CAR T cells induce remission in B-ALL. Nat Med. 2018;24:20-28.',
  '2. Pan J, et al. CD22 CAR T-cell therapy in refractory or relapsed B-ALL. Leukemia. 2019. PMID: 31110217',
  '3. Fergusson NJ, et al. A systematic review and meta-analysis of CD22 CAR T-cells. Front Immunol. 2023.',
].join('\n');

// A LaTeX thesis chapter with what splitLatex reads line by line: a preamble, sections, itemize items, a quote
// environment (its paragraphs are quotes), verbatim and display math (not prose), comments inside a paragraph, a
// suppression directive and a bibliography.
const THESIS = String.raw`\documentclass{article}
\usepackage{natbib}
\begin{document}

\section{CD22-targeted CAR T cells}
Complete remission was obtained in 73\% (11/15) of patients \citep{fry2018}.
% An older draft said 75\% here.
Cytokine release syndrome developed in 16 of 21 patients (76\%) \citep{fry2018}.

\begin{itemize}
\item Grade 2 CRS occurred in 9 patients \citep{fry2018}.
  It resolved in 7 of 9 (78\%).
\item One-year LFS was 71.6\% (95\% CI, 44.2--99.0) \parencite{pan2019}.
\end{itemize}

\begin{quote}
Pooled CR was 68\% across 10 trials \citep{fergusson2023}.
Severe neurotoxicity occurred in 3\% of patients.
\end{quote}

After the quote, 24 of 30 evaluable patients (80\%) achieved CR/CRi \citep{pan2019}.
\begin{verbatim}
CR in 11/15 (75%) is not prose.
\end{verbatim}
\[ 11/15 = 73\% \]
% trial-lens-disable-next-line
CRS occurred in 16 of 20 patients (85\%).

\begin{thebibliography}{9}
\bibitem{fry2018} Fry TJ, et al. Nat Med. 2018;24:20-28.
\bibitem{pan2019} Pan J, et al. Leukemia. 2019;33:2854-66.
\end{thebibliography}
\end{document}
`;

// What a user types inside a line, including what can turn a paragraph into something else: a heading, a list item,
// a fence, a table, a comment, math, a definition, a setext underline, a suppression directive.
// In plain text, what ends a line decides where a block ends: a full stop, a colon, a bullet, a title's words.
const TYPED = ['a', '7', ' ', '%', '#', '# ', '- ', '1. ', '|', '|---|', '```', '$$', '<!--', '-->', '>', '===', '---', '[x]: http://a', '\t', '  ', '[@pan2019]', 'trial-lens-disable-next-line', '(n = 12)', '.', ':', '• ', '[1] ', 'References', ' Results', '."', '\n', '\n\n', '\na', '\n- ', '\n# ', '\n===', '\n    ', '\n> ', '\n|---|', '\n[x]: http://a', '\ntrial-lens-disable-next-line', '\r\n'];
// In LaTeX: what starts an environment, a section, an item, math, a comment, the document or a bibliography.
const LATEX_TYPED = ['a', '7', ' ', '%', '\\%', '\\', '\\item ', '\\begin{quote} ', '\\end{quote}', '\\begin{verbatim}', '\\end{verbatim}', '\\section{X} ', '$$', '\\[', '\\]', '$', '~', '\\cite{pan2019}', '\\begin{document}', '\\bibliography{refs}', '\\bibitem{x} ', '% trial-lens-disable-next-line', '\t', '  ', '(n = 12)'];

for (const [name, format] of [
  [['drafts', 'cd22-review.md'], 'markdown'],
  [['corpus', 'planted-errors.md'], 'markdown'],
  [['corpus', 'published-planted.txt'], 'plaintext'],
  [['plain lines'], 'plaintext'],
  [['plain lines', 'crlf'], 'plaintext'],
  // Without the suppression directive, line breaks typed inside its blocks are read around the edit too.
  [['plain lines', 'no directive'], 'plaintext'],
  // Windows line ends.
  [['drafts', 'cd22-review.md', 'crlf'], 'markdown'],
  // Tight lists: items on consecutive lines, next to tables, paragraphs, nested items and a reference list.
  [['drafts', 'cd22-review.md', 'lists'], 'markdown'],
  [['drafts', 'cd22-thesis.tex'], 'latex'],
  [['thesis chapter'], 'latex'],
  // A chapter file without a preamble or \begin{document}, as \input{} includes it.
  [['thesis chapter', 'fragment'], 'latex'],
] as Array<[string[], DocumentFormat]>) {
  test(`${name.join('/')}: typing and deleting inside lines, a character at a time, equals a fresh analysis at every step`, () => {
    // TRIAL_LENS_PROPERTY_SEED explores other edits, as in the property tests.
    const next = random(name.join('/').length * 7 + Number(process.env.TRIAL_LENS_PROPERTY_SEED ?? 0));
    const cache = new AnalysisCache();
    let text =
      name[0] === 'plain lines'
        ? name[1] === 'crlf'
          ? PLAIN_LINES.replace(/\n/g, '\r\n')
          : name[1] === 'no directive'
            ? PLAIN_LINES.replace(/^trial-lens-disable-next-line.*\n/m, '')
            : PLAIN_LINES
        : name[0] === 'thesis chapter'
        ? name[1] === 'fragment'
          ? THESIS.slice(THESIS.indexOf('\\section'), THESIS.indexOf('\\end{document}'))
          : THESIS
        : name[2] === 'crlf'
          ? fixture(...name.slice(0, 2)).replace(/\n/g, '\r\n')
          : name[2] === 'lists'
            ? TIGHT_LISTS
            : fixture(...name);
    const typedHere = format === 'latex' ? LATEX_TYPED : TYPED;
    analyzeDocument(text, format, ctx, cache);
    let aroundEdit = 0;
    let steps = 0;
    for (let round = 0; round < 30; round++) {
      // Somewhere inside a non-blank line, at its start, or at its end.
      const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
      let line = Math.floor(next() * lineStarts.length);
      // Most lines of a LaTeX file are commands, comments or the preamble: most rounds type in a line of prose.
      const prose = format === 'latex' && next() < 0.7;
      const skip = (l: number) => {
        const content = text.slice(lineStarts[l]!, lineStarts[l + 1] ?? text.length).trim();
        return content === '' || (prose && /^[\\%$]/.test(content));
      };
      while (line + 1 < lineStarts.length && skip(line)) line++;
      let lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1]! - 1 : text.length;
      if (text[lineEnd - 1] === '\r') lineEnd--;
      const where = next();
      const at = where < 0.15 ? lineStarts[line]! : where < 0.3 ? lineEnd : lineStarts[line]! + Math.floor(next() * (lineEnd - lineStarts[line]! + 1));
      const typed = typedHere[Math.floor(next() * typedHere.length)]!;
      const edits: Array<(t: string) => string> = [];
      for (let i = 0; i < typed.length; i++) edits.push((t) => t.slice(0, at + i) + typed[i] + t.slice(at + i));
      // What opens an environment or math in LaTeX is always deleted again: left behind, one would swallow the rest of
      // the document, and no later keystroke would be inside prose.
      const deleted = format === 'latex' && /^(?:\\begin|\\\[|\$\$)/.test(typed) ? 1 : 0.7;
      for (let i = typed.length - 1; i >= 0; i--) if (next() < deleted) edits.push((t) => t.slice(0, at + i) + t.slice(at + i + 1));
      for (const edit of edits) {
        text = edit(text);
        const incremental = analyzeDocument(text, format, ctx, cache);
        if (cache.recognize.lastSplit === 'around-edit') aroundEdit++;
        steps++;
        assert.deepEqual(snapshot(incremental), snapshot(analyzeDocument(text, format, ctx)), `round ${round}, typing ${JSON.stringify(typed)} at ${at}`);
      }
    }
    assert.ok(aroundEdit > steps / 10, `many keystrokes inside prose lines are read around the edit (${aroundEdit} of ${steps})`);
  });
}

test('a line break typed inside a paragraph re-reads only that paragraph, unless suppressions name lines below it', () => {
  const paragraph = 'Complete remission in 73% (11/15) of patients [@fry2018], and CRS occurred in 16 of 20 patients (85%).';
  const suppressed = '<!-- trial-lens-disable-next-line -->\nCRS occurred in 16 of 20 patients (85%).';
  const at = paragraph.indexOf(', and CRS') + 1;
  for (const [text, readAround] of [
    [`${paragraph}\n\nA second paragraph.\n`, true],
    [`${paragraph}\n\n${suppressed}\n`, false],
  ] as const) {
    const cache = new AnalysisCache();
    const before = analyzeDocument(text, 'markdown', ctx, cache);
    const edited = `${text.slice(0, at)}\n${text.slice(at)}`;
    const after = analyzeDocument(edited, 'markdown', ctx, cache);
    assert.equal(cache.recognize.lastSplit, readAround ? 'around-edit' : 'whole');
    assert.deepEqual(snapshot(after), snapshot(analyzeDocument(edited, 'markdown', ctx)));
    // The number in the new line keeps its finding, now a line further down; the suppressed one stays suppressed.
    const arithmetic = (a: DocumentAnalysis) => a.findings.filter((f) => f.code === 'arithmetic-inconsistency');
    assert.equal(arithmetic(after).length, arithmetic(before).length);
    assert.equal(arithmetic(after).length, 1);
  }
});

test('plain text: deleting the full stop that cut a block before a line of no-break spaces joins them, as a fresh analysis does', () => {
  const text = 'In the NCI trial, complete remission was reached in 73% (11/15) of the patients treated at the higher dose level [1].\n\u00a0\nCRS occurred in 16 of 20 patients (85%).\n';
  const cache = new AnalysisCache();
  analyzeDocument(text, 'plaintext', ctx, cache);
  const at = text.indexOf('.\n');
  const edited = text.slice(0, at) + text.slice(at + 1);
  assert.deepEqual(snapshot(analyzeDocument(edited, 'plaintext', ctx, cache)), snapshot(analyzeDocument(edited, 'plaintext', ctx)));
});

test('typing between the CR and LF of a Windows line end makes a new line: suppressions below it still apply', () => {
  const cache = new AnalysisCache();
  const text = 'Complete remission in 73% (11/15) of patients [@fry2018].\r\nSecond line of the paragraph.\r\n\r\n<!-- trial-lens-disable-next-line -->\r\nCRS occurred in 16 of 20 patients (85%).\r\n';
  assert.equal(analyzeDocument(text, 'markdown', ctx, cache).findings.filter((f) => f.code === 'arithmetic-inconsistency').length, 0, 'suppressed');
  const at = text.indexOf('\r\nSecond') + 1;
  const edited = `${text.slice(0, at)}x${text.slice(at)}`;
  assert.deepEqual(snapshot(analyzeDocument(edited, 'markdown', ctx, cache)), snapshot(analyzeDocument(edited, 'markdown', ctx)));
});

test('editing a reference-list entry re-resolves the numbered citations that point to it', () => {
  const cache = new AnalysisCache();
  const before = 'Pooled CR was 68% [1].\n\n## References\n\n1. Fergusson NJ, et al. Front Immunol 2023;14:1178403.\n';
  analyzeDocument(before, 'markdown', ctx, cache).citations.forEach(() => {});
  const after = before.replace('2023', '2019');
  const analysis = analyzeDocument(after, 'markdown', ctx, cache);
  assert.deepEqual(snapshot(analysis), snapshot(analyzeDocument(after, 'markdown', ctx)));
  assert.equal(analysis.citations[0]!.targets[0]!.listEntry?.year, 2019);
});

test('editing the source note under a table re-checks the table that reads it', () => {
  const cache = new AnalysisCache();
  const table = '| Product | Disease | Pooled best CR |\n|---|---|---|\n| CD22 alone | NHL | 74% |\n\n';
  const before = `${table}Source: Fergusson et al. (2023).\n`;
  assert.deepEqual(analyzeDocument(before, 'markdown', ctx, cache).findings.map((f) => f.code), ['contradicts-dataset']);
  for (const after of [`${table}Source: our own series.\n`, `${table}Note: Fergusson et al. (2023).\n`, before]) {
    const analysis = analyzeDocument(after, 'markdown', ctx, cache);
    assert.deepEqual(snapshot(analysis), snapshot(analyzeDocument(after, 'markdown', ctx)));
  }
});

test('editing a LaTeX caption under its tabular re-checks the table that reads it', () => {
  const cache = new AnalysisCache();
  const table = '\\begin{table}\n\\begin{tabular}{lr}\nProduct & Best CR (\\%) \\\\\nCD22 alone, NHL & 74 \\\\\n\\end{tabular}\n';
  const before = `${table}\\caption{Pooled best CR \\citep{fergusson2023}.}\n\\end{table}\n`;
  assert.deepEqual(analyzeDocument(before, 'latex', ctx, cache).findings.map((f) => f.code), ['contradicts-dataset']);
  for (const after of [`${table}\\caption{Pooled best CR in our series.}\n\\end{table}\n`, `${table}\\caption{Pooled best CR \\citep{pan2019}.}\n\\end{table}\n`, before]) {
    const analysis = analyzeDocument(after, 'latex', ctx, cache);
    assert.deepEqual(snapshot(analysis), snapshot(analyzeDocument(after, 'latex', ctx)));
  }
});
