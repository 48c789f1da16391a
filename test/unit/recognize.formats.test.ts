import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectFormat, entitiesAsJson, recognize } from '../../server/src/core/recognize';
import type { RecognizedDocument } from '../../server/src/core/types';

const repo = path.resolve(__dirname, '../..');
const fixture = (name: string) => fs.readFileSync(path.join(repo, 'test/fixtures/recognize', name), 'utf8');
const texts = (doc: RecognizedDocument, kind: 'statistics' | 'antigens' | 'citations') => doc[kind].map((e) => e.text);

test('detectFormat reads language ids and paths', () => {
  assert.equal(detectFormat('markdown'), 'markdown');
  assert.equal(detectFormat('/home/me/draft.qmd'), 'markdown');
  assert.equal(detectFormat('notes.Rmd'), 'markdown');
  assert.equal(detectFormat('latex'), 'latex');
  assert.equal(detectFormat('paper.tex'), 'latex');
  assert.equal(detectFormat('C:\\work\\paper.ltx'), 'latex');
  assert.equal(detectFormat('plaintext'), 'plaintext');
  assert.equal(detectFormat('seeds/000.txt'), 'plaintext');
});

test('Markdown: a pandoc fenced div\'s fences are no prose, and each column of a slide is a block of its own', () => {
  const text = [
    ':::: {.columns}',
    '::: {.column width="50%"}',
    '**CD22 alone, ALL**',
    '',
    'CR 68% (95% CI 53-81), n = 116 [@fergusson2023]',
    ':::',
    '::: {.column width="50%"}',
    '**CD19/CD22, ALL**',
    ':::',
    '::::',
    '',
  ].join('\n');
  const doc = recognize(text, 'markdown');
  assert.deepEqual(texts(doc, 'statistics'), ['68% (95% CI 53-81)', 'n = 116']);
  const blockOf = (needle: string) => doc.blocks.findIndex((b) => b.span.start <= text.indexOf(needle) && text.indexOf(needle) < b.span.end);
  assert.notEqual(blockOf('CR 68%'), blockOf('CD19/CD22, ALL'));
});

test('Markdown: prose is read, code, inline code, URLs, HTML tags and front matter are not', () => {
  const text = fixture('draft.md');
  const doc = recognize(text, 'markdown');
  assert.deepEqual(texts(doc, 'statistics'), [
    '73% (11/15)', '51 (87.9%) of 58 patients', '45%', '33%', '68%** [95% CI, 53-81%]', 'n = 116', '5 of 5 patients',
    'HR 0.45, 95% CI 0.2-0.9', 'P < .001', '90%', '70%', '12 patients',
  ]);
  for (const s of doc.statistics) {
    const line = text.slice(text.lastIndexOf('\n', s.span.start) + 1, s.span.start);
    assert.ok(!line.startsWith('x = '), 'nothing from the fenced code block');
  }
  assert.ok(!texts(doc, 'statistics').some((t) => t.includes('n = 21')), 'inline code is not prose');
  assert.ok(!texts(doc, 'statistics').some((t) => t === '2018'), 'a year in a heading is not a statistic');
  assert.deepEqual(doc.bibliographyPaths, ['refs.bib', 'more.bib']);
});

test('Markdown: citations in pandoc, link and numbered forms; a link reference is not a citation', () => {
  const doc = recognize(fixture('draft.md'), 'markdown');
  assert.deepEqual(
    doc.citations.map((c) => [c.style, c.targets.map((t) => t.label)]),
    [
      ['pandoc', ['fry2018', 'pan2019']],
      ['pandoc', ['shah2020']],
      ['doi', ['10.1038/nm.4441']],
      ['pmid', ['29155426']],
      ['numbered', ['2', '3']],
      ['numbered', ['1', '2', '3']],
    ],
  );
  assert.ok(!doc.citations.some((c) => c.text.includes('example.com')), 'an e-mail address is not a pandoc citation');
});

