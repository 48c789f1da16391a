/**
 * Parses a dataset file (JSON or YAML) into a plain value plus a locator that maps a property path
 * (['facts', 3, 'quote']) back to a position in the file, so problems can point at the exact place.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { Span } from '../types';
import type { DataProblem } from './model';

export type PropertyPath = (string | number)[];

export interface FilePosition {
  span: Span;
  line: number;
  character: number;
}

export interface ParsedDocument {
  /** The parsed value, or undefined when the text could not be parsed at all. */
  value: unknown;
  problems: DataProblem[];
  /** Position of the value at `path`, or of its nearest existing ancestor; undefined when nothing fits. */
  locate(path: PropertyPath): FilePosition | undefined;
}

export function isYamlPath(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

export function parseDatasetDocument(file: string, text: string): ParsedDocument {
  return isYamlPath(file) ? parseYaml(file, text) : parseJson(file, text);
}

/** 0-based line and UTF-16 character of an offset. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: end - lineStart };
}

function filePosition(text: string, start: number, end: number): FilePosition {
  return { span: { start, end }, ...positionAt(text, start) };
}

function parseJson(file: string, text: string): ParsedDocument {
  // Valid JSON (the usual case) is read with JSON.parse alone; the syntax tree that `locate` needs is built only when
  // a problem has to be placed. A 100,000-fact file's tree costs seconds and hundreds of MB, so it is held weakly:
  // the problems placed in one go share it, and it is collected afterwards.
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseJsonTree(file, text);
  }
  let cached: WeakRef<{ tree: JsonNode | undefined }> | undefined;
  const locate = (path: PropertyPath): FilePosition | undefined => {
    let entry = cached?.deref();
    if (!entry) {
      entry = { tree: parseTree(text, [], { disallowComments: true, allowTrailingComma: false }) };
      cached = new WeakRef(entry);
    }
    return locateInTree(text, entry.tree, path);
  };
  return { value, problems: [], locate };
}

/** Text that JSON.parse rejects: jsonc-parser says where and why. */
function parseJsonTree(file: string, text: string): ParsedDocument {
  const errors: ParseError[] = [];
  // Plain JSON: comments and trailing commas are errors (YAML is there for people who want comments).
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const problems: DataProblem[] = errors.map((error) => {
    const position = filePosition(text, error.offset, error.offset + error.length);
    return {
      file,
      ...position,
      message: `invalid JSON at line ${position.line + 1}, character ${position.character + 1}: ${describeJsonError(error)}`,
    };
  });
  const locate = (path: PropertyPath): FilePosition | undefined => locateInTree(text, root, path);
  // JSON.parse for the value: jsonc-parser builds prototype-less objects, which some libraries do not expect.
  return { value: errors.length === 0 && root ? JSON.parse(text) : undefined, problems, locate };
}

function locateInTree(text: string, root: JsonNode | undefined, path: PropertyPath): FilePosition | undefined {
  if (!root) return undefined;
  for (let length = path.length; length >= 0; length--) {
    const node = findNodeAtLocation(root, path.slice(0, length));
    if (node) return filePosition(text, node.offset, node.offset + node.length);
  }
  return undefined;
}

function describeJsonError(error: ParseError): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'property name expected',
    ValueExpected: 'value expected',
    ColonExpected: 'colon expected',
    CommaExpected: 'comma expected',
    CloseBraceExpected: 'closing brace expected',
    CloseBracketExpected: 'closing bracket expected',
    EndOfFileExpected: 'end of file expected',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unexpected end of comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unexpected end of number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character',
  };
  const code = printParseErrorCode(error.error);
  return words[code] ?? code;
}

function parseYaml(file: string, text: string): ParsedDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const problems: DataProblem[] = doc.errors.map((error) => {
    const [start, end] = error.pos;
    const position = filePosition(text, start, end);
    const firstLine = error.message.split('\n')[0];
    return { file, ...position, message: `invalid YAML at line ${position.line + 1}, character ${position.character + 1}: ${firstLine}` };
  });
  const locate = (path: PropertyPath): FilePosition | undefined => {
    for (let length = path.length; length >= 0; length--) {
      const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
      if (isNode(node) && node.range) return filePosition(text, node.range[0], node.range[1]);
    }
    return undefined;
  };
  let value: unknown;
  if (problems.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      problems.push({ file, message: `invalid YAML: ${(error as Error).message}` });
    }
  }
  return { value, problems, locate };
}
