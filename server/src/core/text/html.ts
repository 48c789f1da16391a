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

/** An HTML table's rows and how many of the first are header rows (of `<th>` cells only). */
export interface HtmlTable {
  rows: Span[][];
  headerRows: number;
}

/**
 * An HTML table's rows, each its cells' contents (tags inside them included), in `text`'s coordinates. A cell fills
 * the columns it spans (`colspan`) and the rows below it (`rowspan`): "<td rowspan="2">CD22 alone</td>" labels the
 * next row too, and each of that row's cells keeps its column.
 */
export function htmlTableRows(text: string, block: Span): HtmlTable {
  const rows: Span[][] = [];
  let headerRows = 0;
  let headerOnly = true;
  let row: Span[] | undefined;
  let rowHeader = true;
  /** Cells spanning down: by column, the cell and how many more rows it fills. */
  const below: Array<{ span: Span; rows: number } | undefined> = [];
  let cell: { start: number; cols: number; rows: number; header: boolean } | undefined;
  const fillSpanned = () => {
    while (row && below[row.length] && below[row.length]!.rows > 0) {
      const spanned = below[row.length]!;
      spanned.rows--;
      row.push(spanned.span);
    }
  };
  const closeCell = (at: number) => {
    if (cell !== undefined && row) {
      fillSpanned();
      const span = trimmed(text, cell.start, at);
      for (let c = 0; c < cell.cols; c++) {
        if (cell.rows > 1) below[row.length] = { span, rows: cell.rows - 1 };
        row.push(span);
      }
      if (!cell.header) rowHeader = false;
    }
    cell = undefined;
  };
  const closeRow = () => {
    fillSpanned();
    if (row && row.length > 0) {
      rows.push(row);
      if (headerOnly && rowHeader) headerRows++;
      else headerOnly = false;
    }
  };
  for (let i = text.indexOf('<', block.start); i >= 0 && i < block.end; i = text.indexOf('<', i + 1)) {
    const tag = htmlTagAt(text, i);
    if (!tag || tag.end > block.end) continue;
    if (tag.name === 'tr' || tag.name === 'table') {
      closeCell(i);
      closeRow();
      row = tag.name === 'tr' && !tag.closing ? [] : undefined;
      rowHeader = true;
    } else if (HTML_CELLS.has(tag.name)) {
      closeCell(i);
      if (!tag.closing) {
        row ??= [];
        const attributes = text.slice(i, tag.end);
        cell = { start: tag.end, cols: spanAttribute(attributes, 'colspan'), rows: spanAttribute(attributes, 'rowspan'), header: tag.name === 'th' };
      }
    }
    i = tag.end - 1;
  }
  closeCell(block.end);
  closeRow();
  return { rows, headerRows };
}

/** A cell's colspan or rowspan: 1 unless it says otherwise (at most 50, as a real table's). */
function spanAttribute(openingTag: string, name: 'colspan' | 'rowspan'): number {
  const m = new RegExp(`\\b${name}\\s*=\\s*["']?(\\d+)`, 'i').exec(openingTag);
  return m ? Math.min(50, Math.max(1, Number(m[1]))) : 1;
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
