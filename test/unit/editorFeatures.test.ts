/**
 * The editor features' pure parts on a hand-built analysis over the real bundled dataset: what a hover says, where
 * definition goes, how sections are summarized, where citation keys are completed. The protocol tests run the same
 * features end to end through the server.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, type DocumentAnalysis } from '../../server/src/core/analyze';
import type { Finding, StatisticVerdict } from '../../server/src/core/check/findings';
import { BUNDLED_DATASET_FILE, loadDatasetFile, loadVocabulary, mergeDatasets } from '../../server/src/core/dataset/loadDataset';
import { createReferenceResolver } from '../../server/src/core/dataset/resolver';
import type { LinkContext } from '../../server/src/core/link/datasetView';
import type { StatisticLink } from '../../server/src/core/link/linkStatistics';
import { lineStarts } from '../../server/src/core/text';
import type { RecognizedBlocks } from '../../server/src/core/recognize';
import type { CitationEntity, RecognizedDocument, StatisticEntity } from '../../server/src/core/types';
import { citationCompletions, citationKeyContext } from '../../server/src/features/completion';
import { definitionAt } from '../../server/src/features/definition';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { headingTitle, outlineOf } from '../../server/src/core/outline';
import { hoverAt } from '../../server/src/features/hover';
import { sectionLenses } from '../../server/src/features/codeLens';

const SEEDS = path.join(__dirname, '..', '..', 'seeds');
const { vocabulary } = loadVocabulary(SEEDS);
const dataset = mergeDatasets([loadDatasetFile(path.join(SEEDS, BUNDLED_DATASET_FILE), { vocabulary })], vocabulary);
const ctx: LinkContext = { dataset, resolver: createReferenceResolver(dataset, []) };

const TEXT = '# Efficacy\n\nCR was 73% (11/15) [@fry2018].\n\n# Durability\n\nLFS at one year was 76.1% [@pan2019]. Pooled CR was 68%.\n';

function span(needle: string) {
  const start = TEXT.indexOf(needle);
  return { start, end: start + needle.length };
}

function analysis(): DocumentAnalysis {
  const sentences = [
    { span: span('# Efficacy'), text: 'Efficacy', block: 0 },
    { span: span('CR was 73% (11/15) [@fry2018].'), text: '', block: 1 },
    { span: span('# Durability'), text: 'Durability', block: 2 },
    { span: span('LFS at one year was 76.1% [@pan2019].'), text: '', block: 3 },
    { span: span('Pooled CR was 68%.'), text: '', block: 3 },
  ];
  const stat = (text: string, sentence: number, extra: Partial<StatisticEntity>): StatisticEntity => ({ kind: 'statistic', span: span(text), text, shape: 'percent', sentence, ...extra });
  const statistics = [stat('73% (11/15)', 1, { shape: 'count-percent', percent: 73, count: 11, total: 15 }), stat('76.1%', 3, { percent: 76.1 }), stat('68%', 4, { percent: 68 })];
  const citation = (key: string, sentence: number): CitationEntity => {
    const s = span(`[@${key}]`);
    return { kind: 'citation', span: s, text: `[@${key}]`, style: 'pandoc', targets: [{ label: key, kind: 'key', span: { start: s.start + 2, end: s.end - 1 } }], sentence };
  };
  const citations = [citation('fry2018', 1), citation('pan2019', 3)];
  const recognized: RecognizedDocument = {
    format: 'markdown',
    blocks: [
      { span: span('# Efficacy'), kind: 'heading', headingLevel: 1 },
      { span: span('CR was 73% (11/15) [@fry2018].'), kind: 'paragraph' },
      { span: span('# Durability'), kind: 'heading', headingLevel: 1 },
      { span: span('LFS at one year was 76.1% [@pan2019]. Pooled CR was 68%.'), kind: 'paragraph' },
    ],
    sentences,
    statistics,
    antigens: [],
    citations,
    referenceList: [],
    bibliographyPaths: [],
    suppressions: [],
  };
  const fact = (id: string) => dataset.factById.get(id)!;
  const link = (i: number, factId: string | undefined, reference: string | undefined): StatisticLink => ({
    statistic: statistics[i],
    attributions: reference ? [{ reference, strength: 'sentence', via: `[@${reference}]`, span: citations.find((c) => c.targets[0].label === reference)!.span }] : [],
    citesOutsideDataset: false,
    otherStudyCue: false,
    candidates: factId
      ? [{ fact: fact(factId), score: 9, evidence: [{ what: `cited by [@${reference}] (sentence)`, weight: 4 }, { what: 'the value agrees', weight: 2 }], comparison: { agreement: { kind: 'agrees' } } as never, endpointMatch: 'exact' }]
      : [],
  });
  const findings: Finding[] = [{ code: 'contradicts-dataset', severity: 'error', span: statistics[1].span, message: 'Pan et al. 2019 reports 71.6%.', statistic: 1, factId: 'pan2019-leukemia-free-survival' }];
  const resolved = citations.map((c) => ({ citation: c, targets: [{ target: c.targets[0], references: [c.targets[0].label], known: true as const }], references: [c.targets[0].label] }));
  const links = [link(0, 'fry2018-cr-high-dose', 'fry2018'), link(1, 'pan2019-leukemia-free-survival', 'pan2019'), link(2, undefined, undefined)];
  const verdicts: StatisticVerdict[] = [
    { statistic: 0, verdict: 'supported', factId: 'fry2018-cr-high-dose', otherFactIds: ['fry2018-news-cr-high-dose'] },
    { statistic: 1, verdict: 'contradicts', factId: 'pan2019-leukemia-free-survival', otherFactIds: [] },
    { statistic: 2, verdict: 'not-in-dataset', otherFactIds: [] },
  ];
  return {
    text: TEXT,
    format: 'markdown',
    recognized,
    citations: resolved,
    links,
    verdicts,
    findings,
    // The one block is the whole text (the same arrays, so that a test's additions show in hovers too).
    blockAt: () => ({ statistics: recognized.statistics, antigens: recognized.antigens, citations: recognized.citations, resolved, links, verdicts, findings, statisticBase: 0 }),
    // The whole text as one block at offset 0: its relative findings are the document's.
    byBlock: { blocks: [{ index: 0, result: { findings } }], starts: Int32Array.of(0), statisticBases: Int32Array.of(0) },
    suppressions: [],
    bibliographyPaths: [],
    lineStarts: lineStarts(TEXT),
    outline: outlineOf(asBlocks(recognized), (index) => verdicts.filter((v) => within(statistics[v.statistic]!.span, recognized.blocks[index]!.span)), TEXT.length),
  };
}

/** The hand-built document as the recognizer's blocks: each block's text, with its statistics relative to it. */
function asBlocks(recognized: RecognizedDocument): RecognizedBlocks {
  const blocks = recognized.blocks.map((b) => ({
    text: TEXT.slice(b.span.start, b.span.end),
    kind: b.kind,
    ...(b.headingLevel !== undefined ? { headingLevel: b.headingLevel } : {}),
    findings: {
      sentences: [],
      antigens: [],
      citations: [],
      statistics: recognized.statistics.filter((s) => within(s.span, b.span)).map((s) => ({ ...s, span: { start: s.span.start - b.span.start, end: s.span.end - b.span.start } })),
    },
  }));
  return { format: recognized.format, blocks, starts: Int32Array.from(recognized.blocks, (b) => b.span.start), bibliographyPaths: [], suppressions: [] };
}

