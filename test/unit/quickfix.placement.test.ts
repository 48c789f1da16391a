/**
 * Where "cite" quick fixes put a citation, on real analyses: joined to the citation already at that place, inside a
 * table's cell, before a list item's punctuation, never into another citation or onto a fence line; and "fix all"
 * cites a source once per place.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyTextEdits } from '../../server/src/core/edit';
import type { DocumentFormat } from '../../server/src/core/types';
import { fixAllEdits, fixesForFinding } from '../../server/src/features/codeActions';
import { analyze, contextFor } from './helpers/pipeline';

const ctx = contextFor();

/** The text after the first fix titled like `title` for the finding on `at`. */
function applied(text: string, at: string, title: RegExp, format: DocumentFormat = 'markdown'): string {
  const analysis = analyze(text, format, ctx);
  const finding = analysis.findings.find((f) => text.slice(f.span.start, f.span.end).includes(at));
  assert.ok(finding, `no finding on ${at}: ${JSON.stringify(analysis.findings.map((f) => f.message))}`);
  const fix = fixesForFinding(analysis, finding, ctx).find((f) => title.test(f.title));
  assert.ok(fix, `no fix ${title} among ${fixesForFinding(analysis, finding, ctx).map((f) => f.title).join(' | ')}`);
  return applyTextEdits(text, fix.edits);
}

test('an added citation joins the citation already at its place, in each style', () => {
  assert.equal(
    applied('Severe CRS was seen in 6% of patients [@pan2019].\n', '6%', /^Add citation/),
    'Severe CRS was seen in 6% of patients [@pan2019; @fergusson2023].\n',
  );
  assert.equal(
    applied('Severe CRS was seen in 6\\% of patients \\citep{pan2019}.\n', '6', /^Add citation/, 'latex'),
    'Severe CRS was seen in 6\\% of patients \\citep{pan2019,fergusson2023}.\n',
  );
  assert.equal(
    applied('Severe CRS was seen in 6% of patients (Pan et al., 2019).\n', '6%', /^Add citation/, 'plaintext'),
    'Severe CRS was seen in 6% of patients (Pan et al., 2019; Fergusson et al., 2023).\n',
  );
});

test('an added citation joins the one right after the number, mid-sentence, and the finding goes', () => {
  const cases: Array<[string, string, DocumentFormat]> = [
    ['CD22 CAR T cells alone gave CR in 68% [@fry2018], higher than with CD19 alone.\n', 'CD22 CAR T cells alone gave CR in 68% [@fry2018; @fergusson2023], higher than with CD19 alone.\n', 'markdown'],
    ['CD22 CAR T cells alone gave CR in 68\\% \\citep{fry2018}, higher than with CD19 alone.\n', 'CD22 CAR T cells alone gave CR in 68\\% \\citep{fry2018,fergusson2023}, higher than with CD19 alone.\n', 'latex'],
    ['CD22 CAR T cells alone gave CR in 68% (Fry et al. 2018), higher than with CD19 alone.\n', 'CD22 CAR T cells alone gave CR in 68% (Fry et al. 2018; Fergusson et al. 2023), higher than with CD19 alone.\n', 'plaintext'],
  ];
  for (const [text, expected, format] of cases) {
    const after = applied(text, '68', /^Add citation/, format);
    assert.equal(after, expected);
    assert.ok(!analyze(after, format, ctx).findings.some((f) => f.code === 'citation-mismatch'), after);
  }
  // A numbered group takes the document's spacing.
  const numbered = 'CD22 CAR T cells alone gave CR in 68% [1], higher than with CD19 alone [1, 2].\n\nReferences\n1. Fry TJ, et al. Nat Med. 2018. doi:10.1038/nm.4441\n2. Pan J, et al. Leukemia. 2019. doi:10.1038/s41375-019-0488-7\n';
  assert.match(applied(numbered, '68%', /^Add citation/, 'plaintext'), /in 68% \[1, 3\], higher/);
});

test('a citation never goes inside another: a semicolon between keys is not a clause break', () => {
  assert.equal(
    applied('The 1-year leukemia-free survival was 71.6% [@fry2018; @shah2020].\n', '71.6%', /^Add citation/),
    'The 1-year leukemia-free survival was 71.6% [@fry2018; @shah2020; @pan2019].\n',
  );
});

