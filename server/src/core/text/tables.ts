/**
 * Tables: a number in a body cell is about what its column's header names ("CR", "CRS (any grade)"), and the header
 * is in another row, out of reach of the number's sentence (a table's rows are its sentences). Markdown pipe tables,
 * LaTeX tabulars, and in plain text rows of cells between tabs or pipes, or lined up by spaces. A LaTeX header may take
 * two rows, a \multicolumn over the columns it groups ("\multicolumn{2}{c}{Complete remission}" over "n/N & \%"): a
 * cell fills the columns it spans, and a column's header is its lowest header cell, with the one above it as its group.
 */
import type { DocumentFormat, Span } from '../types';
import { htmlTableRows, isHtmlTable, type HtmlTable } from './html';

/** A table's header cells and each body row's cells, in the text's coordinates. */
export interface TableGrid {
  header: Span[];
  rows: Span[][];
}

/** The cells of the table `block` of `text`: its first row with cells is the header, the rules between rows left out. */
export function tableGrid(text: string, block: Span, format: DocumentFormat): TableGrid | undefined {
  if (format === 'latex') {
    const table = latexTable(text, block);
    return table && table.rows.length > 0 ? { header: table.header.map((h) => h.cell), rows: table.rows } : undefined;
  }
  if (format === 'markdown' && isHtmlTable(text, block)) {
    const { rows, headerRows } = htmlTableRows(text, block);
    const headed = Math.max(1, headerRows);
    return rows.length > headed ? { header: rows[headed - 1]!, rows: rows.slice(headed) } : undefined;
  }
  const separator = rowSeparator(text, block);
  const lines: Span[][] = [];
  for (let start = block.start; start < block.end; ) {
    const end = lineEnd(text, start, block.end);
    // The delimiter row (|---|:--:|) holds no cells.
    if (!/^[\s|:\-]*$/.test(text.slice(start, end))) lines.push(cellsOf(text, start, end, separator));
    start = end + 1;
  }
  // Columns lined up by spaces: each cell under its header, an empty one as an empty span.
  if (separator === ' ' && lines.length > 1) {
    const header = lines[0]!;
    for (let r = 1; r < lines.length; r++) {
      const cells = lines[r]!;
      const rowStart = text.lastIndexOf('\n', cells[0]!.start - 1) + 1;
      const row: Span[] = header.map((h) => ({ start: rowStart + h.start - block.start, end: rowStart + h.start - block.start }));
      for (const cell of cells) row[alignedColumn(header, block.start, cell.start - rowStart)] = cell;
      lines[r] = row;
    }
  }
  return lines.length > 1 ? { header: lines[0]!, rows: lines.slice(1) } : undefined;
}

export interface TableCell {
  /** The cell the number is in. */
  cell: Span;
  /** The header cell of its column. */
  header: Span;
  /** The header cell above that one, spanning it and its neighbours ("Complete remission" over "n/N" and "%"). */
  group?: Span;
  /** The header of the rows' labels, the first column's ("CRS grade" over "Grade 1"), for a cell of a later column. */
  labelHeader?: Span;
  /** The row's label, its first cell ("ELIANA", "Grade 1"), for a cell of a later column. */
  label?: Span;
}

/** The cell at `at` of the table `block` of `text`, and its column's header; undefined in the header row itself. */
export function tableCellAt(text: string, block: Span, at: number, format: DocumentFormat): TableCell | undefined {
  if (format === 'latex') return latexCell(text, block, at);
  return format === 'markdown' && isHtmlTable(text, block) ? htmlCell(text, block, at) : pipeCell(text, block, at);
}

/**
 * A cell of an HTML table: its header is the last header row's cell in its column (the first row's when no row is of
 * <th> cells only), grouped by the header row above it where that one spans several columns.
 */
