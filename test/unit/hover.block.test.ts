/**
 * Hovers read only the block under the cursor (DocumentAnalysis.blockAt), not the document-wide view. Through a run
 * of edits on the editor's cache, every hover must be the one a fresh analysis of the same text gives from its
 * document-wide view, whether the document-wide view of that version was built before the hovers or after them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnalysisCache, analyzeDocument, type DocumentAnalysis } from '../../server/src/core/analyze';
import type { DocumentFormat } from '../../server/src/core/types';
import { hoverAt } from '../../server/src/features/hover';
import { contextFor, ROOT } from './helpers/pipeline';
import { random } from './helpers/random';

const ctx = contextFor();

/** The same analysis, with hovers made from its document-wide view: the whole document as one "block". */
function documentWide(analysis: DocumentAnalysis): DocumentAnalysis {
  return {
    ...analysis,
    blockAt: () => ({
      statistics: analysis.recognized.statistics,
      antigens: analysis.recognized.antigens,
      citations: analysis.recognized.citations,
      resolved: analysis.citations,
      links: analysis.links,
      verdicts: analysis.verdicts,
      findings: analysis.findings,
      statisticBase: 0,
    }),
  };
}

/** Every place a hover can show something: the first character of each statistic, citation and antigen. */
function hoverPlaces(analysis: DocumentAnalysis): number[] {
  const { statistics, citations, antigens } = analysis.recognized;
  return [...statistics, ...citations, ...antigens].map((e) => e.span.start);
}

const INSERTS = ['1', ' ', '\n\n', '[@fry2018]', ' (Pan et al., 2019)', '[2]', '%', ' of 21 patients', '<!-- trial-lens-disable-next-line -->\n'];

for (const [name, format] of [
  [['drafts', 'cd22-review.md'], 'markdown'],
  [['corpus', 'planted-errors.md'], 'markdown'],
  [['corpus', 'numbered.txt'], 'plaintext'],
  [['corpus', 'planted-latex.tex'], 'latex'],
] as Array<[string[], DocumentFormat]>) {
  test(`${name.join('/')}: after each edit, the hover from the block under the cursor is the document-wide one`, () => {
    const next = random(name.join('/').length * 13);
    const cache = new AnalysisCache();
    let text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', ...name), 'utf8');
    let hovers = 0;
    for (let step = 0; step < 16; step++) {
      const incremental = analyzeDocument(text, format, ctx, cache);
      const fresh = analyzeDocument(text, format, ctx);
      const places = hoverPlaces(fresh);
      // Even steps hover before anything builds this version's document-wide view; odd steps after.
      if (step % 2 === 1) void incremental.recognized;
      const fromBlocks = places.map((at) => hoverAt(incremental, at, ctx));
      const expected = places.map((at) => hoverAt(documentWide(fresh), at, ctx));
      assert.deepEqual(fromBlocks, expected, `step ${step}`);
      hovers += places.length;
      // And the document-wide view built after the hovers is still right.
      assert.deepEqual(JSON.parse(JSON.stringify(incremental.links)), JSON.parse(JSON.stringify(fresh.links)), `step ${step}: links`);
      assert.deepEqual(JSON.parse(JSON.stringify(incremental.recognized)), JSON.parse(JSON.stringify(fresh.recognized)), `step ${step}: entities`);

      // An edit inside a line (read around the edit) or anywhere (a structural change).
      const lines = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
      const line = lines[Math.floor(next() * lines.length)]!;
      const at = next() < 0.7 ? Math.min(text.length, line + 1 + Math.floor(next() * 30)) : Math.floor(next() * text.length);
      if (next() < 0.3) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(next() * 8)));
      else text = text.slice(0, at) + INSERTS[Math.floor(next() * INSERTS.length)] + text.slice(at);
    }
    assert.ok(hovers > 100, `hovered ${hovers} places`);
  });
}
