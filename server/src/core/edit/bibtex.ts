/**
 * Entries built from a dataset reference for the document's own bibliography file: a BibTeX entry for a .bib file,
 * a CSL-JSON item for a .json one.
 */
import type { Reference } from '../dataset/model';

/** "Fry TJ" -> "Fry, T. J."; "Fergusson, N. J." stays. */
export function bibtexAuthor(author: string): string {
  const trimmed = author.trim();
  if (trimmed.includes(',')) return trimmed;
  const parts = trimmed.split(/\s+/);
  const last = parts[parts.length - 1];
  if (parts.length > 1 && /^[A-Z]{1,3}$/.test(last)) {
    return `${parts.slice(0, -1).join(' ')}, ${[...last].map((c) => `${c}.`).join(' ')}`;
  }
  return trimmed;
}

/** Braces and backslashes would break the entry; other characters are kept as written. */
function field(value: string): string {
  return value.replace(/[{}\\]/g, '');
}

export function bibtexEntry(reference: Reference, key: string = reference.key, eol = '\n'): string {
  const lines = [`@article{${key},`];
  const add = (name: string, value: string | number | undefined) => {
    if (value === undefined || value === '') return;
    lines.push(`  ${name} = {${typeof value === 'number' ? value : field(value)}},`);
  };
  add('author', [...reference.authors.map(bibtexAuthor).map(field), ...(reference.moreAuthors ? ['others'] : [])].join(' and '));
  if (reference.title) lines.push(`  title = {{${field(reference.title)}}},`);
  add('journal', reference.journal);
  add('year', reference.year);
  add('doi', reference.doi);
  add('pmid', reference.pmid);
  add('pmcid', reference.pmcid);
  if (reference.trial?.length) add('note', `ClinicalTrials.gov ${reference.trial.join(', ')}`);
  lines.push('}');
  return lines.join(eol);
}

/** Whether a .bib file's text already defines `key` (`@type{key,`), case-insensitively as BibTeX does. */
export function bibtexHasKey(bibText: string, key: string): boolean {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`@\\w+\\s*[{(]\\s*${escaped}\\s*,`, 'i').test(bibText);
}

/** The edit that appends an entry at the end of a .bib file, separated by one blank line. */
export function appendBibtexEntry(bibText: string, entry: string): { offset: number; newText: string } {
  const eol = bibText.includes('\r\n') ? '\r\n' : '\n';
  const body = entry.replace(/\r?\n/g, eol);
  if (bibText.length === 0) return { offset: 0, newText: `${body}${eol}` };
  const endsWithNewline = bibText.endsWith('\n');
  const blank = /\n\s*\n$/.test(bibText) ? '' : endsWithNewline ? eol : `${eol}${eol}`;
  return { offset: bibText.length, newText: `${blank}${body}${eol}` };
}

/** A CSL-JSON item for a reference, as pandoc and Zotero write them. */
function cslItem(reference: Reference, key: string): Record<string, unknown> {
  const item: Record<string, unknown> = { id: key, type: 'article-journal' };
  if (reference.title) item.title = reference.title;
  item.author = reference.authors.filter((name) => !/^et al\.?$/i.test(name.trim())).map((name) => {
    const [family, ...given] = name.split(/\s+/);
    return given.length > 0 ? { family, given: given.join(' ') } : { literal: name };
  });
  if (reference.journal) item['container-title'] = reference.journal;
  if (reference.year) item.issued = { 'date-parts': [[reference.year]] };
  if (reference.doi) item.DOI = reference.doi;
  if (reference.pmid) item.PMID = reference.pmid;
  return item;
}

/**
 * CSL-JSON items appended before the array's closing bracket, indented as its first item is; undefined when the file
 * is not a JSON array (nothing is guessed) or has every key already.
 */
export function appendCslJsonItems(text: string, entries: ReadonlyArray<readonly [string, Reference]>, eol = '\n'): { span: { start: number; end: number }; newText: string } | undefined {
  let items: unknown;
  try {
    items = text.trim() === '' ? [] : JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(items)) return undefined;
  const ids = new Set(items.map((item) => (item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined)));
  const added = entries.filter(([key]) => !ids.has(key)).map(([key, reference]) => cslItem(reference, key));
  if (added.length === 0) return undefined;
  if (text.trim() === '') return { span: { start: 0, end: text.length }, newText: `${JSON.stringify(added, null, 2).replace(/\n/g, eol)}${eol}` };
  const close = text.lastIndexOf(']');
  const indent = /\[\s*?\n([ \t]*)\{/.exec(text)?.[1] ?? '  ';
  const body = added.map((item) => indent + JSON.stringify(item, null, 2).replace(/\n/g, `${eol}${indent}`)).join(`,${eol}`);
  let end = close;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  const comma = items.length > 0 ? ',' : '';
  return { span: { start: end, end: end }, newText: `${comma}${eol}${body}` };
}
