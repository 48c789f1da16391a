/** What reading one block's prose gives: the text a reader sees, mapped to the block's source, plus findings that the
 * reader met on the way (LaTeX \cite commands, Markdown links to a DOI), already placed in the block's source. */
import type { MappedText } from '../text/mapped';
import type { CitationStyle, CitationTarget, Span } from '../types';

/** Stands in the prose for something that is not prose (inline code, a \cite command, a link to a URL). */
export const PLACEHOLDER = '\uFFFC';

/** The named character references drafts use, as Markdown and HTML blocks read them. */
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', minus: '−', times: '×', ge: '≥', le: '≤', plusmn: '±', middot: '·' };

/**
 * A character reference's text, from what stands between "&" and ";" ("nbsp", "#8805", "#x2265"), as Markdown and HTML
 * blocks read it; undefined for a name not known or a number that is no character.
 */
export function decodeEntity(name: string): string | undefined {
  if (!name.startsWith('#')) return NAMED_ENTITIES[name];
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

export interface SourceCitation {
  /** Block-relative source span. */
  span: Span;
  style: CitationStyle;
  /** Target spans are block-relative source spans. */
  targets: CitationTarget[];
}

export interface ProseReading {
  mapped: MappedText;
  citations: SourceCitation[];
}
