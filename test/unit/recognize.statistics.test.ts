import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recognize } from '../../server/src/core/recognize';
import type { StatisticEntity } from '../../server/src/core/types';

const repo = path.resolve(__dirname, '../..');

interface Case {
  text: string;
  expect: (Partial<StatisticEntity> & { text: string; ci?: Record<string, number> })[];
}

const { cases } = JSON.parse(fs.readFileSync(path.join(repo, 'test/fixtures/recognize/statistics.json'), 'utf8')) as { cases: Case[] };

for (const c of cases) {
  const title = c.expect.length === 0 ? `no statistic in: ${c.text}` : `statistics in: ${c.text}`;
  test(title, () => {
    const doc = recognize(c.text, 'plaintext');
    const found = doc.statistics;
    assert.deepEqual(
      found.map((s) => s.text),
      c.expect.map((e) => e.text),
      `statistics found: ${JSON.stringify(found.map((s) => [s.text, s.shape]))}`,
    );
    c.expect.forEach((expected, i) => {
      const actual = found[i]!;
      assert.equal(c.text.slice(actual.span.start, actual.span.end), actual.text, 'span and text agree');
      for (const [field, value] of Object.entries(expected)) {
        if (field === 'text') continue;
        if (field === 'ci') {
          assert.ok(actual.ci, `${expected.text}: has a confidence interval`);
          for (const [k, v] of Object.entries(value as Record<string, number>)) {
            assert.equal((actual.ci as unknown as Record<string, number>)[k], v, `${expected.text}: ci.${k}`);
          }
          continue;
        }
        assert.deepEqual((actual as unknown as Record<string, unknown>)[field], value, `${expected.text}: ${field}`);
      }
    });
  });
}

test('parts point at the numbers a quick fix replaces', () => {
  const text = 'Remission in 73% (11/15) of patients.';
  const [s] = recognize(text, 'plaintext').statistics;
  assert.ok(s?.parts?.percent && s.parts.count && s.parts.total);
  assert.equal(text.slice(s.parts.percent.start, s.parts.percent.end), '73%');
  assert.equal(text.slice(s.parts.count.start, s.parts.count.end), '11');
  assert.equal(text.slice(s.parts.total.start, s.parts.total.end), '15');
});

test('a confidence interval span covers the interval only', () => {
  const text = 'LFS was 71.6% (95% CI, 44.2-99.0) at one year.';
  const [s] = recognize(text, 'plaintext').statistics;
  assert.equal(text.slice(s!.ci!.span.start, s!.ci!.span.end), '(95% CI, 44.2-99.0)');
});

test('every statistic carries the sentence it sits in', () => {
  const text = 'CR was 73% in adults. Median remission was 6 months. See Fry et al. (2018) for 21 patients.';
  const doc = recognize(text, 'plaintext');
  assert.deepEqual(
    doc.sentences.map((s) => s.text),
    ['CR was 73% in adults.', 'Median remission was 6 months.', 'See Fry et al. (2018) for 21 patients.'],
  );
  assert.deepEqual(doc.statistics.map((s) => [s.text, s.sentence]), [['73%', 0], ['6 months', 1], ['21 patients', 2]]);
});

test('sentences do not break at abbreviations, decimals, initials or inside parentheses', () => {
  const text = 'Fry TJ. and colleagues, e.g. in Fig. 2 (see approx. 4.5 vs. 6. Really.) found 73% i.e. most. Next one.';
  const doc = recognize(text, 'plaintext');
  assert.equal(doc.sentences.length, 2, JSON.stringify(doc.sentences.map((s) => s.text)));
});