function within(inner: { start: number; end: number }, outer: { start: number; end: number }): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

test('a number that matches a fact whose origin was not found is not called supported', () => {
  const text = 'Effective in 70% of CD19 immunotherapy-resistant B-ALL cases [@shah2020].\n';
  const doc = analyzeDocument(text, 'markdown', ctx);
  const hover = hoverAt(doc, text.indexOf('70%') + 1, ctx);
  assert.ok(hover);
  assert.match(hover.markdown.split('\n')[0]!, /^\*\*Matches an unverified attribution\*\* to Shah et al\. 2020: 70%/);
  assert.doesNotMatch(hover.markdown, /Supported/);
});

test('a supported statistic: verdict first, then publication links, endpoint, quote linked at its line, other facts, why', () => {
  const hover = hoverAt(analysis(), TEXT.indexOf('73%') + 1, ctx);
  assert.ok(hover);
  const lines = hover.markdown.split('\n');
  assert.equal(lines[0], '**Supported** by Fry et al. 2018: 73% (11/15)  ');
  assert.match(hover.markdown, /\[doi:10\.1038\/nm\.4441\]\(https:\/\/doi\.org\/10\.1038\/nm\.4441\) · \[PMID 29155426\]/);
  assert.match(hover.markdown, /\*\*Endpoint:\*\* Complete remission/);
  const seed = fs.readFileSync(path.join(SEEDS, '004_d4aab425216b0164.txt'), 'utf8');
  const line = seed.slice(0, seed.indexOf('73% (11/15)')).split(/\r\n|\n|\r/).length;
  assert.ok(hover.markdown.includes(`004_d4aab425216b0164.txt#L${line})`), `links to line ${line}`);
  assert.match(hover.markdown, /\*\*Every fact for this endpoint\*\* \(values or populations differ\):\n- \*\*73% \(11\/15\)\*\* Complete remission — Fry et al\. 2018 — patients receiving >= 1 x 10\^6[^\n]*\*\(linked\)\*\n[\s\S]*- \*\*70-90%\*\* Complete remission/);
  assert.match(hover.markdown, /^> complete remission obtained in 73% \(11\/15\) of patients receiving ≥1 × 10⁶ CD22-CAR T cells/m);
  assert.match(hover.markdown, /\*\*Why linked\*\*\n- cited by \\\[@fry2018\\\] \(sentence\) \(\+4\)\n- the value agrees \(\+2\)\n- score 9 for `fry2018-cr-high-dose`$/m);
  assert.deepEqual(hover.span, span('73% (11/15)'));
});

