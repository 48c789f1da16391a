import { test } from 'node:test';
import { decodeText } from '../../server/src/core/text/readText';
import assert from 'node:assert/strict';
import { normalizeText, sourceSpan, sourceOffset, lineStarts, offsetToPosition, positionToOffset } from '../../server/src/core/text';

test('mojibake (UTF-8 read as Windows-1252) is repaired and mapped back to the original characters', () => {
  const original = 'preâ€“B, â‰¥1 Ã— 106, CD19âˆ’, donâ€™t, $29.99 /Â 30Â days';
  const n = normalizeText(original);
  assert.equal(n.text, "pre–B, ≥1 × 106, CD19−, don't, $29.99 / 30 days");
  const ge = n.text.indexOf('≥');
  assert.deepEqual(sourceSpan(n, ge, ge + 1), { start: original.indexOf('â‰¥'), end: original.indexOf('â‰¥') + 3 });
  const minus = n.text.indexOf('−');
  assert.equal(original.slice(sourceSpan(n, minus - 4, minus + 1).start, sourceSpan(n, minus - 4, minus + 1).end), 'CD19âˆ’');
});

test('accented text that is not mojibake is left alone', () => {
  assert.equal(normalizeText('naïve café Zürich São').text, 'naïve café Zürich São');
});

test('unicode spaces, zero-width characters, BOM and NUL are read as plain spacing', () => {
  const original = '\uFEFF73\u2009%\u00A0of\u200B 21\u202Fpatients\u0000.';
  const n = normalizeText(original);
  assert.equal(n.text, '73 % of 21 patients .');
  assert.equal(sourceOffset(n, 0), 1, 'the BOM is dropped; 7 is at offset 1');
});

test('superscript digits read as ^digits, keeping their place', () => {
  const original = '1 × 10⁶ cells/kg and 10⁻³';
  const n = normalizeText(original);
  assert.equal(n.text, '1 × 10^6 cells/kg and 10^-3');
  const caret = n.text.indexOf('^');
  assert.deepEqual(sourceSpan(n, caret, caret + 2), { start: 6, end: 7 });
});

test('a middle dot between digits is a decimal point (87·9%), elsewhere it stays', () => {
  assert.equal(normalizeText('51 (87·9%) and 3 · 4 and a·b').text, '51 (87.9%) and 3 · 4 and a·b');
});

test('typographic quotes and hyphens are straightened; minus and en dash keep their meaning', () => {
  assert.equal(normalizeText('“CD19‐negative” – CD19−').text, '"CD19-negative" – CD19−');
});

test('lone surrogates and control characters never throw', () => {
  const original = 'a\uD800b\uDC00c\u0001d';
  const n = normalizeText(original);
  assert.equal(n.text.length, original.length);
});

test('positions are 0-based lines and UTF-16 characters; CRLF and CR end lines', () => {
  const text = 'a🧪b\r\nsecond\rthird\nlast';
  const starts = lineStarts(text);
  assert.deepEqual(starts, [0, 6, 13, 19]);
  assert.deepEqual(offsetToPosition(text, 3), { line: 0, character: 3 }, 'the emoji counts as two UTF-16 units');
  assert.deepEqual(offsetToPosition(starts, 8), { line: 1, character: 2 });
  assert.deepEqual(offsetToPosition(starts, text.length), { line: 3, character: 4 });
  for (let offset = 0; offset <= text.length; offset++) {
    if (text[offset - 1] === '\r' && text[offset] === '\n') continue; // between CR and LF is not a position
    assert.equal(positionToOffset(text, offsetToPosition(text, offset)), offset, `round trip at ${offset}`);
  }
  assert.equal(positionToOffset(text, { line: 0, character: 99 }), 4, 'clamped before the line break');
  assert.equal(positionToOffset(text, { line: 99, character: 0 }), text.length);
  assert.equal(positionToOffset(starts, { line: 3, character: 2 }, text.length), 21);
});

test('readTextFile reads every file as fs.readFileSync(file, "utf8") does, ASCII or not (a byte-order mark aside)', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { readTextFile } = await import('../../server/src/core/text/readText');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-lens-read-'));
  try {
    const contents: Array<[string, Buffer]> = [
      ['ascii.md', Buffer.from('CR in 73% (11/15) [@fry2018].\n', 'latin1')],
      ['utf8.md', Buffer.from('CRS ≥ grade 3 in 2 of 21 patients – naïve\n', 'utf8')],
      // A Latin-1 byte that is not valid UTF-8 must decode as UTF-8 decodes it (U+FFFD), not as Latin-1 "é".
      ['latin1.md', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])],
      ['empty.md', Buffer.alloc(0)],
    ];
    for (const [name, bytes] of contents) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      assert.equal(readTextFile(file), fs.readFileSync(file, 'utf8'), name);
    }
    assert.equal(readTextFile(path.join(dir, 'latin1.md')), 'caf\uFFFD\n');
    fs.writeFileSync(path.join(dir, 'bom.md'), Buffer.from('\uFEFF73% of 21 patients\n', 'utf8'));
    assert.equal(readTextFile(path.join(dir, 'bom.md')), '73% of 21 patients\n', 'the mark is not text, as in an editor');
    assert.throws(() => readTextFile(path.join(dir, 'missing.md')), (error: NodeJS.ErrnoException) => error.code === 'ENOENT');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a byte-order mark says the encoding and is not part of the text (UTF-8, UTF-16 LE and BE)', () => {
  const text = 'CR in 73% (11/15) ≥ 1 × 10^6\n';
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  for (const bytes of [le, be, utf8, Buffer.from(text, 'utf8')]) assert.equal(decodeText(bytes), text);
  assert.equal(decodeText(Buffer.from('{"facts": []}', 'latin1')), '{"facts": []}');
});
