/**
 * The antigen vocabulary (seeds/antigens.json): canonical ids, aliases and hover descriptions, compiled into a
 * character trie so that recognition is one bounded walk per word start (longest alias wins).
 */
import vocabularyJson from '../../../../seeds/antigens.json';

export type AntigenKind = 'antigen' | 'construct' | 'expression-state' | 'bispecific';

export interface AntigenVocabularyEntry {
  id: string;
  label: string;
  kind: AntigenKind;
  /** The plain antigens involved: ['CD19', 'CD22'] for the bispecific. */
  antigens: string[];
  aliases: string[];
  description: string;
  expression?: 'negative' | 'dim' | 'positive';
  construct?: 'CAR' | 'bispecific' | 'dual';
}

/** A trie node. Keys are folded character codes (see foldChar). */
export interface VocabularyTrieNode {
  next: Map<number, VocabularyTrieNode>;
  /** An alias ends here. */
  entry?: AntigenVocabularyEntry;
  /** When set, the alias must match with exactly this spelling (case included). */
  exact?: string;
  /** An alias written with a trailing hyphen ("CD19-") ends here: it needs a literal '-' not followed by a letter. */
  dashEntry?: AntigenVocabularyEntry;
}

export interface AntigenVocabulary {
  readonly entries: readonly AntigenVocabularyEntry[];
  readonly byId: ReadonlyMap<string, AntigenVocabularyEntry>;
  readonly trie: VocabularyTrieNode;
  /** Longest alias length: the bound on one trie walk. */
  readonly maxAliasLength: number;
}

/** Separator class: space, hyphen, en dash, no-break space inside an alias or the text all fold to this. */
export const SEPARATOR = 1;

/** Folds a character for matching: lower case, separators to SEPARATOR. */
export function foldChar(code: number): number {
  if (code >= 65 && code <= 90) return code + 32;
  if (code === 32 || code === 45 || code === 0x2013 || code === 0xa0 || code === 0x2010 || code === 0x2011) return SEPARATOR;
  if (code < 128) return code;
  const lower = String.fromCharCode(code).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : code;
}

const KINDS = new Set<AntigenKind>(['antigen', 'construct', 'expression-state', 'bispecific']);
const EXPRESSIONS = new Set(['negative', 'dim', 'positive']);
const CONSTRUCTS = new Set(['CAR', 'bispecific', 'dual']);

function fail(message: string): never {
  throw new Error(`antigen vocabulary: ${message}`);
}

function asString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.length === 0) fail(`${where} must be a non-empty string`);
  return value;
}

/** Validates and compiles a vocabulary (the parsed JSON of seeds/antigens.json or a user's file of the same shape). */
export function loadAntigenVocabulary(json: unknown): AntigenVocabulary {
  if (typeof json !== 'object' || json === null) fail('expected an object with "entries"');
  const rawEntries = (json as { entries?: unknown }).entries;
  if (!Array.isArray(rawEntries)) fail('"entries" must be an array');
  const entries: AntigenVocabularyEntry[] = [];
  const byId = new Map<string, AntigenVocabularyEntry>();
  const trie: VocabularyTrieNode = { next: new Map() };
  let maxAliasLength = 0;
  rawEntries.forEach((raw: unknown, index: number) => {
    const where = `entries[${index}]`;
    if (typeof raw !== 'object' || raw === null) fail(`${where} must be an object`);
    const r = raw as Record<string, unknown>;
    const id = asString(r.id, `${where}.id`);
    if (byId.has(id)) fail(`${where}: duplicate id "${id}"`);
    const kind = r.kind as AntigenKind;
    if (!KINDS.has(kind)) fail(`${where}.kind must be one of ${[...KINDS].join(', ')}`);
    if (!Array.isArray(r.antigens) || r.antigens.length === 0) fail(`${where}.antigens must be a non-empty array`);
    if (!Array.isArray(r.aliases)) fail(`${where}.aliases must be an array`);
    if (r.expression !== undefined && !EXPRESSIONS.has(r.expression as string)) fail(`${where}.expression is not known`);
    if (r.construct !== undefined && !CONSTRUCTS.has(r.construct as string)) fail(`${where}.construct is not known`);
    const entry: AntigenVocabularyEntry = {
      id,
      label: typeof r.label === 'string' ? r.label : id,
      kind,
      antigens: r.antigens.map((a: unknown, k: number) => asString(a, `${where}.antigens[${k}]`)),
      aliases: [],
      description: typeof r.description === 'string' ? r.description : '',
    };
    if (r.expression !== undefined) entry.expression = r.expression as AntigenVocabularyEntry['expression'];
    if (r.construct !== undefined) entry.construct = r.construct as AntigenVocabularyEntry['construct'];
    const aliases: { text: string; caseSensitive: boolean }[] = [];
    r.aliases.forEach((a: unknown, k: number) => {
      if (typeof a === 'string') aliases.push({ text: asString(a, `${where}.aliases[${k}]`), caseSensitive: false });
      else if (typeof a === 'object' && a !== null) {
        const o = a as { text?: unknown; caseSensitive?: unknown };
        aliases.push({ text: asString(o.text, `${where}.aliases[${k}].text`), caseSensitive: o.caseSensitive === true });
      } else fail(`${where}.aliases[${k}] must be a string or {text, caseSensitive}`);
    });
    // The id names the entry too, unless an alias already spells it (with its own case rule).
    if (!aliases.some((a) => a.text === id)) aliases.push({ text: id, caseSensitive: false });
    for (const alias of aliases) {
      if (alias.text.length > 80) fail(`${where}: alias "${alias.text.slice(0, 20)}..." is longer than 80 characters`);
      if (!entry.aliases.includes(alias.text)) entry.aliases.push(alias.text);
      insertAlias(trie, alias.text, alias.caseSensitive, entry);
      maxAliasLength = Math.max(maxAliasLength, alias.text.length);
    }
    entries.push(entry);
    byId.set(id, entry);
  });
  return { entries, byId, trie, maxAliasLength };
}

function insertAlias(trie: VocabularyTrieNode, alias: string, caseSensitive: boolean, entry: AntigenVocabularyEntry): void {
  const trailingDash = alias.length > 1 && alias.endsWith('-');
  const body = trailingDash ? alias.slice(0, -1) : alias;
  let node = trie;
  for (let i = 0; i < body.length; i++) {
    const key = foldChar(body.charCodeAt(i));
    let next = node.next.get(key);
    if (!next) {
      next = { next: new Map() };
      node.next.set(key, next);
    }
    node = next;
  }
  if (trailingDash) {
    node.dashEntry ??= entry;
  } else if (!node.entry) {
    node.entry = entry;
    if (caseSensitive) node.exact = body;
  }
}

let defaultVocabulary: AntigenVocabulary | undefined;

/** The vocabulary shipped in seeds/antigens.json (bundled with the server). */
export function defaultAntigenVocabulary(): AntigenVocabulary {
  defaultVocabulary ??= loadAntigenVocabulary(vocabularyJson);
  return defaultVocabulary;
}
