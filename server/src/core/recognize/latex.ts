/**
 * LaTeX: a line scanner cuts the document into blocks (paragraphs, \item entries, headings, \bibitem entries;
 * verbatim, math and the preamble are kept out of prose), and a character scanner reads each block's prose: comments
 * dropped (but not \%), \cite-family commands turned into citations, math such as $1 \times 10^{6}$ read as 1 × 10^6,
 * ~ as a space, -- as a dash. Linear: every scan moves forward, brace and bracket look-aheads are bounded.
 */
import { MappedTextBuilder } from '../text/mapped';
import type { CitationTarget, Suppression } from '../types';
import {
  isBlankLine,
  readSuppressionDirective,
  splitLines,
  type DocumentLayout,
  type LineInfo,
  type RawBlock,
} from './layout';
import { PLACEHOLDER, type ProseReading, type SourceCitation } from './reading';

const CITE_COMMANDS = new Set([
  'cite', 'citet', 'citep', 'citealt', 'citealp', 'citeauthor', 'citeyear', 'parencite', 'Parencite', 'textcite',
  'Textcite', 'autocite', 'Autocite', 'footcite', 'smartcite', 'supercite', 'Cite', 'cites', 'parencites', 'textcites',
  'autocites', 'footcites', 'fullcite',
  // natbib's and biblatex's sentence-initial forms ("\Citet{fry2018} treated 21 patients").
  'Citet', 'Citep', 'Citealt', 'Citealp', 'Citeauthor', 'Footcite', 'Smartcite', 'Supercite', 'Parencites', 'Textcites',
  'Autocites', 'Footcites', 'footcitetext',
]);

const RAW_ENVIRONMENTS = new Set([
  'verbatim', 'Verbatim', 'lstlisting', 'minted', 'comment', 'equation', 'equation*', 'align', 'align*', 'gather',
  'gather*', 'multline', 'multline*', 'displaymath', 'math', 'eqnarray', 'eqnarray*', 'tikzpicture', 'filecontents',
  'filecontents*', 'alltt', 'flalign', 'flalign*',
]);

const SECTION_LEVELS: Record<string, number> = {
  part: 1, chapter: 1, section: 1, subsection: 2, subsubsection: 3, paragraph: 4, subparagraph: 5,
};

/** Commands whose arguments are not prose: [name, number of brace arguments to drop]. */
const SKIP_ARGUMENTS: Record<string, number> = {
  label: 1, ref: 1, eqref: 1, cref: 1, Cref: 1, autoref: 1, pageref: 1, nameref: 1, url: 1, includegraphics: 1,
  bibliography: 1, bibliographystyle: 1, addbibresource: 1, input: 1, include: 1, usepackage: 1, documentclass: 1,
  newcommand: 2, renewcommand: 2, providecommand: 2, vspace: 1, hspace: 1, setlength: 2, begin: 1, end: 1,
  nocite: 1, hypersetup: 1, graphicspath: 1, index: 1, todo: 1, href: 1, color: 1, textcolor: 1, pagestyle: 1,
  thispagestyle: 1, setcounter: 2, addtocounter: 2, newenvironment: 3, renewenvironment: 3, hyperref: 0, bibitem: 1,
  cline: 1, multicolumn: 2, multirow: 2, resizebox: 2, scalebox: 1, rule: 2, fontsize: 2, selectfont: 0,
  linewidth: 0, textwidth: 0, doi: 1,
  // Track changes (changes, soul, ulem): struck-out text is not what the draft now says.
  deleted: 1, sout: 1, xout: 1, st: 1,
};

/** `\replaced{new}{old}` (changes): the new text is prose, the old is dropped. */
const REPLACE_COMMANDS = new Set(['replaced']);

/** siunitx ranges: `\SIrange{7}{30}{years}` reads "7 to 30 years" (their groups would otherwise run together: 730). */
const RANGE_COMMANDS = new Set(['SIrange', 'numrange', 'qtyrange']);

/** siunitx quantities: `\SI{1e5}{cells\per\kilogram}` reads "1e5 cells/kg" (not "1e5cells"). */
const QUANTITY_COMMANDS = new Set(['SI', 'qty']);

