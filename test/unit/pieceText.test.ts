/**
 * A PieceText reads as the string it holds, whatever edits made it: every read the recognizer makes (characters,
 * slices, line-break searches) is compared with the same read of a plain string, after each of many random edits at
 * piece boundaries and inside pieces. The change a version reports since an earlier one covers everything that differs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PieceText } from '../../server/src/core/text/pieceText';
import { random } from './helpers/random';

const INSERTS = ['', 'x', '\n', '\r\n', '\n\n', 'é', '😀', '\ud83d', 'a'.repeat(5000), 'line\nline\n'.repeat(3000)];

function assertSameReads(pieces: PieceText, text: string, next: () => number, label: string): void {
  assert.equal(pieces.length, text.length, label);
  for (let k = 0; k < 40; k++) {
    const i = Math.floor(next() * (text.length + 4)) - 2;
    const j = i + Math.floor(next() * 40000) - 100;
    assert.equal(pieces.charCodeAt(i), text.charCodeAt(i), `${label}: charCodeAt(${i})`);
    assert.equal(pieces.slice(i, j), text.slice(i, j), `${label}: slice(${i}, ${j})`);
    assert.equal(pieces.slice(i), text.slice(i), `${label}: slice(${i})`);
    assert.equal(pieces.indexOf('\n', i), text.indexOf('\n', i), `${label}: indexOf at ${i}`);
    assert.equal(pieces.lastIndexOf('\n', i), text.lastIndexOf('\n', i), `${label}: lastIndexOf at ${i}`);
  }
  assert.equal(pieces.lastIndexOf('\n'), text.lastIndexOf('\n'), label);
}

/** Everything before `start` and after the change's end is the same in both versions. */
function assertCovers(change: { start: number; oldEnd: number; newEnd: number }, before: string, after: string, label: string): void {
  assert.ok(change.start >= 0 && change.start <= change.oldEnd && change.start <= change.newEnd, label);
  assert.equal(before.slice(0, change.start), after.slice(0, change.start), `${label}: prefix`);
  assert.equal(before.slice(change.oldEnd), after.slice(change.newEnd), `${label}: suffix`);
}

for (const seed of [1, 2, 3, 4]) {
  test(`random edits (seed ${seed}): every read equals the string's, and each change covers the edit`, () => {
    const next = random(seed);
    let text = 'Complete remission in 73% (11/15) [@fry2018].\n\n'.repeat(2000);
    let pieces = PieceText.of(text);
    const versions: Array<{ pieces: PieceText; text: string }> = [{ pieces, text }];
    for (let step = 0; step < 150; step++) {
      const start = Math.floor(next() * (text.length + 1));
      const end = Math.min(text.length, start + (next() < 0.5 ? 0 : Math.floor(next() * (next() < 0.1 ? 60000 : 20))));
      const insert = INSERTS[Math.floor(next() * INSERTS.length)]!;
      pieces = pieces.replaced(start, end, insert);
      text = text.slice(0, start) + insert + text.slice(end);
      versions.push({ pieces, text });
      const label = `step ${step}`;
      assertSameReads(pieces, text, next, label);
      assertCovers(pieces.changeSince(versions[versions.length - 2]!.pieces)!, versions[versions.length - 2]!.text, text, `${label}, since the version before`);
      // Several versions back, the changes in between are one range.
      const back = versions[Math.max(0, versions.length - 1 - Math.ceil(next() * 7))]!;
      assertCovers(pieces.changeSince(back.pieces)!, back.text, text, `${label}, since an earlier version`);
      if (step % 10 === 0) assert.equal(String(pieces), text, label);
    }
    // Too far back, or never a version of this text: no change is claimed.
    assert.equal(pieces.changeSince(versions[0]!.pieces), undefined);
    assert.equal(pieces.changeSince(PieceText.of(text)), undefined);
    assert.equal(String(pieces), text);
  });
}

test('an emptied text and a text built up from nothing read as their strings', () => {
  let pieces = PieceText.of('abc\ndef');
  pieces = pieces.replaced(0, 7, '');
  assert.equal(pieces.length, 0);
  assert.equal(String(pieces), '');
  assert.equal(pieces.slice(0, 5), '');
  assert.equal(pieces.lastIndexOf('\n', 3), -1);
  pieces = pieces.replaced(0, 0, 'x\ny');
  assert.equal(String(pieces), 'x\ny');
  assert.equal(pieces.lastIndexOf('\n', -1), 'x\ny'.lastIndexOf('\n', -1));
  assert.throws(() => pieces.indexOf('ab'), /one character/);
});