test('a contradicted statistic says what the source reports and lists the finding', () => {
  const hover = hoverAt(analysis(), TEXT.indexOf('76.1'), ctx)!;
  assert.match(hover.markdown, /^\*\*Contradicts\*\* Pan et al\. 2019, which reports 71\.6% \(95% CI 44\.2-99\.0\)/);
  assert.match(hover.markdown, /- Pan et al\. 2019 reports 71\.6%\. \*\(contradicts-dataset\)\*/);
  assert.match(hover.markdown, /^> 1-year leukemia-free survival rate of 71\.6% \(95% CI, 44\.2-99\.0\)$/m);
});

test('a number nothing supports says it is not in the dataset', () => {
  assert.match(hoverAt(analysis(), TEXT.indexOf('68%'), ctx)!.markdown, /^\*\*Not in the dataset\*\*: no fact in the dataset matches/);
  assert.equal(hoverAt(analysis(), TEXT.indexOf('Pooled'), ctx), undefined);
});

test('a citation hover gives the reference and its facts', () => {
  const hover = hoverAt(analysis(), TEXT.indexOf('@pan2019'), ctx)!;
  assert.match(hover.markdown, /^Pan J, et al\. \(2019\)\. \*CD22 CAR T-cell therapy/);
  const count = dataset.index.byReference('pan2019').length;
  assert.match(hover.markdown, new RegExp(`\\*\\*${count} facts in the dataset\\*\\*`));
});

