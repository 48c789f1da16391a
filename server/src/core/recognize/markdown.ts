/**
 * Markdown: a cheap line scanner cuts the document into blocks (front matter, fenced code, headings, list items,
 * quotes, tables, paragraphs); each prose block is then read on its own. Blocks whose text holds no inline syntax that
 * changes what a reader sees are read directly; the others go through remark (parsing per block keeps a keystroke
 * cheap, and remark over a whole large file would cost about a second).
 */
import { parse as parseYaml } from 'yaml';
import { MappedTextBuilder, type MappedText } from '../text/mapped';
import type { Span, Suppression } from '../types';
import {
  isBlankLine,
  isReferenceHeading,
  nextNonBlankLine,
  readSuppressionDirective,
  referenceMarker,
  splitLines,
  type DocumentLayout,
  type LineInfo,
  type RawBlock,
} from './layout';
import { parseMarkdown, type MdNode } from './markdown-processor';
import { decodeEntity, PLACEHOLDER, type ProseReading, type SourceCitation } from './reading';
import { identifierCitationsInUrl, numberTargets } from './citations';
import { htmlBlockKind } from './html';

/**
 * Suppression directives on lines of their own inside an HTML block (lines `from` to `to`), above a table's row: each
 * is the next line's, or the whole row's when that line opens a row written over several ("<tr>", its cells, "</tr>").
 */
function suppressionsInsideHtml(text: string, lines: LineInfo[], from: number, to: number): Suppression[] {
  const lineText = (k: number) => text.slice(lines[k]!.start, lines[k]!.end);
  const found: Suppression[] = [];
  for (let k = from; k <= to; k++) {
    const codes = /^\s*<!--.*-->\s*$/.test(lineText(k)) ? readSuppressionDirective(lineText(k)) : undefined;
    const target = codes ? nextNonBlankLine(text, lines, k + 1) : -1;
    if (!codes || target < 0) continue;
    found.push({ line: target, codes });
    if (!/^\s*<tr\b[^>]*>\s*$/i.test(lineText(target))) continue;
    for (let r = target + 1; r < Math.min(lines.length, target + 20); r++) {
      found.push({ line: r, codes });
      if (/<\/tr>/i.test(lineText(r))) break;
    }
  }
  return found;
}

function leadingSpaces(text: string, line: LineInfo): number {
  let n = 0;
  for (let i = line.start; i < line.end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) n++;
    else if (c === 9) n += 4 - (n % 4);
    else break;
  }
  return n;
}