function htmlCell(text: string, block: Span, at: number): TableCell | undefined {
  const { rows, headerRows } = lastHtmlTableRows(text, block);
  const headed = Math.max(1, headerRows);
  const headers = rows[headed - 1];
  const groups = headed >= 2 ? rows[headed - 2] : undefined;
  for (let r = headed; r < rows.length; r++) {
    const row = rows[r]!;
    const column = row.findIndex((cell) => cell.start <= at && at <= cell.end);
    const header = column >= 0 ? headers?.[column] : undefined;
    if (!header) continue;
    const found: TableCell = { cell: row[column]!, header };
    const group = groups?.[column];
    if (group && group !== header) found.group = group;
    if (column > 0 && headers![0]) {
      found.labelHeader = headers![0];
      found.label = row[0]!;
    }
    return found;
  }
  return undefined;
}

function pipeCell(text: string, block: Span, at: number): TableCell | undefined {
  const rowStart = Math.max(block.start, text.lastIndexOf('\n', at - 1) + 1);
  const headerEnd = lineEnd(text, block.start, block.end);
  if (rowStart <= block.start || at > block.end) return undefined;
  const separator = rowSeparator(text, block);
  const row = cellsOf(text, rowStart, lineEnd(text, rowStart, block.end), separator);
  const column = row.findIndex((cell) => cell.start <= at && at <= cell.end);
  const headers = cellsOf(text, block.start, headerEnd, separator);
  const header = separator === ' ' && column >= 0 ? headers[alignedColumn(headers, block.start, row[column]!.start - rowStart)] : headers[column];
  if (column < 0 || !header) return undefined;
  return column > 0 && headers[0] && headers[0] !== header ? { cell: row[column]!, header, labelHeader: headers[0], label: row[0]! } : { cell: row[column]!, header };
}

/** The last HTML table's rows: a table's statistics ask for their cells one after another, and it is read once. */
let lastHtmlTable: { text: string; start: number; end: number; table: HtmlTable } | undefined;

function lastHtmlTableRows(text: string, block: Span): HtmlTable {
  const last = lastHtmlTable;
  if (last && last.start === block.start && last.end === block.end && last.text === text) return last.table;
  const table = htmlTableRows(text, block);
  lastHtmlTable = { text, start: block.start, end: block.end, table };
  return table;
}

/** In columns lined up by spaces, a cell's header is the last one starting at or before it (a cell may be empty). */
function alignedColumn(headers: Span[], headerStart: number, offset: number): number {
  let column = 0;
  for (let c = 0; c < headers.length; c++) if (headers[c]!.start - headerStart <= offset + 1) column = c;
  return column;
}

function latexCell(text: string, block: Span, at: number): TableCell | undefined {
  const table = latexTable(text, block);
  if (!table) return undefined;
  const row = table.rows.find((cells) => cells.length > 0 && cells[0]!.start <= at && at <= cells[cells.length - 1]!.end);
  const column = row ? row.findIndex((cell) => cell.start <= at && at <= cell.end) : -1;
  const header = table.header[column];
  if (!row || !header) return undefined;
  const cell: TableCell = header.group ? { cell: row[column]!, header: header.header, group: header.group } : { cell: row[column]!, header: header.header };
  if (column > 0 && table.header[0]) {
    cell.labelHeader = table.header[0].header;
    cell.label = row[0]!;
  }
  return cell;
}

interface LatexTable {
  /** Each column's header cell, and the cell above it that groups it with others. */
  header: Array<{ header: Span; group?: Span; cell: Span }>;
  /** The body rows, cell by column. */
  rows: Span[][];
}

/** A rule under the header rows: what separates them from the body. */
const BODY_RULE = /\\(?:midrule|hline)\b/;

/**
 * A tabular's header rows and body rows. The header is the rows before the first \midrule (or \hline) under the first
 * row, when it comes within three rows; otherwise the first row, and the row under it when the first groups columns
 * with \multicolumn.
 */
function latexTable(text: string, block: Span): LatexTable | undefined {
  // Every number of a table asks for its cell: the table is read once for them all.
  if (lastTable && lastTable.start === block.start && lastTable.end === block.end && lastTable.text === text) return lastTable.table;
  const table = readLatexTable(text, block);
  lastTable = { text, start: block.start, end: block.end, table };
  return table;
}