test('a citation stays on its sentence\'s line, off a Quarto fence after it', () => {
  const text = '::: {.callout-note}\nAfter CD22 CAR T cells, severe CRS was seen in 6% of patients\n:::\n';
  assert.equal(applied(text, '6%', /^Cite/), '::: {.callout-note}\nAfter CD22 CAR T cells, severe CRS was seen in 6% of patients [@fergusson2023]\n:::\n');
});

test('in a table a citation goes inside the number\'s cell; in a list item before its semicolon', () => {
  assert.equal(
    applied('| Product | Disease | CR |\n|---|---|---|\n| CD22 alone | NHL | 64% |\n', '64%', /^Cite/),
    '| Product | Disease | CR |\n|---|---|---|\n| CD22 alone | NHL | 64% [@fergusson2023] |\n',
  );
  assert.equal(
    applied('Results:\n\n- CD22 CAR T cells alone gave CR in 68% of B-ALL patients;\n- more to come.\n', '68%', /^Cite/),
    'Results:\n\n- CD22 CAR T cells alone gave CR in 68% of B-ALL patients [@fergusson2023];\n- more to come.\n',
  );
});

test('fix all cites a source once where two of its numbers share a sentence', () => {
  const text = 'With CD22 CAR T cells, severe CRS occurred in 6% and severe neurotoxicity in 3% of patients.\n';
  const analysis = analyze(text, 'markdown', ctx);
  const fixed = applyTextEdits(text, fixAllEdits(analysis, analysis.findings, ctx).flatMap((f) => f.edits));
  assert.equal(fixed, 'With CD22 CAR T cells, severe CRS occurred in 6% and severe neurotoxicity in 3% of patients [@fergusson2023].\n');
});

test('a replaced citation loses the wrong work\'s page, and keeps to the number\'s clause', () => {
  assert.equal(
    applied('Severe CRS was seen in 6\\% of patients \\citep[see][p.~3]{pan2019}.\n', '6', /instead of pan2019/, 'latex'),
    'Severe CRS was seen in 6\\% of patients \\citep[see][]{fergusson2023}.\n',
  );
  assert.equal(applied('Severe CRS was seen in 6% of patients [@pan2019, p. 4].\n', '6%', /instead of pan2019/), 'Severe CRS was seen in 6% of patients [@fergusson2023].\n');
  // An added citation ends the number's clause, not the next one's.
  assert.equal(
    applied('In B-ALL, pooled CR with CD22 CAR T cells alone was 68%, and CRS was common.\n', '68%', /^Cite/),
    'In B-ALL, pooled CR with CD22 CAR T cells alone was 68% [@fergusson2023], and CRS was common.\n',
  );
});

test('a citation goes before a footnote\'s mark, and before the words leading to the sentence\'s next number', () => {
  assert.equal(
    applied('CR was reached by 73\\% (11/15) of patients at the higher doses.\\footnote{Dose levels as in the protocol.}\n', '73', /^Cite/, 'latex'),
    'CR was reached by 73\\% (11/15) of patients at the higher doses~\\cite{fry2018}.\\footnote{Dose levels as in the protocol.}\n',
  );
  assert.equal(
    applied('Severe CRS occurred in 6% of patients treated with CD22 CAR T cells and the 1-year leukemia-free survival was 71.6%.\n', '6%', /^Cite/),
    'Severe CRS occurred in 6% of patients treated with CD22 CAR T cells [@fergusson2023] and the 1-year leukemia-free survival was 71.6%.\n',
  );
});

test('a numbered document without a reference list gets one with the new entry, so the marker points at something', () => {
  const fixed = applied('CD22 is retained after CD19 loss [1]. Complete remission occurred in 73% (11/15) of patients at the higher doses.\n', '73%', /^Cite/, 'plaintext');
  assert.match(fixed, /at the higher doses \[2\]\.\n\nReferences\n\n2\. Fry TJ, Shah NN, Orentas RJ\. CD22-targeted CAR T cells induce remission/);
});

test('a Markdown draft that names a bibliography is cited pandoc-style, whatever names its prose mentions', () => {
  const text = '---\nbibliography: refs.bib\n---\n\nPan and colleagues enrolled patients. Pooled CR with CD22 CAR T cells alone in B-ALL was 68%.\n';
  assert.match(applied(text, '68%', /^Cite/), /was 68% \[@fergusson2023\]\.\n$/);
});

