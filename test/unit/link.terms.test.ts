/**
 * The endpoint terms of a sentence (endpointMatcher) are found by a character trie. What it finds must be what a
 * reader finds: a term however the writer spaced, dashed or capitalised it, never inside a longer word, the longest
 * term where several start, and what a regular expression of the same terms (the matcher it replaced) finds in the
 * fixture drafts and in text made of terms broken up at random.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { endpointMatcher } from '../../server/src/core/link/context';
import { escapeRegExp } from '../../server/src/core/text/regexp';
import { contextFor, ROOT } from './helpers/pipeline';
import { random } from './helpers/random';

const endpoints = contextFor().dataset.endpoints;
const matcher = endpointMatcher(endpoints);

function found(text: string): string[] {
  return matcher.find(text, 0).map((hit) => `${hit.id}:${hit.text}`);
}

test('a term is found however the writer spaces, dashes and capitalises it', () => {
  assert.deepEqual(found('grade 1-2 CRS'), ['crs-grade-1-2:grade 1-2 CRS']);
  assert.deepEqual(found('grade 1--2 CRS'), ['crs-grade-1-2:grade 1--2 CRS']);
  assert.deepEqual(found('grade 1–2 CRS'), ['crs-grade-1-2:grade 1–2 CRS']);
  assert.deepEqual(found('Grade\u00a01-2 CRS'), ['crs-grade-1-2:Grade\u00a01-2 CRS']);
  assert.deepEqual(found('complete\n   remission'), ['complete-remission:complete\n   remission']);
  assert.deepEqual(found('COMPLETE REMISSION'), ['complete-remission:COMPLETE REMISSION']);
});

test('a term is never part of a longer word, and the longest term that starts at a place is the one found', () => {
  assert.ok(!found('an incomplete remission').some((hit) => hit.endsWith(':complete remission')));
  assert.deepEqual(found('complete remission2'), []);
  assert.deepEqual(found('(complete remission)'), ['complete-remission:complete remission']);
  assert.deepEqual(found('dose level 2'), ['dose:dose level']);
  // "CR" only in capitals: "cr" is not an abbreviation.
  assert.deepEqual(found('CR in 11'), ['complete-remission:CR']);
  assert.deepEqual(found('cr in 11'), []);
  assert.deepEqual(found('CRi in 3'), ['cr-cri:CRi']);
  // Short words are words in any case.
  assert.deepEqual(found('Aged 7 to 30'), ['age:Aged']);
  assert.deepEqual(found('the dose'), ['dose:dose']);
});

/**
 * The matcher the trie replaced: one alternation of the terms, longest first, on word boundaries; a short term written
 * with capitals needs them.
 */
function regexFind(text: string): string[] {
  const key = (term: string) => term.trim().toLowerCase().replace(/(?<=\d)(?:-{1,2}|–)(?=\d)/g, '-');
  const idOf = new Map<string, string>();
  const written = new Map<string, Set<string>>();
  for (const endpoint of endpoints.values()) {
    for (const term of [endpoint.label.toLowerCase(), ...endpoint.terms]) {
      if (!term.trim()) continue;
      if (!idOf.has(key(term))) idOf.set(key(term), endpoint.id);
      written.set(key(term), (written.get(key(term)) ?? new Set()).add(term.trim()));
    }
  }
  const needsCapitals = (matched: string) => {
    const forms = [...(written.get(key(matched)) ?? [])];
    if (key(matched).length > 4 || forms.some((f) => f === f.toLowerCase())) return false;
    return forms.every((f) => [...f].some((c, i) => /[A-Z]/.test(c) && matched[i] !== c));
  };
  const source = [...idOf.keys()]
    .sort((a, b) => b.length - a.length)
    .map((t) => escapeRegExp(t).replace(/\s+/g, '[\\s\\u00a0]+').replace(/(?<=\d)-(?=\d)/g, '(?:-{1,2}|–)'))
    .join('|');
  const regex = new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'giu');
  const out: string[] = [];
  for (const m of text.matchAll(regex)) {
    if (needsCapitals(m[0].replace(/[\s\u00a0]+/g, ' '))) continue;
    out.push(`${idOf.get(key(m[0].replace(/[\s\u00a0]+/g, ' ')))}:${m[0]}`);
  }
  return out;
}

test('the trie finds what a regular expression of the same terms finds, in the fixture drafts', () => {
  let compared = 0;
  for (const folder of ['test/fixtures/drafts', 'test/fixtures/corpus'].map((f) => path.join(ROOT, f))) {
    for (const name of fs.readdirSync(folder).filter((n) => /\.(md|tex|txt)$/.test(n))) {
      const text = fs.readFileSync(path.join(folder, name), 'utf8');
      const expected = regexFind(text);
      assert.deepEqual(found(text), expected, name);
      compared += expected.length;
    }
  }
  assert.ok(compared > 100, `only ${compared} terms in the fixture drafts`);
});

test('the trie finds what a regular expression of the same terms finds, in terms broken up at random', () => {
  const next = random(22);
  const terms = [...endpoints.values()].flatMap((e) => [e.label, ...e.terms]);
  const pieces = [' ', '  ', '\u00a0', '-', '--', '–', 'x', '1', '2', 'é', '(', ')', '\n', 'S', 's'];
  for (let round = 0; round < 300; round++) {
    let text = '';
    for (let i = 0; i < 8; i++) {
      let term = terms[Math.floor(next() * terms.length)]!;
      if (next() < 0.5) term = next() < 0.5 ? term.toUpperCase() : term[0]!.toUpperCase() + term.slice(1);
      // Cut a term short, or break it at a random place, or join it to its neighbour.
      const cut = Math.floor(next() * (term.length + 1));
      if (next() < 0.2) term = term.slice(0, cut);
      else if (next() < 0.3) term = term.slice(0, cut) + pieces[Math.floor(next() * pieces.length)]! + term.slice(cut);
      text += term + (next() < 0.2 ? '' : pieces[Math.floor(next() * pieces.length)]!);
    }
    assert.deepEqual(found(text), regexFind(text), JSON.stringify(text));
  }
});
