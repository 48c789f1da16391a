/**
 * HTML's tags and tables, read where Markdown holds HTML (recognize/html.ts reads its text; text/tables.ts its tables).
 */
import type { Span } from '../types';

export const HTML_CELLS = new Set(['td', 'th']);

export interface HtmlTag {
  name: string;
  closing: boolean;
  end: number;
}

/** The tag at `i` (a `<` followed by a letter or `/`), or undefined where `<` is only text ("< 5%"). */
export function htmlTagAt(block: string, i: number): HtmlTag | undefined {
  const m = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)/.exec(block.slice(i, i + 40));
  if (!m) return undefined;
  const close = block.indexOf('>', i + m[0].length);
  if (close < 0 || close - i > 2000) return undefined;
  return { name: m[2]!.toLowerCase(), closing: m[1] === '/', end: close + 1 };
}

/** An HTML table's rows, each its cells' contents (tags inside them included), in `text`'s coordinates. */
export function htmlTableRows(text: string, block: Span): Span[][] {
  const rows: Span[][] = [];
  let row: Span[] | undefined;
  let cell: number | undefined; // where the open cell's content starts
  const closeCell = (at: number) => {
    if (cell !== undefined && row) row.push(trimmed(text, cell, at));
    cell = undefined;
  };
  for (let i = text.indexOf('<', block.start); i >= 0 && i < block.end; i = text.indexOf('<', i + 1)) {
    const tag = htmlTagAt(text, i);
    if (!tag || tag.end > block.end) continue;
    if (tag.name === 'tr' || tag.name === 'table') {
      closeCell(i);
      if (row && row.length > 0) rows.push(row);
      row = tag.name === 'tr' && !tag.closing ? [] : undefined;
    } else if (HTML_CELLS.has(tag.name)) {
      closeCell(i);
      if (!tag.closing) {
        row ??= [];
        cell = tag.end;
      }
    }
    i = tag.end - 1;
  }
  closeCell(block.end);
  if (row && row.length > 0) rows.push(row);
  return rows;
}

function trimmed(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** Whether the table block of `text` is written in HTML. */
export function isHtmlTable(text: string, block: Span): boolean {
  let i = block.start;
  while (i < block.end && /\s/.test(text[i]!)) i++;
  return text[i] === '<';
}
