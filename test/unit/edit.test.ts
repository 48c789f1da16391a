import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Reference } from '../../server/src/core/dataset/model';
import type { ResolvedCitation } from '../../server/src/core/link/resolveCitations';
import type { CitationEntity, DocumentFormat, RecognizedDocument, ReferenceListEntry, StatisticEntity } from '../../server/src/core/types';
import {
  applyTextEdits,
  appendCslJsonItems,
  bibtexEntry,
  bibtexHasKey,
  citationInsertionOffset,
  disableLineEdit,
  documentCitationStyle,
  nonCollidingGroups,
  planCitationInsertion,
  planCitationInsertions,
  planCitationReplacement,
} from '../../server/src/core/edit';
import { lineStarts as computeLineStarts } from '../../server/src/core/text';

const fergusson: Reference = {
  key: 'fergusson2023',
  title: 'A systematic review and meta-analysis of CD22 CAR T-cells alone or in combination with CD19 CAR T-cells',
  authors: ['Fergusson NJ', 'Adeel K', 'Kekre N'],
  journal: 'Front Immunol',
  year: 2023,
  doi: '10.3389/fimmu.2023.1178403',
  pmid: '37180149',
  origin: 'dataset.json',
};
const fry: Reference = { key: 'fry2018', title: 'CD22-targeted CAR T cells', authors: ['Fry TJ', 'Shah NN', 'Orentas RJ'], journal: 'Nat Med', year: 2018, doi: '10.1038/nm.4441', origin: 'dataset.json' };

/** A recognized document built by hand: the statistic is the first occurrence of `stat`, one sentence per line. */
function draft(text: string, format: DocumentFormat, stat: string, citations: Array<{ text: string; style: CitationEntity['style']; label: string; kind: 'key' | 'number' | 'author'; references: string[] }> = [], referenceList: ReferenceListEntry[] = []) {
  const lineStarts = computeLineStarts(text);
  const sentences = lineStarts.map((start, i) => {
    const end = (lineStarts[i + 1] ?? text.length + 1) - 1;
    return { span: { start, end: Math.min(end, text.length) }, text: text.slice(start, end), block: i };
  });
  const sentenceOf = (offset: number) => sentences.findIndex((s) => s.span.start <= offset && offset <= s.span.end);
  const at = text.indexOf(stat);
  const statistic: StatisticEntity = { kind: 'statistic', span: { start: at, end: at + stat.length }, text: stat, shape: 'percent', percent: 68, sentence: sentenceOf(at) };
  const entities: CitationEntity[] = [];
  const resolved: ResolvedCitation[] = [];
  for (const c of citations) {
    const start = text.indexOf(c.text);
    const labelStart = text.indexOf(c.label, start);
    const target = { label: c.label, kind: c.kind, span: { start: labelStart, end: labelStart + c.label.length } };
    const entity: CitationEntity = { kind: 'citation', span: { start, end: start + c.text.length }, text: c.text, style: c.style, targets: [target], sentence: sentenceOf(start) };
    entities.push(entity);
    resolved.push({ citation: entity, targets: [{ target, references: c.references, known: true }], references: c.references });
  }
  const recognized: RecognizedDocument = { format, blocks: [], sentences, statistics: [statistic], antigens: [], citations: entities, referenceList, bibliographyPaths: [], suppressions: [] };
  return { text, format, recognized, citations: resolved };
}

/** The reference list of a draft whose only entry, number 1, is Fry 2018's line starting with `marker`. */
function fryEntry(text: string, marker: string, lineEnd: string): ReferenceListEntry[] {
  const start = text.indexOf(marker);
  const end = text.indexOf(lineEnd, start);
  return [{ number: 1, span: { start, end }, text: text.slice(start, end), doi: '10.1038/nm.4441' }];
}

function applyPlan(input: { text: string }, plan: { edits: { span: { start: number; end: number }; newText: string }[] } | undefined): string {
  assert.ok(plan, 'expected a plan');
  return applyTextEdits(input.text, plan.edits);
}