test('Markdown: blocks, headings, suppressions and the reference list', () => {
  const text = fixture('draft.md');
  const doc = recognize(text, 'markdown');
  const kinds = doc.blocks.map((b) => b.kind);
  assert.deepEqual(kinds, [
    'other', 'heading', 'paragraph', 'other', 'paragraph', 'other', 'list-item', 'list-item', 'quote', 'table',
    'paragraph', 'other', 'heading', 'reference-entry', 'reference-entry',
  ]);
  assert.equal(doc.blocks[1]!.headingLevel, 1);
  assert.equal(doc.blocks[12]!.headingLevel, 2);
  const target = text.split('\n').findIndex((l) => l.startsWith('- The rate was'));
  assert.deepEqual(doc.suppressions, [{ line: target, codes: ['contradicts-dataset'] }]);
  assert.deepEqual(
    doc.referenceList.map((r) => [r.number, r.author, r.year, r.doi, r.pmid]),
    [
      [1, 'Fry', 2018, '10.1038/nm.4441', undefined],
      [2, 'Pan', 2019, undefined, '31110217'],
    ],
  );
  assert.equal(doc.statistics.filter((s) => doc.blocks[doc.sentences[s.sentence]!.block]!.kind === 'quote').length, 1, 'the quoted 90% sits in a quote block');
});

test('Markdown: a numbered marker resolves only where it is prose, not a link label or checkbox', () => {
  const doc = recognize('As shown [1] and [Fry][2].\n\n- [x] done in 5 days\n\n[2]: https://example.org\n', 'markdown');
  assert.deepEqual(doc.citations.map((c) => c.text), ['[1]']);
  assert.deepEqual(texts(doc, 'statistics'), ['5 days']);
});

test('Markdown: Quarto cross-references (@fig-cr, [@tbl-doses]) are not citations; a key beside one still is', () => {
  const doc = recognize('As @fig-cr shows [see @tbl-doses; @fry2018], and [@sec-methods].\n', 'markdown');
  assert.deepEqual(doc.citations.map((c) => c.targets.map((t) => t.label)), [['fry2018']]);
});

test('Markdown: a footnote is prose (its marker and the call to it are not); a link definition is not', () => {
  const text = 'CR was common.[^cr]\n\n[^cr]: Fry et al. treated 21 patients [@fry2018],\n    and 16 of 21 had CRS.\n\n[nci]: https://example.com/trial/12/15\n';
  const doc = recognize(text, 'markdown');
  assert.deepEqual(texts(doc, 'statistics'), ['21 patients', '16 of 21']);
  assert.deepEqual(texts(doc, 'citations'), ['Fry et al.', '[@fry2018]']);
  assert.equal(doc.blocks.filter((b) => b.kind === 'paragraph').length, 2);
});

test('LaTeX: comments are skipped but \\% is a percent sign; cite commands with options and several keys', () => {
  const text = fixture('draft.tex');
  const doc = recognize(text, 'latex');
  assert.deepEqual(texts(doc, 'statistics'), [
    '73\\% (11/15)', '\\geq 1 \\times 10^{6}$ cells/kg', 'Grade~1', 'nine patients', '70--90\\,\\%', 'p<0.05',
    '\\textgreater{}50\\% of 34 patients', '24 of 30 patients (80\\%)', '68\\% [95\\% CI, 53--81\\%]',
  ]);
  const dose = doc.statistics[1]!;
  assert.equal(dose.value, 1_000_000);
  assert.equal(dose.comparator, '>=');
  assert.equal(doc.statistics[6]!.comparator, '>');
  assert.ok(!texts(doc, 'statistics').some((t) => t.includes('55') || t.includes('99') || t.includes('45')), 'nothing from comments, preamble or equations');
  assert.deepEqual(
    doc.citations.map((c) => c.targets.map((t) => t.label)),
    [['fry2018', 'shah2020'], ['fry2018'], ['pan2019'], ['a'], ['b']],
  );
  assert.ok(doc.citations.every((c) => c.style === 'latex'));
  assert.deepEqual(doc.antigens.map((a) => a.canonical), ['CD19-negative', 'CD19-dim', 'CD22', 'CD22-CAR']);
  assert.deepEqual(doc.bibliographyPaths, ['main', 'extra', 'refs.bib']);
  const target = text.split('\n').findIndex((l) => l.startsWith('Also 24 of 30'));
  assert.deepEqual(doc.suppressions, [{ line: target, codes: ['rounding'] }]);
  assert.deepEqual(doc.referenceList.map((r) => [r.number, r.key, r.author, r.year]), [[1, 'fry2018', 'Fry', 2018], [2, 'pan2019', 'Pan', 2019]]);
  assert.equal(doc.referenceList[0]!.doi, '10.1038/nm.4441');
});

