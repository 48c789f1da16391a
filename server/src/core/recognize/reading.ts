/** What reading one block's prose gives: the text a reader sees, mapped to the block's source, plus findings that the
 * reader met on the way (LaTeX \cite commands, Markdown links to a DOI), already placed in the block's source. */
import type { MappedText } from '../text/mapped';
import type { CitationStyle, CitationTarget, Span } from '../types';

/** Stands in the prose for something that is not prose (inline code, a \cite command, a link to a URL). */
export const PLACEHOLDER = '\uFFFC';

/** The named character references drafts use, as Markdown and HTML blocks read them. */
export const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', minus: '−', times: '×', ge: '≥', le: '≤', plusmn: '±', middot: '·' };

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
