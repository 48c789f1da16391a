/**
 * The editor's diagnostics are made block by block and kept between keystrokes. After every edit they must be what
 * the whole document's findings give when converted afresh: same ranges, severities, messages, data and order, with
 * suppression comments and the user's severity settings applied.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../server/src/core/analyze';
import { applyPolicy } from '../../server/src/core/check/policy';
import { diagnosticsFor, findingToDiagnostic } from '../../server/src/features/diagnostics';
import type { Services } from '../../server/src/services';
import { DEFAULT_SETTINGS, type TrialLensSettings } from '../../server/src/shared/settings';
import { AnalysisStore } from '../../server/src/workspace/analyses';
import { contextFor, ROOT } from './helpers/pipeline';
import { random } from './helpers/random';

const ctx = contextFor();

const SUPPRESSED = '<!-- trial-lens-disable-next-line -->\nCRS occurred in 16 of 20 patients (85%).\n\nGrade 3 CRS occurred in 9 of 20 patients (40%).\n';
const EDITS = ['7', ' ', '%', '\n', '\n\n', ' (11/15)', '[@fry2018]', '<!-- trial-lens-disable-next-line -->\n', '# '];

test('diagnostics kept block by block equal the whole document converted afresh, edit after edit, under changing settings', () => {
  const draft = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'corpus', 'planted-errors.md'), 'utf8');
  let settings: TrialLensSettings = DEFAULT_SETTINGS;
  const analyses = new AnalysisStore(() => ctx, () => 64 << 20);
  const services = { isChecked: () => true, analyses, settings: () => settings } as unknown as Services;
  let doc = TextDocument.create('file:///draft.md', 'markdown', 1, `${SUPPRESSED}\n${draft}\n${SUPPRESSED}`);
  const next = random(11);
  let suppressedSeen = false;
  for (let step = 0; step < 80; step++) {
    if (step === 30 || step === 55) {
      // The user changes a setting: the same version's diagnostics are pushed again.
      settings = step === 30 ? { ...DEFAULT_SETTINGS, severity: { 'arithmetic-inconsistency': 'hint', 'unknown-citation': 'off' } } : { ...DEFAULT_SETTINGS, disabledCodes: ['contradicts-dataset'] };
      const expected = applyPolicy(analyzeDocument(doc.getText(), 'markdown', ctx).findings, settings).map((f) => findingToDiagnostic(doc, f));
      assert.deepEqual(JSON.parse(JSON.stringify(diagnosticsFor(doc, services))), JSON.parse(JSON.stringify(expected)), `settings at step ${step}`);
    }
    const text = doc.getText();
    const at = Math.floor(next() * text.length);
    const insert = next() < 0.3 ? '' : EDITS[Math.floor(next() * EDITS.length)]!;
    const removed = insert === '' ? 1 + Math.floor(next() * 4) : 0;
    doc = TextDocument.update(doc, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + removed) }, text: insert }], doc.version + 1);

    const kept = diagnosticsFor(doc, services);
    const fresh = analyzeDocument(doc.getText(), 'markdown', ctx);
    const expected = applyPolicy(fresh.findings, settings).map((f) => findingToDiagnostic(doc, f));
    assert.deepEqual(JSON.parse(JSON.stringify(kept)), JSON.parse(JSON.stringify(expected)), `step ${step}`);
    if (fresh.suppressions.length > 0 && analyzeDocument(doc.getText().replaceAll('trial-lens-disable-next-line', 'x'), 'markdown', ctx).findings.length > fresh.findings.length) suppressedSeen = true;
  }
  assert.ok(suppressedSeen, 'some steps had findings suppressed');
});
