/** Applying and combining text edits on offsets: what a quick fix, "fix all" and the CLI's --fix share. */
import type { TextEdit } from '../check/findings';

/** Applies edits (offsets into `text`, non-overlapping) and returns the new text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.span.start < at) throw new Error(`overlapping edits at offset ${edit.span.start}`);
    out += text.slice(at, edit.span.start) + edit.newText;
    at = edit.span.end;
  }
  return out + text.slice(at);
}

/** Two edits collide when their ranges overlap, or both insert at the same point (their order would be arbitrary). */
export function editsCollide(a: TextEdit, b: TextEdit): boolean {
  if (a.span.start === a.span.end && b.span.start === b.span.end) return a.span.start === b.span.start;
  return a.span.start < b.span.end && b.span.start < a.span.end || (a.span.start === a.span.end && a.span.start > b.span.start && a.span.start < b.span.end) || (b.span.start === b.span.end && b.span.start > a.span.start && b.span.start < a.span.end);
}

/**
 * Keeps whole groups of edits (one fix each), in order, dropping any group that would collide with one already kept:
 * "fix all" never applies half a fix or two fixes to the same text.
 */
export function nonCollidingGroups<T extends { edits: readonly TextEdit[] }>(groups: readonly T[]): T[] {
  const kept: T[] = [];
  const taken: TextEdit[] = [];
  for (const group of groups) {
    if (group.edits.length === 0) continue;
    if (group.edits.some((e) => taken.some((t) => editsCollide(e, t)))) continue;
    kept.push(group);
    taken.push(...group.edits);
  }
  return kept;
}