test('a percent in words is corrected in words', () => {
  assert.equal(
    applied('At the higher doses, seventy-five percent of patients reached CR [@fry2018].\n', 'seventy-five', /^Change to/),
    'At the higher doses, seventy-three percent of patients reached CR [@fry2018].\n',
  );
});

test('a capitalised percent in words keeps its "percent" when corrected', () => {
  assert.equal(
    applied('Ninety percent of evaluable patients achieved CR or CRi by day 30 [@pan2019].\n', 'Ninety', /^Change to/),
    'Eighty percent of evaluable patients achieved CR or CRi by day 30 [@pan2019].\n',
  );
});

test('an identifier a typing slip off is corrected where it is written, in a link\'s URL or in the text', () => {
  assert.equal(
    applied('The first study was published by\n[Fry and colleagues in 2018](https://doi.org/10.1038/nm.4414).\n', 'nm.4414', /^Change to 10\.1038\/nm\.4441/),
    'The first study was published by\n[Fry and colleagues in 2018](https://doi.org/10.1038/nm.4441).\n',
  );
  assert.equal(applied('See https://doi.org/10.1038/nm.4414 for details.\n', 'nm.4414', /^Change to/, 'plaintext'), 'See https://doi.org/10.1038/nm.4441 for details.\n');
});

test('a citation another number of the sentence relies on is not replaced: the other work is added to the number\'s clause', () => {
  const text = '\\textcite{fry2018} found complete remission in 73\\% (11/15), and the Beijing cohort reached 80\\% (24/30) CR/CRi.\n';
  const analysis = analyze(text, 'latex', ctx);
  const finding = analysis.findings.find((f) => f.code === 'citation-mismatch');
  assert.ok(finding);
  const fixes = fixesForFinding(analysis, finding, ctx);
  assert.ok(!fixes.some((f) => /instead of/.test(f.title)), fixes.map((f) => f.title).join(' | '));
  const preferred = fixes.find((f) => f.preferred);
  assert.ok(preferred);
  const after = applyTextEdits(text, preferred.edits);
  // A document that only cites in the running text gets the parenthetical command.
  assert.equal(after, text.replace('CR/CRi.', 'CR/CRi~\\parencite{pan2019}.'));
  assert.ok(!analyze(after, 'latex', ctx).findings.some((f) => f.code === 'citation-mismatch'), after);
});

test('a citation whose author the prose names is not swapped for another work\'s key: that would credit the number to the author', () => {
  for (const [text, format] of [
    ['As Fry et al. [-@fry2018] reported, CR in B-ALL with CD19/CD22 CAR T cells was 90%.\n', 'markdown'],
    ['Fry et al.~\\cite{fry2018} reported complete remission in 90\\% of B-ALL patients treated with CD19/CD22 CAR T cells.\n', 'latex'],
  ] as const) {
    const analysis = analyze(text, format, ctx);
    const finding = analysis.findings.find((f) => f.code === 'citation-mismatch');
    assert.ok(finding, JSON.stringify(analysis.findings.map((f) => f.message)));
    const titles = fixesForFinding(analysis, finding, ctx).map((f) => f.title);
    assert.ok(!titles.some((t) => /instead/i.test(t)), titles.join(' | '));
  }
  // Where the citation processor prints the name (\citet), the key may be swapped.
  assert.match(applied('\\citet{fry2018} reported complete remission in 90\\% of B-ALL patients treated with CD19/CD22 CAR T cells.\n', '90', /instead/i, 'latex'), /\\citet\{fergusson2023\}/);
});

test('a cited work keeps the key or number the document\'s own list gives it; a work it does not list gets an entry there', () => {
  const tex = 'Relapse is common \\cite{FryNatMed}.\n\nOf the 11 patients bridged to transplantation, 8 remained in remission.\n\nPooled CR with CD19/CD22 CAR T cells in B-ALL was 90\\%.\n\n\\begin{thebibliography}{9}\n\\bibitem{FryNatMed} Fry TJ, et al. CD22-targeted CAR T cells. Nat Med. 2018. doi:10.1038/nm.4441\n\\bibitem{PanLeuk} Pan J, et al. CD22 CAR T-cell therapy. Leukemia. 2019. doi:10.1038/s41375-019-0488-7\n\\end{thebibliography}\n';
  assert.match(applied(tex, '8', /^Cite/, 'latex'), /8 remained in remission \\cite\{PanLeuk\}\./);
  const added = applied(tex, '90', /^Cite/, 'latex');
  assert.match(added, /90\\% \\cite\{fergusson2023\}\./);
  assert.match(added, /\\bibitem\{PanLeuk\}[^\n]*\n\\bibitem\{fergusson2023\} Fergusson NJ/);
  // A numbered entry without an identifier is found by its first author and year.
  const numbered = 'The NCI study treated 21 patients [1]. Pooled severe CRS after CD22 or CD19/CD22 CAR T cells was 6%.\n\nReferences\n1. Fry TJ, Shah NN, Orentas RJ, et al. CD22-targeted CAR T cells. Nat Med. 2018;24(1):20-28.\n2. Fergusson NJ, Adeel K, Kekre N, Atkins H, Hay KA. A systematic review and meta-analysis of CD22 CAR T-cells. Front Immunol. 2023;14:1178403.\n';
  assert.equal(applied(numbered, '6%', /^Cite/, 'plaintext'), numbered.replace('was 6%.', 'was 6% [2].'));
});

