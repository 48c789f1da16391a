/**
 * Plain text: blocks are runs of lines, cut where a line ends a sentence or reads as a title, and at bullets. A title
 * line is a heading; after a "References" heading, entries form the document's reference list. Rows of a table pasted
 * from a spreadsheet (cells between tabs) or typed with pipes are a table block.
 */
import { identityMapped } from '../text/mapped';
import {
  isBlankLine,
  isReferenceHeading,
  nextNonBlankLine,
  readSuppressionDirective,
  referenceMarker,
  splitLines,
  type DocumentLayout,
  type RawBlock,
} from './layout';
import { looseReferenceEntry, splitReferenceParagraph } from './markdown';
import type { ProseReading } from './reading';
import type { Suppression } from '../types';
import { readsAsTitle } from './sentences';

const BULLETS = new Set(['•', '·', '▪', '◦', '‣', '-', '*', '–', '—', '+']);

function bulletAt(line: string, previous: string | undefined): boolean {
  const t = line.trimStart();
  if (t.length >= 2 && BULLETS.has(t[0]!) && (t[1] === ' ' || t[1] === '\t')) return true;
  // A chat's or a transcript's message: "[08:58] Tom B: ...", "08:58 Tom B: ...".
  if (MESSAGE_START.test(t)) return true;
  if (referenceMarker(t) === undefined || /^\(/.test(t)) return false;
  // "... 90% (95% CI 84 to" then "95) with CD19/CD22 ...": a number closing the line before's parenthesis.
  return !(/^\d+\)/.test(t) && previous !== undefined && opensParenthesis(previous));
}

const MESSAGE_START = /^(?:\[\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?\]|\d{1,2}:\d{2}(?::\d{2})?\s+[\p{L}][^:\n]{0,30}:\s)/u;

/** Whether a line leaves a parenthesis open. */
function opensParenthesis(line: string): boolean {
  let depth = 0;
  for (const c of line) {
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
  }
  return depth > 0;
}

/**
 * A table row: at least three cells between tabs ("Fry 2018<TAB>21<TAB>11/15"), between pipes ("| Fry 2018 | 21 |"),
 * or lined up in columns by runs of spaces ("Fry 2018    CD22    21    73% (11/15)"). Whether a line is one depends on
 * the line alone, so a row always starts a block and a line that is not one always ends a table.
 */
export function isTableRow(line: string): boolean {
  const t = line.trim();
  if (t.startsWith('|')) return t.split('|').length >= 4;
  // Most lines hold no tab and no run of spaces: they are not split. A row indented by a run of spaces leaves its
  // first cell empty ("           Fry 2018    Pan 2019" over "CR rate    73%    80%").
  if (!t.includes('\t')) return t.includes('  ') && isAlignedRow(t, /^ {2,}\S/.test(line) ? 1 : 0);
  let cells = 0;
  for (const cell of t.split('\t')) if (cell.trim() !== '') cells++;
  return cells >= 3;
}

/**
 * Cells lined up by runs of two or more spaces, at least three (with `emptyCells` left of the text); a run after a
 * sentence's or clause's end ("73%.  CRS ...") is the spacing of typed prose, not a column.
 */
function isAlignedRow(t: string, emptyCells: number): boolean {
  let cells = 1 + emptyCells;
  let widest = 0;
  let narrowest = Infinity;
  for (const gap of t.matchAll(/ {2,}/g)) {
    if (/[.!?:;,]/.test(t[gap.index - 1]!)) return false;
    cells++;
    widest = Math.max(widest, gap[0].length);
    narrowest = Math.min(narrowest, gap[0].length);
  }
  // Columns are padded to their widest cell, so some run is three spaces or more; justified prose spreads its words
  // by runs of one width ("Fry  et  al.  (2018)  reported  CR  in  73%").
  return cells >= 3 && widest >= 3 && !(cells >= 6 && widest === narrowest);
}