test('an antigen hover gives the vocabulary entry and the facts that mention it', () => {
  const a = analysis();
  a.recognized.antigens.push({ kind: 'antigen', span: span('CR was'), text: 'CR was', canonical: 'CD22', antigens: ['CD22'], sentence: 1 });
  const hover = hoverAt(a, TEXT.indexOf('CR was') + 1, ctx)!;
  assert.match(hover.markdown, /^\*\*CD22\*\* · antigen/);
  assert.match(hover.markdown, /`SIGLEC-2`/);
  assert.match(hover.markdown, /B-lineage surface antigen/);
  const mentions = [...dataset.factById.values()].filter((f) => f.antigens.some((x) => x.split('/').includes('CD22'))).length;
  assert.match(hover.markdown, new RegExp(`\\*\\*${mentions} dataset facts mention CD22\\*\\*`));
});

test('definition goes to the exact quote in the source file', () => {
  const [location] = definitionAt(analysis(), TEXT.indexOf('76.1'), ctx);
  assert.ok(location.uri.endsWith('/seeds/003_9b16409f6539d11b.txt'));
  const source = TextDocument.create(location.uri, 'plaintext', 1, fs.readFileSync(path.join(SEEDS, '003_9b16409f6539d11b.txt'), 'utf8'));
  assert.equal(source.getText(location.range), '1-year leukemia-free survival rate of 71.6% (95% CI, 44.2-99.0)');
  const [cited] = definitionAt(analysis(), TEXT.indexOf('fry2018'), ctx);
  assert.ok(cited.uri.includes('/seeds/'));
});

test('sections summarize their statistics; lenses say the same', () => {
  const doc = TextDocument.create('file:///d.md', 'markdown', 1, TEXT);
  const symbols = documentSymbols(doc, analysis());
  assert.deepEqual(symbols.map((s) => [s.name, s.detail]), [['Efficacy', '1 supported, 0 contradicted, 0 unchecked'], ['Durability', '0 supported, 1 contradicted, 1 unchecked']]);
  assert.deepEqual(symbols[1].children?.map((c) => [c.name, c.detail]), [['76.1%', 'contradicted'], ['68%', 'unchecked: not in the dataset']]);
  assert.deepEqual(sectionLenses(doc, analysis()).map((l) => [l.range.start.line, l.command?.title]), [[0, 'Trial Lens: 1 supported · 0 contradicted · 0 unchecked'], [4, 'Trial Lens: 0 supported · 1 contradicted · 1 unchecked']]);
  assert.equal(headingTitle('\\subsection*{Pooled  data}'), 'Pooled data');
  assert.equal(headingTitle('## Safety ##'), 'Safety');
});

test('citation keys complete after [@, @ and \\cite{ ... , but not in code or comments or e-mail addresses', () => {
  assert.deepEqual(citationKeyContext('see [@fr', 8, 'markdown'), { prefix: 'fr', start: 6 });
  assert.deepEqual(citationKeyContext('as @', 4, 'plaintext'), { prefix: '', start: 4 });
  assert.equal(citationKeyContext('mail me@x', 9, 'plaintext'), undefined);
  assert.deepEqual(citationKeyContext('\\citep[p. 3]{fry2018, pa', 24, 'latex'), { prefix: 'pa', start: 22 });
  assert.equal(citationKeyContext('% \\cite{', 8, 'latex'), undefined);
  assert.equal(citationKeyContext('```\n[@', 6, 'markdown'), undefined);
  assert.equal(citationKeyContext('`[@', 3, 'markdown'), undefined);
  const items = citationCompletions(ctx, 'sh');
  assert.deepEqual(items.map((i) => i.label), ['shah2020']);
  assert.equal(items[0].detail, 'Shah et al. 2020');
});

test('a number linked to nothing shows the closest fact considered, and definition does not jump to it', () => {
  const a = analysis();
  const near = dataset.factById.get('fergusson2023-cr-cd22-ball')!;
  a.links[2].candidates.push({ fact: near, score: 1.5, evidence: [{ what: 'the value agrees', weight: 2 }, { what: 'the sentence cites another reference', weight: -2 }], comparison: { agreement: { kind: 'agrees' } } as never, endpointMatch: 'none' });
  const hover = hoverAt(a, TEXT.indexOf('68%'), ctx)!;
  assert.match(hover.markdown, /\*\*Closest fact considered\*\*: 68% \(Complete remission\), not close enough\n- the value agrees \(\+2\)\n- the sentence cites another reference \(-2\)\n- score 1\.5 for `fergusson2023-cr-cd22-ball`/);
  assert.doesNotMatch(hover.markdown, /Why linked/);
  assert.deepEqual(definitionAt(a, TEXT.indexOf('68%'), ctx), []);
});

