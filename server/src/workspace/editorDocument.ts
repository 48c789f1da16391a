/**
 * The server's open documents: the TextDocument the LSP library's document manager keeps, with the text held as a
 * PieceText (core/text/pieceText.ts). vscode-languageserver-textdocument's implementation keeps one string, which it
 * copies whole on every change (it reads the new string's characters around the edit, which flattens it); here a
 * keystroke copies one piece, and the analysis reads the version and the change it came from (`content`).
 * Positions and offsets follow that implementation exactly: line offsets are kept the same way, CRLF included
 * (test/unit/editorDocument.test.ts compares the two on random edits).
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextDocumentsConfiguration } from 'vscode-languageserver';
import { PieceText } from '../core/text/pieceText';

export class EditorDocument implements TextDocument {
  private text: PieceText;
  private lineOffsets: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
  ) {
    this.text = PieceText.of(content);
  }

  get version(): number {
    return this.currentVersion;
  }

  /** This version's text, which knows how it differs from the versions just before it. */
  get content(): PieceText {
    return this.text;
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  getText(range?: Range): string {
    if (range) {
      // As String.prototype.substring, which the library uses: a range given end first reads the same text.
      const start = this.asIndex(this.offsetAt(range.start));
      const end = this.asIndex(this.offsetAt(range.end));
      return this.text.slice(Math.min(start, end), Math.max(start, end));
    }
    return String(this.text);
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (isIncremental(change)) {
        const range = wellFormed(change.range);
        const startOffset = this.offsetAt(range.start);
        const endOffset = this.offsetAt(range.end);
        // What the library's `substring(0, start) + text + substring(end)` makes, even of offsets out of order.
        const from = this.asIndex(startOffset);
        const to = this.asIndex(endOffset);
        this.text = to >= from ? this.text.replaced(from, to, change.text) : this.text.replaced(from, from, change.text + this.text.slice(to, from));
        const insertedEnd = startOffset + change.text.length;
        const crlfAtStart = this.text.charCodeAt(startOffset - 1) === CR && this.text.charCodeAt(startOffset) === LF;
        const crlfAtEnd = this.text.charCodeAt(insertedEnd - 1) === CR && this.text.charCodeAt(insertedEnd) === LF;
        if (crlfAtStart || crlfAtEnd) {
          this.lineOffsets = undefined;
          continue;
        }
        const startLine = Math.max(range.start.line, 0);
        const endLine = Math.max(range.end.line, 0);
        // offsetAt above made them.
        let lineOffsets = this.lineOffsets!;
        const added = computeLineOffsets(change.text, false, startOffset);
        if (endLine - startLine === added.length) {
          for (let i = 0; i < added.length; i++) lineOffsets[i + startLine + 1] = added[i]!;
        } else if (added.length < 10000) {
          lineOffsets.splice(startLine + 1, endLine - startLine, ...added);
        } else {
          this.lineOffsets = lineOffsets = lineOffsets.slice(0, startLine + 1).concat(added, lineOffsets.slice(endLine + 1));
        }
        const diff = change.text.length - (endOffset - startOffset);
        if (diff !== 0) for (let i = startLine + 1 + added.length; i < lineOffsets.length; i++) lineOffsets[i] = lineOffsets[i]! + diff;
      } else if (isFull(change)) {
        this.text = PieceText.of(change.text);
        this.lineOffsets = undefined;
      } else {
        throw new Error('Unknown change event received');
      }
    }
    this.currentVersion = version;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.text.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid]! > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.beforeLineEnd(offset, lineOffsets[line]!);
    return { line, character: offset - lineOffsets[line]! };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line]!;
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1]! : this.text.length;
    const offset = Math.min(lineOffset + position.character, nextLineOffset);
    return this.beforeLineEnd(offset, lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const lastLine = lineOffsets.length - 1;
      return { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: this.text.length - lineOffsets[lastLine]! } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const startOffset = lineOffsets[line]!;
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1]! : this.text.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeLineEnd(nextLineOffset, startOffset) - startOffset } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length || line < 0) return '';
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1]! : this.text.length;
    return this.text.slice(this.beforeLineEnd(nextLineOffset, lineOffsets[line]!), nextLineOffset);
  }

  private getLineOffsets(): number[] {
    return (this.lineOffsets ??= computeLineOffsets(String(this.text), true));
  }

  /** An offset as String.prototype.substring reads it: NaN is 0, and it is kept inside the text. */
  private asIndex(offset: number): number {
    return Number.isNaN(offset) ? 0 : Math.max(0, Math.min(Math.trunc(offset), this.text.length));
  }

  private beforeLineEnd(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isLineEnd(this.text.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

/** What the LSP library's document manager calls to open and change documents. */
export const EditorDocuments: TextDocumentsConfiguration<TextDocument> = {
  create: (uri, languageId, version, content) => new EditorDocument(uri, languageId, version, content),
  update(document, changes, version) {
    (document as unknown as EditorDocument).update(changes, version);
    return document;
  },
};

const LF = 10;
const CR = 13;

function isLineEnd(code: number): boolean {
  return code === CR || code === LF;
}

function computeLineOffsets(text: string, isAtLineStart: boolean, textOffset = 0): number[] {
  const result: number[] = isAtLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (isLineEnd(ch)) {
      if (ch === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return { start: end, end: start };
  return range;
}

function isIncremental(event: TextDocumentContentChangeEvent): event is { range: Range; rangeLength?: number; text: string } {
  const candidate = event as { range?: Range; rangeLength?: number; text?: unknown };
  return typeof candidate.text === 'string' && candidate.range !== undefined && (candidate.rangeLength === undefined || typeof candidate.rangeLength === 'number');
}

function isFull(event: TextDocumentContentChangeEvent): event is { text: string } {
  const candidate = event as { range?: Range; rangeLength?: number; text?: unknown };
  return typeof candidate.text === 'string' && candidate.range === undefined && candidate.rangeLength === undefined;
}
