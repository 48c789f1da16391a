import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultAntigenVocabulary, loadAntigenVocabulary, recognize } from '../../server/src/core/recognize';

const repo = path.resolve(__dirname, '../..');

test('the shipped vocabulary names the antigens, constructs and states of the brief, with hover descriptions', () => {
  const vocabulary = defaultAntigenVocabulary();
  for (const id of ['CD19', 'CD22', 'CD20', 'BCMA', 'CD19-CAR', 'CD22-CAR', 'CD19/CD22', 'CD19-dim', 'CD19-negative', 'CD22-positive', 'CD22-negative']) {
    const entry = vocabulary.byId.get(id);
    assert.ok(entry, id);
    assert.ok(entry.description.length > 10, `${id} has a description`);
  }
  assert.ok(vocabulary.byId.get('CD22')!.aliases.includes('SIGLEC-2'));
  assert.deepEqual(vocabulary.byId.get('CD19/CD22')!.antigens, ['CD19', 'CD22']);
});

test('seeds/antigens.json matches its schema where the loader cannot tell (every entry has the required fields)', () => {
  const json = JSON.parse(fs.readFileSync(path.join(repo, 'seeds/antigens.json'), 'utf8')) as { entries: Record<string, unknown>[] };
  const schema = JSON.parse(fs.readFileSync(path.join(repo, 'seeds/antigens.schema.json'), 'utf8')) as {
    properties: { entries: { items: { required: string[]; properties: Record<string, unknown> } } };
  };
  const { required, properties } = schema.properties.entries.items;
  for (const entry of json.entries) {
    for (const field of required) assert.ok(field in entry, `${String(entry.id)}: ${field}`);
    for (const field of Object.keys(entry)) assert.ok(field in properties, `${String(entry.id)}: ${field} is in the schema`);
  }
});

test('a user vocabulary is loaded, validated and used', () => {
  const vocabulary = loadAntigenVocabulary({
    entries: [
      { id: 'CD7', label: 'CD7', kind: 'antigen', antigens: ['CD7'], aliases: ['gp40'], description: 'T-cell antigen.' },
      { id: 'CD7-CAR', label: 'CD7-CAR', kind: 'construct', construct: 'CAR', antigens: ['CD7'], aliases: ['CAR7', 'CD7 CAR'], description: '' },
    ],
  });
  const doc = recognize('CD7 CAR T cells target gp40 and CD22.', 'plaintext', { vocabulary });
  assert.deepEqual(doc.antigens.map((a) => [a.text, a.canonical]), [['CD7 CAR', 'CD7-CAR'], ['gp40', 'CD7'], ['CD22', 'CD22']]);
  assert.throws(() => loadAntigenVocabulary({ entries: [{ id: 'X', kind: 'nonsense', antigens: ['X'], aliases: [] }] }), /kind/);
  assert.throws(() => loadAntigenVocabulary({ entries: [{ id: 'X', kind: 'antigen', antigens: [], aliases: [] }] }), /antigens/);
  assert.throws(() => loadAntigenVocabulary([]), /entries/);
});

test('a case-sensitive alias matches only as written', () => {
  const doc = recognize('B4 and b4 and BCMA and bcma.', 'plaintext');
  assert.deepEqual(doc.antigens.map((a) => a.text), ['B4', 'BCMA']);
});
