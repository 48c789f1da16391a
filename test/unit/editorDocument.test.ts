/**
 * The server's document (text in pieces) answers every TextDocument question as vscode-languageserver-textdocument's
 * does, after each of many random changes: incremental ranges anywhere (reversed, past the end, inside CRLF), full
 * replacements, several changes in one notification. The library's implementation is the oracle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { EditorDocument, EditorDocuments } from '../../server/src/workspace/editorDocument';
import { random } from './helpers/random';

const INSERTS = ['', 'x', '\n', '\r\n', '\r', 'a\r\nb\nc', 'é😀', '\n\n', 'line\n'.repeat(12000), '73% (11/15) '.repeat(3000)];

function randomChange(next: () => number, doc: TextDocument): TextDocumentContentChangeEvent {
  if (next() < 0.02) return { text: INSERTS[Math.floor(next() * INSERTS.length)]!.repeat(3) };
  const position = () => ({ line: Math.floor(next() * (doc.lineCount + 2)) - 1, character: Math.floor(next() * 90) - 5 });
  const start = position();
  const end = next() < 0.4 ? start : next() < 0.9 ? { line: start.line + Math.floor(next() * 3), character: Math.floor(next() * 60) } : position();
  return { range: { start, end }, text: INSERTS[Math.floor(next() * INSERTS.length)]! };
}

function assertSame(ours: EditorDocument, theirs: TextDocument, next: () => number, label: string): void {
  assert.equal(ours.version, theirs.version, label);
  assert.equal(ours.lineCount, theirs.lineCount, `${label}: lineCount`);
  assert.equal(ours.getText(), theirs.getText(), `${label}: text`);
  const length = theirs.getText().length;
  for (let k = 0; k < 30; k++) {
    const offset = Math.floor(next() * (length + 6)) - 3;
    assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `${label}: positionAt(${offset})`);
    const position = { line: Math.floor(next() * (theirs.lineCount + 2)) - 1, character: Math.floor(next() * 100) - 3 };
    assert.equal(ours.offsetAt(position), theirs.offsetAt(position), `${label}: offsetAt(${JSON.stringify(position)})`);
    const end = { line: position.line + Math.floor(next() * 3), character: Math.floor(next() * 50) };
    assert.equal(ours.getText({ start: position, end }), theirs.getText({ start: position, end }), `${label}: getText(${JSON.stringify([position, end])})`);
    const line = Math.floor(next() * (theirs.lineCount + 2)) - 1;
    assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line), `${label}: getLineRange(${line})`);
    assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line), `${label}: getEOLCharacters(${line})`);
  }
}

for (const seed of [11, 12, 13]) {
  test(`random changes (seed ${seed}): the document answers as the library's TextDocument`, () => {
    const next = random(seed);
    const initial = 'Complete remission in 73% (11/15) [@fry2018].\r\n\nCRS in 16 of 21 patients.\n'.repeat(800);
    const ours = EditorDocuments.create('file:///a.md', 'markdown', 1, initial) as EditorDocument;
    let theirs = TextDocument.create('file:///a.md', 'markdown', 1, initial);
    for (let version = 2; version < 120; version++) {
      // Several changes in one notification now and then, each against the text the one before it left.
      const changes: TextDocumentContentChangeEvent[] = [];
      const scratch = TextDocument.create('file:///s', 'markdown', 0, theirs.getText());
      for (let c = next() < 0.15 ? 3 : 1; c > 0; c--) {
        const change = randomChange(next, scratch);
        changes.push(change);
        TextDocument.update(scratch, [change], 0);
      }
      EditorDocuments.update(ours, changes, version);
      theirs = TextDocument.update(theirs, changes, version);
      assertSame(ours, theirs, next, `version ${version}`);
    }
  });
}

test('each version of the text says how it differs from the one before', () => {
  const doc = new EditorDocument('file:///b.md', 'markdown', 1, 'one\ntwo\nthree\n');
  const before = doc.content;
  EditorDocuments.update(doc, [{ range: { start: { line: 1, character: 1 }, end: { line: 1, character: 2 } }, text: 'WW' }], 2);
  assert.equal(doc.getText(), 'one\ntWWo\nthree\n');
  assert.deepEqual(doc.content.changeSince(before), { start: 5, oldEnd: 6, newEnd: 7 });
});
