/**
 * Tables: a number in a body cell is about what its column's header names ("CR", "CRS (any grade)"), and the header
 * is in another row, out of reach of the number's sentence (a table's rows are its sentences). Markdown pipe tables,
 * LaTeX tabulars, and in plain text rows of cells between tabs or pipes; a header cell spanning columns
 * (\multicolumn, a merged cell) is not followed.
 */
import type { DocumentFormat, Span } from '../types';

/** A table's header cells and each body row's cells, in the text's coordinates. */
export interface TableGrid {
  header: Span[];
  rows: Span[][];
}

/** The cells of the table `block` of `text`: its first row with cells is the header, the rules between rows left out. */
export function tableGrid(text: string, block: Span, format: DocumentFormat): TableGrid | undefined {
  if (format === 'latex') {
    const rows = latexRows(text, block).map((row) => cellsOf(text, row.start, row.end, '&')).filter((cells) => cells.length > 1);
    return rows.length > 1 ? { header: rows[0]!, rows: rows.slice(1) } : undefined;
  }
  const separator = rowSeparator(text, block);
  const lines: Span[][] = [];
  for (let start = block.start; start < block.end; ) {
    const end = lineEnd(text, start, block.end);
    // The delimiter row (|---|:--:|) holds no cells.
    if (!/^[\s|:\-]*$/.test(text.slice(start, end))) lines.push(cellsOf(text, start, end, separator));
    start = end + 1;
  }
  return lines.length > 1 ? { header: lines[0]!, rows: lines.slice(1) } : undefined;
}

export interface TableCell {
  /** The cell the number is in. */
  cell: Span;
  /** The header cell of its column. */
  header: Span;
}

/** The cell at `at` of the table `block` of `text`, and its column's header; undefined in the header row itself. */
export function tableCellAt(text: string, block: Span, at: number, format: DocumentFormat): TableCell | undefined {
  return format === 'latex' ? latexCell(text, block, at) : pipeCell(text, block, at);
}

function pipeCell(text: string, block: Span, at: number): TableCell | undefined {
  const rowStart = Math.max(block.start, text.lastIndexOf('\n', at - 1) + 1);
  const headerEnd = lineEnd(text, block.start, block.end);
  if (rowStart <= block.start || at > block.end) return undefined;
  const separator = rowSeparator(text, block);
  const row = cellsOf(text, rowStart, lineEnd(text, rowStart, block.end), separator);
  const column = row.findIndex((cell) => cell.start <= at && at <= cell.end);
  const header = cellsOf(text, block.start, headerEnd, separator)[column];
  return column < 0 || !header ? undefined : { cell: row[column]!, header };
}

function latexCell(text: string, block: Span, at: number): TableCell | undefined {
  const rows = latexRows(text, block);
  const headerRow = rows.find((row) => cellsOf(text, row.start, row.end, '&').length > 1);
  const row = rows.find((r) => r.start <= at && at <= r.end);
  if (!headerRow || !row || row.start <= headerRow.start) return undefined;
  const cells = cellsOf(text, row.start, row.end, '&');
  const column = cells.findIndex((cell) => cell.start <= at && at <= cell.end);
  const headers = cellsOf(text, headerRow.start, headerRow.end, '&');
  const header = headers[column];
  if (column < 0 || !header) return undefined;
  // The first header cell runs back over \begin{tabular}{...} and the rules: only its last line names the column.
  const start = column === 0 ? Math.max(header.start, text.lastIndexOf('\n', header.end - 1) + 1) : header.start;
  return { cell: cells[column]!, header: { start, end: header.end } };
}

/** A LaTeX table's rows: the text between its `\\` row ends. */
function latexRows(text: string, block: Span): Span[] {
  const rows: Span[] = [];
  let start = block.start;
  for (let i = text.indexOf('\\\\', start); i >= 0 && i < block.end; i = text.indexOf('\\\\', start)) {
    rows.push({ start, end: i });
    start = i + 2;
  }
  if (start < block.end) rows.push({ start, end: block.end });
  return rows;
}

/** Pipes, unless the header row is cells between tabs (a table pasted from a spreadsheet into plain text). */
function rowSeparator(text: string, block: Span): '|' | '\t' {
  const header = text.slice(block.start, lineEnd(text, block.start, block.end));
  return header.includes('\t') && !header.trimStart().startsWith('|') ? '\t' : '|';
}

function lineEnd(text: string, from: number, limit: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 || end > limit ? limit : end;
}

/**
 * The cells of a row between `start` and `end`, split at `separator` where it is not escaped (`\|`, `\&`). A pipe
 * row's leading and trailing pipes open and close it; they do not make empty cells.
 */
function cellsOf(text: string, start: number, end: number, separator: '|' | '&' | '\t'): Span[] {
  const cells: Span[] = [];
  let from = start;
  if (separator === '|') {
    while (from < end && (text[from] === ' ' || text[from] === '\t')) from++;
    if (text[from] === '|') from++;
  }
  for (let i = from; i < end; i++) {
    if (text[i] === separator && text[i - 1] !== '\\') {
      cells.push({ start: from, end: i });
      from = i + 1;
    }
  }
  if (text.slice(from, end).trim() !== '' || separator === '&') cells.push({ start: from, end });
  return cells;
}