test('LaTeX: a comment ends at the line, \\% does not start one', () => {
  const doc = recognize('Rate 73\\% overall % 12 of 15 patients hidden\nand 5 of 5 patients.\n', 'latex');
  assert.deepEqual(texts(doc, 'statistics'), ['73\\%', '5 of 5 patients']);
});

test('LaTeX: text switched off (\\iffalse ... \\fi) and struck out by track changes is not read; the replacement is', () => {
  const off = recognize('\\iffalse\n\\iftrue x \\fi\nGrade~1 CRS occurred in 12 patients.\n\\fi\nGrade~1 CRS occurred in 13 patients.\n', 'latex');
  assert.deepEqual(texts(off, 'statistics').filter((t) => /\d+ patients/.test(t)), ['13 patients']);
  const changes = recognize('CRS was \\deleted{9\\%}\\added{6\\%} severe. Grade~1 in \\sout{12} nine. Grade~2 in \\replaced[id=R1]{7}{8} patients.\n', 'latex');
  // 9%, 12 and 8 are struck out: only 6% and 7 (and the grades) are read.
  assert.deepEqual(changes.statistics.map((s) => s.percent ?? s.value), [6, 1, 2, 7]);
});

const antigenCases: [string, string[]][] = [
  ['CD22, also known as SIGLEC-2 or Siglec-2 or BL-CAM or Lyb-8.', ['CD22', 'CD22', 'CD22', 'CD22', 'CD22']],
  ['CD19 (B4) and CD20 (MS4A1) and BCMA.', ['CD19', 'CD19', 'CD20', 'CD20', 'BCMA']],
  ['CD19/CD22 and CD22/CD19 and CD19-CD22 CAR T cells.', ['CD19/CD22', 'CD19/CD22', 'CD19/CD22']],
  ['The CD22–CD19-bispecific CAR works.', ['CD19/CD22']],
  ['Leukemia that was CD19dim or CD19− or CD19-negative or CD19neg.', ['CD19-dim', 'CD19-negative', 'CD19-negative', 'CD19-negative']],
  ['CD22+ cells escaped; CD19- blasts remained.', ['CD22-positive', 'CD19-negative']],
  ['CD19âˆ’CD22+ or CD19+CD22âˆ’ ALL.', ['CD19-negative', 'CD22-positive', 'CD19-positive', 'CD22-negative']],
  ['CD22-CAR T cells and anti-CD22 CAR T cells and CD19-targeted CAR immunotherapy.', ['CD22-CAR', 'CD22-CAR', 'CD19-CAR']],
  ['A CAR against both CD-19 and CD-22.', ['CD19', 'CD22']],
  ['CD4/CD8 selection and CD34 enrichment.', ['CD4', 'CD8', 'CD34']],
  ['Reference markers glued on: CD22-CAR22 stays a construct.', ['CD22-CAR']],
];
for (const [text, expected] of antigenCases) {
  test(`antigens in: ${text}`, () => {
    assert.deepEqual(recognize(text, 'plaintext').antigens.map((a) => a.canonical), expected);
  });
}

test('antigen entities say what they are made of', () => {
  const [bispecific, negative, construct] = recognize('CD22/CD19 CAR for CD19− disease after CD22-CAR T cells.', 'plaintext').antigens;
  assert.deepEqual([bispecific!.antigens, bispecific!.construct], [['CD19', 'CD22'], 'bispecific']);
  assert.deepEqual([negative!.antigens, negative!.expression], [['CD19'], 'negative']);
  assert.deepEqual([construct!.antigens, construct!.construct], [['CD22'], 'CAR']);
  assert.equal(negative!.text, 'CD19−');
});