const analyzeText = (text: string, format: 'markdown' | 'plaintext') => analyzeDocument(text, format, ctx);

test('a citation hover names the dataset paper a year off, and a statistic cited to the wrong work is not "supported"', () => {
  const text = 'CR in 73% (11/15) of patients (Fry et al., 2017).\n\nCR at the higher doses was 73% (11/15) [@pan2019].\n';
  const analyzed = analyzeText(text, 'plaintext');
  const citation = hoverAt(analyzed, text.indexOf('Fry et'), ctx);
  assert.match(citation!.markdown, /^`Fry 2017` is in neither .* The dataset has Fry et al\. 2018 \(fry2018\): is that the paper\?$/);
  const markdown = analyzeText(text.replace('(Fry et al., 2017)', ''), 'markdown');
  const stat = hoverAt(markdown, text.replace('(Fry et al., 2017)', '').lastIndexOf('73%'), ctx);
  assert.match(stat!.markdown, /^\*\*Another work's number\*\*: Fry et al\. 2018 reports 73% \(11\/15\)/);
});

test('a statistic that matches a work nothing near cites is headed "Matches", not "Supported"', () => {
  const text = 'CR at the higher doses was 73% (11/15).\n';
  const hover = hoverAt(analyzeText(text, 'markdown'), text.indexOf('73%'), ctx);
  assert.match(hover!.markdown, /^\*\*Matches\*\* Fry et al\. 2018: 73% \(11\/15\), which the text does not cite here/);
  const cited = 'CR at the higher doses was 73% (11/15) [@fry2018].\n';
  assert.match(hoverAt(analyzeText(cited, 'markdown'), cited.indexOf('73%'), ctx)!.markdown, /^\*\*Supported\*\* by Fry et al\. 2018/);  // A value with too little in its words to hint at the work is said to be the same value, as no hint is shown.
  const bare = 'The median remission duration was 6 months.\n';
  const analysis = analyzeText(bare, 'markdown');
  assert.ok(!analysis.findings.some((f) => f.code === 'unsupported-statistic'));
  assert.match(hoverAt(analysis, bare.indexOf('6 months'), ctx)!.markdown, /^\*\*Same value as\*\* Fry et al\. 2018: median 6 months, which nothing here cites/);
  // A population a secondary source mislabelled is headed so, not "Supported".
  const label = 'CD19/CD22 CAR T cells produced complete remission in 47% of patients with large B-cell lymphoma (Fergusson et al., 2023).\n';
  assert.match(hoverAt(analyzeText(label, 'plaintext'), label.indexOf('47%'), ctx)!.markdown, /^\*\*Population mislabelled\*\*: Fergusson et al\. 2023 reports 47%/);
});

test('a grade names its own endpoint in a hover, and a bound it writes is not said twice', () => {
  const text = 'CRS occurred in 16 of 21 patients, grade 1 in 9 and grade 2 in 7, with no grade ≥3 events [@fry2018].\n';
  const analysis = analyzeText(text, 'markdown');
  assert.match(hoverAt(analysis, text.indexOf('grade 1') + 1, ctx)!.markdown, /endpoint words "grade 1" \(Grade 1 CRS\)/);
  assert.match(hoverAt(analysis, text.indexOf('grade 2') + 1, ctx)!.markdown, /endpoint words "grade 2" \(Grade 2 CRS\)/);
  const severe = hoverAt(analysis, text.indexOf('grade ≥3') + 1, ctx)!.markdown;
  assert.match(severe, /`grade ≥3`/);
  assert.doesNotMatch(severe, /at least grade/);
});
