import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRecognizeCache, recognize } from '../../server/src/core/recognize';
import type { DocumentFormat, RecognizedDocument } from '../../server/src/core/types';

const draft = [
  '# Results',
  '',
  'CD22-CAR T cells produced remission in 73% (11/15) of patients (Fry et al., 2018).',
  '',
  'Of the 21 patients, 17 (85%) had received CD19-directed therapy [@fry2018].',
  '',
  '- Grade 1 CRS occurred in 12 patients.',
  '- LFS was 76.1% (95% CI, 44.2-99.0).',
  '',
  'A meta-analysis reported CR in 68% of ALL patients.',
  '',
  'CD22-CAR T cells produced remission in 73% (11/15) of patients (Fry et al., 2018).',
  '',
].join('\n');

/** Everything a consumer reads, as plain data. */
const snapshot = (doc: RecognizedDocument) => JSON.parse(JSON.stringify(doc)) as unknown;

function edit(text: string, find: string, replace: string): string {
  const at = text.indexOf(find);
  assert.ok(at >= 0, `"${find}" is in the text`);
  return text.slice(0, at) + replace + text.slice(at + find.length);
}

for (const format of ['markdown', 'plaintext'] as DocumentFormat[]) {
  test(`${format}: an edit re-analyzes only the edited block, and the result equals a fresh run`, () => {
    const cache = createRecognizeCache();
    const first = recognize(draft, format, { cache });
    assert.deepEqual(snapshot(first), snapshot(recognize(draft, format)));
    // The paragraph that closes the draft repeats its first one: it is read once.
    assert.equal(cache.lastReused, 1);

    // Inserting text in the first paragraph moves every later block.
    const edited = edit(draft, 'in 73% (11/15) of patients (Fry', 'in 74% (11/15) of the patients (Fry');
    const second = recognize(edited, format, { cache });
    assert.equal(cache.lastAnalyzed, 1, 'only the edited block is read again');
    assert.ok(cache.lastReused >= 4);
    assert.deepEqual(snapshot(second), snapshot(recognize(edited, format)));
    assert.equal(second.statistics[0]!.percent, 74);
    assert.equal(second.statistics.at(-1)!.percent, 73, 'the repeated paragraph keeps its own findings');
  });
}

test('a block repeated in a document gets its own findings at each place', () => {
  const cache = createRecognizeCache();
  const doc = recognize(draft, 'markdown', { cache });
  const repeated = doc.statistics.filter((s) => s.text === '73% (11/15)');
  assert.equal(repeated.length, 2);
  assert.notEqual(repeated[0]!.span.start, repeated[1]!.span.start);
  const again = recognize(`\n\n${draft}`, 'markdown', { cache });
  assert.equal(cache.lastAnalyzed, 0, 'moving everything down needs no analysis');
  assert.deepEqual(snapshot(again), snapshot(recognize(`\n\n${draft}`, 'markdown')));
});

test('the cache is bounded: entries the last runs did not use are dropped', () => {
  const cache = createRecognizeCache();
  let most = 0;
  for (let i = 0; i < 500; i++) {
    recognize(`Paragraph ${i} with ${i} of 500 patients.\n\nAnd a second one, number ${i}.`, 'markdown', { cache });
    most = Math.max(most, cache.size);
  }
  // Two blocks per run; what runs no longer use goes once it outnumbers them (plus a little slack).
  assert.ok(most <= 2 * 2 + 64 + 2, `at most ${most} entries`);
  assert.ok(most > 2, 'entries are kept between runs');
});

test('the cache keys on the format: the same text read as LaTeX is read again', () => {
  const cache = createRecognizeCache();
  const text = 'Rate 73\\% here % and 12 of 15 patients in a comment\n';
  const asText = recognize(text, 'plaintext', { cache });
  const asLatex = recognize(text, 'latex', { cache });
  assert.equal(cache.lastAnalyzed, 1);
  assert.notDeepEqual(asText.statistics.map((s) => s.text), asLatex.statistics.map((s) => s.text));
});
