/**
 * Offsets <-> LSP positions (0-based line, UTF-16 character), for the CLI and server edges.
 * Lines end at "\n", "\r\n" or a lone "\r", as in the Language Server Protocol.
 */
export interface Position {
  line: number;
  character: number;
}

/** Offsets at which each line starts; the first is always 0. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  // Without a carriage return, indexOf finds the line ends many times faster than a loop over every character.
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * Where the line holding `offset` starts, read back from `offset` (lastIndexOf('\r') in a long text without one
 * would read all of it).
 */
export function lineStartOf(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

function startsOf(textOrStarts: string | readonly number[]): readonly number[] {
  return typeof textOrStarts === 'string' ? lineStarts(textOrStarts) : textOrStarts;
}

/** The line holding `offset` (binary search over line starts). */
export function lineOf(starts: ArrayLike<number>, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Position of a UTF-16 offset. Pass precomputed `lineStarts` when converting many offsets of one text. */
export function offsetToPosition(textOrStarts: string | readonly number[], offset: number): Position {
  const starts = startsOf(textOrStarts);
  const clamped = Math.max(0, offset);
  const line = lineOf(starts, clamped);
  return { line, character: clamped - starts[line]! };
}

/**
 * Offset of a position. A character past the end of its line is clamped to the line's end (before its line break);
 * a line past the last one goes to the end of the text. `textLength` is needed only when passing line starts.
 */
export function positionToOffset(
  textOrStarts: string | readonly number[],
  position: Position,
  textLength?: number,
): number {
  const starts = startsOf(textOrStarts);
  const length = typeof textOrStarts === 'string' ? textOrStarts.length : (textLength ?? Number.MAX_SAFE_INTEGER);
  if (position.line < 0) return 0;
  if (position.line >= starts.length) return length;
  const lineStart = starts[position.line]!;
  const nextStart = position.line + 1 < starts.length ? starts[position.line + 1]! : length;
  let lineEnd = nextStart;
  if (typeof textOrStarts === 'string' && position.line + 1 < starts.length) {
    // Do not land between "\r" and "\n" or after the break.
    lineEnd = nextStart - 1;
    if (lineEnd > lineStart && textOrStarts.charCodeAt(lineEnd - 1) === 13 && textOrStarts.charCodeAt(lineEnd) === 10) lineEnd--;
  } else if (position.line + 1 < starts.length) {
    lineEnd = nextStart - 1;
  }
  return Math.min(lineStart + Math.max(0, position.character), Math.max(lineStart, lineEnd));
}
