/**
 * Citation key completion after `[@`, `@` and `\cite{` (any `\...cite...{`, also after a comma inside the braces):
 * dataset reference keys and bibliography keys, with the short citation as detail and title, year and DOI as
 * documentation. Nothing is offered inside code.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { shortCitation } from '../core/dataset/names';
import type { LinkContext } from '../core/link/datasetView';
import { lineStartOf } from '../core/text/positions';
import type { DocumentFormat } from '../core/types';
import type { Services } from '../services';
import { formatOf } from '../workspace/analyses';

export interface CitationKeyContext {
  /** The key typed so far. */
  prefix: string;
  /** Offset where the key starts (the completion replaces from here to the cursor). */
  start: number;
}

const PANDOC_KEY = /(?:^|[\s[;(])-?@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*)?$/u;
const LATEX_CITE = /\\[A-Za-z]*cite[A-Za-z]*\*?(?:\s*\[[^\]\n]*\]){0,2}\s*\{([^}\n]*)$/;

/** Whether the cursor (at the end of `before`) is where a citation key goes, and what was typed. */
export function citationKeyContext(text: string, offset: number, format: DocumentFormat): CitationKeyContext | undefined {
  const lineStart = lineStartOf(text, offset);
  const before = text.slice(lineStart, offset);
  if (format === 'latex') {
    if (/(?:^|[^\\])%/.test(before)) return undefined;
    const m = LATEX_CITE.exec(before);
    if (!m) return undefined;
    const keys = m[1];
    const prefix = keys.slice(keys.lastIndexOf(',') + 1).trimStart();
    return { prefix, start: offset - prefix.length };
  }
  const m = PANDOC_KEY.exec(before);
  if (!m) return undefined;
  if (format === 'markdown' && inMarkdownCode(text, lineStart, before)) return undefined;
  const prefix = m[1] ?? '';
  return { prefix, start: offset - prefix.length };
}

/** Inside a fenced block (an odd number of fences above) or an inline code span (an odd number of backticks before). */
function inMarkdownCode(text: string, lineStart: number, before: string): boolean {
  const fences = text.slice(0, lineStart).match(/^[ \t]{0,3}(?:```|~~~)/gm)?.length ?? 0;
  if (fences % 2 === 1) return true;
  return (before.match(/`/g)?.length ?? 0) % 2 === 1;
}

export function citationCompletions(ctx: LinkContext, prefix: string): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const lower = prefix.toLowerCase();
  for (const reference of ctx.dataset.references.values()) {
    if (lower && !reference.key.toLowerCase().startsWith(lower) && !(reference.authors[0] ?? '').toLowerCase().startsWith(lower)) continue;
    seen.add(reference.key);
    const facts = ctx.dataset.index.byReference(reference.key).length;
    items.push({
      label: reference.key,
      kind: CompletionItemKind.Reference,
      detail: shortCitation(reference),
      filterText: `${reference.key} ${reference.authors.join(' ')}`,
      documentation: {
        kind: MarkupKind.Markdown,
        value: [
          `*${reference.title}*`,
          `${reference.journal}, ${reference.year}`,
          reference.doi ? `DOI: [${reference.doi}](https://doi.org/${encodeURI(reference.doi)})` : '',
          `${facts} fact${facts === 1 ? '' : 's'} in the Trial Lens dataset`,
        ].filter(Boolean).join('  \n'),
      },
    });
  }
  for (const entry of ctx.bibliography?.values() ?? []) {
    if (seen.has(entry.key)) continue;
    if (lower && !entry.key.toLowerCase().startsWith(lower)) continue;
    seen.add(entry.key);
    const reference = entry.reference ? ctx.dataset.references.get(entry.reference) : undefined;
    items.push({
      label: entry.key,
      kind: CompletionItemKind.Reference,
      detail: reference ? `${shortCitation(reference)} (${reference.key})` : [entry.authors[0], entry.year].filter(Boolean).join(' '),
      documentation: {
        kind: MarkupKind.Markdown,
        value: [entry.title ? `*${entry.title}*` : '', entry.year ? String(entry.year) : '', entry.doi ? `DOI: [${entry.doi}](https://doi.org/${encodeURI(entry.doi)})` : '', reference ? `Linked to the dataset's ${reference.key}` : 'Not in the Trial Lens dataset'].filter(Boolean).join('  \n'),
      },
    });
  }
  return items;
}

export function registerCompletion(connection: Connection, documents: TextDocuments<TextDocument>, services: Services): void {
  connection.onCompletion((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !services.isChecked(doc)) return null;
    const text = doc.getText();
    const offset = doc.offsetAt(params.position);
    const at = citationKeyContext(text, offset, formatOf(doc));
    if (!at) return null;
    const range = { start: doc.positionAt(at.start), end: params.position };
    const items = citationCompletions(services.context(), at.prefix).map((item) => ({ ...item, textEdit: { range, newText: item.label } }));
    return { isIncomplete: false, items };
  });
}