/** A reference entry's first author at the start of an unindented line: "Fry TJ, ...", "Fry, T. J.", "van der Berg A". */
const AUTHOR_START = /^(?:[a-z]{1,3} ){0,2}[\p{Lu}][\p{L}'’-]+(?: [\p{Lu}][\p{L}'’-]+)?,? (?:[A-Z]{1,3}\b|[A-Z]\.)/u;

function startsWithAuthor(line: string): boolean {
  return AUTHOR_START.test(line);
}

function endsSentence(line: string): boolean {
  const t = line.trimEnd();
  return /[.!?:]["'”’)]?$/.test(t);
}


const SUPPRESS_DIRECTIVE = 'trial-lens-disable-next-line';

/** What the cut after a line depends on, read once per line. */
interface LineReading {
  ends: boolean;
  title: boolean;
  /** A title of at most 60 characters ends its block whatever follows. */
  shortTitle: boolean;
}

function readLine(line: string): LineReading {
  // A line that leaves a parenthesis open or ends in a hyphen, a dash or a comma goes on ("... (95% CI 53-").
  const title = readsAsTitle(line) && !/[-–,]\s*$/.test(line) && !opensParenthesis(line);
  return { ends: endsSentence(line), title, shortTitle: title && line.trim().length <= 60 };
}

/**
 * Whether a non-blank line starts a new block after `previous`, the last line of a block of `linesSoFar` lines of
 * `kind` (as read so far: a title block is still a paragraph here). The one rule the splitter and an edit read.
 */
function startsBlock(bullet: boolean, previous: LineReading, linesSoFar: number, kind: RawBlock['kind'], line: string): boolean {
  if (bullet || previous.ends) return true;
  // "... in the study by Fry" then "et al. (2018).": a line that goes on in lower case continues the one before.
  if (startsLowerCase(line)) return false;
  return previous.shortTitle || (linesSoFar === 1 && kind === 'paragraph' && previous.title);
}

function startsLowerCase(line: string): boolean {
  const c = line.trimStart().charCodeAt(0);
  return c >= 97 && c <= 122;
}

/**
 * Whether the line after a block (`next`: a line, or undefined at the end of the text) starts another block whatever
 * else follows: an edit inside the block that keeps this true leaves every block after it as it was.
 */
export function plaintextCutsAfter(blockText: string, kind: RawBlock['kind'], next: string | undefined): boolean {
  // Blank as the splitter reads a line (a no-break space is not blank there).
  if (next === undefined || isBlankLine(next, { start: 0, end: next.length }) || next.trimStart().startsWith(SUPPRESS_DIRECTIVE)) return true;
  if (kind === 'table') return !isTableRow(next);
  if (isTableRow(next)) return true;
  const lastBreak = Math.max(blockText.lastIndexOf('\n'), blockText.lastIndexOf('\r'));
  const last = blockText.slice(lastBreak + 1);
  const bullet = bulletAt(next, last);
  // A numbered entry may run on over the next line in a reference list (which this block alone cannot tell).
  if (!bullet && referenceMarker(blockText.trimStart()) !== undefined) return false;
  return startsBlock(bullet, readLine(last), lastBreak < 0 ? 1 : 2, kind, next);
}

export function splitPlaintext(text: string): DocumentLayout {
  const lines = splitLines(text);
  const blocks: RawBlock[] = [];
  let cur: RawBlock | undefined;
  let curLines = 0;
  /** Whether the block begins with a reference number ("1.", "[1]"). */
  let curNumbered = false;
  let inReferences = false;
  let referenceOrdinal = 0;
  const suppressions: Suppression[] = [];
  const lineText = (k: number) => text.slice(lines[k]!.start, lines[k]!.end);
  const flush = () => {
    if (!cur) return;
    const block = cur;
    cur = undefined;
    // A reference list run together in one paragraph ("References: [1] Fry TJ ... 2018. [2] Pan J ..."): its title
    // and entries, each a block.
    const parts = block.kind === 'paragraph' && !inReferences ? splitReferenceParagraph(text, block) : undefined;
    if (parts) {
      for (const part of parts) {
        const title = part === parts[0] && isReferenceHeading(text.slice(part.start, part.end));
        place(part, title);
      }
      return;
    }
    place(block, curLines === 1);
  };
  const place = (block: RawBlock, oneLine: boolean) => {
    const first = text.slice(block.start, block.end);
    // In a reference list, a one-line entry with no full stop at its end ("Pan J, et al. ... PMID 31110271") is an
    // entry, not a title that would end the list.
    if (oneLine && block.kind === 'paragraph' && (readsAsTitle(first) || isReferenceHeading(first)) && !(inReferences && startsWithAuthor(first))) {
      block.kind = 'heading';
      block.headingLevel = blocks.length === 0 ? 1 : 2;
      inReferences = isReferenceHeading(first);
      referenceOrdinal = 0;
    } else if (inReferences) {
      const marker = referenceMarker(first.trimStart());
      referenceOrdinal++;
      block.kind = 'reference-entry';
      block.referenceNumber = marker ? marker[0] : referenceOrdinal;
    } else if (block.kind !== 'table') {
      looseReferenceEntry(text, block);
    }
    blocks.push(block);
  };
  // What the line before says of the cut after it (ends a sentence, reads as a title), read once per line.
  let previous: LineReading | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlankLine(text, line)) {
      flush();
      previous = undefined;
      continue;
    }
    const current = lineText(i);
    // "trial-lens-disable-next-line code ..." on its own line is a directive, not prose.
    if (current.trimStart().startsWith(SUPPRESS_DIRECTIVE)) {
      flush();
      previous = undefined;
      const target = nextNonBlankLine(text, lines, i + 1);
      if (target >= 0) suppressions.push({ line: target, codes: readSuppressionDirective(current) ?? [] });
      continue;
    }
    // In a reference list, "(1) Fry TJ ..." numbers an entry (elsewhere "(1)" may enumerate a sentence's points).
    const bullet = bulletAt(current, i > 0 ? lineText(i - 1) : undefined) || (inReferences && /^\s*\(\d{1,4}\)\s/.test(current));
    const row = !inReferences && isTableRow(current);
    // A numbered reference list's entry runs on until the next number, over lines that end in a full stop ("... Nat
    // Med. 2018;24:20-28." then "   PMID: 29155426."): those are one entry, not two.
    const continuesEntry = inReferences && cur !== undefined && !bullet && curNumbered;
    // An unnumbered list's entry starts with its first author ("Pan J, et al. Leukemia. 2019. PMID 31110271"), even
    // after an entry whose last line does not end in a full stop (a DOI); a line that goes on with an author list
    // ("Yuan CM," then "Martin S, ...") does not.
    const startsEntry = inReferences && !curNumbered && !bullet && startsWithAuthor(current) && i > 0 && !/[,;&-]\s*$/.test(lineText(i - 1));
    // A table's rows stay together, and a table starts and ends its own block.
    const continuesTable = row && cur?.kind === 'table';
    const breaksTable = row !== (cur?.kind === 'table');
    if (!cur || !previous || breaksTable || startsEntry || (!continuesEntry && !continuesTable && startsBlock(bullet, previous, curLines, cur.kind, current))) {
      flush();
      cur = { start: line.start, end: line.end, kind: row ? 'table' : bullet ? 'list-item' : 'paragraph', prose: true };
      curLines = 1;
      curNumbered = bullet && referenceMarker(current.trimStart()) !== undefined;
    } else {
      cur!.end = line.end;
      curLines++;
    }
    previous = readLine(current);
  }
  flush();
  return { blocks, suppressions, bibliographyPaths: [], definitions: '' };
}

export function readPlaintextBlock(block: string): ProseReading {
  return { mapped: identityMapped(block), citations: [] };
}
