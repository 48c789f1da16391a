/**
 * Quick fixes touch only their own range. For random drafts built from statistic and citation fragments (CRLF line
 * ends, emoji and other non-BMP characters mixed in), every edit a code action offers: lies inside the document,
 * never splits a surrogate pair or a CRLF, never overlaps another edit of the same action, keeps the document's line
 * endings and writes well-formed UTF-16; applying it leaves the text before and after its range byte-identical.
 * Checked on the pure fix planner (many cases) and through the server's codeAction handler over stdio.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { CodeAction, Diagnostic, Position, TextEdit as LspTextEdit } from 'vscode-languageserver-protocol';
import { analyzeDocument } from '../../server/src/core/analyze';
import { applyPolicy } from '../../server/src/core/check/policy';
import type { TextEdit } from '../../server/src/core/check/findings';
import { applyTextEdits, disableLineEdit } from '../../server/src/core/edit';
import { fixAllEdits, fixesForFinding } from '../../server/src/features/codeActions';
import { DEFAULT_SETTINGS } from '../../server/src/shared/settings';
import type { DocumentFormat } from '../../server/src/core/types';
import { editsFor, fileUri, LspTestClient } from '../protocol/lspClient';
import { contextFor } from '../unit/helpers/pipeline';
import { FORMATS, draftText, hostileText } from './arbitraries';

/** A lost notification fails the test instead of hanging CI (waits are on notifications, never on timers). */
const TIMEOUT = Number(process.env.TRIAL_LENS_TEST_TIMEOUT_MS ?? 10 * 60 * 1000);

const ctx = contextFor();
const RUNS = Number(process.env.TRIAL_LENS_PROPERTY_RUNS ?? 300);
const SERVER_RUNS = Number(process.env.TRIAL_LENS_SERVER_RUNS ?? 40);
const counts = { drafts: 0, edits: 0, actions: 0 };

after(() => console.log(`# quick-fix properties: ${counts.drafts} drafts, ${counts.actions} code actions, ${counts.edits} edits checked`));

/** Offsets where an edit boundary would cut a character or a line break in two. */
function splitsSomething(text: string, offset: number): string | undefined {
  if (offset <= 0 || offset >= text.length) return undefined;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) return 'a surrogate pair';
  if (before === 13 && after === 10) return 'a CRLF';
  return undefined;
}