const SYMBOLS: Record<string, string> = {
  times: '×', texttimes: '×', cdot: '×', geq: '≥', ge: '≥', geqslant: '≥', leq: '≤', le: '≤', leqslant: '≤',
  pm: '±', textpm: '±', textgreater: '>', textless: '<', gt: '>', lt: '<', textasciitilde: '~', sim: '~',
  approx: '≈', textminus: '−', textendash: '–', textemdash: '—', mu: 'μ', textmu: 'μ', alpha: 'α', beta: 'β',
  gamma: 'γ', delta: 'δ', kappa: 'κ', zeta: 'ζ', ldots: '…', dots: '…', textellipsis: '…', degree: '°',
  textdegree: '°', percent: '%', textpercent: '%', neq: '≠', ne: '≠', infty: '∞', textbar: '|',
  textquoteright: "'", textquoteleft: "'", textquotedblleft: '"', textquotedblright: '"', S: '§', ss: 'ß',
  LaTeX: 'LaTeX', TeX: 'TeX', textregistered: '®', texttrademark: '™', copyright: '©', par: '\n', newline: '\n',
  linebreak: ' ', quad: ' ', qquad: ' ', enspace: ' ', thinspace: ' ', noindent: '', centering: '', item: '',
  tiny: '', small: '', footnotesize: '', large: '', Large: '', normalsize: '', bfseries: '', itshape: '',
  maketitle: '', tableofcontents: '', hline: '', toprule: '', midrule: '', bottomrule: '', clearpage: '',
  newpage: '', appendix: '', and: ',', left: '', right: '', displaystyle: '',
  // siunitx units, as a dose is written: \per\kilogram is "/kg", \kilo\gram "kg".
  per: '/', kilogram: 'kg', kilo: 'k', gram: 'g', milli: 'm', micro: 'μ', litre: 'L', liter: 'L', metre: 'm',
  meter: 'm', squared: '²', square: '', cubed: '³', day: 'days', hour: 'h', minute: 'min', second: 's',
};

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Index just past a balanced group opened at `open` ('{' or '['), bounded by `limit`; -1 if not closed. */
function skipGroup(text: string, open: number, limit: number): number {
  const opener = text[open];
  const closer = opener === '{' ? '}' : ']';
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === opener) depth++;
    else if (ch === closer) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * For every '{' and '[' of a text, the index just past its balanced close, or -1 if it is never closed: what
 * skipGroup(text, open, text.length) returns for each, found in one pass. Reading "\label{\label{..." with a scan
 * per unclosed group re-read the rest of the block for each one (quadratic: 64 KB took 1.4 s).
 */
function groupEnds(text: string): Int32Array {
  const ends = new Int32Array(text.length).fill(-1);
  const braces: number[] = [];
  const brackets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '{') braces.push(i);
    else if (ch === '[') brackets.push(i);
    else if (ch === '}' || ch === ']') {
      const open = (ch === '}' ? braces : brackets).pop();
      if (open !== undefined) ends[open] = i + 1;
    }
  }
  return ends;
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** Reads a \cite-family command whose name ends at `nameEnd`; returns the citation or undefined. */
function readCite(text: string, start: number, nameEnd: number): SourceCitation | undefined {
  let i = nameEnd;
  if (text[i] === '*') i++;
  const targets: CitationTarget[] = [];
  let groups = 0;
  for (let round = 0; round < 12; round++) {
    let j = skipSpaces(text, i);
    let options = 0;
    while (text[j] === '[' && options < 2) {
      const close = skipGroup(text, j, Math.min(text.length, j + 400));
      if (close < 0) return undefined;
      j = skipSpaces(text, close);
      options++;
    }
    if (text[j] !== '{') break;
    const close = skipGroup(text, j, Math.min(text.length, j + 1000));
    if (close < 0) return undefined;
    let keyStart = j + 1;
    for (let k = j + 1; k <= close - 1; k++) {
      if (k === close - 1 || text[k] === ',') {
        let s = keyStart;
        let e = k;
        while (s < e && /\s/.test(text[s]!)) s++;
        while (e > s && /\s/.test(text[e - 1]!)) e--;
        if (e > s) targets.push({ label: text.slice(s, e), kind: 'key', span: { start: s, end: e } });
        keyStart = k + 1;
      }
    }
    i = close;
    groups++;
    const name = text.slice(start + 1, nameEnd);
    if (!name.endsWith('s')) break; // \cites{a}{b} takes several groups; the others take one
  }
  if (groups === 0 || targets.length === 0) return undefined;
  return { span: { start, end: i }, style: 'latex', targets };
}