function firstNonSpace(text: string, line: LineInfo): number {
  let i = line.start;
  while (i < line.end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

/** A list marker at the start of the line: [content offset, ordinal number or undefined]. */
function listMarker(text: string, line: LineInfo): [number, number | undefined] | undefined {
  const i = firstNonSpace(text, line);
  const c = text[i];
  if (c === '-' || c === '*' || c === '+') {
    const next = text.charCodeAt(i + 1);
    if (i + 1 === line.end || next === 32 || next === 9) return [Math.min(i + 2, line.end), undefined];
    return undefined;
  }
  let j = i;
  while (j < line.end && j - i < 10 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  if (j === i || j - i > 9) return undefined;
  if (text[j] !== '.' && text[j] !== ')') return undefined;
  const next = text.charCodeAt(j + 1);
  if (j + 1 !== line.end && next !== 32 && next !== 9) return undefined;
  return [Math.min(j + 2, line.end), Number(text.slice(i, j))];
}

function lineHas(text: string, line: LineInfo, code: number): boolean {
  for (let i = line.start; i < line.end; i++) if (text.charCodeAt(i) === code) return true;
  return false;
}

function isThematicBreak(text: string, line: LineInfo): boolean {
  const i = firstNonSpace(text, line);
  const c = text[i];
  if (c !== '-' && c !== '*' && c !== '_') return false;
  let count = 0;
  for (let k = i; k < line.end; k++) {
    const d = text[k];
    if (d === c) count++;
    else if (d !== ' ' && d !== '\t') return false;
  }
  return count >= 3;
}

/** A fence's info string that marks raw HTML: "{=html}". */
const RAW_HTML_FENCE = /^\s*\{=html5?\}\s*$/;

function fenceAt(text: string, line: LineInfo): [string, number] | undefined {
  const i = firstNonSpace(text, line);
  const c = text[i];
  if (c !== '`' && c !== '~') return undefined;
  let k = i;
  while (k < line.end && text[k] === c) k++;
  return k - i >= 3 ? [c, k - i] : undefined;
}

function isDelimiterRow(text: string, line: LineInfo): boolean {
  let dash = false;
  let pipe = false;
  for (let i = line.start; i < line.end; i++) {
    const c = text[i];
    if (c === '-') dash = true;
    else if (c === '|') pipe = true;
    else if (c !== ':' && c !== ' ' && c !== '\t') return false;
  }
  return dash && (pipe || text.slice(line.start, line.end).includes('-'));
}

function bibliographyFromFrontMatter(yamlText: string): string[] {
  try {
    const data = parseYaml(yamlText) as unknown;
    if (typeof data !== 'object' || data === null) return [];
    const bib = (data as Record<string, unknown>).bibliography;
    if (typeof bib === 'string') return [bib];
    if (Array.isArray(bib)) return bib.filter((b): b is string => typeof b === 'string');
  } catch {
    // Broken front matter is the author's to fix; it must not stop recognition.
  }
  return [];
}

export function splitMarkdown(text: string): DocumentLayout {
  const lines = splitLines(text);
  const blocks: RawBlock[] = [];
  const suppressions: Suppression[] = [];
  const bibliographyPaths: string[] = [];
  const definitions: string[] = [];
  const n = lines.length;
  let i = 0;
  let referenceLevel = 0; // > 0 inside a reference section opened by a heading of this level
  let referenceOrdinal = 0;

  const lineText = (k: number) => text.slice(lines[k]!.start, lines[k]!.end);
  const push = (block: RawBlock): void => {
    const titled = block.kind === 'paragraph' ? splitReferenceParagraph(text, block) : undefined;
    if (titled) {
      for (const part of titled) push(part);
      return;
    }
    if (block.kind === 'heading') {
      if (referenceLevel > 0 && (block.headingLevel ?? 1) <= referenceLevel) referenceLevel = 0;
      if (isReferenceHeading(text.slice(block.start, block.end).replace(/^#+/, ''))) {
        referenceLevel = block.headingLevel ?? 1;
        referenceOrdinal = 0;
      }
    } else if (block.kind === 'paragraph' && block.end - block.start <= 40 && isReferenceHeading(text.slice(block.start, block.end))) {
      // "References" or "**References**" on a line of its own, as documents converted from Word write it: a heading
      // below every level, so that the next heading ends the list.
      referenceLevel = 7;
      referenceOrdinal = 0;
    } else if (referenceLevel > 0 && (block.kind === 'list-item' || (block.kind === 'paragraph' && block.footnote === undefined))) {
      // (A footnote's definition under the list, "[^1]: Fry TJ, et al. ...", is still what "[^1]" cites.)
      const marker = referenceMarker(text.slice(block.start, Math.min(block.end, block.start + 12)));
      referenceOrdinal++;
      block.kind = 'reference-entry';
      block.referenceNumber = marker ? marker[0] : referenceOrdinal;
    } else if (block.kind === 'paragraph' || block.kind === 'list-item') {
      looseReferenceEntry(text, block);
    }
    blocks.push(block);
  };

  if (n > 0 && lineText(0).trimEnd() === '---') {
    for (let j = 1; j < n; j++) {
      const t = lineText(j).trimEnd();
      if (t === '---' || t === '...') {
        bibliographyPaths.push(...bibliographyFromFrontMatter(text.slice(lines[1]!.start, lines[j]!.start)));
        blocks.push({ start: 0, end: lines[j]!.end, kind: 'other', prose: false });
        i = j + 1;
        break;
      }
    }
  }

  let cur: RawBlock | undefined;
  let curStartLine = 0;
  let curEndLine = 0;
  let previousKind: RawBlock['kind'] | undefined;
  const flush = () => {
    if (!cur) return;
    cur.end = lines[curEndLine]!.end;
    // Inside a reference section, a paragraph of "[1] ...", "[2] ..." lines is several entries.
    if (referenceLevel > 0 && cur.kind === 'paragraph' && curEndLine > curStartLine) {
      let entryStart = curStartLine;
      for (let k = curStartLine + 1; k <= curEndLine + 1; k++) {
        if (k === curEndLine + 1 || referenceMarker(lineText(k))) {
          push({ start: lines[entryStart]!.start, end: lines[k - 1]!.end, kind: 'paragraph', prose: true });
          entryStart = k;
        }
      }
    } else {
      push(cur);
    }
    previousKind = cur.kind;
    cur = undefined;
  };
  const open = (kind: RawBlock['kind'], line: number, headingLevel?: number) => {
    flush();
    cur = { start: lines[line]!.start, end: lines[line]!.end, kind, prose: true };
    if (headingLevel !== undefined) cur.headingLevel = headingLevel;
    curStartLine = line;
    curEndLine = line;
  };
  const other = (from: number, to: number) => {
    flush();
    blocks.push({ start: lines[from]!.start, end: lines[to]!.end, kind: 'other', prose: false });
    previousKind = 'other';
  };

  while (i < n) {
    const line = lines[i]!;
    if (isBlankLine(text, line)) {
      flush();
      i++;
      continue;
    }
    const indent = leadingSpaces(text, line);
    const first = firstNonSpace(text, line);
    const c = text[first];
    // "... <!-- trial-lens-disable-next-line code -->" at the end of a line of prose names the line after it (a comment
    // line of its own inside a paragraph would end the paragraph, as a Markdown renderer ends it).
    if (c !== '<' && endsWithComment(text, line)) {
      const codes = readSuppressionDirective(text.slice(line.start, line.end));
      if (codes && i + 1 < n && !isBlankLine(text, lines[i + 1]!)) suppressions.push({ line: i + 1, codes });
    }
    if (indent < 4) {
      // A pandoc or Quarto fenced div's fence (":::: {.columns}", "::: {.column width=\"50%\"}", ":::"): a container's
      // edge, not prose, and the end of the paragraph before it (a slide's two columns are two blocks).
      if (c === ':' && text.startsWith(':::', first)) {
        other(i, i);
        i++;
        continue;
      }
      const fence = fenceAt(text, line);
      if (fence) {
        let j = i + 1;
        for (; j < n; j++) {
          const close = fenceAt(text, lines[j]!);
          if (close && close[0] === fence[0] && close[1] >= fence[1] && leadingSpaces(text, lines[j]!) < 4) {
            const after = firstNonSpace(text, lines[j]!) + close[1];
            if (text.slice(after, lines[j]!.end).trim() === '') break;
          }
        }
        // Pandoc's and Quarto's raw HTML (```{=html}) is shown as HTML: read as an HTML block is.
        const inner = j - 1 > i && RAW_HTML_FENCE.test(text.slice(firstNonSpace(text, line) + fence[1], line.end)) ? htmlBlockKind(text.slice(lines[i + 1]!.start, lines[j - 1]!.end)) : undefined;
        if (inner) {
          other(i, i);
          suppressions.push(...suppressionsInsideHtml(text, lines, i + 1, j - 1));
          blocks.push({ start: lines[i + 1]!.start, end: lines[j - 1]!.end, kind: inner, prose: true, html: true });
          previousKind = inner;
          if (j < n) other(j, j);
        } else {
          other(i, Math.min(j, n - 1));
        }
        i = j + 1;
        continue;
      }
      if (c === '$' && text[first + 1] === '$') {
        const rest = text.slice(first + 2, line.end);
        let j = i;
        if (!rest.includes('$$')) {
          j = i + 1;
          while (j < n && !lineText(j).includes('$$')) j++;
        }
        other(i, Math.min(j, n - 1));
        i = j + 1;
        continue;
      }
      if (c === '<' && (text.startsWith('<!--', first) || /^<\/?[A-Za-z]/.test(text.slice(first, first + 3)))) {
        if (text.startsWith('<!--', first)) {
          let j = i;
          while (j < n && !lineText(j).includes('-->')) j++;
          j = Math.min(j, n - 1);
          const comment = text.slice(line.start, lines[j]!.end);
          const codes = readSuppressionDirective(comment);
          if (codes) {
            const target = nextNonBlankLine(text, lines, j + 1);
            if (target >= 0) suppressions.push({ line: target, codes });
          }
          other(i, j);
          i = j + 1;
          continue;
        }
        if (!cur) {
          let j = i;
          while (j + 1 < n && !isBlankLine(text, lines[j + 1]!)) j++;
          // A table or prose written in HTML is read as its rendered text; a script, a style, an image are not.
          const kind = htmlBlockKind(text.slice(line.start, lines[j]!.end));
          if (kind) {
            flush();
            // Lines after a table's end are shown as a paragraph under it ("</table>" then "See [@fry2018] for doses."),
            // which may be its note; not a row of it.
            let last = j;
            if (kind === 'table') while (last > i && !/<\/table\s*>/i.test(lineText(last))) last--;
            if (last === i && !/<\/table\s*>/i.test(lineText(i))) last = j;
            suppressions.push(...suppressionsInsideHtml(text, lines, i + 1, last));
            blocks.push({ start: line.start, end: lines[last]!.end, kind, prose: true, html: true });
            previousKind = kind;
            if (last < j && !/<\/table\s*>\s*\S/i.test(lineText(last))) {
              blocks.push({ start: lines[last + 1]!.start, end: lines[j]!.end, kind: 'paragraph', prose: true });
              previousKind = 'paragraph';
            } else if (last < j) {
              blocks[blocks.length - 1]!.end = lines[j]!.end;
            }
          } else {
            other(i, j);
          }
          i = j + 1;
          continue;
        }
      }
      if (c === '#') {
        let k = first;
        while (k < line.end && text[k] === '#') k++;
        const level = k - first;
        if (level <= 6 && (k === line.end || text[k] === ' ' || text[k] === '\t')) {
          open('heading', i, level);
          flush();
          i++;
          continue;
        }
      }
      if (isThematicBreak(text, line)) {
        if (cur && cur.kind === 'paragraph' && c === '-' && !text.slice(first, line.end).includes(' ')) {
          cur.kind = 'heading';
          cur.headingLevel = 2;
          curEndLine = i;
          flush();
        } else {
          other(i, i);
        }
        i++;
        continue;
      }
      if (cur && cur.kind === 'paragraph' && c === '=' && /^=+\s*$/.test(text.slice(first, line.end))) {
        cur.kind = 'heading';
        cur.headingLevel = 1;
        curEndLine = i;
        flush();
        i++;
        continue;
      }
      if (c === '>') {
        if (!cur || cur.kind !== 'quote') open('quote', i);
        curEndLine = i;
        i++;
        continue;
      }
    }
    const marker = listMarker(text, line);
    // As in CommonMark, a list interrupts a paragraph only with an item that has text and, if numbered, starts at 1:
    // a hard-wrapped line that begins "5) occurred in 16" or "2019. The trial" goes on with the paragraph.
    const interrupts = cur?.kind !== 'paragraph' || (marker !== undefined && marker[0] < line.end && (marker[1] === undefined || marker[1] === 1));
    if (marker && interrupts && (indent < 4 || previousKind === 'list-item' || cur?.kind === 'list-item')) {
      open('list-item', i);
      i++;
      continue;
    }
    // Footnotes written one per line, as they usually are, are one block each.
    if ((!cur || (cur.footnote !== undefined && text[first + 1] === '^')) && indent < 4 && c === '[' && /^\[[^\]]{1,200}\]:/.test(text.slice(first, Math.min(line.end, first + 210)))) {
      definitions.push(text.slice(line.start, line.end));
      // A footnote ("[^1]: Fry et al. treated 21 patients [@fry2018].") is prose, like a paragraph; a link
      // definition ("[nci]: https://...") is not.
      if (text[first + 1] === '^') {
        open('paragraph', i);
        cur!.footnote = text.slice(first + 2, text.indexOf(']', first)).trim().toLowerCase();
      } else other(i, i);
      i++;
      continue;
    }
    if (!cur && indent >= 4 && previousKind !== 'list-item') {
      let j = i;
      while (j + 1 < n && (isBlankLine(text, lines[j + 1]!) || leadingSpaces(text, lines[j + 1]!) >= 4)) j++;
      while (j > i && isBlankLine(text, lines[j]!)) j--;
      other(i, j);
      i = j + 1;
      continue;
    }
    // The delimiter row test stops at the first prose character; the pipe search reads the whole line.
    if (!cur && i + 1 < n && isDelimiterRow(text, lines[i + 1]!) && lineHas(text, line, 124)) {
      open('table', i);
      let j = i + 1;
      while (j + 1 < n && !isBlankLine(text, lines[j + 1]!) && lineHas(text, lines[j + 1]!, 124)) j++;
      curEndLine = j;
      flush();
      i = j + 1;
      continue;
    }
    if (cur) {
      curEndLine = i;
    } else {
      open(previousKind === 'list-item' && indent >= 2 ? 'list-item' : 'paragraph', i);
    }
    i++;
  }
  flush();
  return { blocks, suppressions, bibliographyPaths, definitions: definitions.join('\n') };
}

/** Whether a line ends with "-->" (trailing spaces aside): the rare line worth reading for a directive. */
function endsWithComment(text: string, line: LineInfo): boolean {
  let end = line.end;
  while (end > line.start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return end - line.start >= 7 && text.charCodeAt(end - 1) === 62 && text.charCodeAt(end - 2) === 45 && text.charCodeAt(end - 3) === 45;
}

/**
 * "[1] Fry TJ, Shah NN ... 2018" outside a titled section: still a reference entry. So is "1. Pan J, et al. ... 2019",
 * a numbered list under no heading, when the item starts with an author as a reference list writes one.
 */
export function looseReferenceEntry(text: string, block: RawBlock): void {
  let first = block.start;
  while (first < block.end && ' \t-*+'.includes(text[first]!)) first++;
  const head = text.slice(block.start, Math.min(block.end, block.start + 400));
  const bracket = head.replace(/^\s*(?:[-*+]\s+)?/, '');
  const marker = referenceMarker(bracket);
  if (!marker) return;
  const rest = bracket.slice(marker[1]);
  if (!/\b(?:19|20)\d\d\b/.test(rest)) return;
  if (text[first] === '[') {
    const capital = rest.length > 0 && rest[0] !== rest[0]!.toLowerCase();
    if (!capital) return;
  } else if (!LISTED_AUTHOR.test(rest.trimStart())) return;
  block.kind = 'reference-entry';
  block.referenceNumber = marker[0];
}

/** An entry's first author as a reference list writes it: "Pan J, et al.", "Fry TJ, Shah NN", "Fry, T. J.". */
const LISTED_AUTHOR = /^[\p{Lu}][\p{L}'’-]+,? (?:[A-Z]{1,3}|[A-Z]\.(?: ?[A-Z]\.)?)(?:,| et al\b|\. [\p{Lu}])/u;

/**
 * A reference list written as one paragraph: "References" with the first entries on its next lines ("References\n[1]
 * Pan J ..."), or run together as a PDF or an e-mail leaves them ("References: [1] Fry TJ ... 2018. [2] Pan J ...
 * 2019.", or the same with no title): the title and each entry as blocks of their own. An entry starts on a line that
 * opens with a number, or where the next number in the list's own style ("[2]", "2.", "(2)") follows a space and
 * comes before a capital, as an author's name does.
 */
export function splitReferenceParagraph(text: string, block: RawBlock): RawBlock[] | undefined {
  const parts: RawBlock[] = [];
  let listStart = block.start;
  const firstBreak = text.indexOf('\n', block.start);
  const lineEnd = firstBreak < 0 || firstBreak > block.end ? block.end : firstBreak;
  const colon = text.slice(block.start, Math.min(lineEnd, block.start + 41)).indexOf(':') + block.start;
  if (lineEnd < block.end && lineEnd - block.start <= 40 && isReferenceHeading(text.slice(block.start, lineEnd))) {
    parts.push({ ...block, end: lineEnd });
    listStart = lineEnd + 1;
  } else if (colon > block.start && colon < lineEnd && colon - block.start <= 40 && isReferenceHeading(text.slice(block.start, colon))) {
    parts.push({ ...block, end: colon + 1 });
    listStart = colon + 1;
    while (listStart < block.end && (text[listStart] === ' ' || text[listStart] === '\t' || text[listStart] === '\n')) listStart++;
  }
  const titled = parts.length > 0;
  const first = referenceMarker(text.slice(listStart, Math.min(block.end, listStart + 12)));
  if (!first) return undefined;
  const style = text[listStart + text.slice(listStart, listStart + 12).search(/\S/)];
  const markerOf = (n: number) => (style === '[' ? `[${n}]` : style === '(' ? `(${n})` : `${n}.`);
  let entry: RawBlock = { ...block, start: listStart };
  let number = first[0];
  let at = listStart + first[1];
  while (at < block.end) {
    let lineEndAt = text.indexOf('\n', at);
    if (lineEndAt < 0 || lineEndAt > block.end) lineEndAt = block.end;
    const next = nextEntryMarker(text, at, lineEndAt, markerOf(number + 1));
    if (next >= 0) {
      parts.push({ ...entry, end: trimmedEnd(text, entry.start, next) });
      entry = { ...block, start: next };
      number++;
      at = next + markerOf(number).length;
      continue;
    }
    // A line that opens with a number starts an entry in a titled list (the list as it was written, one per line).
    const lineStart = lineEndAt + 1;
    if (lineStart >= block.end) break;
    const marker = referenceMarker(text.slice(lineStart, Math.min(block.end, lineStart + 12)));
    if (marker && titled) {
      parts.push({ ...entry, end: lineEndAt });
      entry = { ...block, start: lineStart };
      number = marker[0];
      at = lineStart + marker[1];
    } else at = lineStart;
  }
  parts.push({ ...entry, end: block.end });
  if (titled) return parts;
  // With no title, only entries that each read as a reference ("[1] Fry TJ ... 2018") make a list.
  return parts.length > 1 && parts.every((part) => readsAsReference(text.slice(part.start, part.end))) ? parts : undefined;
}

/** Where the next entry's marker starts in a line: after a space or a line break, before a capital; -1 when it is not there. */
function nextEntryMarker(text: string, from: number, to: number, marker: string): number {
  // Searched within the line (from the character before it, for a marker that opens it): a search of the whole rest
  // of the text for a number that is not there, once per line, would make a long list quadratic.
  const base = Math.max(0, from - 1);
  const line = text.slice(base, to);
  for (let i = line.indexOf(marker, from - base); i >= 0 && base + i + marker.length < to; i = line.indexOf(marker, i + 1)) {
    const at = base + i;
    const before = text.charCodeAt(at - 1);
    if (before !== 32 && before !== 9 && before !== 10 && before !== 0xa0) continue;
    const after = /^[ \t\u00a0]+\p{Lu}/u.exec(text.slice(at + marker.length, Math.min(to, at + marker.length + 8)));
    if (after) return at;
  }
  return -1;
}

function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/** "[1] Fry TJ, ... 2018" or "1. Pan J, et al. ... 2019": a numbered entry as a reference list writes it. */
function readsAsReference(entry: string): boolean {
  const marker = referenceMarker(entry);
  if (!marker) return false;
  const rest = entry.slice(marker[1]);
  if (!/\b(?:19|20)\d\d\b/.test(rest)) return false;
  return entry.trimStart()[0] === '[' ? /^\p{Lu}/u.test(rest) : LISTED_AUTHOR.test(rest);
}

// ---- reading one block ----------------------------------------------------------------------------------------------

/** Characters that make the direct reading differ from what remark would give. */
function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * What inline syntax a block holds that makes the direct reading differ from what remark would give: none; only "&"
 * that starts no character reference ("Smith & Jones", text to remark too); or anything else (the parser reads it).
 */
function inlineSyntax(block: string): 'none' | 'ampersand' | 'other' {
  const n = block.length;
  let ampersand = false;
  for (let i = 0; i < n; i++) {
    const c = block.charCodeAt(i);
    if (c < 33 || (c > 63 && c !== 91 && c !== 92 && c !== 93 && c !== 95 && c !== 96 && c !== 119 && c !== 87 && c !== 124 && c !== 126)) continue;
    switch (c) {
      case 96: case 60: case 92: case 124: case 62: case 126: // ` < \ | > ~
        return 'other';
      case 38: { // &amp; &#38; (a character reference starts with a letter, a digit or #)
        const d = block.charCodeAt(i + 1);
        if (isWordCode(d) || d === 35) return 'other';
        ampersand = true;
        break;
      }
      case 33: // ![
        if (block.charCodeAt(i + 1) === 91) return 'other';
        break;
      case 93: { // ]( ][ ]:
        const d = block.charCodeAt(i + 1);
        if (d === 40 || d === 91 || d === 58) return 'other';
        break;
      }
      case 91: // [^
        if (block.charCodeAt(i + 1) === 94) return 'other';
        break;
      case 58: // ://
        if (block.charCodeAt(i + 1) === 47 && block.charCodeAt(i + 2) === 47) return 'other';
        break;
      case 119: case 87: // www.
        if (block.startsWith('ww.', i + 1)) return 'other';
        break;
      case 95: case 42: { // _ * at a word edge may be emphasis
        if (!(i > 0 && isWordCode(block.charCodeAt(i - 1)) && isWordCode(block.charCodeAt(i + 1)))) return 'other';
        break;
      }
    }
  }
  return ampersand ? 'ampersand' : 'none';
}

/** GFM's e-mail characters before the "@" (atext). */
function isAtextCode(c: number): boolean {
  return isWordCode(c) || c === 43 || c === 45 || c === 46 || c === 95;
}

/**
 * Whether every line of a paragraph or list item starts as plain prose (after the item's marker and one space): a
 * letter, or a digit that starts no list; no tab and no "*" anywhere. Other line starts (more spaces after a marker, a marker
 * in a marker) are where remark's reading of the text can differ from the direct one.
 */
function plainLineStarts(block: string, kind: RawBlock['kind']): boolean {
  // A "*" inside a word is still emphasis to remark ("2*a*b"); a tab's width depends on where it stands.
  if ((kind !== 'paragraph' && kind !== 'list-item') || block.includes('\t') || block.includes('*')) return false;
  const lines = splitLines(block);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    let from = line.start;
    if (index === 0 && kind === 'list-item') {
      const marker = listMarker(block, line);
      if (!marker || block.charCodeAt(marker[0] - 1) !== 32) return false;
      from = marker[0];
    } else {
      while (from < line.end && block.charCodeAt(from) === 32) from++;
    }
    const c = block.charCodeAt(from);
    if (isAsciiLetterCode(c)) continue;
    if (!(c >= 48 && c <= 57) || listMarker(block, { start: from, end: line.end })) return false;
  }
  return true;
}

/**
 * The e-mail addresses remark would make links in a block with no other inline syntax, or undefined when the direct
 * reading might differ from remark's in more than those: an address of an unusual form, one inside brackets, link
 * reference definitions that a "[" could name, spaces at a line end (remark drops them, or reads a line break).
 */
function addressLinks(block: string, kind: RawBlock['kind'], definitions: string): Span[] | undefined {
  if (!plainLineStarts(block, kind)) return undefined;
  const emails: Span[] = [];
  let brackets = 0; // "[" open before this point: an address inside a link text is not a link of its own
  for (let i = 0; i < block.length; i++) {
    const c = block.charCodeAt(i);
    if ((c === 32 || c === 9) && (i + 1 === block.length || block.charCodeAt(i + 1) === 10 || block.charCodeAt(i + 1) === 13)) return undefined;
    if (c === 91) brackets++;
    else if (c === 93 && brackets > 0) brackets--;
    else if (c === 64 && isAtextCode(block.charCodeAt(i - 1))) {
      const email = plainEmailAt(block, i);
      if (!email || brackets > 0 || (definitions && block.includes('['))) return undefined;
      emails.push(email);
    }
  }
  return emails;
}

function isAsciiLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * The e-mail address around the "@" at `at`, when GFM's autolink literal certainly reads it as one (and no other
 * construct can): after whitespace, a local part of letters, digits and ". + -" that starts and ends with a letter
 * or digit; a domain of dotted labels of letters, digits and "-", ending in a letter; then whitespace, the end, or
 * one of . , ; ) . Anything else (an underscore, a slash before it, a second "@") is left to the parser.
 */
function plainEmailAt(block: string, at: number): Span | undefined {
  let start = at;
  for (;;) {
    const c = block.charCodeAt(start - 1);
    if (!(isWordCode(c) || c === 46 || c === 43 || c === 45)) break;
    start--;
  }
  if (start === at || !isWordCode(block.charCodeAt(start)) || !isWordCode(block.charCodeAt(at - 1))) return undefined;
  const before = start > 0 ? block.charCodeAt(start - 1) : 32;
  if (before !== 32 && before !== 10 && before !== 9) return undefined;
  let end = at + 1;
  let dots = 0;
  for (;;) {
    const label = end;
    while (end < block.length && (isWordCode(block.charCodeAt(end)) || block.charCodeAt(end) === 45)) end++;
    if (end === label) return undefined;
    if (block.charCodeAt(end) !== 46 || !isWordCode(block.charCodeAt(end + 1))) break;
    dots++;
    end++;
  }
  if (dots === 0 || !isAsciiLetterCode(block.charCodeAt(end - 1))) return undefined;
  const after = end < block.length ? block.charCodeAt(end) : 32;
  if (after !== 32 && after !== 10 && after !== 9 && after !== 46 && after !== 44 && after !== 59 && after !== 41) return undefined;
  return { start, end };
}

/** A block with no inline syntax read as it stands; its e-mail addresses (in order) read as placeholders. */
function readDirect(block: string, kind: RawBlock['kind'], emails: readonly Span[] = []): MappedText {
  const out = new MappedTextBuilder(block.length);
  const lines = splitLines(block);
  let next = 0; // the next e-mail address to read
  lines.forEach((line, index) => {
    let from = line.start;
    while (from < line.end && (block[from] === ' ' || block[from] === '\t')) from++;
    let to = line.end;
    if (index === 0 && kind === 'heading' && block[from] === '#') {
      while (from < to && block[from] === '#') from++;
      while (from < to && block[from] === ' ') from++;
      let t = to;
      while (t > from && (block[t - 1] === ' ' || block[t - 1] === '#')) t--;
      if (t < to && t > from) to = t;
    } else if (index === 0 && (kind === 'list-item' || kind === 'reference-entry')) {
      const marker = listMarker(block, line);
      if (marker) from = marker[0];
      if (block.startsWith('[ ] ', from) || block.startsWith('[x] ', from) || block.startsWith('[X] ', from)) from += 4;
    } else if (index === lines.length - 1 && index > 0 && kind === 'heading' && /^[=-]+\s*$/.test(block.slice(from, to))) {
      return;
    }
    if (index > 0 && out.size > 0) out.appendText('\n', line.start - 1, line.start);
    while (next < emails.length && emails[next]!.end <= to) {
      const email = emails[next++]!;
      out.appendSlice(block, from, email.start);
      out.appendText(PLACEHOLDER, email.start, email.end);
      from = email.end;
    }
    out.appendSlice(block, from, to);
  });
  return out.build();
}

/** Maps a text node's value onto its source slice (escapes, entities, quote markers and indentation are skipped). */
function appendAligned(out: MappedTextBuilder, value: string, source: string, from: number, to: number): void {
  if (to - from === value.length && source.startsWith(value, from)) {
    out.appendSlice(source, from, to);
    return;
  }
  let j = from;
  for (let k = 0; k < value.length; k++) {
    const ch = value[k]!;
    if (j < to && source[j] === ch) {
      out.appendText(ch, j, j + 1);
      j++;
      continue;
    }
    let found = -1;
    for (let s = j; s < Math.min(to, j + 12); s++) {
      if (source[s] === ch) {
        found = s;
        break;
      }
    }
    if (found >= 0) {
      out.appendText(ch, found, found + 1);
      j = found + 1;
    } else {
      const at = Math.min(j, Math.max(from, to - 1));
      out.appendText(ch, at, at + 1);
    }
  }
}

const NON_PROSE_INLINE = new Set(['inlineCode', 'html', 'image', 'imageReference', 'footnoteReference', 'inlineMath']);
const NON_PROSE_BLOCK = new Set(['code', 'math', 'yaml', 'toml', 'definition', 'thematicBreak']);
/** Nodes whose children are blocks: a line break separates the children's prose. */
// A table's rows are lines (a row is a sentence); a row's cells are not: they are joined with " | " (see tableCell).
const BLOCK_CONTAINERS = new Set(['listItem', 'list', 'blockquote', 'table', 'root', 'containerDirective', 'footnoteDefinition']);

function looksLikeUrl(s: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]{0,20}:\/\/|www\.|mailto:)/i.test(s) || /^[^\s@]{1,64}@[^\s@]{1,255}$/.test(s);
}

/** The parser's reading of a block (exported for tests: the direct reading must give the same). */
export function readWithParser(block: string, definitions: string, kind?: RawBlock['kind']): ProseReading {
  // A nested list item ("    * in CD19-negative disease: 4 of 5") is read without its indentation: on its own, remark
  // would read four spaces as code.
  let indent = 0;
  if (kind === 'list-item') while (block.charCodeAt(indent) === 32) indent++;
  const body = indent > 0 ? block.slice(indent) : block;
  const source = definitions && body.includes('[') ? `${body}\n\n${definitions}\n` : body;
  const tree = parseMarkdown(source);
  const out = new MappedTextBuilder(block.length);
  const citations: SourceCitation[] = [];
  const limit = block.length;
  const range = (node: MdNode): [number, number] => {
    const s = Math.min((node.position?.start.offset ?? 0) + indent, limit);
    const e = Math.min(node.position?.end.offset !== undefined ? node.position.end.offset + indent : s, limit);
    return [s, e];
  };
  const newline = (at: number) => {
    if (out.size > 0 && out.lastChar() !== '\n') out.appendText('\n', at, at);
  };
  const visit = (node: MdNode): void => {
    const [s, e] = range(node);
    if (s >= limit && node.type !== 'root') return;
    if (node.type === 'text') {
      appendAligned(out, node.value ?? '', block, s, e);
      return;
    }
    if (NON_PROSE_INLINE.has(node.type)) {
      // "[^3]" cites what footnote 3 cites.
      if (node.type === 'footnoteReference' && e > s) {
        const label = (node.label ?? '').toLowerCase();
        if (label) citations.push({ span: { start: s, end: e }, style: 'footnote', targets: [{ kind: 'footnote', label, span: { start: s, end: e } }] });
      }
      out.appendText(PLACEHOLDER, s, e);
      return;
    }
    if (NON_PROSE_BLOCK.has(node.type)) {
      newline(s);
      return;
    }
    if (node.type === 'break') {
      out.appendText('\n', s, e);
      return;
    }
    if (node.type === 'link') {
      const url = node.url ?? '';
      const onlyText = node.children?.length === 1 && node.children[0]!.type === 'text' ? node.children[0]!.value ?? '' : undefined;
      const autolink = onlyText !== undefined && (looksLikeUrl(onlyText) || url.endsWith(onlyText));
      // The URL as written in the link, when it is there verbatim (remark decodes escapes).
      const urlAt = url ? block.indexOf(url, s) : -1;
      const ids = identifierCitationsInUrl(url, urlAt >= 0 && urlAt + url.length <= e ? urlAt : undefined);
      if (ids) citations.push({ ...ids, span: { start: s, end: e } });
      if (autolink || ids) {
        out.appendText(PLACEHOLDER, s, e);
        return;
      }
    }
    if (node.type === 'linkReference') {
      const label = node.children?.length === 1 && node.children[0]!.type === 'text' ? node.children[0]!.value ?? '' : '';
      if (/^\d{1,4}$/.test(label)) {
        out.appendText(PLACEHOLDER, s, e);
        return;
      }
    }
    if (node.type === 'tableCell') {
      for (const child of node.children ?? []) visit(child);
      out.appendText(' | ', e, e);
      return;
    }
    const isBlock = BLOCK_CONTAINERS.has(node.type);
    const children = node.children ?? [];
    for (let k = 0; k < children.length; k++) {
      const child = children[k]!;
      if (isBlock) newline(range(child)[0]);
      // "<sup>1</sup>", "<sup>2,3</sup>": the numbered style of HTML and of documents converted from Word.
      const inner = children[k + 1];
      // (Not an exponent: "1 x 10<sup>6</sup> cells/kg".)
      const before = children[k - 1];
      const exponent = before?.type === 'text' && /(?:^|\D)10$/.test(before.value ?? '');
      if (!exponent && child.type === 'html' && /^<sup>$/i.test(child.value ?? '') && inner?.type === 'text' && /^\d/.test(inner.value ?? '') && children[k + 2]?.type === 'html' && /^<\/sup>$/i.test(children[k + 2]!.value ?? '')) {
        const [from, to] = range(inner);
        const targets = /^[\d,–\- ]+$/.test(block.slice(from, to)) ? numberTargets(block, from, to, 3, true) : undefined;
        if (targets) {
          const [start] = range(child);
          const [, end] = range(children[k + 2]!);
          citations.push({ span: { start, end }, style: 'numbered', targets });
          out.appendText(PLACEHOLDER, start, end);
          k += 2;
          continue;
        }
      }
      visit(child);
    }
  };
  visit(tree);
  return { mapped: out.build(), citations };
}

/** Syntax characters per character: prose with a few links and citations stays well under 8%. */
function syntaxDensity(block: string): number {
  let count = 0;
  for (let i = 0; i < block.length; i++) {
    const c = block.charCodeAt(i);
    if (c === 91 || c === 93 || c === 96 || c === 60 || c === 92 || c === 42 || c === 95 || c === 124) count++;
  }
  return count / Math.max(1, block.length);
}

/** Lines that open three or more containers at once ("- - * > 1. x"): deep nesting makes remark slow. */
function nestedContainers(block: string): boolean {
  const n = block.length;
  let i = 0;
  while (i < n) {
    let markers = 0;
    for (;;) {
      while (i < n && (block[i] === ' ' || block[i] === '\t')) i++;
      const c = block[i];
      if ((c === '-' || c === '*' || c === '+' || c === '>') && (block[i + 1] === ' ' || block[i + 1] === '\t' || c === '>')) {
        markers++;
        i++;
        continue;
      }
      let j = i;
      while (j < n && j - i < 9 && block.charCodeAt(j) >= 48 && block.charCodeAt(j) <= 57) j++;
      if (j > i && (block[j] === '.' || block[j] === ')') && block[j + 1] === ' ') {
        markers++;
        i = j + 1;
        continue;
      }
      break;
    }
    if (markers >= 3) return true;
    while (i < n && block[i] !== '\n') i++;
    i++;
  }
  return false;
}

/** Largest block handed to remark; larger or syntax-dense blocks are read by the linear inline scanner. */
const PARSER_BLOCK_LIMIT = 5000;

export function readMarkdownBlock(source: string, kind: RawBlock['kind'], definitions: string): ProseReading {
  const block = source.includes('{') ? acceptCriticMarkup(source) : source;
  const syntax = kind === 'quote' || kind === 'table' ? 'other' : inlineSyntax(block);
  if (syntax === 'none') return { mapped: readDirect(block, kind), citations: [] };
  if (block.length <= PARSER_BLOCK_LIMIT && syntaxDensity(block) <= 0.08 && !nestedContainers(block)) {
    // Only a lone "&": the parser's reading is the direct one, but for the e-mail addresses it makes links (read as
    // placeholders, and as a citation if one names an identifier). Parsing such blocks was most of the parser's time.
    const emails = syntax === 'ampersand' ? addressLinks(block, kind, definitions) : undefined;
    if (emails) {
      const citations: SourceCitation[] = [];
      for (const span of emails) {
        const ids = identifierCitationsInUrl(`mailto:${block.slice(span.start, span.end)}`);
        if (ids) citations.push({ ...ids, span: { ...span } });
      }
      return { mapped: readDirect(block, kind, emails), citations };
    }
    return readWithParser(block, definitions, kind);
  }
  return readInline(block, kind, definitionLabels(definitions));
}

/**
 * CriticMarkup (tracked changes in Markdown) read as the text with the changes accepted: a deletion, a comment and a
 * substitution's old text are blanked out, as are the marks around an insertion, a highlight and the new text. Blanks
 * keep every offset and line; the source, which quick fixes edit, is unchanged.
 */
function acceptCriticMarkup(block: string): string {
  if (!CRITIC_MARK.test(block)) return block;
  return block.replace(CRITIC_MARKS, (mark) => mark.replace(/[^\n]/g, ' '));
}

const CRITIC_MARK = /\{(?:--|>>|\+\+|==|~~)/;
// (Each bounded: a mark never closed must not make the reading quadratic.)
const CRITIC_MARKS = /\{--[\s\S]{0,4000}?--\}|\{>>[\s\S]{0,4000}?<<\}|\{~~[\s\S]{0,4000}?~>|\{\+\+|\+\+\}|\{==|==\}|~~\}/g;

/** Lower-cased labels of link reference definitions ("[1]: https://..." -> "1"). */
function definitionLabels(definitions: string): Set<string> {
  const labels = new Set<string>();
  for (const line of definitions.split('\n')) {
    const close = line.indexOf(']:');
    const open = line.indexOf('[');
    if (open >= 0 && close > open) labels.add(line.slice(open + 1, close).trim().toLowerCase());
  }
  return labels;
}

/**
 * A linear reading of Markdown inline syntax for blocks remark would take too long over (very large or syntax-dense):
 * code spans, autolinks, HTML, link destinations and images are not prose; escapes, entities and emphasis markers are
 * read as a reader sees them. Every look-ahead is bounded.
 */
export function readInline(block: string, kind: RawBlock['kind'], labels: ReadonlySet<string> = new Set()): ProseReading {
  const out = new MappedTextBuilder(block.length);
  const citations: SourceCitation[] = [];
  const n = block.length;
  const openBrackets: number[] = [];
  let lineStart = true;
  let i = 0;
  const wordChar = (k: number) => k >= 0 && k < n && isWordCode(block.charCodeAt(k));
  while (i < n) {
    const ch = block[i]!;
    if (lineStart) {
      // Line prefixes: indentation, quote markers, list markers, heading hashes.
      let k = i;
      while (k < n && (block[k] === ' ' || block[k] === '\t' || block[k] === '>')) k++;
      if (kind === 'heading') while (k < n && block[k] === '#') k++;
      if (kind === 'list-item' || kind === 'quote' || kind === 'reference-entry') {
        const marker = listMarker(block, { start: k, end: Math.min(n, k + 12) });
        if (marker && (block[k] === '-' || block[k] === '*' || block[k] === '+' || (block.charCodeAt(k) >= 48 && block.charCodeAt(k) <= 57))) k = marker[0];
      }
      if (k > i) {
        i = k;
        lineStart = false;
        continue;
      }
      lineStart = false;
    }
    if (ch === '\n') {
      out.appendText('\n', i, i + 1);
      i++;
      lineStart = true;
      continue;
    }
    if (ch === '\\' && i + 1 < n && /[!-/:-@[-`{-~]/.test(block[i + 1]!)) {
      out.appendText(block[i + 1]!, i, i + 2);
      i += 2;
      continue;
    }
    if (ch === '`') {
      let run = i;
      while (run < n && block[run] === '`') run++;
      const width = run - i;
      const limit = Math.min(n, run + 2000);
      let close = -1;
      for (let k = run; k < limit; k++) {
        if (block[k] !== '`') continue;
        let e = k;
        while (e < n && block[e] === '`') e++;
        if (e - k === width) {
          close = e;
          break;
        }
        k = e - 1;
      }
      if (close > 0) {
        out.appendText(PLACEHOLDER, i, close);
        i = close;
      } else {
        i = run; // an unmatched run is literal text, but never a statistic
      }
      continue;
    }
    if (ch === '<') {
      let close = -1;
      if (/[A-Za-z/!?]/.test(block[i + 1] ?? '')) {
        for (let k = i + 1; k < Math.min(n, i + 1000); k++) {
          if (block[k] === '<') break;
          if (block[k] === '>') {
            close = k + 1;
            break;
          }
        }
      }
      if (close > 0) {
        out.appendText(PLACEHOLDER, i, close);
        i = close;
        continue;
      }
    }
    if (ch === '&') {
      let k = i + 1;
      while (k < Math.min(n, i + 10) && /[#A-Za-z0-9]/.test(block[k]!)) k++;
      if (block[k] === ';' && k > i + 1) {
        const name = block.slice(i + 1, k);
        const decoded = decodeEntity(name);
        if (decoded) {
          out.appendText(decoded, i, k + 1);
          i = k + 1;
          continue;
        }
      }
    }
    if (ch === '!' && block[i + 1] === '[') {
      openBrackets.push(-(i + 1)); // an image: its text is not prose either
      i += 2;
      continue;
    }
    if (ch === '[') {
      if (labels.size > 0) {
        // "[1]" naming a link reference definition is a link, not a citation.
        let close = -1;
        for (let k = i + 1; k < Math.min(n, i + 200); k++) {
          if (block[k] === '[' || block[k] === '\n') break;
          if (block[k] === ']') {
            close = k;
            break;
          }
        }
        if (close > 0 && block[close + 1] !== '(' && block[close + 1] !== '[' && labels.has(block.slice(i + 1, close).trim().toLowerCase())) {
          out.appendText(PLACEHOLDER, i, close + 1);
          i = close + 1;
          continue;
        }
      }
      if (openBrackets.length >= 32) openBrackets.shift();
      openBrackets.push(i);
      out.appendText('[', i, i + 1);
      i++;
      continue;
    }
    if (ch === ']' && (block[i + 1] === '(' || block[i + 1] === '[') && openBrackets.length > 0) {
      const opener = openBrackets.pop()!;
      const closer = block[i + 1] === '(' ? ')' : ']';
      let close = -1;
      for (let k = i + 2; k < Math.min(n, i + 2000); k++) {
        const c = block[k];
        if (c === closer) {
          close = k + 1;
          break;
        }
        if (c === '\n' || (closer === ']' && c === '[')) break;
      }
      if (close > 0) {
        const start = Math.abs(opener) - (opener < 0 ? 1 : 0);
        if (closer === ')') {
          const url = block.slice(i + 2, close - 1).trim().split(/\s/)[0] ?? '';
          const urlAt = block.indexOf(url, i + 2);
          const ids = identifierCitationsInUrl(url, urlAt >= 0 && urlAt < close ? urlAt : undefined);
          if (ids) citations.push({ ...ids, span: { start, end: close } });
        }
        out.appendText(PLACEHOLDER, i, close);
        i = close;
        continue;
      }
    }
    if (ch === '*' || ch === '_' || (ch === '~' && block[i + 1] === '~')) {
      let run = i;
      while (run < n && block[run] === ch) run++;
      // Inside a word (snake_case, 2*3) the character is text; at a word edge it is emphasis.
      if (!(wordChar(i - 1) && wordChar(run))) {
        i = run;
        continue;
      }
    }
    let j = i + 1;
    while (j < n && !INLINE_SPECIAL.has(block.charCodeAt(j))) j++;
    out.appendSlice(block, i, j);
    i = j;
  }
  return { mapped: out.build(), citations };
}

/** Characters the inline reader must look at: newline \ ` < & ! [ ] * _ ~ */
const INLINE_SPECIAL = new Set([10, 92, 96, 60, 38, 33, 91, 93, 42, 95, 126]);
