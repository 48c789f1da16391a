/**
 * linkStatistic leaves out the candidates nothing reads (rankCandidates), counting them in candidateCount. What the checker, the analysis and the
 * hovers read must be what a full sort by score gives: the best three first, the candidates at or above
 * LINK_THRESHOLD as a sorted prefix, and those with the statistic's own endpoint in score order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recognize, detectFormat } from '../../server/src/core/recognize';
import { resolveCitations } from '../../server/src/core/link/resolveCitations';
import { layoutCitations } from '../../server/src/core/link/context';
import { LINK_THRESHOLD, linkStatistic } from '../../server/src/core/link/linkStatistics';
import { contextFor, ROOT } from './helpers/pipeline';

function isNonIncreasing(scores: number[]): boolean {
  return scores.every((s, i) => i === 0 || s <= scores[i - 1]!);
}

test('the candidates read of a link are ranked as a full sort would rank them', () => {
  const ctx = contextFor();
  const folders = ['test/fixtures/drafts', 'test/fixtures/corpus'].map((f) => path.join(ROOT, f));
  let links = 0;
  let longLists = 0;
  for (const folder of folders) {
    for (const name of fs.readdirSync(folder)) {
      if (!/\.(md|tex|txt)$/.test(name)) continue;
      const text = fs.readFileSync(path.join(folder, name), 'utf8');
      const doc = recognize(text, detectFormat(name));
      const citations = resolveCitations(doc, ctx);
      const layout = layoutCitations(doc, citations);
      for (const stat of doc.statistics) {
        const { candidates, candidateCount } = linkStatistic(stat, { text, doc, citations }, layout, ctx);
        if (candidates.length === 0) continue;
        assert.ok(candidateCount === undefined || candidateCount > candidates.length, `${stat.text}: candidateCount ${candidateCount} for ${candidates.length} kept`);
        links++;
        const where = `${name}: ${stat.text}`;
        assert.equal(new Set(candidates.map((c) => c.fact.id)).size, candidates.length, `${where}: a fact twice`);
        const scores = candidates.map((c) => c.score);
        assert.ok(isNonIncreasing(scores.slice(0, 3)), `${where}: best three out of order`);
        if (candidates.length > 3) {
          longLists++;
          assert.ok(scores.slice(3).every((s) => s <= scores[2]!), `${where}: a later candidate beats the third`);
        }
        const linkable = scores.filter((s) => s >= LINK_THRESHOLD);
        assert.deepEqual(scores.slice(0, linkable.length), linkable, `${where}: linkable candidates are not a prefix`);
        assert.ok(isNonIncreasing(linkable), `${where}: linkable candidates out of order`);
        assert.ok(isNonIncreasing(candidates.filter((c) => c.endpointMatch === 'exact').map((c) => c.score)), `${where}: same-endpoint candidates out of order`);
      }
    }
  }
  assert.ok(links > 50 && longLists > 10, `only ${links} links, ${longLists} with more than three candidates`);
});