let lastTable: { text: string; start: number; end: number; table: LatexTable | undefined } | undefined;

function readLatexTable(text: string, block: Span): LatexTable | undefined {
  const rows = latexRows(text, block)
    .map((row) => ({ row, cells: cellsOf(text, row.start, row.end, '&') }))
    .filter(({ cells }) => cells.length > 1);
  if (rows.length < 2) return undefined;
  const ruled = rows.findIndex(({ row, cells }, i) => i > 0 && BODY_RULE.test(text.slice(row.start, cells[0]!.start)));
  const headerRows = ruled > 0 && ruled <= 3 ? ruled : MULTICOLUMN.test(text.slice(rows[0]!.row.start, rows[0]!.row.end)) ? 2 : 1;
  const columns = (cells: Span[]) => spreadOverColumns(text, cells);
  const upper = rows.slice(0, headerRows).map(({ cells }) => columns(cells));
  const width = Math.max(...upper.map((cells) => cells.length));
  const header: LatexTable['header'] = [];
  for (let column = 0; column < width; column++) {
    // The lowest header cell with words in it names the column; the next one up with words groups it.
    const named = upper.map((cells) => cells[column]).filter((cell): cell is Span => cell !== undefined && headerWords(text, cell) !== '');
    const lowest = named[named.length - 1] ?? upper[upper.length - 1]![column] ?? upper[0]![column]!;
    const group = named.length > 1 ? named[named.length - 2] : undefined;
    // The first header cell runs back over \begin{tabular}{...} and the rules: only its last line names the column.
    const start = column === 0 ? Math.max(lowest.start, text.lastIndexOf('\n', lowest.end - 1) + 1) : lowest.start;
    header.push({ header: { start, end: lowest.end }, cell: lowest, ...(group ? { group } : {}) });
  }
  return { header, rows: rows.slice(headerRows).map(({ cells }) => columns(cells)) };
}

const MULTICOLUMN = /\\multicolumn\s*\{\s*(\d+)\s*\}/;

/** A row's cells by column: a \multicolumn{n} cell fills n columns. */
function spreadOverColumns(text: string, cells: Span[]): Span[] {
  const columns: Span[] = [];
  for (const cell of cells) {
    const spread = MULTICOLUMN.exec(text.slice(cell.start, Math.min(cell.end, cell.start + 40)));
    const count = spread ? Math.min(Number(spread[1]), 20) : 1;
    for (let i = 0; i < Math.max(1, count); i++) columns.push(cell);
  }
  return columns;
}

/** A header cell's words, without rules, the table's preamble and commands' braces. */
function headerWords(text: string, cell: Span): string {
  const line = text.slice(Math.max(cell.start, text.lastIndexOf('\n', cell.end - 1) + 1), cell.end);
  return line.replace(/\\(?:multicolumn\s*\{\d+\}\s*\{[^}]*\}|[a-zA-Z]+)/g, '').replace(/[{}\s]/g, '');
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
function rowSeparator(text: string, block: Span): '|' | '\t' | ' ' {
  const header = text.slice(block.start, lineEnd(text, block.start, block.end));
  if (header.trimStart().startsWith('|')) return '|';
  return header.includes('\t') ? '\t' : header.includes('  ') ? ' ' : '|';
}

function lineEnd(text: string, from: number, limit: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 || end > limit ? limit : end;
}

/**
 * The cells of a row between `start` and `end`, split at `separator` where it is not escaped (`\|`, `\&`). A pipe
 * row's leading and trailing pipes open and close it; they do not make empty cells.
 */
function cellsOf(text: string, start: number, end: number, separator: '|' | '&' | '\t' | ' '): Span[] {
  const cells: Span[] = [];
  if (separator === ' ') {
    // Runs of two or more spaces (or tabs) part the cells.
    for (const m of text.slice(start, end).matchAll(/\S+(?:[ \t]\S+)*/g)) cells.push({ start: start + m.index, end: start + m.index + m[0].length });
    return cells;
  }
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
