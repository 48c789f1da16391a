/**
 * Antigen names in normalized prose: vocabulary aliases by a bounded trie walk from each word start (longest match
 * wins), plus any other CD number (CD4, CD34) with an optional expression suffix (dim, neg, +, −).
 */
import { foldChar, type AntigenVocabulary, type AntigenVocabularyEntry, type VocabularyTrieNode } from './vocabulary';
import { isAlnumCode, isDigitCode, isLetterCode } from './tokens';

export interface AntigenCandidate {
  start: number;
  end: number;
  canonical: string;
  antigens: string[];
  expression?: string;
  construct?: string;
}

const EXPRESSION_SUFFIXES: [string, 'negative' | 'dim' | 'positive'][] = [
  ['-negative', 'negative'], ['-positive', 'positive'], ['-dim', 'dim'], ['negative', 'negative'],
  ['positive', 'positive'], ['bright', 'positive'], ['^dim', 'dim'], ['^low', 'dim'], ['^lo', 'dim'], ['^neg', 'negative'],
  ['^-', 'negative'], ['^−', 'negative'], ['^+', 'positive'], ['neg', 'negative'], ['pos', 'positive'], ['dim', 'dim'],
  ['low', 'dim'], ['high', 'positive'], ['lo', 'dim'], ['hi', 'positive'], ['+', 'positive'], ['−', 'negative'],
];

/** After an alias ending at `end`, may the match stop here? */
function boundaryOk(text: string, end: number, lastAliasChar: number): boolean {
  if (end >= text.length) return true;
  const next = text.charCodeAt(end);
  if (!isAlnumCode(lastAliasChar)) return true;
  if (isLetterCode(lastAliasChar)) return !isLetterCode(next); // "CD22-CAR22": a glued reference marker may follow
  return !isAlnumCode(next);
}

function trieMatch(text: string, start: number, vocabulary: AntigenVocabulary): [number, AntigenVocabularyEntry] | undefined {
  let node: VocabularyTrieNode | undefined = vocabulary.trie;
  let best: [number, AntigenVocabularyEntry] | undefined;
  const limit = Math.min(text.length, start + vocabulary.maxAliasLength + 1);
  let k = start;
  while (node) {
    if (k > start) {
      if (node.entry && boundaryOk(text, k, text.charCodeAt(k - 1)) && (!node.exact || text.slice(start, k) === node.exact)) {
        best = [k, node.entry];
      }
      if (node.dashEntry && text[k] === '-' && (k + 1 >= text.length || !isAlnumCode(text.charCodeAt(k + 1)))) {
        best = [k + 1, node.dashEntry];
      }
    }
    if (k >= limit) break;
    node = node.next.get(foldChar(text.charCodeAt(k)));
    k++;
  }
  return best;
}

/** "CD34", "CD-4", "CD19dim", "CD22+": [end, antigen, expression] for any CD number. */
function genericCd(text: string, start: number): [number, string, 'negative' | 'dim' | 'positive' | undefined] | undefined {
  if (text[start] !== 'C' || text[start + 1] !== 'D') return undefined;
  let j = start + 2;
  if (text[j] === '-' && isDigitCode(text.charCodeAt(j + 1))) j++;
  const digits = j;
  while (j < text.length && isDigitCode(text.charCodeAt(j)) && j - digits < 4) j++;
  if (j === digits || j - digits > 3 || isDigitCode(text.charCodeAt(j))) return undefined;
  const antigen = `CD${text.slice(digits, j)}`;
  for (const [suffix, state] of EXPRESSION_SUFFIXES) {
    if (!text.startsWith(suffix, j)) continue;
    const end = j + suffix.length;
    const last = text.charCodeAt(end - 1);
    if (boundaryOk(text, end, last)) return [end, antigen, state];
  }
  if (j < text.length && isLetterCode(text.charCodeAt(j))) return undefined;
  if (text[j] === '-' && (j + 1 >= text.length || !isAlnumCode(text.charCodeAt(j + 1))) && text[j + 1] !== '-') {
    return [j + 1, antigen, 'negative'];
  }
  return [j, antigen, undefined];
}

export function recognizeAntigens(text: string, vocabulary: AntigenVocabulary, blocked: Uint8Array): AntigenCandidate[] {
  const out: AntigenCandidate[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isLetterCode(c) || (i > 0 && isAlnumCode(text.charCodeAt(i - 1))) || blocked[i] === 1) {
      i++;
      continue;
    }
    const canStart = vocabulary.trie.next.has(foldChar(c)) || c === 67;
    const fromVocabulary = canStart ? trieMatch(text, i, vocabulary) : undefined;
    const generic = c === 67 ? genericCd(text, i) : undefined;
    if (generic && (!fromVocabulary || generic[0] > fromVocabulary[0])) {
      const [end, antigen, state] = generic;
      const base = vocabulary.byId.get(antigen);
      const id = state ? `${antigen}-${state}` : antigen;
      const entry = vocabulary.byId.get(id);
      const candidate: AntigenCandidate = { start: i, end, canonical: entry?.id ?? id, antigens: entry?.antigens ?? base?.antigens ?? [antigen] };
      if (state) candidate.expression = state;
      out.push(candidate);
      i = end;
      continue;
    }
    if (fromVocabulary) {
      const [end, entry] = fromVocabulary;
      const candidate: AntigenCandidate = { start: i, end, canonical: entry.id, antigens: [...entry.antigens] };
      if (entry.expression) candidate.expression = entry.expression;
      let construct = entry.construct as string | undefined;
      if (construct === 'bispecific' && /dual/i.test(text.slice(i, Math.min(n, end + 8)))) construct = 'dual';
      if (construct) candidate.construct = construct;
      out.push(candidate);
      i = end;
      continue;
    }
    // Skip the rest of this word.
    while (i < n && isAlnumCode(text.charCodeAt(i))) i++;
  }
  return out;
}
