/**
 * Reads text as its author meant it: repairs UTF-8 that was decoded as Windows-1252 (`â‰¥` -> `≥`, `Ã—` -> `×`,
 * `âˆ’` -> `−`, `â€“` -> `–`), turns exotic spaces into plain ones, drops zero-width characters, writes superscript
 * digits as `^digits` (`10⁶` -> `10^6`), reads a middle dot between digits as a decimal point (`87·9`) and straightens
 * typographic quotes and hyphens. Unicode minus (−) and the en dash (–) are kept: the recognizers give them their
 * meaning (a minus after CD19 says "negative", a dash between numbers says "range"). Every output character keeps the source range it reads, so findings point at the original.
 * One pass, no regular expressions: linear in the input whatever it holds.
 */
import { identityMapped, MappedTextBuilder, type MappedText } from './mapped';

/** Windows-1252 characters for bytes 0x80-0x9F (the rest of 0x80-0xBF read as U+0080-U+00BF). */
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88,
  0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93,
  0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b,
  0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** The byte a character stands for when it is a UTF-8 continuation byte read as Windows-1252, or -1. */
function continuationByte(code: number): number {
  if (code >= 0x80 && code <= 0xbf) return code;
  const b = CP1252_HIGH[code];
  return b === undefined ? -1 : b;
}

/**
 * At `i`, a UTF-8 sequence read as Windows-1252? Returns [decoded code point, source length] or undefined.
 * Only well-formed sequences whose lead is U+00C2-U+00F4 are repaired, so ordinary accented text is left alone.
 */
function readMojibake(text: string, i: number): [number, number] | undefined {
  const lead = text.charCodeAt(i);
  if (lead < 0xc2 || lead > 0xf4) return undefined;
  const count = lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : 3;
  // Of two-byte characters, a draft's mojibake holds Latin-1's and Greek's ("Â±", "Ã©", "Î¼"). Other leads are
  // letters and signs Word writes on their own: "×" before a no-break space (Word's "1 × 10^6") is no Hebrew letter.
  if (count === 1 && lead !== 0xc2 && lead !== 0xc3 && lead !== 0xce && lead !== 0xcf) return undefined;
  let cp = lead < 0xe0 ? lead & 0x1f : lead < 0xf0 ? lead & 0x0f : lead & 0x07;
  for (let k = 1; k <= count; k++) {
    if (i + k >= text.length) return undefined;
    const b = continuationByte(text.charCodeAt(i + k));
    if (b < 0) return undefined;
    cp = (cp << 6) | (b & 0x3f);
  }
  // Reject overlong forms and surrogates: they are not what any writer meant.
  if ((count === 2 && cp < 0x800) || (count === 3 && cp < 0x10000) || cp > 0x10ffff) return undefined;
  if (cp >= 0xd800 && cp <= 0xdfff) return undefined;
  return [cp, count + 1];
}

const SUPERSCRIPTS: Record<number, string> = {
  0x2070: '0', 0x00b9: '1', 0x00b2: '2', 0x00b3: '3', 0x2074: '4', 0x2075: '5', 0x2076: '6', 0x2077: '7',
  0x2078: '8', 0x2079: '9', 0x207a: '+', 0x207b: '-',
};

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** What one (repaired) character reads as: a replacement string, '' to drop it, or undefined to keep it. */
function readChar(code: number): string | undefined {
  switch (code) {
    case 0x00: case 0x09: case 0x0b: case 0x0c: case 0x0d: case 0xa0: case 0x1680: case 0x202f: case 0x205f:
    case 0x3000:
      return ' ';
    case 0x200b: case 0x200c: case 0x200d: case 0x2060: case 0xfeff: case 0xad:
      return '';
    case 0x2010: case 0x2011: case 0x2012:
      return '-';
    case 0x2018: case 0x2019: case 0x201a: case 0x2032:
      return "'";
    case 0x201c: case 0x201d: case 0x201e: case 0x2033:
      return '"';
    // Chinese and Japanese text writes numbers' signs full width: "73％（11/15）", "１６／２１".
    case 0xff5e: case 0x301c:
      return '-';
    // Full-width punctuation carries no space after it: "24/30，80％" is two numbers, not 30.80%.
    case 0x3001: case 0xff0c:
      return ', ';
    case 0xff1a:
      return ': ';
    case 0xff1b:
      return '; ';
    case 0x3002:
      return '.';
    default:
      if (code >= 0x2000 && code <= 0x200a) return ' ';
      // Full-width ASCII forms (U+FF01-U+FF5E) read as their ASCII selves: ％ ( ) / : , ; digits and letters.
      if (code >= 0xff01 && code <= 0xff5d) return String.fromCharCode(code - 0xfee0);
      return undefined;
  }
}

/** Normalizes a mapped reading; the result maps to the same source as `input`. */
/** Does the text hold anything normalizeMapped would change (anything but printable ASCII and line feeds)? */
function needsNormalizing(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a) || c >= 0x7f) return true;
  }
  return false;
}

export function normalizeMapped(input: MappedText): MappedText {
  const text = input.text;
  if (!needsNormalizing(text)) return input;
  const out = new MappedTextBuilder(text.length + 8);
  let inSuperscript = false;
  let runStart = 0; // characters [runStart, i) are kept as they are, copied in one go
  let i = 0;
  const n = text.length;
  while (i < n) {
    let code = text.charCodeAt(i);
    if (code < 0x80 && code >= 0x20 && code !== 0x7f) {
      inSuperscript = false;
      i++;
      continue;
    }
    let width = 1;
    if (code >= 0xc2 && code <= 0xf4) {
      const repaired = readMojibake(text, i);
      if (repaired) {
        code = repaired[0];
        width = repaired[1];
      } else if (code === 0xc2 && i + 1 < n && text.charCodeAt(i + 1) === 0x20) {
        // "Â " : a no-break space whose second byte became a plain space on the way.
        code = 0x20;
        width = 2;
      }
    }
    const sup = SUPERSCRIPTS[code];
    // "87·9%": the Lancet's decimal point is a middle dot between digits.
    const decimalDot = code === 0xb7 && i > 0 && isAsciiDigit(text.charCodeAt(i - 1)) && isAsciiDigit(text.charCodeAt(i + width));
    const replacement = sup === undefined ? (decimalDot ? '.' : readChar(code)) : undefined;
    if (width === 1 && sup === undefined && replacement === undefined) {
      inSuperscript = false;
      i++;
      continue;
    }
    out.appendMapped(input, runStart, i);
    const start = input.starts[i]!;
    const end = input.ends[i + width - 1]!;
    if (sup !== undefined) {
      if (!inSuperscript && out.lastChar() !== '^') out.appendText('^', start, end);
      out.appendText(sup, start, end);
      inSuperscript = true;
    } else {
      inSuperscript = false;
      if (replacement !== undefined) out.appendText(replacement, start, end);
      else out.appendText(String.fromCodePoint(code), start, end);
    }
    i += width;
    runStart = i;
  }
  out.appendMapped(input, runStart, n);
  return out.build();
}

/** Normalizes plain text; offsets map back into `text`. */
export function normalizeText(text: string): MappedText {
  return normalizeMapped(identityMapped(text));
}
