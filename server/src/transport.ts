/**
 * The stdio transport, with one change to how messages become bytes: diagnostics (and document symbols) are sent as
 * the bytes each had last time, for as long as it is the same object (features/diagnostics and
 * features/documentSymbols hand back the same object while its place and text are unchanged). A 1 MB draft has some 800 diagnostics, about 700 KB of JSON, and a
 * keystroke changes a few of them; encoding them all again was a third of the server's work per keystroke.
 * Diagnostics are written in ASCII, other characters as JSON's \u escapes: a few hundred "≥" and "–" in 700 KB of
 * quotes made the client decode and parse the whole message as two-byte text, 7-8 ms instead of 5 on each keystroke.
 * Every other message is encoded as vscode-jsonrpc does. Over IPC (--node-ipc) Node serializes messages itself.
 */
import { StreamMessageWriter, type ContentTypeEncoder, type Message } from 'vscode-languageserver/node';

/** The JSON of each diagnostic or leaf symbol sent, kept while the object lives. Neither is mutated once made. */
const encoded = new WeakMap<object, Buffer>();

const COMMA = Buffer.from(',');
/** Closes a symbol's children and the symbol. */
const CLOSE_CHILDREN = Buffer.from(']}');
/** Closes the array, then params / result, then the message. */
const END = Buffer.from(']}}');

/** A writer for stdout that reuses the bytes of unchanged diagnostics. */
export function stdioWriter(): StreamMessageWriter {
  return new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: diagnosticsReusingEncoder });
}