const citationCases: [string, string, [string, string, string, number?][]][] = [
  ['markdown', 'As shown [@fry2018].', [['pandoc', 'fry2018', 'key']]],
  ['markdown', 'As shown [@a; @b, p. 4] and [see @c] and [-@d].', [['pandoc', 'a', 'key'], ['pandoc', 'b', 'key'], ['pandoc', 'c', 'key'], ['pandoc', 'd', 'key']]],
  ['markdown', '@fry2018 says so, write to me@example.org.', [['pandoc', 'fry2018', 'key']]],
  ['plaintext', 'Fry et al. (2018) showed it.', [['author-year', 'Fry', 'author', 2018]]],
  ['markdown', 'As Fergusson *et al.* (2023) pooled.', [['author-year', 'Fergusson', 'author', 2023]]],
  ['plaintext', 'It works (Fry et al., 2018).', [['author-year', 'Fry', 'author', 2018]]],
  ['plaintext', 'It works (Fry et al. 2018; Pan et al. 2019).', [['author-year', 'Fry', 'author', 2018], ['author-year', 'Pan', 'author', 2019]]],
  ['plaintext', 'Pan and colleagues treated 34 patients, as Shah et al. did.', [['author-year', 'Pan', 'author'], ['author-year', 'Shah', 'author']]],
  ['plaintext', 'Pan (2019) treated 34 patients; Table (2019) and CRS (2019) are no names.', [['author-year', 'Pan', 'author', 2019]]],
  ['plaintext', 'Shown before [1], [2,3] and [1–3].', [['numbered', '1', 'number'], ['numbered', '2', 'number'], ['numbered', '3', 'number'], ['numbered', '1', 'number'], ['numbered', '2', 'number'], ['numbered', '3', 'number']]],
  ['plaintext', 'See doi:10.1038/nm.4441, https://doi.org/10.3389/fimmu.2023.1178403 and 10.1200/JCO.19.03279.', [['doi', '10.1038/nm.4441', 'doi'], ['doi', '10.3389/fimmu.2023.1178403', 'doi'], ['doi', '10.1200/JCO.19.03279', 'doi']]],
  ['plaintext', 'PMID: 29155426, PMID 31110217, PMC5774642 and NCT02315612.', [['pmid', '29155426', 'pmid'], ['pmid', '31110217', 'pmid'], ['pmcid', 'PMC5774642', 'pmcid'], ['nct', 'NCT02315612', 'nct']]],
  ['plaintext', 'See DOI: 10.1038/nm.4441, HTTPS://doi.org/10.3389/fimmu.2023.1178403 and Pmid: 29155426.', [['doi', '10.1038/nm.4441', 'doi'], ['doi', '10.3389/fimmu.2023.1178403', 'doi'], ['pmid', '29155426', 'pmid']]],
  ['plaintext', 'In March (2018) the FDA (2022) and the year [2018] are no citations.', []],
  ['plaintext', 'CRS and ICANS (2018), The and colleagues, Table et al. and CAR-T and colleagues are no authors.', []],
  ['plaintext', 'The pooled rate was 90% [84-95], as reported [4-6].', [['numbered', '4', 'number'], ['numbered', '5', 'number'], ['numbered', '6', 'number']]],
  ['markdown', 'Shown before.^1^ Seen again^2,3^ in 10^6^ cells/kg, and here<sup>4</sup>.\n\n## References\n\n1. A.\n2. B.\n3. C.\n4. D.\n', [['numbered', '1', 'number'], ['numbered', '2', 'number'], ['numbered', '3', 'number'], ['numbered', '4', 'number']]],
  ['markdown', 'CR was 90% with CD19/CD22^2^ at 10^6^ cells/kg.\n\n## References\n\n1. A.\n2. B.\n', [['numbered', '2', 'number']]],
  ['plaintext', 'CR in 73% (ref 1), CRS in 76% (Refs. 2, 3) and relapse (reference 4).', [['numbered', '1', 'number'], ['numbered', '2', 'number'], ['numbered', '3', 'number'], ['numbered', '4', 'number']]],
  ['plaintext', 'CRS was seen in 17 (1). CR was 83% (3); relapse in 2018 (2).\n\nReferences\n1. Fry TJ. Nat Med. 2018.\n2. Pan J. Leukemia. 2019.\n3. Shah NN. J Clin Oncol. 2020.\n', [['numbered', '1', 'number'], ['numbered', '3', 'number'], ['numbered', '2', 'number']]],
  // Superscript markers an export ran into the text, read where the reference list has their numbers.
  ['plaintext', `Remission was common.1 CRS occurred in most patients,2,3 and relapse followed.4–6 Fig.1 shows it, as does C.3 Methods, in patients,16 of 21.\n\nReferences\n${Array.from({ length: 20 }, (_, k) => `${k + 1}. Author ${k + 1}. Journal. 2020.`).join('\n')}\n`, [['numbered', '1', 'number'], ['numbered', '2', 'number'], ['numbered', '3', 'number'], ['numbered', '4', 'number'], ['numbered', '5', 'number'], ['numbered', '6', 'number']]],
  ['plaintext', 'Remission was common.1 CRS occurred in most patients,2 and relapse followed.3 No reference list holds them.\n', []],
  ['markdown', 'Remission was common.¹ CRS occurred in most¹,² at 10⁶ cells per m², with I² = 40%.\n\n## References\n\n1. A. J. 2020.\n2. B. J. 2021.\n', [['numbered', '1', 'number'], ['numbered', '1', 'number'], ['numbered', '2', 'number']]],
  ['plaintext', `CR was 80% (24). CR was 70.5% (24), CRS in 16 (76) cases, aged 12 (1-30).\n\nReferences\n${Array.from({ length: 80 }, (_, k) => `${k + 1}. Author ${k + 1}. Journal. 2020.`).join('\n')}\n`, []],
];
for (const [format, text, expected] of citationCases) {
  test(`citations in ${format}: ${text}`, () => {
    const doc = recognize(text, format as 'markdown' | 'plaintext');
    const flat = doc.citations.flatMap((c) => c.targets.map((t) => (t.year === undefined ? [c.style, t.label, t.kind] : [c.style, t.label, t.kind, t.year])));
    assert.deepEqual(flat, expected);
    for (const c of doc.citations) for (const t of c.targets) assert.ok(t.span.start >= c.span.start && t.span.end <= c.span.end);
  });
}