test('a superscript marker is glued to its word, a "(n)" list gets its next entry, a page note keeps its work, a footnote keeps its number\'s citation', () => {
  const sup = 'The NCI phase 1 trial treated 21 patients.^1^\n\nPooled CR with CD19/CD22 CAR T cells in B-ALL was 90%.\n\n## References\n\n1. Fry TJ, et al. CD22-targeted CAR T cells. Nat Med. 2018. doi:10.1038/nm.4441\n2. Fergusson NJ, et al. A systematic review and meta-analysis of CD22 CAR T-cells. Front Immunol. 2023. doi:10.3389/fimmu.2023.1178403\n';
  // The document writes its markers after the full stop ("patients.^1^"): so is the new one.
  assert.match(applied(sup, '90%', /^Cite/), /was 90%\.\^2\^\n/);
  assert.match(applied(sup.replace('patients.^1^', 'patients^1^.'), '90%', /^Cite/), /was 90%\^2\^\./);
  const paren = 'In the NCI trial (1), CRS occurred in 16 of 21 patients (76%).\nThe pooled CR rate for CD19/CD22 CAR T cells in B-ALL was 90%.\n\nReferences\n(1) Fry TJ, et al. CD22-targeted CAR T cells. Nat Med. 2018. doi:10.1038/nm.4441\n(2) Pan J, et al. CD22 CAR T-cell therapy. Leukemia. 2019. PMID: 31110217\n';
  const cited = applied(paren, '90%', /^Cite/, 'plaintext');
  assert.match(cited, /was 90% \(3\)\./);
  assert.match(cited, /\n\(3\) Fergusson NJ/);
  assert.match(applied('Complete remission was 73\\% (11/15) at the top dose \\citep[p.~22]{pan2019}.\n', '73', /^Add citation/, 'latex'), /\\citep\[p\.~22\]\{pan2019\} \\citep\{fry2018\}\./);
  assert.match(applied('Relapse is frequent \\citep{shah2020}.\n\nOf the 11 patients bridged to transplant, 8 remained in remission,\\footnote{At 4.6 to 13.3 months.} while others relapsed.\n', '4.6', /^Cite/, 'latex'), /\\footnote\{At 4\.6 to 13\.3 months \\citep\{pan2019\}\.\}/);
});

