/**
 * HTML blocks in Markdown: a comparison table written as `<table>` (tables with merged cells or several lines in a cell
 * cannot be pipe tables), a `<p>` or `<div>` of prose. Their text is read as a reader of the rendered page sees it:
 * tags and comments left out, entities decoded, each row or block-level element a line of its own (a line is a
 * sentence here) and a row's cells joined with " | " as in a pipe table. Scripts and styles are not prose.
 */
import { HTML_CELLS, htmlTagAt } from '../text/html';
import { MappedTextBuilder } from '../text/mapped';
import { numberTargets } from './citations';
import { decodeEntity, PLACEHOLDER, type ProseReading, type SourceCitation } from './reading';

/** Elements whose content is not text a reader sees. */
const RAW_CONTENT = new Set(['script', 'style', 'svg', 'math', 'textarea', 'template', 'pre', 'code']);

/** Elements that begin or end a line of text. */
const LINE_BREAKING = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);

/** What kind of block an HTML block at the start of a Markdown block is: a table, prose, or none (a script, an image). */
export function htmlBlockKind(html: string): 'table' | 'paragraph' | undefined {
  const first = /^\s*<([A-Za-z][A-Za-z0-9-]*)/.exec(html);
  if (!first || RAW_CONTENT.has(first[1]!.toLowerCase())) return undefined;
  if (/<table\b/i.test(html) && /<t[dh]\b/i.test(html)) return 'table';
  return 'paragraph';
}

/** The block's text as a reader sees it (see above); a `<sup>1,2</sup>` of digits is a numbered citation. */
export function readHtmlBlock(block: string): ProseReading {
  const out = new MappedTextBuilder(block.length);
  const citations: SourceCitation[] = [];
  // What goes between the last text and the next: a line break, a cell separator, a space, or nothing.
  let gap: { text: string; at: number } | undefined;
  const setGap = (text: string, at: number) => {
    if (text === '\n' || !gap || gap.text === ' ') gap = { text, at };
  };
  const flushGap = () => {
    if (gap && out.size > 0) out.appendText(gap.text, gap.at, gap.text === ' ' ? gap.at + 1 : gap.at);
    gap = undefined;
  };
  let cellsInRow = 0;
  // (For the closing tags looked for ahead: "</script>", "</SUP>".)
  const lower = block.toLowerCase();
  for (let i = 0; i < block.length; ) {
    const ch = block[i]!;
    if (ch === '<') {
      if (block.startsWith('<!--', i)) {
        const end = block.indexOf('-->', i + 4);
        i = end < 0 ? block.length : end + 3;
        continue;
      }
      const tag = htmlTagAt(block, i);
      if (tag) {
        if (!tag.closing && RAW_CONTENT.has(tag.name)) {
          const end = lower.indexOf(`</${tag.name}`, tag.end);
          i = end < 0 ? block.length : (htmlTagAt(block, end)?.end ?? block.length);
          setGap(' ', i);
          continue;
        }
        if (!tag.closing && tag.name === 'sup') {
          const close = lower.indexOf('</sup>', tag.end);
          // (Not an exponent: "1&times;10<sup>6</sup>".)
          const digits = close > tag.end && /^[\d,–\- ]+$/.test(block.slice(tag.end, close)) && !/(?:^|\D)10$/.test(block.slice(Math.max(0, i - 3), i));
          const targets = digits ? numberTargets(block, tag.end, close, 3, true) : undefined;
          if (targets) {
            flushGap();
            citations.push({ span: { start: i, end: close + 6 }, style: 'numbered', targets });
            out.appendText(PLACEHOLDER, i, close + 6);
            i = close + 6;
            continue;
          }
          // Any other superscript reads as pandoc writes it: "10<sup>6</sup>" as 10^6, "CD19<sup>dim</sup>" as CD19^dim.
          flushGap();
          out.appendText('^', i, tag.end);
          i = tag.end;
          continue;
        }
        if (tag.name === 'tr' && !tag.closing) cellsInRow = 0;
        if (HTML_CELLS.has(tag.name) && !tag.closing) {
          if (cellsInRow++ > 0) setGap(' | ', i);
          else setGap('\n', i);
        } else if (LINE_BREAKING.has(tag.name)) setGap('\n', i);
        i = tag.end;
        continue;
      }
    }
    if (ch === '&') {
      const m = /^&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});/.exec(block.slice(i, i + 12));
      const decoded = m ? decodeEntity(m[1]!) : undefined;
      if (m && decoded !== undefined) {
        flushGap();
        out.appendText(decoded, i, i + m[0].length);
        i += m[0].length;
        continue;
      }
    }
    // Whitespace collapses to one space, as a browser shows it.
    if (isSpace(ch)) {
      let j = i + 1;
      while (j < block.length && isSpace(block[j]!)) j++;
      if (j - i === 1 && ch === ' ' && !gap && out.size > 0) out.appendSlice(block, i, j);
      // Markdown's list items inside a <div> (as pandoc and Quarto read them) are lines of their own.
      else if (block.slice(i, j).includes('\n') && /^(?:[-*+]|\d{1,3}[.)])\s/.test(block.slice(j, j + 5))) setGap('\n', i);
      else setGap(' ', i);
      i = j;
      continue;
    }
    // A run of plain text, up to the next tag, entity or space.
    let j = i + 1;
    while (j < block.length && block[j] !== '<' && block[j] !== '&' && !isSpace(block[j]!)) j++;
    flushGap();
    out.appendSlice(block, i, j);
    i = j;
  }
  return { mapped: out.build(), citations };
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t';
}
