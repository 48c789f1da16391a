/**
 * A version of a document's text held in pieces of a few thousand characters, so that an edit makes the next version
 * without copying the whole text. An editor's string model copied a 1 MB draft (2 MB in memory) on every keystroke
 * before anything was checked, and left each copy for the old generation's collector; here a keystroke copies one piece.
 * Local reads (a character, a slice, the line around an offset) look their piece up; the whole text is joined when
 * something asks for it, once per version.
 *
 * A version also says how it differs from the few versions before it (`changeSince`), so that the recognizer need not
 * compare two whole texts to find the edit.
 */
import type { ChangedRange } from './changedRange';
import { lineOf } from './positions';

/** What the recognizer reads of a text around an edit: a string is one, and so is a PieceText. */
export interface ReadableText {
  readonly length: number;
  charCodeAt(index: number): number;
  slice(start?: number, end?: number): string;
  indexOf(search: string, position?: number): number;
  lastIndexOf(search: string, position?: number): number;
}

/** A document's text as the core takes it: the whole string, or the pieces an editor keeps. */
export type DocumentText = string | PieceText;

/** Pieces are cut at this length, and a piece an edit grows past twice it is cut again. */
const PIECE = 16384;
/** How many versions back a version remembers its change from. */
const REMEMBERED = 8;

export class PieceText implements ReadableText {
  readonly length: number;
  private readonly pieces: readonly string[];
  /** starts[i]: where pieces[i] begins; one more entry, the length, ends the list. */
  private readonly starts: Int32Array;
  private joined: string | undefined;
  /** The change from each of the last few versions to this one (oldest first); dropped once a newer version is made. */
  private changes: Array<{ from: PieceText; change: ChangedRange }> = [];
  /** The piece the last read fell in: reads come in runs along the text. */
  private lastPiece = 0;

  private constructor(pieces: readonly string[]) {
    this.pieces = pieces;
    this.starts = new Int32Array(pieces.length + 1);
    let at = 0;
    for (let i = 0; i < pieces.length; i++) {
      this.starts[i] = at;
      at += pieces[i]!.length;
    }
    this.starts[pieces.length] = at;
    this.length = at;
  }

  static of(text: string): PieceText {
    const pieces: string[] = [];
    cut(text, pieces);
    const made = new PieceText(pieces);
    made.joined = text;
    return made;
  }

  /** The whole text (joined on first call). */
  toString(): string {
    return (this.joined ??= this.pieces.join(''));
  }

  /**
   * Where this version differs from `earlier`, if it is one of the last few versions before it: one range, in both
   * versions' offsets (possibly wider than the edits themselves when several were made since). Undefined otherwise.
   */
  changeSince(earlier: unknown): ChangedRange | undefined {
    for (const { from, change } of this.changes) if (from === earlier) return change;
    return undefined;
  }

  /** The text with [start, end) replaced by `insert`: a new version, which remembers how it differs from this one. */
  replaced(start: number, end: number, insert: string): PieceText {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    // The pieces the range touches (an insertion at a piece's end goes into that piece).
    const first = start === this.length && this.pieces.length > 0 ? this.pieces.length - 1 : this.pieceAt(start);
    const last = end > start ? this.pieceAt(end - 1) : first;
    const firstStart = this.starts[first] ?? 0;
    const head = this.pieces.length > 0 ? this.pieces[first]!.slice(0, start - firstStart) : '';
    const tail = this.pieces.length > 0 ? this.pieces[last]!.slice(end - this.starts[last]!) : '';
    const middle: string[] = [];
    let replaced = head + insert + tail;
    // A piece an edit left short is joined to the one after it, so that deletions do not leave thousands of crumbs.
    let through = last;
    if (replaced.length < PIECE / 4 && through + 1 < this.pieces.length) replaced += this.pieces[++through]!;
    cut(replaced, middle);
    const pieces = [...this.pieces.slice(0, first), ...middle, ...this.pieces.slice(through + 1)];
    const next = new PieceText(pieces);
    const change: ChangedRange = { start, oldEnd: end, newEnd: start + insert.length };
    next.changes = [...this.changes.slice(-(REMEMBERED - 1)).map(({ from, change: before }) => ({ from, change: composed(before, change) })), { from: this, change }];
    // Only the newest version is asked how it changed; what this one remembered would keep older versions alive, and
    // so would its joined text (joined again if an older version is ever read whole).
    this.changes = [];
    this.joined = undefined;
    return next;
  }

