/**
 * The dataset schema is validated by code ajv generated ahead of time (scripts/generate-schema-validator.mjs).
 * The checked-in module must match the schema, and must report exactly what ajv compiling the schema reports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { createSchemaValidator } from '../../server/src/core/dataset/validateSchema';
import { AJV_OPTIONS, validate } from '../../server/src/core/dataset/datasetSchemaValidator.generated';
import { validate as quickValidate } from '../../server/src/core/dataset/datasetSchemaQuickValidator.generated';

const precompiledValidate = validate as ValidateFunction;

const repo = path.resolve(__dirname, '../..');
const schema = JSON.parse(fs.readFileSync(path.join(repo, 'seeds/dataset.schema.json'), 'utf8')) as object;

test('the precompiled validator is up to date with seeds/dataset.schema.json', () => {
  const result = spawnSync(process.execPath, [path.join(repo, 'scripts/generate-schema-validator.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});

test('the precompiled validator reports the same errors as ajv compiling the schema', () => {
  const compiled = new Ajv(AJV_OPTIONS).compile(schema);
  const precompiled = createSchemaValidator(schema);
  const viaAjv = createSchemaValidator({ ...schema, title: 'a copy, so that it is compiled at run time' });
  const samples: unknown[] = [
    JSON.parse(fs.readFileSync(path.join(repo, 'seeds/dataset.json'), 'utf8')),
    JSON.parse(fs.readFileSync(path.join(repo, 'test/fixtures/dataset/bad-schema/schema.trial-lens.json'), 'utf8')),
    [],
    { facts: 3, extra: true },
    { references: [{ key: ' bad', title: '', authors: [], journal: 'J', year: 1700, doi: 'x', trial: [1] }] },
    { facts: [{ id: 'f', reference: 'r', source: 's', endpoint: 'e', quote: 'q', status: 'nope', count: '3' }, {}] },
    { sources: [{ id: 's' }, { id: 's', reference: 'r', file: 7 }] },
  ];
  for (const sample of samples) {
    assert.equal(precompiledValidate(sample), compiled(sample));
    assert.deepEqual(precompiledValidate.errors, compiled.errors);
    assert.deepEqual(precompiled(sample), viaAjv(sample));
  }
  assert.ok(precompiled(samples[1]).length > 0 && precompiled(samples[5]).length > 0);
});

test('the quick validator says valid exactly when ajv compiling the schema finds no error', () => {
  const compiled = new Ajv(AJV_OPTIONS).compile(schema);
  const bundled = JSON.parse(fs.readFileSync(path.join(repo, 'seeds/dataset.json'), 'utf8')) as Record<string, Array<Record<string, unknown>>>;
  // Each change breaks (or keeps) one field of one entry of the bundled dataset, the way hand-edited files go wrong.
  const changes: Array<(entry: Record<string, unknown>, key: string) => void> = [
    (entry, key) => delete entry[key],
    (entry, key) => (entry[key] = ''),
    (entry, key) => (entry[key] = '😀'),
    (entry, key) => (entry[key] = 3.5),
    (entry, key) => (entry[key] = -1),
    (entry, key) => (entry[key] = ['x']),
    (entry, key) => (entry[key] = null),
    (entry) => (entry.unexpected = true),
  ];
  let valid = 0;
  let invalid = 0;
  for (const collection of ['references', 'sources', 'facts']) {
    for (const [index, entry] of bundled[collection]!.entries()) {
      for (const key of Object.keys(entry)) {
        for (const change of changes) {
          const copy = structuredClone(bundled);
          change(copy[collection]![index]!, key);
          const expected = compiled(copy);
          assert.equal(quickValidate(copy), expected, `${collection}[${index}] after changing ${key}`);
          if (expected) valid++;
          else invalid++;
        }
      }
    }
  }
  // Both answers came up many times: the comparison means something.
  assert.ok(valid > 50 && invalid > 500, `${valid} valid, ${invalid} invalid`);
});
