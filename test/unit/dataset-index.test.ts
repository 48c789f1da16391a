import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
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
  // The best of three builds, so a busy machine does not decide the result.
  let elapsed = Infinity;
  let index = createFactIndex([]);
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    index = createFactIndex(facts);
    // Each lookup's index is built on first use.
    index.byReference('ref0');
    index.byEndpoint('crs');
    index.byAntigen('CD19');
    index.byTotal(10);
    index.byPercent(50);
    elapsed = Math.min(elapsed, performance.now() - started);
  }
  assert.ok(elapsed < 1000, `index took ${elapsed.toFixed(0)} ms`);

  assert.equal(index.all().length, 100_000);
  assert.deepEqual(index.byTotal(34), facts.filter((f) => f.total === 34));
  assert.deepEqual(index.byReference('ref7'), facts.filter((f) => f.reference === 'ref7'));
  assert.equal(index.byEndpoint('severe-crs').length, facts.filter((f) => f.endpoint === 'severe-crs').length);
  assert.equal(index.byAntigen('CD19/CD22').length, facts.filter((f) => f.antigens.includes('CD19/CD22')).length);
  // A plain antigen finds the facts about it alone and in combinations, in dataset order.
  assert.deepEqual(index.byAntigenPart('CD22'), facts.filter((f) => f.antigens.some((a) => a.split('/').includes('CD22'))));
  for (const p of [0, 12.5, 70.5, 73, 99.9, 100]) {
    const scanned = facts.filter((f) => nearPercent(f, p));
    assert.deepEqual(new Set(index.byPercent(p)), new Set(scanned), `byPercent(${p})`);
    assert.equal(index.byPercent(p).length, scanned.length, `byPercent(${p}) lists each fact once`);
  }
  assert.deepEqual(index.byPercent(Number.NaN), []);
});

function nearPercent(f: Fact, p: number): boolean {
  const percents = [f.percent, f.count !== undefined && f.total ? (100 * f.count) / f.total : undefined];
  return percents.some((q) => q !== undefined && Math.abs(q - p) <= 1 + 1e-9);
}

test('lookups do not scan: percent and denominator lookups are many times faster than a scan of all facts', () => {
  const facts = syntheticFacts(100_000);
  const index = createFactIndex(facts);
  const queries = Array.from({ length: 200 }, (_, i) => ({ percent: (i * 7.3) % 100, total: 10 + (i % 90) }));
  const time = (lookup: (q: { percent: number; total: number }) => number) => {
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      let found = 0;
      for (const q of queries) found += lookup(q);
      best = Math.min(best, performance.now() - started);
      assert.ok(found > 0);
    }
    return best;
  };
  const indexed = time((q) => index.byPercent(q.percent).length + index.byTotal(q.total).length);
  const scanned = time((q) => facts.filter((f) => nearPercent(f, q.percent)).length + facts.filter((f) => f.total === q.total).length);
  assert.ok(indexed * 5 < scanned, `index ${indexed.toFixed(1)} ms vs scan ${scanned.toFixed(1)} ms`);
});

test('a percent from 2^53 up ("9007199254740993%") is looked up and analysed at once, not in a loop that never ends', () => {
  // The percent lookup once stepped through its buckets with bucket++, which stops moving at 2^53: a draft holding such
  // a number froze the analysis (a property test on random text ran for 20 minutes). A loop that never ends cannot be
  // stopped by the test runner's timeout, so the calls run in a child process that is killed after a time limit.
  const root = path.resolve(__dirname, '..', '..');
  const child = `
    const { createFactIndex } = require('./server/src/core/dataset/factIndex');
    const { analyzeDocument } = require('./server/src/core/analyze');
    const { contextFor } = require('./test/unit/helpers/pipeline');
    const fact = (id, percent) => ({ id, reference: 'r', endpoint: 'crs', antigens: ['CD22'], percent, source: 's', quote: 'q', status: 'abstract', origin: 'o' });
    const index = createFactIndex([fact('small', 73), fact('huge', 2 ** 53)]);
    const lookups = [2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 1e17, Number.MAX_VALUE, 73.4].map((p) => index.byPercent(p).map((f) => f.id));
    const ctx = contextFor();
    const draft = 'Complete remission in 9007199254740993% of patients; CR in 100000000000000000000%.';
    const findings = ['markdown', 'latex', 'plaintext'].map((format) =>
      analyzeDocument(format === 'latex' ? draft.replace(/%/g, '\\\\%') : draft, format, ctx).findings.map((f) => f.message));
    console.log(JSON.stringify({ lookups, findings }));
  `;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', child], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  assert.equal(result.signal, null, `the child did not end by itself within 30 s (${result.signal})`);
  assert.equal(result.status, 0, result.stderr);
  const { lookups, findings } = JSON.parse(result.stdout) as { lookups: string[][]; findings: string[][] };
  // Past 2^53 neighbouring whole numbers round to one bucket: the fact filed there is listed once.
  assert.deepEqual(lookups, [['huge'], ['huge'], ['huge'], [], [], ['small']]);
  const expected = ['9007199254740992% is more than the whole.', '100000000000000000000% is more than the whole.'];
  assert.deepEqual(findings, [expected, expected, expected]);
});