test('Markdown: a pandoc citation goes before the final full stop, nothing else changes', () => {
  const input = draft('Intro [@fry2018].\nA meta-analysis reported CR in 68% of patients.\n', 'markdown', '68%', [{ text: '[@fry2018]', style: 'pandoc', label: 'fry2018', kind: 'key', references: ['fry2018'] }]);
  assert.equal(applyPlan(input, planCitationInsertion(input, 0, fergusson, {})), 'Intro [@fry2018].\nA meta-analysis reported CR in 68% of patients [@fergusson2023].\n');
});

test('Markdown with only author-year citations and no pandoc ones still gets a pandoc key; a bibliography key is preferred', () => {
  const input = draft('A meta-analysis reported CR in 68% of patients.', 'markdown', '68%');
  const bibliography = new Map([['fergussonSystematic2023', { key: 'fergussonSystematic2023', authors: [], reference: 'fergusson2023', file: '/x/refs.bib' }]]);
  assert.equal(applyPlan(input, planCitationInsertion(input, 0, fergusson, { bibliography })), 'A meta-analysis reported CR in 68% of patients [@fergussonSystematic2023].');
});

test('LaTeX uses the command the document uses most, joined with a tie like its citations', () => {
  const input = draft('Remission~\\citep{fry2018}.\nThe pooled rate was 68\\% in ALL.\n', 'latex', '68\\%', [{ text: '\\citep{fry2018}', style: 'latex', label: 'fry2018', kind: 'key', references: ['fry2018'] }]);
  assert.equal(documentCitationStyle('latex', input.recognized).kind, 'latex');
  assert.equal(applyPlan(input, planCitationInsertion(input, 0, fergusson, {})), 'Remission~\\citep{fry2018}.\nThe pooled rate was 68\\% in ALL~\\citep{fergusson2023}.\n');
  const spaced = draft('Remission \\cite{fry2018}.\nThe pooled rate was 68\\% in ALL.\n', 'latex', '68\\%', [{ text: '\\cite{fry2018}', style: 'latex', label: 'fry2018', kind: 'key', references: ['fry2018'] }]);
  assert.equal(applyPlan(spaced, planCitationInsertion(spaced, 0, fergusson, {})), 'Remission \\cite{fry2018}.\nThe pooled rate was 68\\% in ALL \\cite{fergusson2023}.\n');
});

test('plain text with author-year citations inserts "(Fergusson et al., 2023)"', () => {
  const input = draft('Remission was 73% (Fry et al., 2018).\nThe pooled rate was 68% in ALL.', 'plaintext', '68%', [{ text: '(Fry et al., 2018)', style: 'author-year', label: 'Fry', kind: 'author', references: ['fry2018'] }]);
  assert.equal(applyPlan(input, planCitationInsertion(input, 0, fergusson, {})), 'Remission was 73% (Fry et al., 2018).\nThe pooled rate was 68% in ALL (Fergusson et al., 2023).');
});

test('plain text with a numbered reference list gets the next number and a new list entry in the same numbering', () => {
  const text = 'The pooled rate was 68% in ALL.\nRemission was 73% [1].\r\n\r\nReferences\r\n1. Fry TJ. CD22 CAR. Nat Med. 2018. doi:10.1038/nm.4441\r\n';
  const list = fryEntry(text, '1. Fry', '\r\n');
  const input = draft(text, 'plaintext', '68%', [{ text: '[1]', style: 'numbered', label: '1', kind: 'number', references: ['fry2018'] }], list);
  const out = applyPlan(input, planCitationInsertion(input, 0, fergusson, {}));
  assert.equal(
    out,
    'The pooled rate was 68% in ALL [2].\nRemission was 73% [1].\r\n\r\nReferences\r\n1. Fry TJ. CD22 CAR. Nat Med. 2018. doi:10.1038/nm.4441\r\n' +
      '2. Fergusson NJ, Adeel K, Kekre N. A systematic review and meta-analysis of CD22 CAR T-cells alone or in combination with CD19 CAR T-cells. Front Immunol. 2023. doi:10.3389/fimmu.2023.1178403. PMID: 37180149.\r\n',
  );
  // A reference already in the list is cited by its number, without a new entry.
  const again = planCitationInsertion(input, 0, fry, {});
  assert.equal(again?.edits.length, 1);
  assert.equal(again?.edits[0].newText, ' [1]');
});

