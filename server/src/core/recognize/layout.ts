/**
 * What every format's splitter produces: the document cut into blocks (the unit of incremental analysis), plus what
 * is read from the document as a whole (suppression comments, bibliography paths).
 */
import type { Block, Suppression } from '../types';

export interface RawBlock {
  start: number;
  end: number;
  kind: Block['kind'];
  headingLevel?: number;
  /** false for code, front matter, math, HTML, preamble: kept as blocks but never read as prose. */
  prose: boolean;
  /** Reference entries: the number written in front of the entry (or its position in the list). */
  referenceNumber?: number;
  /** LaTeX \bibitem{key}. */
  referenceKey?: string;
  /** Markdown: a block written in HTML (a `<table>`, a `<p>`), read as its rendered text (recognize/html.ts). */
  html?: true;
  /** Markdown footnote definition ("[^3]: ..."): its label. */
  footnote?: string;
}

export interface DocumentLayout {
  blocks: RawBlock[];
  suppressions: Suppression[];
  bibliographyPaths: string[];
  /** Markdown: the document's link reference definitions, appended when a block is parsed on its own. */
  definitions: string;
}

export interface LineInfo {
  start: number;
  /** End of the line's content (before its line break). */
  end: number;
}

export function splitLines(text: string): LineInfo[] {
  const lines: LineInfo[] = [];
  let start = 0;
  // Without a carriage return, indexOf finds the line ends many times faster than a loop over every character.
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      lines.push({ start, end: i });
      start = i + 1;
    }
    lines.push({ start, end: text.length });
    return lines;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push({ start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push({ start, end: text.length });
  return lines;
}

export function isBlankLine(text: Pick<string, 'charCodeAt'>, line: LineInfo): boolean {
  for (let i = line.start; i < line.end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xfeff) return false;
  }
  return true;
}

const REFERENCE_HEADINGS = new Set(['references', 'reference', 'bibliography', 'works cited', 'literature cited', 'literature', 'reference list', 'cited works', 'citations', 'refs', 'sources', 'references cited', 'key references', 'selected references']);

/** Is this heading text the title of a reference list? */
export function isReferenceHeading(title: string): boolean {
  let t = title.trim().toLowerCase();
  while (t.length > 0 && ':*_#.'.includes(t[t.length - 1]!)) t = t.slice(0, -1);
  while (t.length > 0 && '*_#'.includes(t[0]!)) t = t.slice(1);
  return REFERENCE_HEADINGS.has(t.trim());
}

/**
 * A numbered reference marker at the start of a line: "1. ", "1) ", "[1] ", "(1) ". Returns [number, marker length]
 * or undefined. Only up to 4 digits.
 */
export function referenceMarker(line: string): [number, number] | undefined {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  const open = line[i] === '[' || line[i] === '(' ? line[i] : '';
  if (open) i++;
  const digitsStart = i;
  while (i < line.length && i - digitsStart < 5 && line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57) i++;
  if (i === digitsStart || i - digitsStart > 4) return undefined;
  const number = Number(line.slice(digitsStart, i));
  if (open === '[') {
    if (line[i] !== ']') return undefined;
    i++;
  } else if (open === '(') {
    if (line[i] !== ')') return undefined;
    i++;
  } else if (line[i] === '.' || line[i] === ')') {
    i++;
  } else {
    return undefined;
  }
  if (i < line.length && line[i] !== ' ' && line[i] !== '\t') return undefined;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return [number, i];
}

/** "trial-lens-disable-next-line code1 code2" inside a comment: the codes (empty = all), or undefined. */
export function readSuppressionDirective(comment: string): string[] | undefined {
  const at = comment.indexOf('trial-lens-disable-next-line');
  if (at < 0) return undefined;
  let rest = comment.slice(at + 'trial-lens-disable-next-line'.length);
  const close = rest.indexOf('-->');
  if (close >= 0) rest = rest.slice(0, close);
  return rest.split(/[\s,]+/).filter((code) => code.length > 0);
}

/** Index of the first non-blank line at or after `from`, or -1. */
export function nextNonBlankLine(text: string, lines: LineInfo[], from: number): number {
  for (let i = from; i < lines.length; i++) if (!isBlankLine(text, lines[i]!)) return i;
  return -1;
}