test('a marker an export ran into the text ends its sentence, and a short line that does so is no title', () => {
  const doc = recognize('Remission was common.1 CRS occurred in 16 of 21 patients.\n\nReferences\n1. A. J. 2020.\n', 'plaintext');
  assert.deepEqual(doc.sentences.slice(0, 2).map((s) => s.text), ['Remission was common.1', 'CRS occurred in 16 of 21 patients.']);
  const wrapped = recognize('Pooled data support these results [7]. Best CR with CD22\nCAR T cells alone was 68% in ALL.\n', 'plaintext');
  assert.deepEqual(wrapped.blocks.map((b) => b.kind), ['paragraph']);
  assert.deepEqual(wrapped.sentences.map((s) => s.text), ['Pooled data support these results [7].', 'Best CR with CD22\nCAR T cells alone was 68% in ALL.']);
});

test('broken encoding is read as meant, spans still point at the original bytes', () => {
  const text = 'complete remission obtained in 73% (11/15) of patients receiving â‰¥1 Ã— 106 CD22-CAR T cells per kg body weight, including 5 of 5 patients with CD19dim or CD19âˆ’ B-ALL.';
  const doc = recognize(text, 'plaintext');
  const dose = doc.statistics.find((s) => s.shape === 'dose')!;
  assert.equal(dose.text, 'â‰¥1 Ã— 106 CD22-CAR T cells per kg');
  assert.equal(dose.value, 1_000_000);
  assert.equal(dose.comparator, '>=');
  const negative = doc.antigens.find((a) => a.canonical === 'CD19-negative')!;
  assert.equal(text.slice(negative.span.start, negative.span.end), 'CD19âˆ’');
  assert.ok(doc.sentences[0]!.text.includes('receiving ≥1 × 106 CD22-CAR'), 'the sentence text is the repaired reading');
});

test('the scan JSON gives LSP positions in UTF-16 and what each finding parsed to', () => {
  const text = 'Title 🧪\n\nCR in 73% (11/15) [@fry2018] of CD22+ cells.\n';
  const doc = recognize(text, 'markdown');
  const json = entitiesAsJson(text, doc);
  assert.deepEqual(json.map((e) => [e.kind, e.text, e.range.start.line, e.range.start.character]), [
    ['statistic', '73% (11/15)', 2, 6],
    ['citation', '[@fry2018]', 2, 18],
    ['antigen', 'CD22+', 2, 32],
  ]);
  assert.equal((json[0] as { percent?: number }).percent, 73);
});

