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

/** Builds a MappedText piece by piece; amortized O(1) per character (plain arrays: cheap to allocate per block). */
export class MappedTextBuilder {
  private chunks: string[] = [];
  private starts: number[] = [];
  private ends: number[] = [];

  /** The capacity hint is accepted for symmetry with other builders; plain arrays grow as needed. */
  constructor(_capacity = 0) {}

  get size(): number {
    return this.starts.length;
  }

  /** Appends `source.slice(from, to)` unchanged; its characters map to `base + index`. */
  appendSlice(source: string, from: number, to: number, base = 0): void {
    if (to <= from) return;
    this.chunks.push(source.slice(from, to));
    const starts = this.starts;
    const ends = this.ends;
    for (let i = from; i < to; i++) {
      starts.push(base + i);
      ends.push(base + i + 1);
    }
  }

  /** Appends the characters [from, to) of another mapped text, keeping their source ranges. */
  appendMapped(other: MappedText, from: number, to: number): void {
    if (to <= from) return;
    this.chunks.push(other.text.slice(from, to));
    for (let i = from; i < to; i++) {
      this.starts.push(other.starts[i]!);
      this.ends.push(other.ends[i]!);
    }
  }

  /** Appends `text` (one or more characters), all reading the source range [start, end). */
  appendText(text: string, start: number, end: number): void {
    if (text.length === 0) return;
    this.chunks.push(text);
    for (let i = 0; i < text.length; i++) {
      this.starts.push(start);
      this.ends.push(end);
    }
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
      starts: this.starts,
      ends: this.ends,
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
