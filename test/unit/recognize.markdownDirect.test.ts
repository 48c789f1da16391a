import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readMarkdownBlock, readWithParser } from '../../server/src/core/recognize/markdown';
import type { ProseReading } from '../../server/src/core/recognize/reading';

/** A reading as plain data: text, source ranges and citations. */
const plain = (r: ProseReading) => ({ text: r.mapped.text, starts: Array.from(r.mapped.starts), ends: Array.from(r.mapped.ends), citations: JSON.stringify(r.citations) });

// Paragraphs and list items whose only inline syntax is a lone "&" are read without the parser, their e-mail addresses
// as the parser's links: the reading must be the parser's, whatever the addresses and the text around them look like.
const FRAGMENTS = [
  'x@y.com', 'a.b@c-d.org', 'john.smith@mail.example.co.uk', 'foo@bar', 'n1@x.c0', 'a_b@c.com', 'NCT01234567@x.com',
  'PMC1234567@pmc.org', ' ', ' ', ' ', '  ', '\n', '\n ', 'word', 'Word', '12', '& ', ' & ', '&', '[', ']', '[@fry2018]',
  '(', ')', '.', ',', ';', ':', '-', '+', '/', '@', '#', '"', "'", 'é', 'x@y.com.', 'x@y.com,', '(x@y.com)',
  'x@y.com/path', 'x@y.com@z.com', 'a@b.c-d', 'x.@y.com', '.x@y.com', 'x@y..com', 'x@-y.com', 'x@y.com-', 'x+tag@y.com',
  'X@Y.COM', 'x@y.co1', '1.5', 'e.g.', '@key', ' @key', 'x@y.com;', 'x@y.com:', '"x@y.com"', '%', '1990', '  \n', '\t',
  '*', 'a*b*c', '_', 'R&D',
];

test('blocks with a lone & are read as the parser reads them, e-mail addresses included', () => {
  let seed = 2463534242;
  const next = (n: number) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  for (let i = 0; i < 3000; i++) {
    let body = '';
    for (let k = 1 + next(12); k > 0; k--) body += FRAGMENTS[next(FRAGMENTS.length)];
    body = body.trim();
    if (!body.includes('&')) continue;
    const kind = next(2) === 0 ? 'paragraph' : 'list-item';
    const block = kind === 'list-item' ? `- ${body}` : body;
    // Only blocks the parser reads (no other syntax, not dense with brackets) and that the layout could give.
    if (/^[-*+#>=]|^\d+[.)]|\n\s*\n|\n\s*(?:[-*+#>=]|\d+[.)])|[`<\\|~_*]|&[\w#]|\]\(|\]\[|\]:|!\[|\[\^|:\/\/|www\./.test(body)) continue;
    if ((body.match(/[[\]]/g)?.length ?? 0) > 0.08 * block.length) continue;
    assert.deepEqual(plain(readMarkdownBlock(block, kind, '')), plain(readWithParser(block, '')), JSON.stringify(block));
  }
});
