/** The JSON shape `trial-lens scan --format json` prints for each finding: kind, text, LSP range, and what it parsed to. */
import { lineStarts, offsetToPosition, type Position } from '../text/positions';
import type { Entity, RecognizedDocument } from '../types';

export type EntityJson = Omit<Entity, 'span' | 'sentence'> & {
  range: { start: Position; end: Position };
  sentence: number;
};

/** All findings of a document in reading order, with LSP positions (0-based lines, UTF-16 characters). */
export function entitiesAsJson(text: string, doc: RecognizedDocument): EntityJson[] {
  const starts = lineStarts(text);
  const entities: Entity[] = [...doc.statistics, ...doc.antigens, ...doc.citations];
  entities.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return entities.map((entity) => {
    const { span, ...rest } = entity;
    return { ...rest, range: { start: offsetToPosition(starts, span.start), end: offsetToPosition(starts, span.end) } } as EntityJson;
  });
}
