// The grammar files are wired into package.json correctly, are up to date with their generator, and every
// pattern stays fast on long hostile lines (Oniguruma has no time limit: a catastrophic regex hangs the editor).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readGrammarContributions, ROOT, spans, STATISTIC, tokenize } from './tokenize';

interface RawGrammar {
  scopeName: string;
  injectionSelector?: string;
  repository?: Record<string, { match?: string; patterns?: { match?: string }[] }>;
}

const readGrammar = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as RawGrammar;

describe('package.json contributes.grammars', () => {
  const grammars = readGrammarContributions();

  it('points every grammar at an existing file whose scopeName matches', () => {
    assert.ok(grammars.length >= 3, 'expected the two injections and the plain-text host');
    for (const g of grammars) {
      assert.ok(g.path.startsWith('./syntaxes/'), g.path);
      assert.ok(existsSync(join(ROOT, g.path)), `missing ${g.path}`);
      assert.equal(readGrammar(g.path).scopeName, g.scopeName, g.path);
    }
  });

  it('injects into Markdown, LaTeX, TeX and plain text, each with a selector for that host', () => {
    const injectedHosts = new Map<string, string>();
    for (const g of grammars.filter((c) => c.injectTo)) {
      const selector = readGrammar(g.path).injectionSelector ?? '';
      for (const host of g.injectTo ?? []) {
        injectedHosts.set(host, g.scopeName);
        // `text.tex` in a selector also matches `text.tex.latex`
        const selected = host === 'text.tex.latex' ? /\bL:text\.tex\b/ : new RegExp(`\\bL:${host.replace(/\./g, '\\.')}\\b`);
        assert.match(selector, selected, `${g.scopeName} is injected into ${host} but its selector never selects it`);
      }
    }
    assert.deepEqual([...injectedHosts.keys()].sort(), ['text.html.markdown', 'text.plain', 'text.tex', 'text.tex.latex']);
  });

  it('gives plain text a host grammar to inject into, since VS Code ships none', () => {
    const plain = grammars.find((g) => g.scopeName === 'text.plain');
    assert.equal(plain?.language, 'plaintext');
  });

  it('ships the syntaxes folder in the packaged extension', () => {
    const ignoreFile = join(ROOT, '.vscodeignore');
    if (!existsSync(ignoreFile)) return; // without one, vsce packages every file
    const ignore = readFileSync(ignoreFile, 'utf8').split('\n');
    assert.ok(ignore.includes('!syntaxes/**') || ignore.some((l) => l.startsWith('!syntaxes/')), '.vscodeignore drops syntaxes/');
  });
});

describe('generated grammar files', () => {
  it('are what syntaxes/src/generate.mjs produces', () => {
    // exits non-zero (and execFileSync throws) when a JSON file was edited by hand or not regenerated
    execFileSync(process.execPath, [join(ROOT, 'syntaxes', 'src', 'generate.mjs'), '--check'], { stdio: 'pipe' });
  });
});

describe('pattern safety', () => {
  // Lines built to make a backtracking regex explode: long runs of the pieces our patterns repeat.
  const hostile = [
    '1 '.repeat(3000),
    '1-'.repeat(3000),
    '1.1.'.repeat(1500),
    '[1,'.repeat(2000),
    '[@a; '.repeat(1000),
    '@a-'.repeat(2000),
    'Fry and '.repeat(800),
    '(Fry et al., 2018; '.repeat(400),
    'CD19/'.repeat(1500),
    'CD19-'.repeat(1500),
    '10.1000/'.repeat(800) + ' ',
    'grade 1 or '.repeat(600),
    '1 × 10^6 a '.repeat(500),
    '95% CI 1-'.repeat(600),
    'x'.repeat(6000) + '%',
    `https://${'a/'.repeat(3000)}`,
  ];

  for (const host of ['text.html.markdown', 'text.tex.latex', 'text.plain']) {
    it(`tokenizes long hostile lines quickly in ${host}`, async () => {
      await tokenize(host, 'warm up 73%'); // load grammars outside the timed part
      for (const line of hostile) {
        const started = process.hrtime.bigint();
        await tokenize(host, line);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        // linear patterns take a few milliseconds here; a catastrophic one takes minutes, so the bound is loose
        assert.ok(ms < 2000, `${host}: ${ms.toFixed(0)} ms on ${JSON.stringify(line.slice(0, 30))}...`);
      }
    });
  }

  it('still marks statistics after a long hostile prefix on the same line', async () => {
    assert.deepEqual(await spans('text.plain', `${'[1,'.repeat(200)} CR 73%`, STATISTIC), ['73%']);
  });
});
