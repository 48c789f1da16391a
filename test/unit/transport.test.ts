import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeMessage, encodesLike } from '../../server/src/transport';

const diagnostic = (line: number, message: string) => ({
  range: { start: { line, character: 3 }, end: { line, character: 9 } },
  severity: 1,
  code: 'contradicts-dataset',
  source: 'trial-lens',
  message,
  data: { factId: 'fry2018-cr', statistic: line },
});

const decoded = (bytes: Uint8Array) => JSON.parse(Buffer.from(bytes).toString('utf-8'));

test('a diagnostics notification decodes to the message it encodes, with or without a version, and non-ASCII text intact', () => {
  const diagnostics = [diagnostic(1, 'Fry et al. 2018 reports 73% — the draft says 75%'), diagnostic(7, '“quoted” ≥ 95% CI')];
  for (const params of [
    { uri: 'file:///draft%20one.md', version: 12, diagnostics },
    { uri: 'file:///draft.md', diagnostics },
    { uri: 'file:///draft.md', version: 3, diagnostics: [] },
  ]) {
    const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params };
    assert.deepEqual(decoded(encodeMessage(msg)), JSON.parse(JSON.stringify(msg)));
  }
});

test('a diagnostic sent again is sent as it was, and a new diagnostic object as it is now', () => {
  const kept = diagnostic(2, 'first');
  const first = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.md', version: 1, diagnostics: [kept] } };
  encodeMessage(first);
  const moved = { ...kept, range: { start: { line: 3, character: 3 }, end: { line: 3, character: 9 } } };
  const second = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.md', version: 2, diagnostics: [kept, moved] } };
  const out = decoded(encodeMessage(second));
  assert.equal(out.params.version, 2);
  assert.deepEqual(out.params.diagnostics, [JSON.parse(JSON.stringify(kept)), JSON.parse(JSON.stringify(moved))]);
});

test('a pulled diagnostic report decodes to the response it encodes; other messages are encoded as JSON.stringify does', () => {
  const report = { jsonrpc: '2.0', id: 4, result: { kind: 'full', resultId: 'r1', items: [diagnostic(0, 'x')] } };
  assert.deepEqual(decoded(encodeMessage(report)), JSON.parse(JSON.stringify(report)));
  const unchanged = { jsonrpc: '2.0', id: 'a', result: { kind: 'unchanged', resultId: 'r1' } };
  assert.equal(Buffer.from(encodeMessage(unchanged)).toString(), JSON.stringify(unchanged));
  const hover = { jsonrpc: '2.0', id: 5, result: { contents: { kind: 'markdown', value: '**73%** (11/15)' } } };
  assert.equal(Buffer.from(encodeMessage(hover)).toString(), JSON.stringify(hover));
  // A notification with a field this encoder does not know is left to JSON.stringify.
  const extra = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'u', diagnostics: [], extra: 1 } };
  assert.equal(Buffer.from(encodeMessage(extra)).toString(), JSON.stringify(extra));
});

test('diagnostics are sent in ASCII, with what lies beyond it escaped, and decode to the same text', () => {
  const quoted = diagnostic(1, 'Fergusson et al. 2023: "grade ≥3 ICANS in 1–2%", Müller’s cohort 🧪');
  const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///thèse.md', version: 3, diagnostics: [quoted] } };
  const bytes = Buffer.from(encodeMessage(msg));
  assert.ok(bytes.every((b) => b < 0x80), 'every byte is ASCII');
  assert.deepEqual(decoded(bytes), JSON.parse(JSON.stringify(msg)));
});

const symbol = (name: string, line: number, children?: unknown[]) => ({
  name,
  detail: children ? '1 supported, 0 contradicted, 0 unchecked' : 'supported',
  kind: children ? 3 : 16,
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
  selectionRange: { start: { line, character: 0 }, end: { line, character: 4 } },
  ...(children ? { children } : {}),
});

test('a document symbol tree decodes to the response it encodes: nested sections, empty children, non-ASCII names', () => {
  const tree = [symbol('≥73%', 0), symbol('Efficacy — pooled', 2, [symbol('73% (11/15)', 3), symbol('Subgroup', 5, [symbol('1–2%', 6)]), symbol('Empty', 8, [])])];
  const msg = { jsonrpc: '2.0', id: 9, result: tree };
  assert.deepEqual(decoded(encodeMessage(msg)), JSON.parse(JSON.stringify(msg)));
  // An empty answer, and one that is not symbols, are encoded as JSON.stringify does.
  for (const other of [{ jsonrpc: '2.0', id: 10, result: [] }, { jsonrpc: '2.0', id: 11, result: [{ name: 'x' }] }]) {
    assert.equal(Buffer.from(encodeMessage(other)).toString(), JSON.stringify(other));
  }
});

test('a statistic symbol sent again is sent as it was; a section is encoded as it is now', () => {
  const kept = symbol('73%', 3);
  const first = { jsonrpc: '2.0', id: 1, result: [symbol('Efficacy', 2, [kept])] };
  encodeMessage(first);
  const section = symbol('Efficacy', 2, [kept, symbol('68%', 4)]);
  section.detail = '1 supported, 0 contradicted, 1 unchecked';
  const second = { jsonrpc: '2.0', id: 2, result: [section] };
  const out = decoded(encodeMessage(second));
  assert.deepEqual(out.result, JSON.parse(JSON.stringify([section])));
});

test('a diagnostic moved to other lines is sent with its new range and everything else as before', () => {
  const publish = (version: number, diagnostics: unknown[]) => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///m.md', version, diagnostics } });
  const sent = diagnostic(4, 'Fry et al. 2018 reports 73% — “quoted” ≥ 95%');
  encodeMessage(publish(1, [sent]));
  const moved = { ...sent, range: { start: { line: 15, character: 3 }, end: { line: 15, character: 9 } } };
  encodesLike(moved, sent);
  // Moved again before it was sent: still made from the bytes sent for the first.
  const again = { ...moved, range: { start: { line: 120, character: 3 }, end: { line: 121, character: 0 } } };
  encodesLike(again, moved);
  // One that was never sent, moved: encoded whole.
  const unsent = diagnostic(9, 'never sent');
  const unsentMoved = { ...unsent, range: { start: { line: 10, character: 0 }, end: { line: 10, character: 2 } } };
  encodesLike(unsentMoved, unsent);
  const msg = publish(2, [again, moved, unsentMoved]);
  const bytes = Buffer.from(encodeMessage(msg));
  assert.ok(bytes.every((b) => b < 0x80), 'every byte is ASCII');
  assert.deepEqual(decoded(bytes), JSON.parse(JSON.stringify(msg)));
});
