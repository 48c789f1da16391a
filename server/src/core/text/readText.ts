/**
 * Reading a text file as UTF-8, as fs.readFileSync(file, 'utf8') does, but faster for the usual file: pure ASCII.
 * Node's UTF-8 decoding of a 40 MB dataset took 105-117 ms here; checking that every byte is ASCII and then copying
 * the bytes as Latin-1 (which for ASCII is the same text) took 54-80 ms. Any other byte (a BOM, "≥", mojibake) sends
 * the file through the UTF-8 decoder as before, so the text is always the same.
 */
import * as buffer from 'node:buffer';
import * as fs from 'node:fs';

/** buffer.isAscii is Node 18.15 / 19.6 and later; an older runtime decodes every file as UTF-8. */
const isAscii: ((bytes: Uint8Array) => boolean) | undefined = (buffer as { isAscii?: (bytes: Uint8Array) => boolean }).isAscii;

export function readTextFile(file: string): string {
  const bytes = fs.readFileSync(file);
  return isAscii?.(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
