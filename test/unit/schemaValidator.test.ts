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
