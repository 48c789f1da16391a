export { applyTextEdits, editsCollide, nonCollidingGroups } from './textEdits';
export { appendBibtexEntry, appendCslJsonItems, bibtexAuthor, bibtexEntry, bibtexHasKey } from './bibtex';
export { authorYearText, citationKeyFor, citationText, documentCitationStyle, referenceListText, type InsertionStyle } from './citationStyle';
export { citationInsertionOffset, nextStatisticStart, planCitationInsertion, planCitationInsertions, planCitationReplacement, planNamedWorkReplacement, type BibliographyFileText, type CitationEditInput, type CitationPlan } from './insertCitation';
export { DISABLE_NEXT_LINE, disableCommentText, disableLineEdit, eolAt } from './suppress';
