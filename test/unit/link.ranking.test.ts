/**
 * linkStatistic leaves out the candidates nothing reads (rankCandidates), counting them in candidateCount. What the checker, the analysis and the
 * hovers read must be what a full sort by score gives: the best three first, the candidates at or above
 * LINK_THRESHOLD as a sorted prefix, and those with the statistic's own endpoint in score order. Linked for findings
 * only (`trial-lens check`), the best three below the threshold are left out and nothing the checker reads changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recognize, detectFormat } from '../../server/src/core/recognize';
import { resolveCitations } from '../../server/src/core/link/resolveCitations';
import { layoutCitations } from '../../server/src/core/link/context';
import { gradedKinOf, LINK_THRESHOLD, linkStatistic, type FactCandidate } from '../../server/src/core/link/linkStatistics';
import { AnalysisCache, analyzeDocument } from '../../server/src/core/analyze';
import { contextFor, ROOT } from './helpers/pipeline';
import type { LinkContext } from '../../server/src/core/link/datasetView';

function isNonIncreasing(scores: number[]): boolean {
  return scores.every((s, i) => i === 0 || s <= scores[i - 1]!);
}

/** The fixture drafts, with their names. */
function fixtureDrafts(): Array<{ name: string; text: string }> {
  const drafts: Array<{ name: string; text: string }> = [];
  for (const folder of ['test/fixtures/drafts', 'test/fixtures/corpus'].map((f) => path.join(ROOT, f))) {
    for (const name of fs.readdirSync(folder)) if (/\.(md|tex|txt)$/.test(name)) drafts.push({ name, text: fs.readFileSync(path.join(folder, name), 'utf8') });
  }
  return drafts;
}

/** Each fixture draft recognized, with its citations resolved and laid out: what linkStatistic reads. */
function linkedFixtureDrafts(ctx: LinkContext) {
  return fixtureDrafts().map(({ name, text }) => {
    const doc = recognize(text, detectFormat(name));
    const citations = resolveCitations(doc, ctx);
    return { name, text, doc, citations, layout: layoutCitations(doc, citations) };
  });
}

test('the candidates read of a link are ranked as a full sort would rank them', () => {
  const ctx = contextFor();
  let links = 0;
  let longLists = 0;
  for (const { name, text, doc, citations, layout } of linkedFixtureDrafts(ctx)) {
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
  assert.ok(links > 50 && longLists > 10, `only ${links} links, ${longLists} with more than three candidates`);
});

test('linked for findings only, a statistic keeps every candidate the checker reads, in the same order, and scores fewer', () => {
  const ctx = contextFor();
  let fewer = 0;
  for (const { name, text, doc, citations, layout } of linkedFixtureDrafts(ctx)) {
    for (const stat of doc.statistics) {
      const features = linkStatistic(stat, { text, doc, citations }, layout, ctx);
      // The checker reads the linkable candidates, those of the number's endpoint, and those of another grade range of
      // its event ("grade ≥ 2 CRS" beside the work's severe CRS).
      const kin = gradedKinOf(features.endpoint, ctx);
      const read = (c: FactCandidate) => c.score >= LINK_THRESHOLD || c.endpointMatch === 'exact' || kin?.has(c.fact.endpoint) === true;
      const findings = linkStatistic(stat, { text, doc, citations }, layout, ctx, undefined, 'findings');
      const summary = (c: FactCandidate) => `${c.fact.id} ${c.score} ${c.endpointMatch}`;
      assert.deepEqual(findings.candidates.filter(read).map(summary), features.candidates.filter(read).map(summary), `${name}: ${stat.text}`);
      assert.ok(findings.candidates.every(read), `${name}: ${stat.text}: a candidate only hovers read is kept`);
      if (findings.candidates.length < features.candidates.length) fewer++;
    }
  }
  assert.ok(fewer > 20, `only ${fewer} statistics had candidates below the threshold`);
});

test('an analysis for findings only reports what the editor reports', () => {
  const ctx = contextFor();
  for (const { name, text } of fixtureDrafts()) {
    const format = detectFormat(name);
    const editor = analyzeDocument(text, format, ctx).findings;
    const cli = analyzeDocument(text, format, ctx, new AnalysisCache('findings')).findings;
    assert.deepEqual(JSON.parse(JSON.stringify(cli)), JSON.parse(JSON.stringify(editor)), name);
  }
});
