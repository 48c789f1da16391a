/** The "disable for this line" comment, in the document's own comment syntax, indentation and line ending. */
import type { TextEdit } from '../check/findings';
import type { DocumentFormat } from '../types';

export const DISABLE_NEXT_LINE = 'trial-lens-disable-next-line';

export function disableCommentText(format: DocumentFormat, codes: readonly string[]): string {
  const body = [DISABLE_NEXT_LINE, ...codes].join(' ');
  if (format === 'markdown') return `<!-- ${body} -->`;
  if (format === 'latex') return `% ${body}`;
  return body;
}

/** The line ending a new line inserted before `lineStart` should use: the previous line's, else the document's. */
export function eolAt(text: string, lineStart: number): string {
  if (lineStart >= 2 && text[lineStart - 1] === '\n') return text[lineStart - 2] === '\r' ? '\r\n' : '\n';
  if (lineStart >= 1 && text[lineStart - 1] === '\r') return '\r';
  const first = /\r\n|\n|\r/.exec(text);
  return first ? first[0] : '\n';
}

/**
 * Inserts the comment on its own line above the line holding `offset`. The line's text is untouched: the edit is a
 * pure insertion at the line start. In Markdown, a line inside a paragraph gets it at the end of the line above
 * instead: a comment line of its own would end the paragraph, for a renderer and for the checker alike.
 */
export function disableLineEdit(text: string, format: DocumentFormat, lineStarts: readonly number[], offset: number, code: string): TextEdit | undefined {
  let line = 0;
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lineStarts[mid] <= offset) {
      line = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const start = lineStarts[line];
  // A line put between a Markdown table's rows would end the table: no comment is offered there.
  if (format === 'markdown' && inPipeTableBody(text, lineStarts, line)) return undefined;
  // So does a list item or quote line right after another line of its list or quote: a comment line of its own between
  // them would split the list (or quote) in two.
  if (format === 'markdown' && line > 0 && (continuesParagraph(text, lineStarts[line - 1]!, start) || continuesListOrQuote(text, lineStarts[line - 1]!, start))) {
    // Before the line's trailing spaces, which make a hard line break only at its very end.
    let end = start;
    while (end > lineStarts[line - 1]! && /[\r\n]/.test(text[end - 1]!)) end--;
    while (end > lineStarts[line - 1]! && /[ \t]/.test(text[end - 1]!)) end--;
    return { span: { start: end, end }, newText: ` ${disableCommentText(format, [code])}` };
  }
  const indentation = /^[ \t]*/.exec(text.slice(start, start + 200))?.[0] ?? '';
  // A list item's marker is not indentation the comment should copy; its continuation indent is.
  return { span: { start, end: start }, newText: `${indentation}${disableCommentText(format, [code])}${eolAt(text, start)}` };
}

/**
 * Whether the line at `start` continues the paragraph of the line before it: that line is prose (not blank, a
 * heading, a comment, a fence or a table row) and this one starts nothing of its own (an item, a heading, a quote).
 */
function continuesParagraph(text: string, previousStart: number, start: number): boolean {
  const previous = text.slice(previousStart, start).trim();
  if (previous === '' || /^(?:#|<|```|~~~|\||:::|[-*_]{3,}$)/.test(previous) || previous.endsWith('-->')) return false;
  const current = text.slice(start, start + 200).trimStart();
  return !/^(?:[-*+]\s|\d+[.)]\s|#|>|\||```|~~~|:::|<)/.test(current);
}

/** Whether the line at `start` is an item or quote line right under a line of the same list or quote. */
function continuesListOrQuote(text: string, previousStart: number, start: number): boolean {
  const previous = text.slice(previousStart, start).trim();
  if (previous === '' || /^(?:#|```|~~~|\||<)/.test(previous) || previous.endsWith('-->')) return false;
  const current = text.slice(start, start + 200).trimStart();
  if (/^>/.test(current)) return /^>/.test(previous);
  // The line above is an item of the list, or an item's continuation (indented); not a paragraph the list follows.
  const above = text.slice(previousStart, start);
  return /^(?:[-*+]\s|\d+[.)]\s)/.test(current) && (/^(?:[-*+]\s|\d+[.)]\s)/.test(previous) || /^[ \t]+\S/.test(above));
}

/** Whether `line` is a row below a pipe table's delimiter row (|---|---|), with only table rows between. */
function inPipeTableBody(text: string, lineStarts: readonly number[], line: number): boolean {
  const lineText = (l: number) => text.slice(lineStarts[l], l + 1 < lineStarts.length ? lineStarts[l + 1] : text.length);
  if (!lineText(line).includes('|')) return false;
  for (let l = line - 1; l >= 0 && l >= line - 500; l--) {
    const row = lineText(l);
    if (!row.includes('|')) return false;
    if (/^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(row)) return true;
  }
  return false;
}
