// Tokenizes text the way VS Code does: vscode-textmate + the Oniguruma wasm, the real Markdown/LaTeX/TeX host
// grammars (the copies tm-grammars ships, which are the ones VS Code bundles), and the injections that
// package.json `contributes.grammars` declares. Nothing here knows which grammar is ours except the manifest.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IOnigLib } from 'vscode-textmate';

export const ROOT = resolve(__dirname, '..', '..');

export const STATISTIC = 'constant.numeric.statistic.trial-lens';
export const ANTIGEN = 'entity.name.type.antigen.trial-lens';
export const CITATION = 'entity.name.tag.citation.trial-lens';

export interface GrammarContribution {
  language?: string;
  scopeName: string;
  path: string;
  injectTo?: string[];
}

export function readGrammarContributions(): GrammarContribution[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    contributes?: { grammars?: GrammarContribution[] };
  };
  return manifest.contributes?.grammars ?? [];
}

/** Host grammars VS Code ships that are not ours; tm-grammars carries the same files. */
const BUILT_IN_HOSTS: Record<string, string> = {
  'text.html.markdown': 'tm-grammars/grammars/markdown.json',
  'text.tex.latex': 'tm-grammars/grammars/latex.json',
  'text.tex': 'tm-grammars/grammars/tex.json',
  // HTML blocks inside Markdown, so that `<!-- ... -->` gets its comment scope as in the editor.
  'text.html.basic': 'tm-grammars/grammars/html.json',
  'text.html.derivative': 'tm-grammars/grammars/html-derivative.json',
};

function grammarPath(scopeName: string): string | undefined {
  const contributed = readGrammarContributions().find((g) => g.scopeName === scopeName);
  if (contributed) return join(ROOT, contributed.path);
  const builtIn = BUILT_IN_HOSTS[scopeName];
  if (builtIn) return require.resolve(builtIn);
  return undefined; // embedded languages (```js ...) are simply not highlighted, as in a bare editor
}

let onigLib: Promise<IOnigLib> | undefined;
function loadOnigLib(): Promise<IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

const grammars = new Map<string, Promise<IGrammar>>();

/** Loads a host grammar with every injection the manifest declares for it. */
export function loadHostGrammar(scopeName: string): Promise<IGrammar> {
  let grammar = grammars.get(scopeName);
  if (!grammar) {
    const registry = new Registry({
      onigLib: loadOnigLib(),
      loadGrammar: async (name) => {
        const path = grammarPath(name);
        return path ? parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
      },
      getInjections: (name) =>
        readGrammarContributions()
          .filter((g) => g.injectTo?.includes(name))
          .map((g) => g.scopeName),
    });
    grammar = registry.loadGrammar(scopeName).then((g) => {
      if (!g) throw new Error(`no grammar for ${scopeName}`);
      return g;
    });
    grammars.set(scopeName, grammar);
  }
  return grammar;
}

export interface Token {
  text: string;
  scopes: string[];
}

/** Tokenizes a whole document, line by line, carrying the rule stack like the editor does. */
export async function tokenize(hostScope: string, text: string): Promise<Token[][]> {
  const grammar = await loadHostGrammar(hostScope);
  let stack = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The stretches of text that carry `scope`, in document order; touching tokens are joined. */
export async function spans(hostScope: string, text: string, scope: string): Promise<string[]> {
  const out: string[] = [];
  for (const line of await tokenize(hostScope, text)) {
    let current: string | undefined;
    for (const token of line) {
      if (token.scopes.includes(scope)) {
        current = (current ?? '') + token.text;
      } else if (current !== undefined) {
        out.push(current);
        current = undefined;
      }
    }
    if (current !== undefined) out.push(current);
  }
  return out;
}

/** The full scope stack of the first token that starts with `needle` (for debugging and host checks). */
export async function scopesAt(hostScope: string, text: string, needle: string): Promise<string[]> {
  for (const line of await tokenize(hostScope, text)) {
    const token = line.find((t) => t.text.startsWith(needle));
    if (token) return token.scopes;
  }
  throw new Error(`no token starts with ${JSON.stringify(needle)}`);
}