test('a citation goes before a semicolon that ends the statistic clause', () => {
  const text = 'CR was 68% in ALL; CRS was common.';
  assert.equal(citationInsertionOffset(text, { start: 0, end: text.length }, { start: 7, end: 10 }), text.indexOf(';'));
  const plain = 'CR was 68% in ALL  ';
  assert.equal(citationInsertionOffset(plain, { start: 0, end: plain.length }, { start: 7, end: 10 }), 'CR was 68% in ALL'.length);
});

test('the dataset key is appended to the declared .bib when missing, never when present', () => {
  const input = draft('The pooled rate was 68% in ALL.', 'markdown', '68%');
  const plan = planCitationInsertion(input, 0, fergusson, {}, { path: '/w/refs.bib', text: '@article{fry2018,\n  title = {X}\n}\n' });
  assert.ok(plan?.bibliography);
  const bib = applyTextEdits('@article{fry2018,\n  title = {X}\n}\n', [plan.bibliography.edit]);
  assert.ok(bib.startsWith('@article{fry2018,\n  title = {X}\n}\n\n@article{fergusson2023,\n'));
  assert.ok(bibtexHasKey(bib, 'fergusson2023'));
  assert.match(bib, /author = \{Fergusson, N\. J\. and Adeel, K\. and Kekre, N\.\}/);
  assert.match(bib, /doi = \{10\.3389\/fimmu\.2023\.1178403\}/);
  assert.equal(planCitationInsertion(input, 0, fergusson, {}, { path: '/w/refs.bib', text: bib })?.bibliography, undefined);
});

test('bibtexEntry never lets braces in a title break the entry', () => {
  const entry = bibtexEntry({ ...fry, title: 'A {weird} title' });
  assert.match(entry, /title = \{\{A weird title\}\}/);
});

test('a wrong pandoc key is replaced by the right key only', () => {
  const input = draft('Pooled CR was 68% [@fry2018].', 'markdown', '68%', [{ text: '[@fry2018]', style: 'pandoc', label: 'fry2018', kind: 'key', references: ['fry2018'] }]);
  assert.equal(applyPlan(input, planCitationReplacement(input, 0, 'fry2018', fergusson, {})), 'Pooled CR was 68% [@fergusson2023].');
});

test('disable-next-line comments use the format\'s syntax, the line\'s indentation and CRLF', () => {
  const md = 'Title\r\n  - CR in 68% of patients.\r\n';
  const edit = disableLineEdit(md, 'markdown', computeLineStarts(md), md.indexOf('68%'), 'unsupported-statistic');
  assert.equal(applyTextEdits(md, [edit!]), 'Title\r\n  <!-- trial-lens-disable-next-line unsupported-statistic -->\r\n  - CR in 68% of patients.\r\n');
  const tex = 'CR in 68\\% of patients.\n';
  assert.equal(applyTextEdits(tex, [disableLineEdit(tex, 'latex', computeLineStarts(tex), 6, 'rounding')!]), '% trial-lens-disable-next-line rounding\nCR in 68\\% of patients.\n');
  const txt = 'a\n\tCR in 68% of patients.';
  assert.equal(applyTextEdits(txt, [disableLineEdit(txt, 'plaintext', computeLineStarts(txt), 8, 'rounding')!]), 'a\n\ttrial-lens-disable-next-line rounding\n\tCR in 68% of patients.');
});