export function readLatexBlock(block: string): ProseReading {
  const out = new MappedTextBuilder(block.length);
  const citations: SourceCitation[] = [];
  const n = block.length;
  let math = false;
  let i = 0;
  // Where each group of the block closes, computed on the first command whose arguments are skipped. The groups it is
  // asked about never start right after a backslash, so its scan from the block's start reads them as skipGroup does.
  let ends: Int32Array | undefined;
  const groupEnd = (open: number) => (ends ??= groupEnds(block))[open]!;
  // What a closing brace reads as, where it is more than nothing (between a siunitx range's bounds).
  let closings: Map<number, string> | undefined;
  /** Where a group opened at a key is skipped to: the old text of \replaced{new}{old}. */
  let jumps: Map<number, number> | undefined;
  while (i < n) {
    const ch = block[i]!;
    if (ch === '%') {
      while (i < n && block[i] !== '\n') i++;
      continue;
    }
    if (ch === '\\') {
      const next = block[i + 1];
      if (next === undefined) {
        i++;
        continue;
      }
      if ('%&$#_{}'.includes(next)) {
        out.appendText(next, i, i + 2);
        i += 2;
        continue;
      }
      if (next === '\\') {
        out.appendText(' ', i, i + 2);
        i += 2;
        continue;
      }
      if (next === '(' || next === '[') {
        math = true;
        out.appendText(' ', i, i + 2);
        i += 2;
        continue;
      }
      if (next === ')' || next === ']') {
        math = false;
        out.appendText(' ', i, i + 2);
        i += 2;
        continue;
      }
      if (!isLetter(block.charCodeAt(i + 1))) {
        if (' ,;:!>'.includes(next)) out.appendText(' ', i, i + 2);
        i += 2;
        continue;
      }
      let j = i + 1;
      while (j < n && isLetter(block.charCodeAt(j))) j++;
      const name = block.slice(i + 1, j);
      if (CITE_COMMANDS.has(name)) {
        const cite = readCite(block, i, j);
        if (cite) {
          citations.push(cite);
          out.appendText(PLACEHOLDER, cite.span.start, cite.span.end);
          i = cite.span.end;
          continue;
        }
      }
      if (RANGE_COMMANDS.has(name) && block[j] === '{') {
        const first = groupEnd(j);
        if (first > 0 && block[first] === '{') {
          (closings ??= new Map()).set(first - 1, ' to ');
          const second = groupEnd(first);
          if (second > 0 && block[second] === '{') closings.set(second - 1, ' ');
        }
        i = j;
        continue;
      }
      if (REPLACE_COMMANDS.has(name)) {
        let first = skipSpaces(block, j);
        if (block[first] === '[') first = skipSpaces(block, Math.max(first + 1, groupEnd(first)));
        const second = block[first] === '{' ? groupEnd(first) : -1;
        const end = second > 0 && block[second] === '{' ? groupEnd(second) : -1;
        if (end > 0) (jumps ??= new Map()).set(second, end);
        i = first;
        continue;
      }
      if (QUANTITY_COMMANDS.has(name) && block[j] === '{') {
        const first = groupEnd(j);
        if (first > 0 && block[first] === '{') (closings ??= new Map()).set(first - 1, ' ');
        i = j;
        continue;
      }
      if (name === 'textsuperscript' && block[j] === '{') {
        out.appendText('^', i, j + 1);
        i = j;
        continue;
      }
      const symbol = SYMBOLS[name];
      if (symbol !== undefined) {
        out.appendText(symbol, i, j);
        if (block[j] === '{' && block[j + 1] === '}') j += 2;
        else if (block[j] === ' ' && symbol !== '' && symbol !== ' ' && /[≥≤><×±~≈−]/.test(symbol)) j++;
        i = j;
        continue;
      }
      let k = j;
      if (block[k] === '*') k++;
      const skip = SKIP_ARGUMENTS[name];
      if (skip !== undefined) {
        let args = 0;
        let guard = 0;
        while (guard++ < 8) {
          const s = skipSpaces(block, k);
          if (block[s] === '[') {
            const close = groupEnd(s);
            if (close < 0) break;
            k = close;
            continue;
          }
          if (block[s] === '{' && args < skip) {
            const close = groupEnd(s);
            if (close < 0) break;
            k = close;
            args++;
            continue;
          }
          break;
        }
        if (name === 'url' || name === 'href' || name === 'doi') out.appendText(PLACEHOLDER, i, k);
        i = k;
        continue;
      }
      // Any other command: drop its name and optional arguments; its {text} stays prose.
      if (block[k] === '[') {
        const close = skipGroup(block, k, Math.min(n, k + 400));
        if (close > 0) k = close;
      }
      i = k;
      continue;
    }
    if (ch === '{' || ch === '}') {
      const jump = ch === '{' ? jumps?.get(i) : undefined;
      if (jump !== undefined) {
        i = jump;
        continue;
      }
      const reads = ch === '}' ? closings?.get(i) : undefined;
      if (reads !== undefined) out.appendText(reads, i, i + 1);
      i++;
      continue;
    }
    if (ch === '$') {
      // Math delimiters read as nothing, so that CD19$^{-}$ stays one word.
      math = !math;
      i += block[i + 1] === '$' ? 2 : 1;
      continue;
    }
    if (ch === '~' && !math) {
      out.appendText(' ', i, i + 1);
      i++;
      continue;
    }
    if (ch === '-' && block[i + 1] === '-' && !math) {
      const w = block[i + 2] === '-' ? 3 : 2;
      out.appendText(w === 3 ? '—' : '–', i, i + w);
      i += w;
      continue;
    }
    if ((ch === '`' && block[i + 1] === '`') || (ch === "'" && block[i + 1] === "'")) {
      out.appendText('"', i, i + 2);
      i += 2;
      continue;
    }
    if (ch === '&') {
      out.appendText(' | ', i, i + 1);
      i++;
      continue;
    }
    if (math && ch === '_') {
      i++;
      continue;
    }
    // Ordinary text: copy the whole run up to the next character that means something.
    let j = i + 1;
    while (j < n && !LATEX_SPECIAL.has(block.charCodeAt(j))) j++;
    out.appendSlice(block, i, j);
    i = j;
  }
  return { mapped: out.build(), citations };
}