test('Markdown: a very large or syntax-dense block is read like its small parts (linear inline scanner)', () => {
  const sentence = 'CR in 73% (11/15) [@fry2018] per [the paper](https://doi.org/10.1038/nm.4441), not `12 of 15` or <b>x</b> and **68%** of_it. ';
  const small = recognize(sentence, 'markdown');
  const large = recognize(sentence.repeat(80), 'markdown');
  const summary = (doc: RecognizedDocument) => [
    doc.statistics.map((s) => s.text),
    doc.citations.map((c) => [c.style, c.targets.map((t) => t.label)]),
  ];
  assert.deepEqual(summary(small), [['73% (11/15)', '68%'], [['pandoc', ['fry2018']], ['doi', ['10.1038/nm.4441']]]]);
  assert.deepEqual(summary(large), [
    Array.from({ length: 80 }, () => ['73% (11/15)', '68%']).flat(),
    Array.from({ length: 80 }, () => [['pandoc', ['fry2018']], ['doi', ['10.1038/nm.4441']]]).flat(),
  ]);
});

test('a table row padded to line up is one sentence, its cells joined, so a number and its row\'s citation meet', () => {
  const text =
    '| Study                              | Target       | CR        | Citation                   |\n' +
    '|------------------------------------|--------------|-----------|----------------------------|\n' +
    '| Meta-analysis, NHL                 | CD22         | 64%       | [@fergusson2023]           |\n';
  const doc = recognize(text, 'markdown');
  const stat = doc.statistics.find((s) => s.text === '64%')!;
  const citation = doc.citations.find((c) => c.text.includes('fergusson2023'))!;
  assert.equal(stat.sentence, citation.sentence);
  assert.match(doc.sentences[stat.sentence]!.text, /Meta-analysis, NHL\s+\|\s+CD22\s+\|\s+64%/);
});

test('plain text: an author-year citation broken over a hard-wrapped line is read, and the line before it is no title', () => {
  const text = 'Median remission duration was 6 months in the study by Fry et\nal. (2018).\n\nMedian remission duration was 6 months in the study by Fry\net al. (2018).\n\nThe CR/CRi rate was 80% (Pan et\nal., 2019), and median remission lasted 6 months (Fry et al.,\n2018).\n';
  const doc = recognize(text, 'plaintext');
  assert.deepEqual(doc.citations.map((c) => c.text), ['Fry et\nal. (2018)', 'Fry\net al. (2018)', '(Pan et\nal., 2019)', '(Fry et al.,\n2018)']);
  assert.deepEqual(doc.citations.map((c) => c.targets.map((t) => `${t.label} ${t.year}`).join()), ['Fry 2018', 'Fry 2018', 'Pan 2019', 'Fry 2018']);
  assert.equal(doc.sentences.length, 3);
});

test('Markdown: HTML is read as its rendered text: a table\'s rows are lines, its cells joined as in a pipe table', () => {
  const text = [
    'Before.',
    '',
    '<table>',
    '<tr><th>Study</th><th>CR</th></tr>',
    '<tr>',
    '  <td>Fry et al., 2018</td>',
    '  <td><b>73%</b> (11/15)</td>',
    '</tr>',
    '</table>',
    '',
    '<p>CRS occurred in 16 of 21 patients&nbsp;(76%)<sup>1</sup>.</p>',
    '<!-- <p>CR in 99% of 5 patients</p> -->',
    '<script>var rate = "42%";</script>',
    '',
    '<div align="center"><img src="figure.png" alt="CR 50%"></div>',
    '',
  ].join('\n');
  const doc = recognize(text, 'markdown');
  // (A statistic's text is its source, tags and entities included.)
  assert.deepEqual(texts(doc, 'statistics'), ['73%</b> (11/15)', '16 of 21 patients&nbsp;(76%)']);
  // Each row is a sentence: the study cell and the number's cell are one, and the header another.
  const row = doc.sentences.find((s) => text.slice(s.span.start, s.span.end).includes('73%'))!;
  assert.match(row.text, /^Fry et al\., 2018 \| 73% \(11\/15\)$/);
  assert.ok(doc.citations.some((c) => c.style === 'author-year' && c.text.startsWith('Fry et al.')), 'the study cell is a citation');
  assert.ok(doc.citations.some((c) => c.style === 'numbered' && text.slice(c.span.start, c.span.end) === '<sup>1</sup>'), 'a superscript number cites');
  // Comments, scripts and attributes are not text.
  assert.ok(!texts(doc, 'statistics').some((t) => /99%|42%|50%/.test(t)));
});
