import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recognize } from '../../server/src/core/recognize';

const repo = path.resolve(__dirname, '../..');
const seed = (prefix: string) => {
  const name = fs.readdirSync(path.join(repo, 'seeds')).find((f) => f.startsWith(prefix) && f.endsWith('.txt'))!;
  return fs.readFileSync(path.join(repo, 'seeds', name), 'utf8');
};
const examplePath = path.resolve(repo, '../shared/examples/dev-review.md');

test('seed 000 (review essay): the numbers a reader marks, and the antigens written CD-19 / CD-22', () => {
  const doc = recognize(seed('000'), 'plaintext');
  assert.deepEqual(doc.statistics.map((s) => s.text), [
    '90%', '50%', '70-90%', '16 of 21 patients', '5 days', 'grade 1', 'nine patients', 'grade 2', 'seven patients',
  ]);
  assert.ok(doc.antigens.some((a) => a.text === 'CD-19' && a.canonical === 'CD19'));
  assert.ok(doc.antigens.some((a) => a.text === 'CD-22' && a.canonical === 'CD22'));
  assert.deepEqual(doc.citations, []);
});

test('seed 001 (popular article): percentages, grades, ranges, dose and p-value; no file names, tags or dates', () => {
  const text = seed('001');
  const doc = recognize(text, 'plaintext');
  const found = doc.statistics.map((s) => s.text);
  assert.deepEqual(found, [
    '68%', '90%', '6 months', '47%', '100%', 'n=3', '64%', '70%', '93%', '86%', 'grade ≥3', '6%', '86%', 'grade 1-2',
    '3%', '40-69%', '6-24 months', 'p=0.02', '1×10^6 CAR+ T-cells/kg',
  ]);
  const fileName = text.indexOf('cd22-target-car-t-cell-therapy-europe.jpg');
  assert.ok(fileName > 0 && !doc.antigens.some((a) => a.span.start >= fileName && a.span.start < fileName + 45), 'the image file name is not prose');
  assert.ok(!doc.antigens.some((a) => a.text.includes('CART')), '#CART25 is a tag');
  assert.ok(doc.antigens.some((a) => a.canonical === 'CD19/CD22'));
});

test('seed 002 (news report): counts with their totals, the dose in words, the reference entry; no dates', () => {
  const doc = recognize(seed('002'), 'plaintext');
  assert.deepEqual(doc.statistics.map((s) => s.text), [
    '21 children', '7 to 30 years', '17 of whom', '11 of 15 patients (73%)', '1 million CD22-CAR T cells per kilogram', '6 months',
  ]);
  assert.equal(doc.statistics[2]!.total, 21);
  assert.deepEqual(doc.referenceList.map((r) => [r.author, r.doi]), [['Fry', '10.1038/nm.4441']]);
});

test('seed 003 (Pan 2019 abstract): counts, CI, durations; author addresses give nothing', () => {
  const text = seed('003');
  const doc = recognize(text, 'plaintext');
  const found = doc.statistics.map((s) => s.text);
  assert.ok(found.includes('24 of 30 patients (80%)'));
  assert.ok(found.includes('71.6% (95% CI, 44.2-99.0)'));
  assert.ok(found.includes('70.5% of all 34 enrolled patients'));
  assert.ok(found.includes('34 relapsed/refractory B-ALL patients'));
  const authorInfo = text.indexOf('Author Info');
  assert.ok(doc.statistics.every((s) => s.span.start < authorInfo), 'no statistic among addresses, postal codes and e-mails');
  assert.deepEqual(doc.citations.map((c) => c.text), ['Pan et al.']);
});

test('seed 004 (broken encoding): the abstract numbers and antigens; nothing from the paywall page', () => {
  const text = seed('004');
  const doc = recognize(text, 'plaintext');
  assert.deepEqual(doc.statistics.map((s) => s.text), [
    '21 children', '17', '73% (11/15)', 'â‰¥1 Ã— 106 CD22-CAR T cells per kg', '5 of 5 patients', '6 months',
  ]);
  assert.deepEqual(
    doc.antigens.filter((a) => a.expression).map((a) => [a.text, a.canonical]),
    [
      ['CD19dim', 'CD19-dim'], ['CD19âˆ’', 'CD19-negative'], ['CD22+', 'CD22-positive'], ['CD19âˆ’', 'CD19-negative'],
      ['CD22+', 'CD22-positive'], ['CD19+', 'CD19-positive'], ['CD22âˆ’', 'CD22-negative'],
    ],
  );
  assert.ok(doc.antigens.some((a) => a.text === 'CD22â€“CD19-bispecific' && a.canonical === 'CD19/CD22'));
});

test('the example draft: what a good checker needs to see', { skip: !fs.existsSync(examplePath) }, () => {
  const text = fs.readFileSync(examplePath, 'utf8');
  const doc = recognize(text, 'markdown');
  const byText = new Map(doc.statistics.map((s) => [s.text, s]));
  assert.equal(byText.get('73% (11/15)')?.shape, 'count-percent');
  assert.deepEqual([byText.get('17 (85%)')?.count, byText.get('17 (85%)')?.total, byText.get('17 (85%)')?.percent], [17, 21, 85]);
  assert.equal(byText.get('12 patients')?.value, 12);
  assert.equal(byText.get('24 of 30 evaluable patients (80%)')?.percent, 80);
  assert.deepEqual(byText.get('76.1% (95% CI, 44.2-99.0)')?.ci?.low, 44.2);
  assert.equal(byText.get('68%')?.percent, 68);
  assert.ok(doc.antigens.some((a) => a.text === 'SIGLEC-2' && a.canonical === 'CD22'));
  assert.deepEqual(doc.citations.map((c) => c.text), ['(Fry et al., 2018)', '[@fry2018]', '(Pan et al., 2019)']);
  const s68 = byText.get('68%')!;
  assert.ok(!doc.citations.some((c) => c.sentence === s68.sentence), 'the 68% sentence has no citation');
  assert.equal(doc.citations[0]!.sentence, byText.get('73% (11/15)')!.sentence);
});
