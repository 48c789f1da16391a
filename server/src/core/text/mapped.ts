/**
 * Text that remembers where each of its characters came from.
 * Every reading step (Markdown prose extraction, LaTeX macro reading, mojibake repair) produces a MappedText so that a
 * finding in the reading can be reported at its exact place in the original document.
 */
import type { Span } from '../types';

export interface MappedText {
  readonly text: string;
  /** starts[i]: offset in the source of the first source character that character i reads. */
  readonly starts: ArrayLike<number>;
  /** ends[i]: offset just past the last source character that character i reads. */
  readonly ends: ArrayLike<number>;
}

/**
 * Builds a MappedText piece by piece. The source offsets go into typed arrays sized from the capacity hint (the block's
 * length, which a reading rarely exceeds) and doubled when full: a plain array grown one push at a time was the
 * largest allocation of an analysis (two numbers per character of the document, reallocated as it grew).
 */
export class MappedTextBuilder {
  private chunks: string[] = [];
  private starts: Int32Array;
  private ends: Int32Array;
  private length = 0;

  constructor(capacity = 0) {
    this.starts = new Int32Array(Math.max(16, capacity));
    this.ends = new Int32Array(Math.max(16, capacity));
  }

  get size(): number {
    return this.length;
  }

  /** Room for `count` more characters. */
  private reserve(count: number): void {
    const needed = this.length + count;
    if (needed <= this.starts.length) return;
    const capacity = Math.max(needed, this.starts.length * 2);
    const starts = new Int32Array(capacity);
    const ends = new Int32Array(capacity);
    starts.set(this.starts.subarray(0, this.length));
    ends.set(this.ends.subarray(0, this.length));
    this.starts = starts;
    this.ends = ends;
  }

  /** Appends `source.slice(from, to)` unchanged; its characters map to `base + index`. */
  appendSlice(source: string, from: number, to: number, base = 0): void {
    if (to <= from) return;
    this.chunks.push(source.slice(from, to));
    this.reserve(to - from);
    const starts = this.starts;
    const ends = this.ends;
    let k = this.length;
    for (let i = from; i < to; i++, k++) {
      starts[k] = base + i;
      ends[k] = base + i + 1;
    }
    this.length = k;
  }

  /** Appends the characters [from, to) of another mapped text, keeping their source ranges. */
  appendMapped(other: MappedText, from: number, to: number): void {
    if (to <= from) return;
    this.chunks.push(other.text.slice(from, to));
    this.reserve(to - from);
    if (other.starts instanceof Int32Array && other.ends instanceof Int32Array) {
      this.starts.set(other.starts.subarray(from, to), this.length);
      this.ends.set(other.ends.subarray(from, to), this.length);
      this.length += to - from;
      return;
    }
    for (let i = from; i < to; i++, this.length++) {
      this.starts[this.length] = other.starts[i]!;
      this.ends[this.length] = other.ends[i]!;
    }
  }

  /** Appends `text` (one or more characters), all reading the source range [start, end). */
  appendText(text: string, start: number, end: number): void {
    if (text.length === 0) return;
    this.chunks.push(text);
    this.reserve(text.length);
    this.starts.fill(start, this.length, this.length + text.length);
    this.ends.fill(end, this.length, this.length + text.length);
    this.length += text.length;
  }

  /** The last character appended, or '' when empty. */
  lastChar(): string {
    for (let c = this.chunks.length - 1; c >= 0; c--) {
      const chunk = this.chunks[c]!;
      if (chunk.length > 0) return chunk[chunk.length - 1]!;
    }
    return '';
  }

  build(): MappedText {
    return {
      text: this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join(''),
      starts: this.starts.subarray(0, this.length),
      ends: this.ends.subarray(0, this.length),
    };
  }
}

/** A MappedText that reads `text` one to one, offset by `base`. */
export function identityMapped(text: string, base = 0): MappedText {
  const b = new MappedTextBuilder(text.length);
  b.appendSlice(text, 0, text.length, base);
  return b.build();
}

/** The source span that the characters [start, end) of `mapped` read. An empty range maps to an empty span. */
export function sourceSpan(mapped: MappedText, start: number, end: number): Span {
  const n = mapped.text.length;
  if (n === 0) return { start: 0, end: 0 };
  const s = Math.max(0, Math.min(start, n - 1));
  if (end <= start) {
    const at = start >= n ? mapped.ends[n - 1]! : mapped.starts[s]!;
    return { start: at, end: at };
  }
  const e = Math.max(s, Math.min(end, n) - 1);
  return { start: mapped.starts[s]!, end: Math.max(mapped.starts[s]!, mapped.ends[e]!) };
}

/** Source offset of character `index` of the mapped text (past the end: the end of the last character). */
export function sourceOffset(mapped: MappedText, index: number): number {
  const n = mapped.text.length;
  if (n === 0) return 0;
  if (index >= n) return mapped.ends[n - 1]!;
  return mapped.starts[Math.max(0, index)]!;
}