/** Characters the LaTeX reader must look at: % \ { } $ ~ - ` ' & _ */
const LATEX_SPECIAL = new Set([37, 92, 123, 125, 36, 126, 45, 96, 39, 38, 95]);

function isCommentLine(text: string, line: LineInfo): boolean {
  let i = line.start;
  while (i < line.end && (text[i] === ' ' || text[i] === '\t')) i++;
  return i < line.end && text[i] === '%';
}

/** Index of `needle` outside comments, from `from`; -1 if none. */
function findUncommented(text: string, needle: string, from = 0): number {
  let at = text.indexOf(needle, from);
  while (at >= 0) {
    let lineStart = at;
    while (lineStart > 0 && at - lineStart < 2000 && text[lineStart - 1] !== '\n') lineStart--;
    const before = text.slice(lineStart, at);
    if (!/(?:^|[^\\])%/.test(before)) return at;
    at = text.indexOf(needle, at + needle.length);
  }
  return -1;
}

function bibliographyCommands(text: string): string[] {
  const paths: string[] = [];
  for (const command of ['\\bibliography{', '\\addbibresource{', '\\addbibresource[']) {
    let at = findUncommented(text, command);
    while (at >= 0) {
      let open = at + command.length - 1;
      if (text[open] === '[') {
        const close = skipGroup(text, open, Math.min(text.length, open + 400));
        if (close < 0) break;
        open = close;
      }
      if (text[open] === '{') {
        const close = skipGroup(text, open, Math.min(text.length, open + 2000));
        if (close > 0) {
          for (const p of text.slice(open + 1, close - 1).split(',')) if (p.trim()) paths.push(p.trim());
        }
      }
      at = findUncommented(text, command, at + command.length);
    }
  }
  return paths;
}