export const diagnosticsReusingEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(msg: Message): Promise<Uint8Array> {
    try {
      return Promise.resolve(encodeMessage(msg));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

/** The message as UTF-8 JSON; the same JSON as JSON.stringify(msg) gives, up to the order of keys. */
export function encodeMessage(msg: Message): Buffer {
  const message = msg as { method?: string; id?: unknown; params?: unknown; result?: unknown };
  // textDocument/publishDiagnostics: { uri, version?, diagnostics }.
  if (message.method === 'textDocument/publishDiagnostics' && hasOnlyKeys(message.params, ['uri', 'version', 'diagnostics'])) {
    const { uri, version, diagnostics } = message.params as { uri: string; version?: number; diagnostics: unknown };
    if (Array.isArray(diagnostics)) {
      const versionPart = version === undefined ? '' : `"version":${JSON.stringify(version)},`;
      const head = `{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":${asciiJson(uri) ?? '""'},${versionPart}"diagnostics":[`;
      return joined(head, diagnostics, END);
    }
  }
  // The answer to textDocument/diagnostic: { kind: 'full', resultId?, items }.
  if (message.id !== undefined && message.method === undefined && hasOnlyKeys(message, ['jsonrpc', 'id', 'result']) && hasOnlyKeys(message.result, ['kind', 'resultId', 'items'])) {
    const { kind, resultId, items } = message.result as { kind: unknown; resultId?: unknown; items: unknown };
    if (kind === 'full' && Array.isArray(items)) {
      const resultIdPart = resultId === undefined ? '' : `"resultId":${JSON.stringify(resultId)},`;
      const head = `{"jsonrpc":"2.0","id":${JSON.stringify(message.id)},"result":{"kind":"full",${resultIdPart}"items":[`;
      return joined(head, items, END);
    }
  }
  // The answer to textDocument/documentSymbol: a tree of symbols, most of them statistics whose symbol objects are
  // handed out again while unchanged (features/documentSymbols): 2.6 MB of JSON for a 1 MB draft.
  if (message.id !== undefined && message.method === undefined && hasOnlyKeys(message, ['jsonrpc', 'id', 'result']) && isSymbolList(message.result)) {
    const parts: Buffer[] = [Buffer.from(`{"jsonrpc":"2.0","id":${JSON.stringify(message.id)},"result":[`, 'utf-8')];
    symbolsInto(parts, message.result);
    parts.push(Buffer.from(']}'));
    return Buffer.concat(parts);
  }
  return Buffer.from(JSON.stringify(msg), 'utf-8');
}

/** A non-empty array of document symbols (what only a documentSymbol answer holds). */
function isSymbolList(value: unknown): value is SymbolLike[] {
  return Array.isArray(value) && value.length > 0 && value.every((s) => typeof s === 'object' && s !== null && 'name' in s && 'selectionRange' in s);
}

interface SymbolLike {
  children?: unknown;
}

/** Symbols, comma-separated: a leaf as the bytes it had last time, a parent's own fields encoded and its children after. */
function symbolsInto(parts: Buffer[], symbols: readonly SymbolLike[]): void {
  for (let i = 0; i < symbols.length; i++) {
    if (i > 0) parts.push(COMMA);
    const symbol = symbols[i]!;
    const { children } = symbol;
    if (!Array.isArray(children) || children.length === 0) {
      parts.push(bytesOf(symbol));
      continue;
    }
    const own = asciiJson({ ...symbol, children: undefined })!;
    parts.push(Buffer.from(`${own.slice(0, -1)}${own.length > 2 ? ',' : ''}"children":[`, 'latin1'));
    symbolsInto(parts, children as SymbolLike[]);
    parts.push(CLOSE_CHILDREN);
  }
}

function joined(head: string, items: unknown[], end: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from(head, 'utf-8')];
  for (let i = 0; i < items.length; i++) {
    if (i > 0) parts.push(COMMA);
    parts.push(bytesOf(items[i]));
  }
  parts.push(end);
  return Buffer.concat(parts);
}

function bytesOf(item: unknown): Buffer {
  const kept = typeof item === 'object' && item !== null;
  let bytes = kept ? encoded.get(item) : undefined;
  if (!bytes) {
    bytes = (kept ? movedBytes(item as Ranged) : undefined) ?? Buffer.from(asciiJson(item) ?? 'null', 'latin1');
    if (kept) {
      encoded.set(item, bytes);
      // Its own bytes are all it needs now: the earlier diagnostic is not kept alive for it.
      movedFrom.delete(item);
    }
  }
  return bytes;
}

interface Ranged {
  range?: unknown;
}

/** Diagnostics that are an earlier one at another range (features/diagnostics makes them with `{ ...earlier, range }`). */
const movedFrom = new WeakMap<object, Ranged>();

/**
 * `moved` is `earlier` with another range and nothing else changed: the writer may encode it from the bytes sent for
 * earlier (or for the one earlier was moved from, when earlier was never sent). Each diagnostic so keeps at most one
 * sent diagnostic alive, until it is sent itself.
 */
export function encodesLike(moved: Ranged, earlier: Ranged): void {
  const sent = encoded.has(earlier) ? earlier : movedFrom.get(earlier);
  if (sent && encoded.has(sent)) movedFrom.set(moved, sent);
}

/** A moved diagnostic's JSON: its own range, then what the earlier one's bytes say after theirs. */
function movedBytes(item: Ranged): Buffer | undefined {
  const earlier = movedFrom.get(item);
  const bytes = earlier && encoded.get(earlier);
  if (!bytes) return undefined;
  const head = `{"range":${JSON.stringify(earlier!.range)}`;
  if (bytes.length <= head.length || bytes.toString('latin1', 0, head.length) !== head) return undefined;
  return Buffer.concat([Buffer.from(`{"range":${JSON.stringify(item.range)}`, 'latin1'), bytes.subarray(head.length)]);
}

const NON_ASCII = /[\u0080-\uffff]/g;

/** JSON.stringify's text with every character above U+007F written as a \u escape: the same JSON value, in ASCII. */
function asciiJson(value: unknown): string | undefined {
  const json = JSON.stringify(value) as string | undefined;
  return json === undefined ? undefined : json.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function hasOnlyKeys(value: unknown, allowed: string[]): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) if (!allowed.includes(key)) return false;
  return true;
}