test('no disable comment is offered between a Markdown table\'s rows, where it would end the table', () => {
  const md = 'Pooled CR [@fergusson2023]:\n\n| Product | CR (%) |\n|---|---|\n| CD22 | 28 |\n';
  assert.equal(disableLineEdit(md, 'markdown', computeLineStarts(md), md.indexOf('28 |'), 'contradicts-dataset'), undefined);
  // Above the header row, before the table, it is a line of its own.
  assert.ok(disableLineEdit(md, 'markdown', computeLineStarts(md), md.indexOf('Product'), 'contradicts-dataset'));
  const tex = 'Product & CR (\\%) \\\\\nCD22 & 28 \\\\\n';
  assert.ok(disableLineEdit(tex, 'latex', computeLineStarts(tex), tex.indexOf('28'), 'contradicts-dataset'), 'a LaTeX comment line between rows is harmless');
});

test('fix all keeps whole fixes and drops one that overlaps a fix already kept', () => {
  const groups = [
    { id: 'a', edits: [{ span: { start: 0, end: 2 }, newText: 'x' }] },
    { id: 'b', edits: [{ span: { start: 1, end: 3 }, newText: 'y' }] },
    { id: 'c', edits: [{ span: { start: 5, end: 5 }, newText: 'z' }, { span: { start: 2, end: 2 }, newText: 'w' }] },
    { id: 'd', edits: [{ span: { start: 5, end: 5 }, newText: 'q' }] },
  ];
  assert.deepEqual(nonCollidingGroups(groups).map((g) => g.id), ['a', 'c']);
  assert.throws(() => applyTextEdits('abcdef', [groups[0].edits[0], groups[1].edits[0]]));
});

test('an author-year citation of the wrong reference is rewritten with its own punctuation', () => {
  const pan: Reference = { key: 'pan2019', title: 'CD22 CAR', authors: ['Pan J'], journal: 'Leukemia', year: 2019, origin: 'dataset.json' };
  const input = draft('CR was 73% (Pan et al., 2019).', 'plaintext', '73%', [{ text: '(Pan et al., 2019)', style: 'author-year', label: 'Pan', kind: 'author', references: ['pan2019'] }]);
  assert.equal(applyPlan(input, planCitationReplacement(input, 0, 'pan2019', fry, {})), 'CR was 73% (Fry et al., 2018).');
  const narrative = draft('As Fry et al. (2018) found, CR was 73%.', 'plaintext', '73%', [{ text: 'Fry et al. (2018)', style: 'author-year', label: 'Fry', kind: 'author', references: ['fry2018'] }]);
  assert.equal(applyPlan(narrative, planCitationReplacement(narrative, 0, 'fry2018', pan, {})), 'As Pan (2019) found, CR was 73%.');
});

test('numbers in parentheses, in the text and the list, stay in parentheses', () => {
  const text = 'The pooled rate was 68% in ALL.\nRemission was 73% (1).\n\nReferences\n(1) Fry TJ. CD22 CAR. Nat Med. 2018. doi:10.1038/nm.4441\n';
  const list = fryEntry(text, '(1) Fry', '\n');
  const input = draft(text, 'plaintext', '68%', [{ text: '(1)', style: 'numbered', label: '1', kind: 'number', references: ['fry2018'] }], list);
  const out = applyPlan(input, planCitationInsertion(input, 0, fergusson, {}));
  assert.ok(out.startsWith('The pooled rate was 68% in ALL (2).\n'), out);
  assert.match(out, /\n\(2\) Fergusson NJ/);
});