/**
 * Whether splitLatex splits a document as before when one line of a prose block is edited without adding or removing
 * a line break, so that only that block's text changes. splitLatex decides what a line is, and what state it leaves
 * for the lines after it, from how the line starts (blank, `%`, `\begin`, `\end`, `\[`, `$$`, a sectioning command,
 * `\bibitem`, `\item`); it reads the rest of a line only in three document-wide searches, for `\begin{document}` and
 * the bibliography commands (an argument may run onto the next lines), and for the end of a verbatim environment or
 * of display math, which start on a line of their own and so never inside a prose block. So: the edited line is, before
 * and after, an ordinary line (no `\`, `$` or `%` first) or an `\item` line, and none of those searches can find
 * something in the block.
 */
export function latexEditKeepsLayout(oldLine: string, newLine: string, oldBlock: string, newBlock: string): boolean {
  const kind = latexLineStart(oldLine);
  if (kind === undefined || kind !== latexLineStart(newLine)) return false;
  for (const block of [oldBlock, newBlock]) {
    if (block.includes('\\begin{document}') || block.includes('\\bibliography') || block.includes('\\addbibresource')) return false;
  }
  return true;
}

/** 'text' for a line splitLatex reads as the next line of a paragraph, 'item' for an `\item` line; else undefined. */
function latexLineStart(line: string): 'text' | 'item' | undefined {
  // trim() also removes what isBlankLine counts as blank (spaces, tabs, a byte-order mark).
  const trimmed = line.trim();
  if (trimmed === '') return undefined;
  const first = trimmed.charCodeAt(0);
  // \ (commands, \[), $ ($$), % (comments)
  if (first !== 92 && first !== 36 && first !== 37) return 'text';
  return trimmed.startsWith('\\item') ? 'item' : undefined;
}