test('a dataset key the writer\'s bibliography gives to another work is that work\'s: not checked against the dataset, and not reused for the dataset\'s', () => {
  const bib = '@article{fergusson2023,\n  author = {Fergusson, Dean and Smith, Anne},\n  title = {Blood transfusion thresholds in cardiac surgery},\n  journal = {Transfusion},\n  year = {2023},\n  doi = {10.1000/unrelated.2023.1}\n}\n';
  const bibCtx = contextFor({ bibliography: { file: 'refs.bib', text: bib } });
  const cites = '---\nbibliography: refs.bib\n---\n\nPooled CR with CD19/CD22 CAR T cells in B-ALL was 80% [@fergusson2023].\n';
  assert.deepEqual(analyze(cites, 'markdown', bibCtx).findings.filter((f) => f.code === 'contradicts-dataset'), []);
  // A .bib entry of the same key and the dataset work's DOI is that work: its numbers are checked.
  const same = contextFor({ bibliography: { file: 'refs.bib', text: '@article{fergusson2023,\n  author = {Fergusson, N. J.},\n  title = {A systematic review and meta-analysis of CD22 CAR T-cells},\n  year = {2023},\n  doi = {10.3389/fimmu.2023.1178403}\n}\n' } });
  assert.equal(analyze(cites, 'markdown', same).findings.filter((f) => f.code === 'contradicts-dataset').length, 1);
  const text = '---\nbibliography: refs.bib\n---\n\nPooled CR with CD19/CD22 CAR T cells in B-ALL was 90%.\n';
  const analysis = analyze(text, 'markdown', bibCtx);
  const finding = analysis.findings.find((f) => f.code === 'unsupported-statistic');
  assert.ok(finding);
  const fix = fixesForFinding(analysis, finding, bibCtx, { path: 'refs.bib', text: bib })[0]!;
  assert.match(applyTextEdits(text, fix.edits), /90% \[@fergusson2023a\]\./);
  assert.match(fix.bibliography?.edit.newText ?? '', /@article\{fergusson2023a,/);
});

test('a citation goes before a LaTeX comment on its line, and after an abbreviation that ends the sentence', () => {
  const tex = 'The pooled CR rate with CD22 CAR T cells alone in B-ALL was 68\\%, % check this against the forest plot\nand with CD19/CD22 CAR T cells it was 90\\%.\n';
  assert.match(applied(tex, '68', /^Cite/, 'latex'), /was 68\\%~\\cite\{fergusson2023\}, % check this against the forest plot\n/);
  assert.equal(
    applied('CR or CRi on day 30 was 80% (24/30) in the study by Pan J. et al.\n', '80%', /^Cite/),
    'CR or CRi on day 30 was 80% (24/30) in the study by Pan J. et al. [@pan2019]\n',
  );
});

test('a thebibliography list in BibTeX plain style ("J.~Pan, Q.~Niu") is read, and its keys are the ones a fix writes and names', () => {
  const list = '\\begin{thebibliography}{9}\n\\bibitem{FryNM}\nT.~J. Fry, N.~N. Shah, et~al.\n\\newblock CD22-targeted CAR T cells induce remission in B-ALL.\n\\newblock \\emph{Nat Med}, 24(1):20--28, 2018.\n\n\\bibitem{PanLeuk}\nJ.~Pan, Q.~Niu, B.~Deng, et~al.\n\\newblock CD22 CAR T-cell therapy in refractory or relapsed B acute lymphoblastic leukemia.\n\\newblock \\emph{Leukemia}, 33:2854--2866, 2019.\n\\end{thebibliography}\n';
  const text = `The overall CR/CRi rate was 70.5\\% among all enrolled patients \\cite{FryNM}.\n\n${list}`;
  assert.equal(applied(text, '70.5', /^Cite PanLeuk instead of FryNM$/, 'latex'), text.replace('\\cite{FryNM}.', '\\cite{PanLeuk}.'));
});

test('a key swap is titled with what it writes: the reference number, the author-year text, and a page note it drops', () => {
  const numbered = 'One-year leukemia-free survival after transplant was 71.6% [2].\n\n## References\n\n1. Pan J, et al. CD22 CAR T-cell therapy in refractory or relapsed B acute lymphoblastic leukemia. Leukemia. 2019.\n2. Fergusson NJ, Adeel K, Kekre N, et al. A systematic review and meta-analysis of CD22 CAR T-cells. Front Immunol. 2023;14:1178403.\n';
  assert.equal(applied(numbered, '71.6%', /^Cite reference 1 \(Pan et al\. 2019\) instead of 2$/), numbered.replace('71.6% [2]', '71.6% [1]'));
  const authorYear = 'Median CAR T persistence was 28 days (Fergusson et al., 2023).\n';
  assert.equal(applied(authorYear, '28 days', /^Cite Pan et al\., 2019 instead of Fergusson et al\., 2023$/), 'Median CAR T persistence was 28 days (Pan et al., 2019).\n');
  const located = 'One-year leukemia-free survival after transplant was 71.6% (95% CI 44.2-99.0) [@fry2018, p. 4].\n';
  assert.equal(applied(located, '71.6%', /^Cite pan2019 instead of fry2018, dropping "p\. 4"$/), located.replace('[@fry2018, p. 4]', '[@pan2019]'));
});

test('a number added to a group of plain numbers keeps the group in order', () => {
  const text = 'One-year leukemia-free survival after transplant was 71.6% [2].\n\n## References\n\n1. Pan J, et al. CD22 CAR T-cell therapy in refractory or relapsed B acute lymphoblastic leukemia. Leukemia. 2019.\n2. Fergusson NJ, Adeel K, Kekre N, et al. A systematic review and meta-analysis of CD22 CAR T-cells. Front Immunol. 2023;14:1178403.\n';
  assert.equal(applied(text, '71.6%', /^Add citation \[1\]/), text.replace('71.6% [2]', '71.6% [1, 2]'));
});

test('notes that name the work by its first author get its year, not the name again', () => {
  const text = 'Notes 14 May\n- CR 73% (11/15) Fry\n';
  assert.equal(applied(text, '73%', /^Cite Fry \(2018\)$/, 'plaintext'), 'Notes 14 May\n- CR 73% (11/15) Fry (2018)\n');
});

test('replacing one work of a numbered range keeps the range\'s other works cited', () => {
  const list = '\n\n## References\n\n1. Fry TJ, et al. CD22-targeted CAR T cells induce remission in B-ALL. Nat Med. 2018;24(1):20-28.\n2. Pan J, et al. CD22 CAR T-cell therapy in refractory or relapsed B acute lymphoblastic leukemia. Leukemia. 2019.\n3. Shah NN, et al. CD4/CD8 T-cell selection affects CAR T-cell potency and toxicity. J Clin Oncol. 2020.\n4. Fergusson NJ, et al. A systematic review and meta-analysis of CD22 CAR T-cells. Front Immunol. 2023.\n';
  assert.match(applied(`Complete remission was seen in 73% (11/15) at higher doses [2-4].${list}`, '73%', /^Cite reference 1 .*instead of 2$/), /at higher doses \[1, 3, 4\]\./);
  assert.match(applied(`Complete remission was seen in 73% (11/15) at higher doses [2–3].${list}`, '73%', /^Cite reference 1 .*instead of 2$/), /at higher doses \[1, 3\]\./);
});

test('replacing the key of "\\citeyear" replaces it in the "\\citeauthor" just before it', () => {
  assert.equal(
    applied('\\citeauthor{pan2019} (\\citeyear{pan2019}) saw complete remission in 73\\% (11/15) at higher doses.\n', '73', /^Cite fry2018 instead of pan2019/, 'latex'),
    '\\citeauthor{fry2018} (\\citeyear{fry2018}) saw complete remission in 73\\% (11/15) at higher doses.\n',
  );
});

test('a document citing in Unicode superscripts gets superscript numbers, replaced and inserted', () => {
  const list = '\n\n## References\n\n1. Fry TJ, Shah NN, Orentas RJ, et al. CD22-targeted CAR T cells induce remission in B-ALL. Nat Med. 2018;24(1):20-28.\n2. Pan J, et al. CD22 CAR T-cell therapy in refractory or relapsed B acute lymphoblastic leukemia. Leukemia. 2019.\n';
  assert.match(applied(`Complete remission was seen in 73% (11/15) at higher doses.²\nCRS occurred in 16 of 21 patients.²${list}`, '73%', /^Cite reference 1 .*instead of 2$/), /at higher doses\.¹\n/);
  const cited = applied(`Complete remission was seen in 73% (11/15) at higher doses.¹\nA pooled analysis found a 68% complete response rate with CD22 CAR T cells alone.${list}`, '68%', /^Cite/);
  assert.match(cited, /alone\.³/);
  assert.doesNotMatch(cited, /\[3\]/);
});

test('notes that name the wrong work by author and year get the right one named the same way', () => {
  assert.equal(
    applied('## Beijing Boren (Pan 2019)\n\n- CR 73% (11/15) — Pan 2019\n', '73%', /^Cite Fry 2018 instead of Pan 2019$/),
    '## Beijing Boren (Pan 2019)\n\n- CR 73% (11/15) — Fry 2018\n',
  );
});

test('a number cited by a trial registration shared by two works is still found to be a third work\'s', () => {
  const f = analyze('Complete remission was seen in 24 of 30 evaluable patients (80%) (NCT02315612).\n').findings;
  assert.ok(f.some((x) => x.code === 'citation-mismatch' && /Pan et al\. 2019/.test(x.message)), JSON.stringify(f.map((x) => x.message)));
});

test('two numbers given to each other\'s works are swapped back by one fix, which "Fix all" applies once', () => {
  const text = 'Complete remission rates were 80% and 73% in the NCI and Beijing trials, respectively [@fry2018; @pan2019].\n';
  assert.equal(applied(text, '80%', /^Swap 80% and 73%$/), 'Complete remission rates were 73% and 80% in the NCI and Beijing trials, respectively [@fry2018; @pan2019].\n');
  const analysis = analyze(text);
  assert.equal(applyTextEdits(text, fixAllEdits(analysis, analysis.findings, contextFor()).flatMap((f) => f.edits)), 'Complete remission rates were 73% and 80% in the NCI and Beijing trials, respectively [@fry2018; @pan2019].\n');
});

test('a link whose text names the wrong work by author and year is renamed with its URL', () => {
  assert.equal(
    applied('Complete remission was seen in 73% (11/15) at higher doses ([Pan 2019](https://doi.org/10.1038/s41375-019-0488-7)).\n', '73%', /^Cite fry2018 instead of pan2019/),
    'Complete remission was seen in 73% (11/15) at higher doses ([Fry 2018](https://doi.org/10.1038/nm.4441)).\n',
  );
});

test('plain text that cites pandoc-style gets a pandoc citation', () => {
  assert.match(applied('Complete remission was seen in 73% (11/15) at higher doses [@fry2018].\nA pooled analysis found a 68% complete response rate with CD22 CAR T cells alone.\n', '68%', /^Cite/, 'plaintext'), /alone \[@fergusson2023\]\./);
});

test('Markdown that cites in footnotes gets a footnote of its own, defined at the end', () => {
  const text = 'Complete remission was seen in 73% (11/15) at higher doses.[^1]\nA pooled analysis found a 68% complete response rate with CD22 CAR T cells alone.\n\n[^1]: Fry TJ, et al. CD22-targeted CAR T cells induce remission in B-ALL. Nat Med. 2018;24(1):20-28.\n';
  const cited = applied(text, '68%', /^Cite/);
  assert.match(cited, /CAR T cells alone\.\[\^2\]\n/);
  assert.match(cited, /\n\[\^2\]: Fergusson NJ, .*2023\..*\n$/);
});

test('a citation another number of the sentence needs is kept when that number names no endpoint: the right work is added', () => {
  const text = 'All 34 patients had failed previous CD19 CAR T-cell therapy, and 17 of 21 had received CD19-directed immunotherapy (Pan et al., 2019).\n';
  const fixed = applied(text, '17 of 21', /^Add citation/);
  assert.match(fixed, /\(Pan et al\., 2019; Fry et al\., 2018\)\.\n$/);
  const analysis = analyze(text);
  const fixes = fixesForFinding(analysis, analysis.findings.find((f) => f.code === 'citation-mismatch')!, contextFor());
  assert.ok(!fixes.some((f) => f.preferred && /instead of/.test(f.title)), fixes.map((f) => `${f.title} ${f.preferred}`).join(' | '));
});

test('a citation added to a reference list run together in one paragraph goes on as its next entry, in its numbering', () => {
  const text = 'Remission was 73% (11/15) [1].\n\nThe 1-year leukemia-free survival was 71.6% (95% CI 44.2-99.0).\n\nReferences: [1] Fry TJ, Shah NN, et al. CD22-targeted CAR T cells. Nat Med. 2018;24(1):20-28. [2] Shah NN, et al. CD4/CD8 T-cell selection. J Clin Oncol. 2020;38(17):1938-1950.\n';
  const after = applied(text, '71.6%', /^Cite \[3\]/);
  assert.ok(after.startsWith('Remission was 73% (11/15) [1].\n\nThe 1-year leukemia-free survival was 71.6% (95% CI 44.2-99.0) [3].\n\n'), after);
  assert.match(after, /J Clin Oncol\. 2020;38\(17\):1938-1950\. \[3\] Pan J, et al\. [^\n]*Leukemia[^\n]*\n$/);
  assert.deepEqual(analyze(after, 'markdown', ctx).findings.map((f) => f.code), []);
});

test('a citation that closes a later clause\'s number is kept: the work of an earlier number is added, not swapped in', () => {
  const text = 'CRS occurred in 16 of 21 patients in the NCI trial, and in 50 of 58 (86.2%) in its updated cohort (Shah et al., 2020).\n';
  const analysis = analyze(text, 'markdown', ctx);
  const finding = analysis.findings.find((f) => f.code === 'citation-mismatch' && text.slice(f.span.start, f.span.end).startsWith('16 of 21'));
  assert.ok(finding);
  const preferred = fixesForFinding(analysis, finding, ctx).filter((f) => f.preferred);
  assert.equal(preferred.length, 1);
  assert.equal(applyTextEdits(text, preferred[0]!.edits), 'CRS occurred in 16 of 21 patients in the NCI trial (Fry et al., 2018), and in 50 of 58 (86.2%) in its updated cohort (Shah et al., 2020).\n');
  // One clause with both numbers: the citation is theirs together, and swapping it is still what is offered first.
  assert.match(applied('CRS occurred in 16 of 21 patients and ICANS in 50 of 58 (Shah et al., 2020).\n', '16 of 21', /^Cite /), /\(Fry et al\., 2018\)/);
});

test('a citation that is the slip is replaced, not the numbers it wrongly claims', () => {
  // Both numbers are the Beijing cohort's (34 enrolled, 70.5% of them in remission): one preferred fix per finding, and
  // together they cite Pan et al. instead of Fry et al.
  const text = 'Among all 34 enrolled patients, the same 24 remissions are 70.5% [@fry2018].\n';
  const analysis = analyze(text, 'markdown', ctx);
  const mismatches = analysis.findings.filter((f) => f.code === 'citation-mismatch');
  assert.equal(mismatches.length, 2, JSON.stringify(analysis.findings.map((f) => f.message)));
  for (const finding of mismatches) {
    const preferred = fixesForFinding(analysis, finding, ctx).filter((f) => f.preferred);
    assert.equal(preferred.length, 1, preferred.map((f) => f.title).join(' | '));
    assert.match(preferred[0]!.title, /Cite pan2019 instead of fry2018/);
  }
  const after = applyTextEdits(text, fixAllEdits(analysis, analysis.findings, ctx).flatMap((f) => f.edits));
  assert.equal(after, text.replace('fry2018', 'pan2019'));
  // A round number that happens to be the other work's is corrected, as before.
  const round = 'CR was achieved in 80% of evaluable patients [@fry2018].\n';
  const roundAnalysis = analyze(round, 'markdown', ctx);
  const finding = roundAnalysis.findings.find((f) => f.code === 'contradicts-dataset');
  assert.ok(finding, JSON.stringify(roundAnalysis.findings.map((f) => f.message)));
  assert.deepEqual(fixesForFinding(roundAnalysis, finding, ctx).filter((f) => f.preferred).map((f) => f.title), ['Change to 73%: Fry et al. 2018 (fry2018) reports 73% (11/15)']);
});

test('a narrative citation that is its sentence\'s subject is every clause\'s: replaced when the other numbers are the right work\'s too', () => {
  const text = 'A. Shah et al. (2020) treated 21 patients; 17 had prior CD19-directed immunotherapy.\n';
  const analysis = analyze(text, 'markdown', ctx);
  const finding = analysis.findings.find((f) => f.code === 'citation-mismatch' && text.slice(f.span.start, f.span.end) === '17');
  assert.ok(finding, JSON.stringify(analysis.findings.map((f) => f.message)));
  const preferred = fixesForFinding(analysis, finding, ctx).find((f) => f.preferred);
  assert.equal(preferred?.title, 'Cite Fry et al. 2018 instead of Shah et al. 2020');
  assert.equal(applyTextEdits(text, preferred!.edits), 'A. Fry et al. (2018) treated 21 patients; 17 had prior CD19-directed immunotherapy.\n');
  // The subject's own number (58 participants, which no fact gives Fry) keeps the citation: Fry's is added instead.
  const other = 'Shah et al. (2020) treated 58 participants, and complete remission was seen in 73% (11/15) of patients at the higher doses.\n';
  const otherAnalysis = analyze(other, 'markdown', ctx);
  const mismatch = otherAnalysis.findings.find((f) => f.code === 'citation-mismatch' && other.slice(f.span.start, f.span.end).startsWith('73%'));
  assert.ok(mismatch, JSON.stringify(otherAnalysis.findings.map((f) => f.message)));
  assert.match(fixesForFinding(otherAnalysis, mismatch, ctx).find((f) => f.preferred)?.title ?? '', /^Add citation/);
});

test('"Fry and colleagues, 2018" is replaced in its own words', () => {
  const text = 'In a study in Beijing, 24 out of 30 people who could be assessed went into remission (Fry and colleagues, 2018).\n';
  assert.equal(applied(text, '24 out of 30', /instead of Fry and colleagues, 2018$/, 'plaintext'), text.replace('Fry and colleagues, 2018', 'Pan and colleagues, 2019'));
});