test('a batch of insertions in a numbered document counts up and reuses a number for the same reference', () => {
  const pan: Reference = { key: 'pan2019', title: 'CD22 CAR', authors: ['Pan J'], journal: 'Leukemia', year: 2019, doi: '10.1038/s41375-019-0488-7', origin: 'dataset.json' };
  const text = 'A was 68% here.\nB was 71.6% there.\nC was 90% too.\n\nReferences\n1. Fry TJ. CD22 CAR. doi:10.1038/nm.4441\n';
  const entryStart = text.indexOf('1. Fry');
  const list: ReferenceListEntry[] = [{ number: 1, span: { start: entryStart, end: text.length - 1 }, text: text.slice(entryStart, -1), doi: '10.1038/nm.4441' }];
  const input = draft(text, 'plaintext', '68%', [], list);
  const stat = (needle: string, sentence: number): StatisticEntity => ({ kind: 'statistic', span: { start: text.indexOf(needle), end: text.indexOf(needle) + needle.length }, text: needle, shape: 'percent', sentence });
  input.recognized.statistics.push(stat('71.6%', 1), stat('90%', 2));
  const plan = planCitationInsertions(input, [{ statistic: 2, reference: fergusson }, { statistic: 1, reference: pan }, { statistic: 0, reference: fergusson }], {});
  assert.equal(
    applyPlan(input, plan),
    'A was 68% here [2].\nB was 71.6% there [3].\nC was 90% too [2].\n\nReferences\n1. Fry TJ. CD22 CAR. doi:10.1038/nm.4441\n' +
      '2. Fergusson NJ, Adeel K, Kekre N. A systematic review and meta-analysis of CD22 CAR T-cells alone or in combination with CD19 CAR T-cells. Front Immunol. 2023. doi:10.3389/fimmu.2023.1178403. PMID: 37180149.\n' +
      '3. Pan J. CD22 CAR. Leukemia. 2019. doi:10.1038/s41375-019-0488-7.\n',
  );
});

test('a reference the text already cites by number is cited by that number again, also in a batch, without a new entry', () => {
  // [2] names Fergusson only in the text (its list entry is not recognized as Fergusson's): the number still holds.
  const text = 'Pooled CR was 70% [2].\nA was 68% here.\nB was 90% too.\n\nReferences\n1. Fry TJ. CD22 CAR. doi:10.1038/nm.4441\n2. A meta-analysis.\n';
  const fryStart = text.indexOf('1. Fry');
  const otherStart = text.indexOf('2. A meta');
  const list: ReferenceListEntry[] = [
    { number: 1, span: { start: fryStart, end: text.indexOf('\n', fryStart) }, text: '1. Fry TJ. CD22 CAR. doi:10.1038/nm.4441', doi: '10.1038/nm.4441' },
    { number: 2, span: { start: otherStart, end: text.length - 1 }, text: '2. A meta-analysis.' },
  ];
  const input = draft(text, 'plaintext', '68%', [{ text: '[2]', style: 'numbered', label: '2', kind: 'number', references: ['fergusson2023'] }], list);
  assert.equal(applyPlan(input, planCitationInsertion(input, 0, fergusson, {})), text.replace('68% here.', '68% here [2].'));
  const at90 = text.indexOf('90%');
  input.recognized.statistics.push({ kind: 'statistic', span: { start: at90, end: at90 + 3 }, text: '90%', shape: 'percent', sentence: 2 });
  const plan = planCitationInsertions(input, [{ statistic: 1, reference: fergusson }, { statistic: 0, reference: fry }], {});
  assert.equal(applyPlan(input, plan), text.replace('68% here.', '68% here [1].').replace('90% too.', '90% too [2].'));
});

test('a CSL-JSON bibliography gets its new items before the closing bracket, indented as its own, and none twice', () => {
  const json = '[\n  {\n    "id": "fry2018",\n    "type": "article-journal",\n    "title": "CD22-targeted CAR T cells"\n  }\n]\n';
  const edit = appendCslJsonItems(json, [['fergusson2023', fergusson]]);
  assert.ok(edit);
  const after = applyTextEdits(json, [edit]);
  const items = JSON.parse(after) as Array<{ id: string; author?: Array<{ family?: string }>; DOI?: string }>;
  assert.deepEqual(items.map((i) => i.id), ['fry2018', 'fergusson2023']);
  assert.equal(items[1]!.author?.[0]?.family, 'Fergusson');
  assert.match(after, /\n  \{\n    "id": "fergusson2023"/);
  assert.equal(appendCslJsonItems(after, [['fergusson2023', fergusson]]), undefined);
  assert.equal(appendCslJsonItems('not json', [['fergusson2023', fergusson]]), undefined);
  assert.deepEqual(JSON.parse(applyTextEdits('', [appendCslJsonItems('', [['fry2018', fry]])!])).map((i: { id: string }) => i.id), ['fry2018']);
});