export function splitLatex(text: string): DocumentLayout {
  const lines = splitLines(text);
  const blocks: RawBlock[] = [];
  const suppressions: Suppression[] = [];
  const n = lines.length;
  const lineText = (k: number) => text.slice(lines[k]!.start, lines[k]!.end);
  let i = 0;
  const documentBegin = findUncommented(text, '\\begin{document}');
  if (documentBegin >= 0) {
    let k = 0;
    while (k < n && lines[k]!.end < documentBegin) k++;
    blocks.push({ start: 0, end: lines[k]!.end, kind: 'other', prose: false });
    i = k + 1;
  }
  let cur: RawBlock | undefined;
  let envKind: RawBlock['kind'] = 'paragraph';
  let inBibliography = false;
  let bibOrdinal = 0;
  const flush = () => {
    if (cur) blocks.push(cur);
    cur = undefined;
  };
  const other = (from: number, to: number) => {
    flush();
    blocks.push({ start: lines[from]!.start, end: lines[to]!.end, kind: 'other', prose: false });
  };
  const open = (kind: RawBlock['kind'], line: number): RawBlock => {
    flush();
    cur = { start: lines[line]!.start, end: lines[line]!.end, kind, prose: true };
    return cur;
  };
  while (i < n) {
    const line = lines[i]!;
    if (isBlankLine(text, line)) {
      flush();
      i++;
      continue;
    }
    if (isCommentLine(text, line)) {
      const codes = readSuppressionDirective(lineText(i));
      if (codes) {
        let target = i + 1;
        while (target < n && (isBlankLine(text, lines[target]!) || isCommentLine(text, lines[target]!))) target++;
        if (target < n) suppressions.push({ line: target, codes });
      }
      i++;
      continue;
    }
    const trimmed = lineText(i).trim();
    if (trimmed.startsWith('\\end{document}')) {
      flush();
      blocks.push({ start: line.start, end: text.length, kind: 'other', prose: false });
      break;
    }
    // A beamer frame's title ("\begin{frame}{NCI phase 1 \cite{fry2018}}", "\frametitle{...}") heads the frame as a
    // section's title heads the section: what it cites is the frame's.
    if (/^\\begin\{frame\}(?:<[^>]*>)?(?:\[[^\]]*\])?\{/.test(trimmed) || trimmed.startsWith('\\frametitle{')) {
      const block = open('heading', i);
      block.headingLevel = 3;
      flush();
      i++;
      continue;
    }
    // "\iffalse ... \fi": text switched off, as a comment environment is (nested \if...\fi counted).
    if (/^\\iffalse\b/.test(trimmed)) {
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        for (const m of lineText(j).replace(/(^|[^\\])%.*$/, '$1').matchAll(/\\(if[a-zA-Z@]*|fi)\b/g)) depth += m[1] === 'fi' ? -1 : 1;
        if (depth <= 0) break;
      }
      other(i, Math.min(j, n - 1));
      i = j + 1;
      continue;
    }
    if (trimmed.startsWith('\\begin{')) {
      const close = trimmed.indexOf('}');
      const env = trimmed.slice(7, close > 0 ? close : undefined);
      if (RAW_ENVIRONMENTS.has(env)) {
        const endMarker = `\\end{${env}}`;
        let j = i;
        while (j < n && !lineText(j).includes(endMarker)) j++;
        other(i, Math.min(j, n - 1));
        i = j + 1;
        continue;
      }
      if (env === 'thebibliography') {
        inBibliography = true;
        bibOrdinal = 0;
      } else if (env === 'quote' || env === 'quotation') envKind = 'quote';
      else if (env === 'table' || env === 'tabular' || env === 'table*' || env === 'longtable') envKind = 'table';
      const rest = trimmed.slice(close + 1).replace(/^(\[[^\]]{0,200}\]|\{[^}]{0,200}\})+/, '').trim();
      if (rest.length === 0) {
        other(i, i);
        i++;
        continue;
      }
    }
    if (trimmed.startsWith('\\end{')) {
      if (trimmed.startsWith('\\end{thebibliography}')) inBibliography = false;
      if (/^\\end\{(quote|quotation|table\*?|tabular|longtable)\}/.test(trimmed)) envKind = 'paragraph';
      other(i, i);
      i++;
      continue;
    }
    if (trimmed.startsWith('\\[') || trimmed.startsWith('$$')) {
      const closer = trimmed.startsWith('\\[') ? '\\]' : '$$';
      let j = i;
      if (!trimmed.slice(2).includes(closer)) {
        j = i + 1;
        while (j < n && !lineText(j).includes(closer)) j++;
      }
      other(i, Math.min(j, n - 1));
      i = j + 1;
      continue;
    }
    const command = /^\\([A-Za-z]+)\*?/.exec(trimmed);
    if (command && SECTION_LEVELS[command[1]!] !== undefined) {
      const block = open('heading', i);
      block.headingLevel = SECTION_LEVELS[command[1]!]!;
      flush();
      i++;
      continue;
    }
    if (inBibliography && trimmed.startsWith('\\bibitem')) {
      const block = open('reference-entry', i);
      bibOrdinal++;
      block.referenceNumber = bibOrdinal;
      const key = /^\\bibitem(?:\[[^\]]{0,200}\])?\{([^}]{1,200})\}/.exec(trimmed);
      if (key) block.referenceKey = key[1]!.trim();
      i++;
      continue;
    }
    if (trimmed.startsWith('\\item')) {
      open('list-item', i);
      i++;
      continue;
    }
    if (cur) cur.end = line.end;
    else open(inBibliography ? 'other' : envKind, i);
    i++;
  }
  flush();
  return { blocks, suppressions, bibliographyPaths: bibliographyCommands(text), definitions: '' };
}
