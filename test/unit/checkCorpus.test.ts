/**
 * Drafts written to judge the checker as a reader would: each planted error is caught, and correct numbers, other
 * studies' numbers and quoted passages stay silent. NAME.expected.json lists the errors and warnings (line, code) a
 * careful reader marks; hints and information are free.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectFormat } from '../../server/src/core/recognize';
import { ROOT, findingsOf } from './helpers/pipeline';

const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');

describe('checker on the judging corpus', () => {
  for (const name of fs.readdirSync(CORPUS).filter((n) => !n.endsWith('.json')).sort()) {
    it(name, () => {
      const text = fs.readFileSync(path.join(CORPUS, name), 'utf8');
      const expected = JSON.parse(fs.readFileSync(path.join(CORPUS, name.replace(/\.[^.]+$/, '.expected.json')), 'utf8')) as Array<{ line: number; code: string }>;
      const starts = [0];
      for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
      const lineOf = (offset: number) => starts.filter((s) => s <= offset).length;
      const alarms = findingsOf(text, detectFormat(name))
        .filter((f) => f.severity === 'error' || f.severity === 'warning')
        .map((f) => ({ line: lineOf(f.span.start), code: f.code }));
      assert.deepEqual(alarms, expected);
    });
  }
});
