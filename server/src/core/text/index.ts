export { MappedTextBuilder, identityMapped, sourceSpan, sourceOffset, type MappedText } from './mapped';
export { normalizeMapped, normalizeText } from './normalize';
export { lineStarts, lineOf, offsetToPosition, positionToOffset, type Position } from './positions';
export { changedRange, type ChangedRange } from './changedRange';
export { PieceText, type DocumentText, type ReadableText } from './pieceText';
