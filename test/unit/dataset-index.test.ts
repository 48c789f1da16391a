import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFactIndex } from '../../server/src/core/dataset/factIndex';
import type { Fact } from '../../server/src/core/dataset/model';

function syntheticFacts(n: number): Fact[] {
  const endpoints = ['complete-remission', 'cr-cri', 'crs', 'severe-crs', 'relapse', 'patients-treated'];
  const antigens = ['CD19', 'CD22', 'CD19/CD22'];
  const facts: Fact[] = [];
  for (let i = 0; i < n; i++) {
    const total = 10 + (i % 90);
    const count = i % total;
    facts.push({
      id: `synthetic-${i}`,
      reference: `ref${i % 500}`,
      endpoint: endpoints[i % endpoints.length],
      antigens: [antigens[i % antigens.length]],
      disease: 'B-ALL',
      population: 'synthetic',
      count,
      total,
      percent: Math.round((1000 * count) / total) / 10,
      source: 's',
      quote: `${count} of ${total}`,
      status: 'abstract',
      quoteSpan: { start: 0, end: 1 },
      quoteLine: 0,
      origin: '/synthetic.trial-lens.json',
    });
  }
  return facts;
}

test('the fact index builds for 100,000 facts well under a second, and its lookups agree with a scan', () => {
  const facts = syntheticFacts(100_000);
  const started = performance.now();
  const index = createFactIndex(facts);
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 1000, `index took ${elapsed.toFixed(0)} ms`);

  assert.equal(index.all().length, 100_000);
  assert.deepEqual(index.byTotal(34), facts.filter((f) => f.total === 34));
  assert.deepEqual(index.byReference('ref7'), facts.filter((f) => f.reference === 'ref7'));
  assert.deepEqual(index.byEndpoint('severe-crs').length, facts.filter((f) => f.endpoint === 'severe-crs').length);
  assert.deepEqual(index.byAntigen('CD19/CD22').length, facts.filter((f) => f.antigens.includes('CD19/CD22')).length);
  const near73 = new Set(index.byPercent(73).map((f) => f.id));
  const scanned = facts.filter((f) => Math.abs((f.percent ?? -10) - 73) <= 1 || Math.abs((100 * (f.count ?? 0)) / (f.total ?? 1) - 73) <= 1);
  assert.equal(near73.size, scanned.length);
  assert.deepEqual(index.byPercent(Number.NaN), []);
});

test('lookups are cheap: 10,000 percent lookups on 100,000 facts take well under a second', () => {
  const index = createFactIndex(syntheticFacts(100_000));
  const started = performance.now();
  let found = 0;
  for (let i = 0; i < 10_000; i++) found += index.byTotal(10 + (i % 90)).length > 0 ? 1 : 0;
  for (let i = 0; i < 1_000; i++) found += index.byPercent(i % 100).length > 0 ? 1 : 0;
  const elapsed = performance.now() - started;
  assert.equal(found, 11_000);
  assert.ok(elapsed < 1000, `lookups took ${elapsed.toFixed(0)} ms`);
});
