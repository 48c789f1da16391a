/**
 * "Which entity sits at this offset?" for hovers and go-to-definition, without a scan of every entity: entities are
 * in document order, so a binary search finds the candidates and a running maximum of span ends says when to stop.
 */
import type { Span } from '../types';

interface SpanIndex {
  sorted: boolean;
  /** maxEnd[i]: the largest span end among entries 0..i. */
  maxEnd: Float64Array;
}

const indexes = new WeakMap<readonly { span: Span }[], SpanIndex>();

function indexOf(list: readonly { span: Span }[]): SpanIndex {
  let index = indexes.get(list);
  if (!index) {
    const maxEnd = new Float64Array(list.length);
    let sorted = true;
    let max = -Infinity;
    for (let i = 0; i < list.length; i++) {
      const span = list[i]!.span;
      if (i > 0 && span.start < list[i - 1]!.span.start) sorted = false;
      max = Math.max(max, span.end);
      maxEnd[i] = max;
    }
    index = { sorted, maxEnd };
    indexes.set(list, index);
  }
  return index;
}

/**
 * The index of the first entry (in list order) whose span contains `offset` (start <= offset <= end), or -1: what
 * `list.findIndex(...)` gives. The list must not change after the first call (an analysis' entity arrays do not).
 */
export function firstContaining(list: readonly { span: Span }[], offset: number): number {
  const { sorted, maxEnd } = indexOf(list);
  if (!sorted) return list.findIndex((e) => e.span.start <= offset && offset <= e.span.end);
  // The last entry starting at or before the offset; any entry after it starts too late.
  let lo = 0;
  let hi = list.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.span.start <= offset) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  let found = -1;
  for (let i = last; i >= 0 && maxEnd[i]! >= offset; i--) {
    const span = list[i]!.span;
    if (span.start <= offset && offset <= span.end) found = i;
  }
  return found;
}