  charCodeAt(index: number): number {
    // As String.prototype.charCodeAt: a fractional index is truncated, NaN reads as 0.
    index = Number.isNaN(index) ? 0 : Math.trunc(index);
    if (index < 0 || index >= this.length) return NaN;
    const i = this.pieceAt(index);
    return this.pieces[i]!.charCodeAt(index - this.starts[i]!);
  }

  slice(start = 0, end = this.length): string {
    if (start < 0) start = Math.max(0, this.length + start);
    if (end < 0) end = Math.max(0, this.length + end);
    start = Math.min(start, this.length);
    end = Math.min(end, this.length);
    if (end <= start) return '';
    if (this.joined !== undefined) return this.joined.slice(start, end);
    const i = this.pieceAt(start);
    const j = this.pieceAt(end - 1);
    if (i === j) return this.pieces[i]!.slice(start - this.starts[i]!, end - this.starts[i]!);
    let out = this.pieces[i]!.slice(start - this.starts[i]!);
    for (let k = i + 1; k < j; k++) out += this.pieces[k]!;
    return out + this.pieces[j]!.slice(0, end - this.starts[j]!);
  }

  /** The first `search` (one character) at or after `position`, as String.prototype.indexOf. */
  indexOf(search: string, position = 0): number {
    oneCharacter(search);
    for (let i = Math.max(0, position); i < this.length; ) {
      const p = this.pieceAt(i);
      const found = this.pieces[p]!.indexOf(search, i - this.starts[p]!);
      if (found >= 0) return this.starts[p]! + found;
      i = this.starts[p + 1]!;
    }
    return -1;
  }

  /** The last `search` (one character) at or before `position`, as String.prototype.lastIndexOf. */
  lastIndexOf(search: string, position = Infinity): number {
    oneCharacter(search);
    if (Number.isNaN(position)) position = Infinity;
    for (let i = Math.min(Math.max(0, position), this.length - 1); i >= 0; ) {
      const p = this.pieceAt(i);
      const found = this.pieces[p]!.lastIndexOf(search, i - this.starts[p]!);
      if (found >= 0) return this.starts[p]! + found;
      i = this.starts[p]! - 1;
    }
    return -1;
  }

  /** The piece holding `index` (0 <= index < length). Pieces are never empty, so the length ending `starts` is never it. */
  private pieceAt(index: number): number {
    const i = this.lastPiece;
    if (i < this.pieces.length && this.starts[i]! <= index && index < this.starts[i + 1]!) return i;
    return (this.lastPiece = lineOf(this.starts, index));
  }
}

/** Cuts `text` into pieces of PIECE characters (the last may be shorter) onto `out`. */
function cut(text: string, out: string[]): void {
  for (let at = 0; at < text.length; at += PIECE) out.push(text.slice(at, Math.min(text.length, at + PIECE)));
}

/**
 * Two changes one after the other as one: `first` took version A to B, `second` B to C; the result takes A to C. The
 * range covers both (and what lies between them).
 */
function composed(first: ChangedRange, second: ChangedRange): ChangedRange {
  const start = Math.min(first.start, second.start);
  // The end of what either touched, in B's offsets; mapped back to A through the first change, on to C through the second.
  const endInB = Math.max(first.newEnd, second.oldEnd);
  return { start, oldEnd: endInB - (first.newEnd - first.oldEnd), newEnd: endInB + (second.newEnd - second.oldEnd) };
}

/** Searches stay inside one piece only for a single character: the recognizer looks for line breaks. */
function oneCharacter(search: string): void {
  if (search.length !== 1) throw new Error('PieceText searches for one character');
}
