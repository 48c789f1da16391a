/** The settings users see in VS Code (package.json) and the settings the server reads must not drift apart. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIAGNOSTIC_CODES } from '../../server/src/core/types';
import { DEFAULT_SETTINGS, mergeSettings, readSettings, type TrialLensSettings } from '../../server/src/shared/settings';

interface SchemaProperty {
  type: string;
  default: unknown;
  items?: { type: string; enum?: string[] };
  properties?: Record<string, { type: string; enum: string[] }>;
  additionalProperties?: boolean;
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
const properties: Record<string, SchemaProperty> = manifest.contributes.configuration.properties;
const EXTRA_CODES = ['dataset-error', 'file-skipped'];

test('every setting the server reads is contributed, and nothing else', () => {
  const fromCode = Object.keys(DEFAULT_SETTINGS).map((k) => `trialLens.${k}`).sort();
  assert.deepEqual(Object.keys(properties).sort(), fromCode);
});

test('the schema defaults are the code defaults, and read back unchanged', () => {
  const defaults: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) defaults[name.replace(/^trialLens\./, '')] = schema.default;
  assert.deepEqual(defaults, DEFAULT_SETTINGS);
  assert.deepEqual(mergeSettings(defaults), DEFAULT_SETTINGS);
});

test('each schema type matches the type of the code default', () => {
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS) as Array<[keyof TrialLensSettings, unknown]>) {
    const schema = properties[`trialLens.${key}`];
    const expected = Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;
    assert.equal(schema.type, expected, key);
    if (expected === 'array') assert.equal(schema.items?.type, 'string', key);
  }
});

test('severity names every diagnostic code with the severities the server understands', () => {
  const severity = properties['trialLens.severity'];
  assert.deepEqual(Object.keys(severity.properties ?? {}).sort(), [...DIAGNOSTIC_CODES, ...EXTRA_CODES].sort());
  for (const [code, schema] of Object.entries(severity.properties ?? {})) assert.deepEqual(schema.enum, ['error', 'warning', 'information', 'hint', 'off'], code);
  assert.equal(severity.additionalProperties, false);
  assert.deepEqual([...(properties['trialLens.disabledCodes'].items?.enum ?? [])].sort(), [...DIAGNOSTIC_CODES, ...EXTRA_CODES].sort());
  // A value the schema allows is one mergeSettings keeps.
  assert.deepEqual(mergeSettings({ severity: { rounding: 'off' }, disabledCodes: ['unknown-citation'] }).severity, { rounding: 'off' });
});

test('Restricted Mode is declared, and restricts the settings that point at files', () => {
  const untrusted = manifest.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, 'limited');
  assert.match(untrusted.description, /bundled/);
  assert.deepEqual([...untrusted.restrictedConfigurations].sort(), ['trialLens.bibliographies', 'trialLens.datasets']);
  for (const name of untrusted.restrictedConfigurations) assert.ok(properties[name], `${name} is contributed`);
});

test('settings of the wrong kind keep their defaults, and each one ignored is said, naming the setting and the value', () => {
  const { settings, problems } = readSettings({ severity: { 'unknown-citation': 'Error', rounding: 'loud', 'no-such-code': 'off' }, disabledCodes: ['arithmetic-inconsistancy'], maxFileSize: '100', datasets: 'data/my-data.json' });
  assert.deepEqual(settings.severity, { 'unknown-citation': 'error' }, '"Error" is read as error; "loud" is left out');
  assert.equal(settings.maxFileSize, DEFAULT_SETTINGS.maxFileSize);
  assert.deepEqual(settings.datasets, []);
  assert.equal(problems.length, 5);
  assert.ok(problems.some((p) => /trialLens\.severity\.rounding: "loud" is not one of error, warning, information, hint, off/.test(p)));
  assert.ok(problems.some((p) => /"no-such-code" is no Trial Lens code/.test(p)));
  assert.ok(problems.some((p) => /trialLens\.disabledCodes: "arithmetic-inconsistancy"/.test(p)));
  assert.ok(problems.some((p) => /trialLens\.maxFileSize must be a positive number/.test(p)));
  assert.ok(problems.some((p) => /trialLens\.datasets must be a list of strings/.test(p)));
  assert.deepEqual(readSettings(DEFAULT_SETTINGS).problems, []);
});
