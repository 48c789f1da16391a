/** Shared checks for the property tests: spans inside the text, and counters for the closing note. */
import assert from 'node:assert/strict';
import type { DocumentAnalysis } from '../../server/src/core/analyze';
import type { RecognizedDocument, Span } from '../../server/src/core/types';

export function assertSpan(text: string, span: Span, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: offsets must be integers (${span.start}-${span.end})`);
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `${what}: span ${span.start}-${span.end} outside 0-${text.length}`);
}

/** Every span the recognizer reports lies in the text, and each entity's `text` is what the span covers. */
export function assertRecognizedConsistent(text: string, doc: RecognizedDocument): void {
  doc.blocks.forEach((b, i) => assertSpan(text, b.span, `block ${i}`));
  doc.sentences.forEach((s, i) => {
    assertSpan(text, s.span, `sentence ${i}`);
    assert.ok(s.block >= -1 && s.block < Math.max(doc.blocks.length, 1), `sentence ${i}: block ${s.block} of ${doc.blocks.length}`);
  });
  for (const entity of [...doc.statistics, ...doc.antigens, ...doc.citations]) {
    assertSpan(text, entity.span, `${entity.kind} "${entity.text}"`);
    assert.equal(entity.text, text.slice(entity.span.start, entity.span.end), `${entity.kind} text must be the text of its span`);
    assert.ok(entity.sentence >= 0 && entity.sentence < doc.sentences.length, `${entity.kind} "${entity.text}": sentence ${entity.sentence} of ${doc.sentences.length}`);
  }
  for (const stat of doc.statistics) {
    for (const [part, span] of Object.entries(stat.parts ?? {})) if (span) assertSpan(text, span, `statistic "${stat.text}" part ${part}`);
    if (stat.ci) assertSpan(text, stat.ci.span, `statistic "${stat.text}" CI`);
    for (const n of [stat.percent, stat.count, stat.total, stat.value, stat.low, stat.high]) if (n !== undefined) assert.ok(Number.isFinite(n), `statistic "${stat.text}": non-finite number ${n}`);
  }
  for (const cite of doc.citations) for (const target of cite.targets) assertSpan(text, target.span, `citation target "${target.label}"`);
  for (const entry of doc.referenceList) assertSpan(text, entry.span, `reference entry ${entry.number}`);
}

/** Findings, their fixes and links point into the analysed text. */
export function assertAnalysisConsistent(analysis: DocumentAnalysis): void {
  const { text } = analysis;
  assertRecognizedConsistent(text, analysis.recognized);
  assert.equal(analysis.links.length, analysis.recognized.statistics.length, 'one link per statistic');
  assert.equal(analysis.verdicts.length, analysis.recognized.statistics.length, 'one verdict per statistic');
  for (const f of analysis.findings) {
    assertSpan(text, f.span, `finding ${f.code}`);
    assert.ok(f.message.length > 0, `finding ${f.code} has a message`);
    if (f.statistic !== undefined) assert.ok(f.statistic >= 0 && f.statistic < analysis.recognized.statistics.length, `finding ${f.code}: statistic ${f.statistic}`);
    for (const fix of f.fixes ?? []) for (const e of fix.edits) assertSpan(text, e.span, `fix "${fix.title}"`);
  }
}

/** Counters printed at the end of a run (the lead copies them into the closing note). */
export const stats = { cases: 0, longestMs: 0, longestWhat: '' };

export function timed<T>(what: string, fn: () => T): T {
  const t0 = performance.now();
  const result = fn();
  const ms = performance.now() - t0;
  stats.cases++;
  if (ms > stats.longestMs) {
    stats.longestMs = ms;
    stats.longestWhat = what;
  }
  return result;
}

export function report(suite: string, extra = ''): void {
  const heap = Math.round(process.memoryUsage().heapUsed / 1048576);
  const rss = Math.round(process.memoryUsage().rss / 1048576);
  console.log(`# ${suite}: ${stats.cases} cases, longest ${stats.longestMs.toFixed(1)} ms (${stats.longestWhat}), heap ${heap} MB, rss ${rss} MB${extra ? `; ${extra}` : ''}`);
}