function hasLoneSurrogate(s: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** The line endings a text uses. */
function eols(s: string): Set<string> {
  return new Set(s.match(/\r\n|\r|\n/g) ?? []);
}

/** The properties of one action's edits (offsets into `text`). */
function assertEditsLocal(text: string, edits: readonly TextEdit[], title: string): void {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let previousEnd = -1;
  for (const edit of sorted) {
    const { start, end } = edit.span;
    assert.ok(start >= 0 && start <= end && end <= text.length, `${title}: range ${start}-${end} outside 0-${text.length}`);
    assert.ok(start >= previousEnd, `${title}: overlapping edits at ${start}`);
    previousEnd = end;
    for (const o of [start, end]) {
      const split = splitsSomething(text, o);
      assert.equal(split, undefined, `${title}: edit boundary ${o} splits ${split} in ${JSON.stringify(text.slice(Math.max(0, o - 10), o + 10))}`);
    }
    assert.ok(!hasLoneSurrogate(edit.newText), `${title}: inserts a lone surrogate`);
    // A document that uses only CRLF (or only LF) gets no other line ending from a fix.
    const docEols = eols(text);
    if (docEols.size === 1) for (const eol of eols(edit.newText)) assert.ok(docEols.has(eol), `${title}: inserts ${JSON.stringify(eol)} into a ${JSON.stringify([...docEols][0])} document`);
    // Applying this edit alone changes only its range.
    const applied = applyTextEdits(text, [edit]);
    assert.equal(applied.slice(0, start), text.slice(0, start), `${title}: text before the range changed`);
    assert.equal(applied.slice(start + edit.newText.length), text.slice(end), `${title}: text after the range changed`);
    counts.edits++;
  }
  // All of the action's edits together: each gap between edits is unchanged.
  const applied = applyTextEdits(text, sorted);
  let at = 0;
  let out = 0;
  for (const edit of sorted) {
    const gap = text.slice(at, edit.span.start);
    assert.equal(applied.slice(out, out + gap.length), gap, `${title}: text between edits changed`);
    out += gap.length + edit.newText.length;
    at = edit.span.end;
  }
  assert.equal(applied.slice(out), text.slice(at), `${title}: text after the last edit changed`);
}

describe('fix planner', () => {
  test('every fix of every finding, disable-line edits and fix-all are local', () => {
    const input = fc.tuple(fc.oneof({ arbitrary: draftText, weight: 4 }, { arbitrary: fc.tuple(draftText, hostileText).map(([a, b]) => a + b), weight: 1 }), fc.constantFrom(...FORMATS));
    fc.assert(
      fc.property(input, ([text, format]) => {
        counts.drafts++;
        const analysis = analyzeDocument(text, format as DocumentFormat, ctx);
        for (const finding of analysis.findings) {
          for (const fix of fixesForFinding(analysis, finding, ctx)) {
            counts.actions++;
            assertEditsLocal(text, fix.edits, fix.title);
          }
          const disable = disableLineEdit(text, analysis.format, analysis.lineStarts, finding.span.start, finding.code);
          if (disable) {
            counts.actions++;
            assertEditsLocal(text, [disable], `disable ${finding.code}`);
          }
        }
        const all = fixAllEdits(analysis, applyPolicy(analysis.findings, DEFAULT_SETTINGS), ctx);
        counts.actions++;
        assertEditsLocal(text, all.flatMap((f) => f.edits), 'fix all');
      }),
      { numRuns: RUNS, seed: 6 },
    );
  });
});

/** LSP position to offset, strictly: the character must lie on the line (not past its end, not inside its EOL). */
function strictOffset(text: string, position: Position, what: string): number {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') continue;
    if (c === '\n' || c === '\r') lineStarts.push(i + 1);
  }
  assert.ok(position.line >= 0 && position.line < lineStarts.length, `${what}: line ${position.line} of ${lineStarts.length}`);
  const start = lineStarts[position.line];
  const next = position.line + 1 < lineStarts.length ? lineStarts[position.line + 1] : text.length;
  const content = text.slice(start, next).replace(/\r\n$|\r$|\n$/, '');
  assert.ok(position.character >= 0 && position.character <= content.length, `${what}: character ${position.character} past the line's ${content.length}`);
  return start + position.character;
}

function toOffsets(text: string, edits: LspTextEdit[], what: string): TextEdit[] {
  return edits.map((e) => ({ span: { start: strictOffset(text, e.range.start, what), end: strictOffset(text, e.range.end, what) }, newText: e.newText }));
}

describe('code actions over stdio', () => {
  let client: LspTestClient;
  let workspace: string;
  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-lens-fixes-'));
    client = await LspTestClient.start({ pullDiagnostics: false, root: workspace });
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  test('every quick fix and fix-all the server offers changes only its own range', { timeout: TIMEOUT }, async () => {
    const samples = fc.sample(fc.tuple(draftText, fc.constantFrom(['markdown', 'md'], ['latex', 'tex'], ['plaintext', 'txt'])), { numRuns: SERVER_RUNS, seed: 5 });
    let n = 0;
    let offered = 0;
    for (const [text, [languageId, ext]] of samples) {
      const uri = fileUri(path.join(workspace, `draft-${n++}.${ext}`));
      await client.open(uri, languageId, text);
      const diagnostics: Diagnostic[] = await client.waitForDiagnostics(uri);
      counts.drafts++;
      for (const diagnostic of diagnostics) {
        const actions = await client.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } });
        for (const action of actions ?? []) {
          counts.actions++;
          offered++;
          assertEditsLocal(text, toOffsets(text, editsFor(action.edit, uri), action.title), action.title);
        }
      }
      const fixAll = await client.request<CodeAction[] | null>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.trialLens'] },
      });
      for (const action of fixAll ?? []) {
        counts.actions++;
        assertEditsLocal(text, toOffsets(text, editsFor(action.edit, uri), action.title), action.title);
      }
      await client.close(uri);
    }
    assert.ok(offered > SERVER_RUNS, `the drafts should produce quick fixes (got ${offered})`);
  });
});
