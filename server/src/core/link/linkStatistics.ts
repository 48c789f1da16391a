/**
 * Linking: for every statistic, the facts it could be claiming, scored from its context, with the evidence for
 * each score kept (hovers and messages show it).
 */
import type { Fact } from '../dataset/model';
import { rememberIn } from '../remember';
import { firstAuthorSurname, foldName } from '../dataset/names';
import type { RecognizedDocument, Sentence, Span, StatisticEntity } from '../types';
import { compareStatisticToFact, isCheckableShape, isSizeEndpoint, isTime, roundHalfUp, truncate, type Comparison } from './compare';
import {
  aliasMatcher,
  antigenSignature,
  type AntigenSignature,
  afterContrastingOpener,
  clauseAround,
  clauseBreaks,
  clauseFromBreaks,
  compareDisease,
  diseaseMentionsIn,
  DISEASE_MENTION_SOURCE,
  GROUP_COUNT_BEFORE,
  diseasesIn,
  endpointMatcher,
  gradedEndpoint,
  headerGradedEndpoint,
  isGradedEvent,
  namesGradeOnly,
  isOverallNumber,
  isSpreadOf,
  isSubjectCitation,
  REPORTING_VERB_AFTER,
  NAMES_A_NUMBER,
  nearestEndpoint,
  namesWhatWasEvaluated,
  tableTherapy,
  OPENS_AGAINST,
  N_EQUALS_THEN,
  ownWorkCueBefore,
  populationWordsIn,
  respectiveAntigen,
  pairedNumbers,
  parallelNumbers,
  pooledWorksNamedFor,
  WRITTEN_WHOLE,
  respectiveEndpoint,
  respectiveGrade,
  respectiveNumbers,
  rootOf,
  eventGradesOf,
  studyCues,
  statisticAntigenSignature,
  statisticBefore,
  type CitationLayout,
  type RespectiveNumbers,
  type TermHit,
} from './context';
import { lineStartOf } from '../text/positions';
import type { LinkContext } from './datasetView';
import type { ResolvedCitation } from './resolveCitations';
import { tableCellAt } from '../text/tables';
import { COHORT_PARTICIPLES } from '../recognize/statistics';

/** How strongly the text attributes a statistic to a reference. */
export type AttributionStrength = 'sentence' | 'alias' | 'paragraph' | 'previous';

export interface Attribution {
  reference: string;
  strength: AttributionStrength;
  /** What in the text made the attribution: the citation text or the alias. */
  via: string;
  span: Span;
  /**
   * A name several works share ("the NCI trial": Fry 2018 and its update, Shah 2020): the number may be any one's, so
   * it can agree with one of them but no one of them can contradict it.
   */
  shared?: true;
  /**
   * A paragraph's citation that the sentence just before the number's gives, where the paragraph cites other works too:
   * an uncited sentence right after a cited one goes on about that work.
   */
  continues?: true;
}

export interface Evidence {
  what: string;
  weight: number;
}

export interface FactCandidate {
  fact: Fact;
  score: number;
  evidence: Evidence[];
  comparison: Comparison;
  endpointMatch: 'exact' | 'family' | 'none' | 'conflict';
  attribution?: AttributionStrength;
  /** A disease, antigen or population word that says this fact is about something else. */
  conflict?: string;
}

export interface StatisticLink {
  statistic: StatisticEntity;
  /** The endpoint the statistic's words name, if any. */
  endpoint?: TermHit;
  attributions: Attribution[];
  /** True when a citation in the statistic's own sentence names something that is not in the dataset. */
  citesOutsideDataset: boolean;
  /** True when the sentence says the number belongs to another study. */
  otherStudyCue: boolean;
  /**
   * Candidates, best first: those something reads (the best three unless linked for findings only, those at or above
   * LINK_THRESHOLD, those with the statistic's own endpoint; see rankCandidates), and perhaps a few more.
   */
  candidates: FactCandidate[];
  /**
   * How many candidates were scored, when `candidates` keeps only some of them (those read: see rankCandidates and
   * keptForFeatures in analyze.ts).
   */
  candidateCount?: number;
  /** A bare percent's cohort size, said beside it (see wholeStatedFor): a fact of another cohort is not contradicted. */
  statedWhole?: number;
}

/** Below this score a candidate is not a link at all (the checker reads only candidates at or above it). */
export const LINK_THRESHOLD = 4;

/**
 * A statistic's context is its sentence, but never more than this many characters either side of it: run-on text
 * (a pasted table, 300 KB without a full stop) would otherwise make each statistic read the whole text, and the
 * analysis quadratic.
 */
const CONTEXT_REACH = 400;

/**
 * Text as the linker reads it: LaTeX ties (~) are spaces to a reader, and Word's non-breaking and other Unicode
 * hyphens ("leukaemia‑free", "B‑cell") are hyphens; replacing them one for one keeps offsets.
 */
function readerText(text: string, start: number, end: number): string {
  const slice = text.slice(start, end);
  return READER_REPLACED.test(slice) ? slice.replace(READER_REPLACED_ALL, (c) => (c === '~' ? ' ' : '-')) : slice;
}

const READER_REPLACED = /[~\u2010\u2011\u2012]/;
const READER_REPLACED_ALL = /[~\u2010\u2011\u2012]/g;

function contextWindow(sentence: Span, stat: Span): Span {
  return { start: Math.max(sentence.start, stat.start - CONTEXT_REACH), end: Math.min(sentence.end, stat.end + CONTEXT_REACH) };
}

/** The citations of a list (in document order) that lie inside `window`: binary search, not a scan. */
function citationsWithin(list: readonly ResolvedCitation[], window: Span): readonly ResolvedCitation[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.citation.span.end < window.start) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < list.length && list[end]!.citation.span.start <= window.end) end++;
  return lo === 0 && end === list.length ? list : list.slice(lo, end);
}

/**
 * Endpoint and alias terms of a whole sentence, found once per sentence and analysis (a sentence with several
 * statistics is not searched once per statistic), then cut to the statistic's window.
 */
const termHitCache = new WeakMap<RecognizedDocument, { ctx: LinkContext; endpoints: Map<number, TermHit[]>; aliases: Map<number, TermHit[]> }>();

function sentenceHits(input: DocumentLinkInput, sentenceIndex: number, ctx: LinkContext, kind: 'endpoints' | 'aliases', window: Span, windowText: string): TermHit[] {
  const matcher = kind === 'endpoints' ? endpointMatcher(ctx.dataset.endpoints) : aliasMatcher(ctx);
  const find = (text: string, at: number) => (kind === 'aliases' ? withoutOtherYears(matcher.find(text, at), input.text, ctx) : matcher.find(text, at));
  const sentence = input.doc.sentences[sentenceIndex];
  const whole = sentence !== undefined && sentence.span.start === window.start && sentence.span.end === window.end;
  // A short sentence's window that is only part of it is searched on its own (its edges are the text's edges); the
  // cache only pays off for long run-on sentences and for windows that are the whole sentence.
  if (!sentence || (!whole && sentence.span.end - sentence.span.start <= 2 * CONTEXT_REACH)) return find(windowText, window.start);
  let entry = termHitCache.get(input.doc);
  if (!entry || entry.ctx !== ctx) {
    entry = { ctx, endpoints: new Map(), aliases: new Map() };
    termHitCache.set(input.doc, entry);
  }
  const bySentence = entry[kind];
  let hits = bySentence.get(sentenceIndex);
  if (!hits) {
    const { start, end } = sentence.span;
    hits = find(whole ? windowText : readerText(input.text, start, end), start);
    bySentence.set(sentenceIndex, hits);
  }
  if (whole) return hits;
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hits[mid]!.start < window.start) lo = mid + 1;
    else hi = mid;
  }
  const out: TermHit[] = [];
  for (let i = lo; i < hits.length && hits[i]!.start < window.end; i++) if (hits[i]!.end <= window.end) out.push(hits[i]!);
  return out;
}

/**
 * A work's name followed by another year is another work of the same authors: "(Shah et al. 2021, Lancet)" is not
 * Shah et al. 2020. (Whether the year is a slip is the citation check's question, not the linker's.)
 */
function withoutOtherYears(hits: TermHit[], text: string, ctx: LinkContext): TermHit[] {
  return hits.filter((hit) => {
    const year = YEAR_AFTER_NAME.exec(text.slice(hit.end, hit.end + 12));
    const reference = year ? ctx.dataset.references.get(hit.id) : undefined;
    return !reference?.year || Number(year![1]) === reference.year;
  });
}

const YEAR_AFTER_NAME = /^\s*[(,]?\s*((?:19|20)\d{2})[a-z]?\b/;

/** A clause read as context never reaches further than this from its statistic. */
const CLAUSE_REACH = 300;

const clauseBreakCache = new WeakMap<RecognizedDocument, Map<number, Span[]>>();

const contrastOpenerCache = new WeakMap<RecognizedDocument, Map<number, number>>();

/**
 * Where the opening contrast of a sentence ends ("Unlike the meta-analysis [3], " in "Unlike the meta-analysis [3], the
 * Beijing cohort gave 71.6%"), or -1 when it opens with none; read once per sentence.
 */
function contrastOpenerEnd(input: DocumentLinkInput, sentenceIndex: number): number {
  const sentence = input.doc.sentences[sentenceIndex];
  if (!sentence) return -1;
  let bySentence = contrastOpenerCache.get(input.doc);
  if (!bySentence) {
    bySentence = new Map();
    contrastOpenerCache.set(input.doc, bySentence);
  }
  let end = bySentence.get(sentenceIndex);
  if (end === undefined) {
    const opened = afterContrastingOpener(input.text.slice(sentence.span.start, Math.min(sentence.span.end, sentence.span.start + 400)));
    end = opened > 0 ? sentence.span.start + opened : -1;
    bySentence.set(sentenceIndex, end);
  }
  return end;
}

/** The statistic's clause inside its window; a long sentence's clause breaks are found once, not per statistic. */
function clauseFor(input: DocumentLinkInput, stat: StatisticEntity, windowText: string, window: Span): Span {
  const sentence = input.doc.sentences[stat.sentence];
  let clause: Span;
  if (!sentence || sentence.span.end - sentence.span.start <= 2 * CONTEXT_REACH) clause = clauseAround(windowText, window.start, stat.span);
  else {
    let bySentence = clauseBreakCache.get(input.doc);
    if (!bySentence) {
      bySentence = new Map();
      clauseBreakCache.set(input.doc, bySentence);
    }
    let breaks = bySentence.get(stat.sentence);
    if (!breaks) {
      breaks = clauseBreaks(readerText(input.text, sentence.span.start, sentence.span.end), sentence.span.start);
      bySentence.set(stat.sentence, breaks);
    }
    clause = clauseFromBreaks(breaks, window, stat.span);
  }
  // "Unlike dual CD19/CD22 products, CD22 CAR T cells alone gave 68%": an opening contrast is a clause of its own.
  const opener = contrastOpenerEnd(input, stat.sentence);
  if (opener >= 0 && stat.span.start >= opener) clause = { start: Math.max(clause.start, opener), end: clause.end };
  else if (opener >= 0 && stat.span.end < opener) clause = { start: clause.start, end: Math.min(clause.end, opener) };
  return { start: Math.max(clause.start, stat.span.start - CLAUSE_REACH), end: Math.min(clause.end, stat.span.end + CLAUSE_REACH) };
}

/** Each reference of a citation list once, with the first citation naming it (what attributions keep). */
const firstByReference = new WeakMap<readonly ResolvedCitation[], Array<{ reference: string; rc: ResolvedCitation }>>();

function distinctReferences(list: readonly ResolvedCitation[]): Array<{ reference: string; rc: ResolvedCitation }> {
  let out = firstByReference.get(list);
  if (!out) {
    const seen = new Set<string>();
    out = [];
    for (const rc of list) for (const reference of rc.references) if (!seen.has(reference)) {
      seen.add(reference);
      out.push({ reference, rc });
    }
    firstByReference.set(list, out);
  }
  return out;
}

const ATTRIBUTION_WEIGHT: Record<AttributionStrength, number> = { sentence: 4, alias: 4, paragraph: 2.5, previous: 1 };

export interface DocumentLinkInput {
  text: string;
  doc: RecognizedDocument;
  citations: ResolvedCitation[];
}

/**
 * Who reads a link's candidates. 'features' (the editor): the checker, and hovers and definitions, which show the best
 * three whatever their scores. 'findings' (`trial-lens check`): the checker only, which reads the candidates at or
 * above LINK_THRESHOLD and those with the statistic's own endpoint; the best three below it are neither scored in full
 * nor kept.
 */
export type LinkReaders = 'features' | 'findings';

export function linkStatistic(
  stat: StatisticEntity,
  input: DocumentLinkInput,
  layout: CitationLayout,
  ctx: LinkContext,
  implicit?: Attribution,
  readers: LinkReaders = 'features',
): StatisticLink {
  const { doc, text } = input;
  const sentence = doc.sentences[stat.sentence];
  const sentenceSpan = contextWindow(sentence?.span ?? stat.span, stat.span);
  const sentenceText = readerText(text, sentenceSpan.start, sentenceSpan.end);
  const clause = clauseFor(input, stat, sentenceText, sentenceSpan);
  const clauseText = sentenceText.slice(clause.start - sentenceSpan.start, clause.end - sentenceSpan.start);
  // A cue for another study ("compared with", "another trial") reaches the numbers after it in its sentence, not those
  // before: "68% and 92% ..., respectively [4], compared with 64% in NHL [4]" gives the 92% to the cited work. The
  // writer's own work, or a design's assumption ("assuming a CR rate of 70%"), is said in the number's clause.
  // An opening contrast ("Compared with the meta-analysis [3], the Beijing cohort ...") sets the main clause against
  // another work: its words are no cue that the main clause's number is another study's.
  const cueFrom = mainClauseOffset(input, stat, sentenceSpan);
  const cues = studyCues(sentenceText.slice(cueFrom, clause.end - sentenceSpan.start), clauseText, sentenceText.slice(cueFrom, stat.span.start - sentenceSpan.start));
  let ownWork = cues.own || ownColumn(stat, input, sentence?.block);
  // "Toxicity in our cohort compares favourably with Fergusson et al. (2023), who found severe CRS in 9%": a citation
  // between the writer's words and the number makes it the cited work's.
  if (cues.own && citedAfterOwnCue(stat, input, layout, sentenceText, sentenceSpan)) ownWork = false;
  // "... pause if CRS occurs in 3 of the first 10 (30%), five times the pooled 6% [@fergusson2023]": a figure called
  // the published one and cited right after it is the cited work's, whatever rule its clause sets.
  if (ownWork && PUBLISHED_BEFORE.test(text.slice(Math.max(sentenceSpan.start, stat.span.start - 30), stat.span.start)) && citedRightAfter(stat, layout, text)) ownWork = false;
  const trialAt = cues.another ? -1 : anotherTrialAt(clauseText, ctx);
  // A number in a table's cell, read once for its row's trial, therapy and disease.
  const tableBlock = sentence === undefined ? undefined : doc.blocks[sentence.block];
  const cell = tableBlock?.kind === 'table' ? tableCellAt(text, tableBlock.span, stat.span.start, doc.format) : undefined;
  const anotherStudy = cues.another || trialAt >= 0 || (cell !== undefined && rowNamesAnotherTrial(cell, text, ctx));
  let otherStudyCue = ownWork || anotherStudy;

  // "Median follow-up was 14 months (range 2-30), and CR was 73%": a median's spread is of what the median is of, in
  // its unit ("median age 19 years (range 7-30)").
  const before = stat.shape === 'range' ? statisticBefore(doc, stat) : undefined;
  const median = before && isSpreadOf(text, before, stat) ? before : undefined;
  const shaped = median && stat.unit === undefined && median.unit !== undefined ? { ...stat, unit: median.unit } : stat;
  // A count of patients is of what its own clause names: "CR in 24 of 30 (80%), and 4 patients could not be evaluated"
  // does not count remissions.
  const allEndpointHits = sentenceHits(input, stat.sentence, ctx, 'endpoints', sentenceSpan, sentenceText);
  const endpointHits = allEndpointHits.filter((hit) => endpointFitsShape(hit, shaped, text) && (stat.shape !== 'sample-size' || hit.start >= clause.start) && !namesWhatWasEvaluated(hit, text));
  const parentOf = (id: string) => ctx.dataset.endpoints.get(id)?.parent;
  const respective = respectiveNumbers(doc, stat, sentenceText, sentenceSpan);
  const listed = listedEvents(endpointHits, text);
  // What the verb after a count says happened to its patients: read only when the rules before it leave the endpoint open.
  let happened: TermHit | null | undefined;
  let endpoint = median
    ? nearestEndpoint(endpointHits.filter((h) => h.end <= median.span.start), median.span, clause, parentOf)
    : // "grade 1" names its own endpoint ("grade 1 in 9, grade 2 in 7": not the next grade's).
      ((stat.shape === 'grade' ? endpointHits.find((h) => h.start >= stat.span.start && h.end <= stat.span.end) : undefined) ??
      (respective ? respectiveEndpoint(stat, respective, listed.hits, text, allEndpointHits) : pairedEndpoint(doc, stat, listed.hits, text)) ??
      columnEndpoint(stat, input, sentence?.block, endpointHits, ctx, parentOf) ??
      countedAfterCohort(stat, endpointHits, clause, parentOf, text) ??
      ((happened = happenedToCounted(stat, endpointHits, clause, text)) === null ? TWO_OUTCOMES : happened) ??
      groupNamedAfter(stat, endpointHits, clause, parentOf, text) ??
      nearestEndpoint(endpointHits, stat.span, clause, parentOf, stat.shape === 'count' || stat.shape === 'count-percent', text) ??
      cohortEndpoint(stat, text, sentenceSpan));
  // (Not under a column of patients: "Patients (n = 15)" over "15" counts them, whatever the caption's outcome.)
  if (endpoint === undefined && cell && layout.caption && !COHORT_HEADER.test(readerText(text, cell.header.start, cell.header.end))) endpoint = captionEndpoint(stat, layout.caption, cell.cell, ctx);
  if (endpoint === TWO_OUTCOMES) endpoint = undefined;
  // The grade said once after the list of events is the paired event's.
  if (endpoint && listed.grade && endpoint.end <= listed.grade.start && isGradedEvent(endpoint.id, ctx.dataset.endpoints)) {
    endpoint = headerGradedEndpoint(endpoint, [listed.grade.text], text, ctx.dataset.endpoints);
  }
  // "8 of 11 transplanted patients remained in remission, compared with 4 of 7 who received no further treatment": a
  // count out of a group the words name counts the outcome the sentence names before it, not the group.
  // Not "Of the patients in CR, eleven were bridged to transplantation": what happened to them, said by the verb.
  // (Not a table's row labelled by the cohort: "| CR, no further treatment | 7 |" under "No. of patients (N = 34)".)
  if (endpoint && !endpoint.rowLabel && (happened === undefined || endpoint !== happened) && stat.count !== undefined && stat.total !== undefined && ctx.dataset.endpoints.get(endpoint.id)?.cohort) {
    const outcome = endpointHits.filter((h) => h.end <= stat.span.start && h.start >= sentenceSpan.start && !ctx.dataset.endpoints.get(h.id)?.cohort && !isSizeEndpoint(h.id)).pop();
    if (outcome) endpoint = outcome;
  }
  // "grade 2 in 7 (total 16 of 21)", "severe CRS in 6% (any grade, 87%)": the event's total is the event's own number.
  const overall = endpoint !== undefined && isOverallNumber(text, stat.span.start);
  // "Grade 1 and grade 2 CRS were seen in nine and seven of the 21": two grades and two numbers pair as "respectively" would.
  const gradeList = respective ?? (endpoint && !overall ? pairedNumbers(doc, stat, text) : undefined);
  if (endpoint && !overall) endpoint = (gradeList && respectiveGrade(text, stat, gradeList, endpoint, ctx.dataset.endpoints)) || gradedEndpoint(endpoint, endpointHits, stat.span, clause, text, ctx.dataset.endpoints);
  // "| CRS | 6 |" under "| Event (grade ≥3) | Pooled % |": the grades the headers name.
  if (endpoint && !overall && cell) {
    const headers = [cell.header, cell.labelHeader, cell.group].flatMap((h) => (h ? [readerText(text, h.start, h.end)] : []));
    endpoint = headerGradedEndpoint(endpoint, headers, text, ctx.dataset.endpoints);
  }
  // "11 (73%) obtained CR and 4 (27%) did not", "5 of 21 had none", "no response in 4": the patients without the
  // endpoint, whom no fact of it counts.
  if (endpoint && isComplement(text, stat.span, endpoint)) endpoint = undefined;
  // "the remission rate among all 21 patients": a cohort the rate is taken in, not a count of remissions.
  // (Not a group named right after the count: "mostly among the 7 patients bridged to transplant" counts those bridged.)
  if (
    endpoint &&
    stat.shape === 'sample-size' &&
    !isSizeEndpoint(endpoint.id) &&
    RATE_COHORT_BEFORE.test(text.slice(Math.max(0, stat.span.start - 25), stat.span.start)) &&
    !(ctx.dataset.endpoints.get(endpoint.id)?.cohort && endpoint.start >= stat.span.end && GROUP_COUNT_BEFORE.test(text.slice(stat.span.end, endpoint.start)))
  ) {
    endpoint = { id: 'patients-treated', start: stat.span.start, end: stat.span.start, text: 'all patients' };
  }
  if (endpoint && overall && parentOf(endpoint.id)) endpoint = { ...endpoint, id: rootOf(endpoint.id, ctx.dataset.endpoints) };
  // "remained in remission at 4.6 to 13.3 months": a time said in an endpoint's words may be an endpoint of its own.
  // Only a range or a median, though: "at 6, 6.6 and 14 months" are single patients' times.
  const duration = endpoint && isTime(stat) && (stat.shape === 'range' || stat.statistic !== undefined) ? ctx.dataset.endpoints.get(endpoint.id)?.duration : undefined;
  if (endpoint && duration) endpoint = { ...endpoint, id: duration };

  // "Another group reported 24 of 30 [@spiegel2021]", "Whereas relapse was common, LFS was 76.1% [@pan2019]": the
  // number's own citation, after it in its clause, says whose number it is.
  if (anotherStudy && !ownWork && ownCitationAfter(stat, input, layout, clause, trialAt < 0 ? -1 : clause.start + trialAt)) otherStudyCue = false;
  const { attributions, citesOutsideDataset, contrasted } = attributionsFor(stat, input, layout, ctx, sentenceText, sentenceSpan, clause, otherStudyCue, respective, implicit);
  // "The figure was 76.1% (95% CI 44.2-99.0) [@pan2019]", "Among those bridged to transplant it was 71.6% (95% CI
  // ...)": words that name no outcome, or only the group, leave the interval to say which figure of the cited work
  // this is, when the work gives that very interval to one figure.
  if ((!endpoint || isGroupEndpoint(endpoint.id, ctx)) && stat.ci) endpoint = intervalEndpoint(stat, text, attributions, ctx) ?? endpoint;
  const link: StatisticLink = { statistic: stat, endpoint, attributions, citesOutsideDataset, otherStudyCue: otherStudyCue || contrasted !== false, candidates: [] };
  if (!isCheckableShape(stat)) return link;

  const candidates = candidateFacts(stat, endpoint, attributions, ctx);
  // Most numbers in a long draft have no candidate: skip reading their context words.
  if (candidates.length === 0) return link;
  const statedWhole = wholeStatedFor(stat, doc, text, cell !== undefined ? undefined : clause);
  if (statedWhole !== undefined) link.statedWhole = statedWhole;
  // "applies to NHL, not specifically to LBCL": a disease the sentence says the number is not for is not its.
  const clauseDiseases = diseasesIn(withoutNegatedDiseases(clauseText));
  // "90% vs 68% for CD19/CD22 vs CD22 alone": two numbers side by side pair with two therapies as "respectively" does;
  // and with two diseases ("68% and 64% in B-ALL and NHL, respectively", "B-ALL vs NHL: 68% vs 64%").
  const therapyList = respective ?? parallelNumbers(doc, stat, text);
  const sentenceDiseases = clauseDiseases.size > 0 && !therapyList ? undefined : diseasesIn(withoutNegatedDiseases(sentenceText));
  const paired = therapyList && sentenceDiseases!.size > 1 ? respectiveDisease(text, stat, therapyList, sentenceSpan) : undefined;
  let draftDiseases =
    paired ?? diseaseBeforeParenthesis(text, stat, sentenceSpan) ?? (clauseDiseases.size > 1 ? ownDisease(clauseText, stat, clause) : undefined) ?? (clauseDiseases.size > 0 ? clauseDiseases : sentenceDiseases!);
  const therapy = therapyList && respectiveAntigen(doc, text, stat, therapyList);
  let signature = therapy ? antigenSignature([therapy], false, true) : statisticAntigenSignature(doc, stat, clauseText, clause, text);
  // In a table, what the cell's row does not say its column's header or its row's label may ("| | ALL | NHL |" over
  // "| CD19/CD22 | 90% | 47% |").
  if (cell && signature.antigens.size === 0) signature = tableTherapy(doc, text, cell) ?? signature;
  if (cell && draftDiseases.size === 0) draftDiseases = tableDisease(text, cell) ?? draftDiseases;
  const population = populationWordsIn(clauseText);
  if (population.size === 0 && stat.shape === 'sample-size') for (const group of groupCountedBefore(doc, stat, text, clause, sentenceSpan)) population.add(group);
  // "96% with CD19/CD22 CAR T cells versus 68% with CD22 alone (Fergusson et al., 2023)": both sides of the contrast
  // are the cited work's when it reports the endpoint for this number's own therapy, or for a cohort of this number's
  // own size ("4 of them [of 7] remained in remission, whereas 8 of the 11 ... [@pan2019]").
  // The therapy on the number's own side of the contrast: "ELIANA's 81% was higher than the 73% in the NCI CD22 trial
  // [@fry2018]" names CD22 for the other number, not for the 81%.
  const contrastAt = contrasted === 'contrast' ? CONTRAST.exec(text.slice(stat.span.end, clause.end))?.index : undefined;
  const side = contrastAt === undefined ? undefined : { start: clause.start, end: stat.span.end + contrastAt };
  const ownSide = side ? statisticAntigenSignature(doc, stat, text.slice(side.start, side.end), side, text) : signature;
  // (Or the group on its side: "8 of 12 transplanted patients remained in remission, versus 3 of 7 who received no
  // further therapy [@pan2019]" sets one work's two groups side by side, whatever the slip in the 12.)
  const sidePopulation = contrasted === 'contrast' ? populationWordsIn(side ? text.slice(side.start, side.end) : clauseText) : undefined;
  const sameSide = (f: Fact) =>
    (ownSide.antigens.size > 0 && sameTherapy(f, ownSide)) ||
    (stat.total !== undefined && f.total === stat.total) ||
    (sidePopulation !== undefined && SIDE_GROUPS.some((group) => sidePopulation.has(group) && factWords(f).population.has(group)));
  if (contrasted === 'contrast' && !otherStudyCue && endpoint && candidates.some((f) => f.endpoint === endpoint.id && attributions.some((a) => a.reference === f.reference) && sameSide(f))) {
    link.otherStudyCue = false;
  }

  const citedInSentence = attributions.some((a) => a.strength === 'sentence' || a.strength === 'alias');
  const family = endpoint && endpointFamily(endpoint.id, ctx);
  // The most the context can add to a score beyond attribution, endpoint and denominator (see scoreCandidate).
  const contextBonus = (draftDiseases.size > 0 ? 1 : 0) + (signature.antigens.size > 0 ? 1 : 0) + population.size + AGREEMENT_BONUS;
  const writtenFor = endpoint && endpointsWrittenAs(endpoint.id, ctx);
  // Only a whole written as a number is the number's own ("80% (24/30)"); "3 of them" takes its words from "them".
  const ownPopulation = population.size > 0 && WRITTEN_WHOLE.test(text.slice(stat.span.start, stat.span.end)) ? populationWordsIn(text.slice(stat.span.start, Math.min(clause.end, stat.span.end + 50))) : population;
  const gradedKin = gradedKinOf(endpoint, ctx);
  const scoring: ScoringInput = { stat, endpoint, family, writtenFor, gradedKin, ctx, attributions, citedInSentence, draftDiseases, signature, population, ownPopulation, contextBonus };
  link.candidates = rankCandidates(candidates, scoring, readers === 'features');
  // The candidates nothing reads are left out, but hovers say of how many the best was chosen.
  if (link.candidates.length < candidates.length) link.candidateCount = candidates.length;
  return link;
}

/** A column header naming the patients its numbers count. */
const COHORT_HEADER = /\b(?:patients|participants|children|adults|subjects|cases|n|N|no\.|number|enrolled|treated|infused|evaluable)\b/i;

/** The outcomes a table's caption names ("Table 2. Best CR, pooled"): not a group, a dose or an age. */
export function captionEndpoints(caption: string, ctx: LinkContext): string[] {
  const ids = new Set<string>();
  for (const hit of endpointMatcher(ctx.dataset.endpoints).find(caption, 0)) {
    if (!QUALIFIER_ENDPOINTS.has(hit.id) && !isGroupEndpoint(hit.id, ctx)) ids.add(hit.id);
  }
  return [...ids];
}

/**
 * A table cell whose row and column name no outcome takes the one its caption names, if the caption names one that
 * fits the number: a time for a duration, an outcome for a share or a count.
 */
function captionEndpoint(stat: StatisticEntity, caption: readonly string[], cell: Span, ctx: LinkContext): TermHit | undefined {
  const share = stat.shape === 'percent' || stat.shape === 'count' || stat.shape === 'count-percent';
  if (!share && !isTime(stat)) return undefined;
  const fitting = caption.filter((id) => TIME_ENDPOINTS.has(id) !== share);
  if (fitting.length !== 1) return undefined;
  const id = fitting[0]!;
  return { id, start: cell.start, end: cell.start, text: ctx.dataset.endpoints.get(id)?.label ?? id };
}

/** Groups that name one side of a work's own comparison (its patients bridged to transplant against the rest). */
const SIDE_GROUPS = ['transplant', 'no further therapy'];

/** An endpoint that names a group of patients (a cohort, a size), not an outcome. */
export function isGroupEndpoint(id: string, ctx: LinkContext): boolean {
  return ctx.dataset.endpoints.get(id)?.cohort === true || isSizeEndpoint(id);
}

/**
 * The endpoint of the one figure an attributed work reports with exactly the statistic's interval, as an endpoint
 * "named" by the interval's text. Two figures of a work with one interval say nothing, nor does an interval alone.
 */
function intervalEndpoint(stat: StatisticEntity, text: string, attributions: readonly Attribution[], ctx: LinkContext): TermHit | undefined {
  const ci = stat.ci;
  if (!ci || stat.percent === undefined) return undefined;
  const references = new Set(attributions.filter((a) => a.strength !== 'previous').map((a) => a.reference));
  const withInterval = [...references].flatMap((reference) => ctx.dataset.index.byReference(reference)).filter((f) => f.ci !== undefined && f.ci[0] === ci.low && f.ci[1] === ci.high && f.status !== 'unverified');
  const endpoints = new Set(withInterval.map((f) => f.endpoint));
  if (endpoints.size !== 1) return undefined;
  const id = withInterval[0]!.endpoint;
  return { id, start: ci.span.start, end: ci.span.end, text: text.slice(ci.span.start, ci.span.end), byInterval: true };
}

const gradedKinCache = new WeakMap<ReadonlyMap<string, unknown>, Map<string, ReadonlySet<string> | undefined>>();

/**
 * Where a statistic's endpoint is a grade range of an event ("grade ≥ 2 CRS", "severe CRS"), the event's other graded
 * endpoints, whose facts the checker reads whatever their score; undefined otherwise.
 */
export function gradedKinOf(endpoint: TermHit | undefined, ctx: LinkContext): ReadonlySet<string> | undefined {
  if (!endpoint) return undefined;
  const endpoints = ctx.dataset.endpoints;
  let byId = gradedKinCache.get(endpoints);
  if (!byId) gradedKinCache.set(endpoints, (byId = new Map()));
  if (byId.has(endpoint.id)) return byId.get(endpoint.id);
  const event = eventGradesOf(endpoint.id, endpoints)?.event;
  let kin: Set<string> | undefined;
  if (event !== undefined) {
    kin = new Set();
    for (const [other, graded] of endpoints) if (other !== endpoint.id && graded.grades && rootOf(other, endpoints) === event) kin.add(other);
  }
  byId.set(endpoint.id, kin);
  return kin;
}

/**
 * "CRS and ICANS at grade ≥3 were 6% and 3%": a grade said once after a list of events is each event's, not an item of
 * the list (gradedEndpoint then reads it for the event paired with the number).
 */
function listedEvents(hits: TermHit[], text: string): { hits: TermHit[]; grade?: TermHit } {
  if (hits.length < 3) return { hits };
  for (let k = 2; k < hits.length; k++) {
    const grade = hits[k]!;
    if (!namesGradeOnly(grade) || !GRADE_AFTER_LIST.test(text.slice(hits[k - 1]!.end, grade.start))) continue;
    return { hits: [...hits.slice(0, k), ...hits.slice(k + 1)], grade };
  }
  return { hits };
}

const GRADE_AFTER_LIST = /^\s*(?:at|of|with|,)?\s*$/i;

/** "Severe CRS and severe ICANS occurred in 6% and 3%": the k-th of two numbers is the k-th endpoint listed before. */
function pairedEndpoint(doc: RecognizedDocument, stat: StatisticEntity, hits: TermHit[], text: string): TermHit | undefined {
  const paired = hits.length >= 2 ? pairedNumbers(doc, stat, text) : undefined;
  return paired && respectiveEndpoint(stat, paired, hits, text);
}

const NEGATED_DISEASE = /\bnot\s+(?:(?:specifically|only|just|for|to|in|with|the)\s+){0,3}(?:LBCL|DLBCL|large B[- ]cell lymphoma|B-ALL|NHL|CLL|myeloma)\b/gi;

/** The text with "not ... LBCL" cut out (blanked, offsets kept). */
function withoutNegatedDiseases(text: string): string {
  return text.includes('not ') ? text.replace(NEGATED_DISEASE, (m) => ' '.repeat(m.length)) : text;
}

/**
 * "Nine of the eleven patients bridged to transplant remained in remission", "5 of the 7 who received no further
 * therapy remained in remission": the words after a count's whole say who the whole is (its endpoint words are the
 * cohort's); what is counted is named after them, by the verb.
 */
const COHORT_PHRASE = new RegExp(
  String.raw`^\s+(?:(?:who\s+(?:were|had\s+been)\s+)?(?:${[...COHORT_PARTICIPLES, 'given', 'receiving'].join('|')})|who\s+(?:received|underwent|got|had))\b[^,.;:()\d]{0,60}?` +
    String.raw`(?=\s+(?:remained|remain|stayed|stay|continued|maintained|survived|responded|had|have|developed|achieved|attained|reached|relapsed|died|were|was|showed|experienced|went|underwent|proceeded)\b)`,
  'i',
);

function countedAfterCohort(stat: StatisticEntity, hits: TermHit[], clause: Span, parentOf: (id: string) => string | undefined, text: string): TermHit | undefined {
  if (stat.total === undefined || (stat.shape !== 'count' && stat.shape !== 'count-percent')) return undefined;
  const phrase = COHORT_PHRASE.exec(text.slice(stat.span.end, Math.min(clause.end, stat.span.end + 80)));
  if (!phrase) return undefined;
  const end = stat.span.end + phrase[0].length;
  return nearestEndpoint(hits.filter((h) => h.start >= end), { start: stat.span.start, end }, clause, parentOf, true, text);
}

/**
 * "Of the patients given no further therapy, 3 remained in remission", "Twelve patients in CR were bridged": a count of
 * patients that is its clause's subject counts what the verb after it says happened to them, not the group before it.
 */
function happenedToCounted(stat: StatisticEntity, hits: TermHit[], clause: Span, text: string): TermHit | null | undefined {
  // ("63% had no detectable leukemia": a percent of patients is such a subject too.)
  if (stat.shape !== 'sample-size' && stat.shape !== 'count' && stat.shape !== 'count-percent' && stat.shape !== 'percent') return undefined;
  const at = hits.findIndex((h) => {
    if (h.start < stat.span.end || h.end > clause.end) return false;
    const between = text.slice(stat.span.end, h.start);
    // The verb may be the term's own first word: "3 remained in remission".
    return SUBJECT_THEN.test(between) || (/^\s*$/.test(between) && SUBJECT_THEN.test(` ${text.slice(h.start, h.end).split(/\s+/)[0]} `));
  });
  if (at < 0) return undefined;
  // "18 were bridged to transplantation or received no further treatment": two outcomes, of which the count is neither
  // (null); not "seven received no further treatment and eleven were bridged", another count with its own verb.
  const next = hits[at + 1];
  const joined = next && next.end <= clause.end ? text.slice(hits[at]!.end, next.start) : '';
  if (/^\s*,?\s*(?:or|and)\s+(?:[a-z]+\s+){0,2}$/i.test(joined) && !NAMES_A_NUMBER.test(joined)) return null;
  return hits[at];
}

/** The endpoint of a count whose verb names two outcomes: none (see happenedToCounted). */
const TWO_OUTCOMES: TermHit = { id: '', start: 0, end: 0, text: '' };

/**
 * "CR was 68% and 64% in B-ALL and NHL, respectively", "In B-ALL and NHL, CR was 68% and 64%": as many diseases
 * named after the numbers (before "respectively") or before them as there are numbers; the k-th is the k-th number's.
 */
/** A sentence's words up to its first disease, then a comma after that disease: "Compared with |NHL,". */
const DISEASE_OPENING = new RegExp(String.raw`^([^,;]*?)\b(?:${DISEASE_MENTION_SOURCE})\b\s*,`);

function respectiveDisease(text: string, stat: StatisticEntity, { numbers, at }: { numbers: readonly StatisticEntity[]; at: number }, sentence: Span): ReturnType<typeof diseasesIn> | undefined {
  const mentions = (from: number, to: number) => diseaseMentionsIn(text.slice(from, to));
  const last = numbers[numbers.length - 1]!.span.end;
  const end = Math.max(at, Math.min(sentence.end, last + 60));
  const after = mentions(last, end);
  const before = mentions(sentence.start, numbers[0]!.span.start);
  const list = after.length === numbers.length ? after : after.length === 0 && before.length === numbers.length ? before : undefined;
  // "Compared with NHL, B-ALL responded better: 90% vs 47%": the disease the opening sets against is the second's.
  const opening = list === before && before.length === 2 ? DISEASE_OPENING.exec(text.slice(sentence.start, numbers[0]!.span.start)) : null;
  return list?.[opening && OPENS_AGAINST.test(opening[1]!) ? numbers.length - 1 - numbers.indexOf(stat) : numbers.indexOf(stat)];
}

/** Between a number and the disease it is given for: "47% in B-ALL", "90% among patients with NHL". */
const OWN_DISEASE_LEAD = /^[\s)\]}$]*(?:of\s+patients\s+)?(?:in|among|for|with)\s+(?:the\s+|patients\s+with\s+|those\s+with\s+)?/i;

/**
 * "CR was 47% in B-ALL and 90% in NHL": where a clause names several diseases, the one named right after a number
 * (with "in", "among", "for") is that number's.
 */
function ownDisease(clauseText: string, stat: StatisticEntity, clause: Span): ReturnType<typeof diseasesIn> | undefined {
  const after = clauseText.slice(stat.span.end - clause.start, stat.span.end - clause.start + 60);
  const lead = OWN_DISEASE_LEAD.exec(after);
  if (!lead) return undefined;
  // The disease words up to the next number or joining word.
  const rest = after.slice(lead[0].length);
  const end = rest.search(/\d|\s(?:and|or|versus|vs\.?|compared|whereas|while)\s|[,;()]/i);
  const own = diseasesIn(end < 0 ? rest : rest.slice(0, end));
  return own.size > 0 ? own : undefined;
}

/** Right before a parenthesis: the disease the numbers in it are given for ("better in ALL (", "for B-ALL ("). */
const DISEASE_BEFORE_PARENTHESIS = new RegExp(String.raw`\b(?:[Ii]n|[Aa]mong|[Ff]or|[Ww]ith)\s+(?:the\s+|patients\s+with\s+|those\s+with\s+)?(?:${DISEASE_MENTION_SOURCE})\s*\($`);

/**
 * "Dual targeting looks better in ALL (90% vs 68% pooled best CR), less clearly so in NHL": numbers in a parenthesis
 * right after a disease are given for it, whatever the rest of the sentence names.
 */
function diseaseBeforeParenthesis(text: string, stat: StatisticEntity, sentence: Span): ReturnType<typeof diseasesIn> | undefined {
  const before = text.slice(Math.max(sentence.start, stat.span.start - 80), stat.span.start);
  const open = before.lastIndexOf('(');
  if (open < 0 || before.includes(')', open)) return undefined;
  const lead = DISEASE_BEFORE_PARENTHESIS.exec(before.slice(Math.max(0, open - 50), open + 1));
  if (!lead) return undefined;
  const own = diseasesIn(lead[0]);
  return own.size > 0 ? own : undefined;
}

/**
 * "7 CR patients had no further treatment; 8 stayed in remission": a bare count after a clause that counts a group
 * (those bridged to transplant, those given nothing more) speaks of that group.
 */
function groupCountedBefore(doc: RecognizedDocument, stat: StatisticEntity, text: string, clause: Span, sentence: Span): string[] {
  // (The semicolon that begins the number's clause.)
  const semicolon = text.lastIndexOf(';', clause.start);
  if (semicolon < sentence.start || text.slice(semicolon + 1, clause.start).trim() !== '') return [];
  const from = Math.max(sentence.start, text.lastIndexOf(';', semicolon - 1) + 1);
  if (!doc.statistics.some((s) => s.sentence === stat.sentence && s.shape === 'sample-size' && s.span.start >= from && s.span.end <= semicolon)) return [];
  const words = populationWordsIn(text.slice(from, semicolon));
  return ['no further therapy', 'transplant'].filter((group) => words.has(group));
}

/**
 * "the 11 CR patients bridged to transplantation": the words after a group's noun say which group it is (those
 * bridged), the words before it only what they had in common (a remission).
 */
const GROUP_NAMED_AFTER = new RegExp(String.raw`^\s+(?:who\s+(?:were|had\s+been)\s+)?(?:${COHORT_PARTICIPLES.join('|')})\b[^,.;:()\d]{0,60}`, 'i');

function namesGroupAfter(text: string, from: number, to: number): boolean {
  if (to - from > 80) return false;
  const phrase = GROUP_NAMED_AFTER.exec(text.slice(from, to));
  return phrase !== null && phrase[0].length === to - from;
}

function groupNamedAfter(stat: StatisticEntity, hits: TermHit[], clause: Span, parentOf: (id: string) => string | undefined, text: string): TermHit | undefined {
  if (stat.shape !== 'sample-size') return undefined;
  // "Eight patients bridged to transplantation remained in remission": the group named, then what is counted of it.
  const phrase = COHORT_PHRASE.exec(text.slice(stat.span.end, Math.min(clause.end, stat.span.end + 80)));
  if (phrase) {
    const end = stat.span.end + phrase[0].length;
    const counted = nearestEndpoint(hits.filter((h) => h.start >= end), { start: stat.span.start, end }, clause, parentOf, true, text);
    if (counted) return counted;
  }
  const named = hits.filter((h) => h.start >= stat.span.end && h.end <= clause.end && namesGroupAfter(text, stat.span.end, h.end));
  return nearestEndpoint(named, stat.span, clause, parentOf, false, text);
}

/**
 * Scores every candidate of a statistic, and sorts those something reads. A cited reference makes every one of its
 * facts a candidate, a few dozen per statistic and most far off: what is read of them is the best three (hovers,
 * kept by the analysis; only when `bestThree`), those scoring at least LINK_THRESHOLD (the checker) and, among those
 * and below, the ones with the statistic's own endpoint (a value from another reference). A fact whose score cannot
 * reach LINK_THRESHOLD nor (with `bestThree`) the third best score so far, and whose endpoint is not the statistic's,
 * is none of these: it is counted but not scored. The others are scored on a reused record, and only those read
 * become objects.
 */
function rankCandidates(facts: readonly Fact[], scoring: ScoringInput, bestThree: boolean): Candidate[] {
  const ranked: Candidate[] = [];
  // The best three of the others (place, score), best first: one of them may be among the best three of all.
  const others: number[] = [];
  const otherScores: number[] = [];
  // The three best scores so far, best first.
  const best = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < facts.length; i++) {
    const fact = facts[i]!;
    // Facts of the statistic's endpoint are kept whatever their score (see LinkReaders), and may be those of a broader
    // one written in its words.
    const ownEndpoint = scoring.endpoint?.id === fact.endpoint || scoring.writtenFor?.has(fact.endpoint) === true;
    const kin = scoring.gradedKin?.has(fact.endpoint) === true;
    if (!ownEndpoint && !kin && scoreBound(fact, scoring) < (bestThree ? Math.min(LINK_THRESHOLD, best[2]!) : LINK_THRESHOLD)) continue;
    const scored = scoreCandidate(scratchFor(fact), scoring);
    keepBestScores(best, scored.score);
    if (scored.endpointMatch === 'exact' || scored.score >= LINK_THRESHOLD || kin) ranked.push(new Candidate(scored, i, scoring));
    else if (bestThree) keepBestThree(others, otherScores, i, scored.score);
  }
  for (const i of others) {
    const candidate = new Candidate(scoreCandidate(scratchFor(facts[i]!), scoring), i, scoring);
    // In the order found, which sortByScore keeps among equal scores.
    let place = ranked.length;
    while (place > 0 && ranked[place - 1]!.order > i) place--;
    ranked.splice(place, 0, candidate);
  }
  sortByScore(ranked);
  return ranked;
}

/** Keeps in `places`/`scores` the best three (a higher score, or an equal one found earlier: places come in order). */
function keepBestThree(places: number[], scores: number[], place: number, score: number): void {
  let at = places.length;
  while (at > 0 && scores[at - 1]! < score) at--;
  if (at >= 3) return;
  places.splice(at, 0, place);
  scores.splice(at, 0, score);
  if (places.length > 3) {
    places.length = 3;
    scores.length = 3;
  }
}

/**
 * The most scoreCandidate can give: what it gives for attribution, endpoint and denominator (cheap to read), and
 * every bonus the context allows.
 */
function scoreBound(fact: Fact, input: ScoringInput): number {
  const { stat, endpoint } = input;
  let bound = input.contextBonus;
  let attributed = false;
  for (const a of input.attributions) if (a.reference === fact.reference) {
    bound += ATTRIBUTION_WEIGHT[a.strength];
    attributed = true;
    break;
  }
  if (!attributed && input.citedInSentence) bound -= 2;
  if (endpoint && endpoint.id !== fact.endpoint) bound += input.writtenFor!.has(fact.endpoint) ? 3 : input.family!.has(fact.endpoint) ? 1 : -4;
  if (stat.total !== undefined && fact.total !== undefined) bound += stat.total === fact.total ? 2 : -3;
  return bound;
}

/** Keeps the three best of the scores seen, best first. */
function keepBestScores(best: number[], score: number): void {
  if (score <= best[2]!) return;
  if (score > best[0]!) {
    best[2] = best[1]!;
    best[1] = best[0]!;
    best[0] = score;
  } else if (score > best[1]!) {
    best[2] = best[1]!;
    best[1] = score;
  } else best[2] = score;
}

/** The one record scoreCandidate writes into for every candidate; copied into a Candidate when the fact is kept. */
const scratch: Scored = { fact: undefined as unknown as Fact, score: 0, endpointMatch: 'none', attribution: undefined, conflict: undefined };

function scratchFor(fact: Fact): Scored {
  scratch.fact = fact;
  return scratch;
}

/**
 * Best first, equal scores in their order (what the stable Array.prototype.sort gives). A statistic has a few dozen
 * candidates: an insertion sort of them costs much less than the library sort's calls into a comparator.
 */
function sortByScore(candidates: FactCandidate[]): void {
  if (candidates.length > 64) {
    candidates.sort((a, b) => b.score - a.score);
    return;
  }
  for (let i = 1; i < candidates.length; i++) {
    const item = candidates[i]!;
    let j = i - 1;
    while (j >= 0 && candidates[j]!.score < item.score) {
      candidates[j + 1] = candidates[j]!;
      j--;
    }
    candidates[j + 1] = item;
  }
}

/** What scoring a candidate reads: the statistic and its context, the same for each of its candidates. */
interface ScoringInput {
  stat: StatisticEntity;
  endpoint: TermHit | undefined;
  /** The endpoint's family (itself, its parent and children), when the statistic names an endpoint. */
  family: Set<string> | undefined;
  /** The broader endpoints written in the endpoint's words (CR/CRi for "CR"), when the statistic names an endpoint. */
  writtenFor: ReadonlySet<string> | undefined;
  /**
   * Where the endpoint is a grade range of an event ("grade ≥ 2 CRS"), the event's other graded endpoints: kept for the
   * checker whatever their score, since a figure of another grade range is a slip it names (see checkDocument).
   */
  gradedKin: ReadonlySet<string> | undefined;
  ctx: LinkContext;
  attributions: Attribution[];
  /** Whether the sentence itself names a reference (a citation in it or an alias). */
  citedInSentence: boolean;
  draftDiseases: ReturnType<typeof diseasesIn>;
  signature: AntigenSignature;
  population: Set<string>;
  /** The population words said with the number itself ("24 of 34 evaluable patients"), not with another of its clause. */
  ownPopulation: Set<string>;
  /** The most disease, antigen, population and value agreement can add to a score. */
  contextBonus: number;
}

/**
 * "Among the 21 patients treated, CR was 57%", "| NCI phase 1 | 21 | 57% |": a bare percent said with a cohort size,
 * before it in its clause or its table row, when the percent is a share of that many patients (57% is 12 of 21). A
 * fact of another cohort (73% of 15) is then not contradicted by it: the draft speaks of other patients. `clause`
 * is undefined for a table cell, whose row is its sentence.
 */
function wholeStatedFor(stat: StatisticEntity, doc: RecognizedDocument, text: string, clause: Span | undefined): number | undefined {
  if (stat.shape !== 'percent' || stat.percent === undefined || stat.approximate) return undefined;
  // In prose, only a group the number is taken in ("Among the 21 patients treated"), not a study's size ("a study of
  // 34 patients"), and not when the percent names its own group ("85% among evaluable patients").
  if (clause && OWN_GROUP_AFTER.test(text.slice(stat.span.end, Math.min(clause.end, stat.span.end + 40)))) return undefined;
  // The statistic just before it in its sentence (statistics are in text order: found by halving, not a scan of a
  // block that may hold thousands).
  const all = doc.statistics;
  let lo = 0;
  for (let hi = all.length; lo < hi; ) {
    const mid = (lo + hi) >> 1;
    if (all[mid]!.span.start < stat.span.start) lo = mid + 1;
    else hi = mid;
  }
  const other = all[lo - 1];
  const whole = other && other.sentence === stat.sentence && !(clause && other.span.start < clause.start) && other.shape === 'sample-size' && other.value !== undefined && Number.isInteger(other.value) && other.value >= 2 && other.unit === 'patients' ? other : undefined;
  if (!whole || (clause && !GROUP_TAKEN_IN.test(text.slice(Math.max(clause.start, whole.span.start - 30), whole.span.start)))) return undefined;
  return isShareOf(stat.percent, stat.percentDecimals ?? 0, whole.value!) ? whole.value : undefined;
}

const GROUP_TAKEN_IN = /(?:^|[^\w-])(?<!\b(?:study|trial|cohort|series|analysis|report)\s+)(?:among|in|of)\s+(?:the\s+|all\s+|these\s+|those\s+)?$/i;
const OWN_GROUP_AFTER = /^\s*(?:of|among|in)\s+(?:the\s+|all\s+|these\s+|those\s+)?(?:\w+\s+){0,2}(?:patients|children|adults|evaluable|enrolled|treated|infused|responders|those|them)\b/i;

/** Whether a percent written to `decimals` places is k of `whole` for some k, rounded or cut. */
function isShareOf(percent: number, decimals: number, whole: number): boolean {
  const k = Math.round((percent * whole) / 100);
  for (const count of [k - 1, k, k + 1]) {
    if (count < 0 || count > whole) continue;
    const exact = (100 * count) / whole;
    if (roundHalfUp(exact, decimals) === percent || truncate(exact, decimals) === percent) return true;
  }
  return false;
}

/**
 * A scored candidate whose evidence (a sentence per scoring step) and comparison details are written when something
 * reads them: hovers and the checker read them for a statistic's best candidates only, and kept for every candidate
 * they were most of an analysis' memory (1 MB draft: 750,000 evidence entries, 140 MB) and much of its time.
 * Scoring and comparing are deterministic, so what is read is what was scored.
 */
class Candidate implements FactCandidate {
  fact: Fact;
  score = 0;
  endpointMatch: FactCandidate['endpointMatch'] = 'none';
  attribution?: AttributionStrength;
  conflict?: string;
  #order: number;
  #comparison: Comparison | undefined;
  #evidence: Evidence[] | undefined;
  #scoring: ScoringInput;

  /** From what scoreCandidate wrote. */
  constructor(scored: Scored, order: number, scoring: ScoringInput) {
    this.fact = scored.fact;
    this.score = scored.score;
    this.endpointMatch = scored.endpointMatch;
    this.attribution = scored.attribution;
    this.conflict = scored.conflict;
    this.#order = order;
    this.#scoring = scoring;
  }

  /** Where the fact came among the statistic's candidates: the order of equal scores. */
  get order(): number {
    return this.#order;
  }

  get comparison(): Comparison {
    return (this.#comparison ??= compareStatisticToFact(this.#scoring.stat, this.fact));
  }

  set comparison(value: Comparison) {
    this.#comparison = value;
  }

  get evidence(): Evidence[] {
    if (this.#evidence === undefined) {
      const evidence: Evidence[] = [];
      scoreCandidate({ fact: this.fact, score: 0, endpointMatch: 'none' }, this.#scoring, evidence);
      this.#evidence = evidence;
    }
    return this.#evidence;
  }

  set evidence(value: Evidence[]) {
    this.#evidence = value;
  }

  /** Spreads and JSON see the evidence as a plain field, as before. */
  toJSON(): FactCandidate {
    return { fact: this.fact, score: this.score, evidence: this.evidence, comparison: this.comparison, endpointMatch: this.endpointMatch, attribution: this.attribution, conflict: this.conflict };
  }
}

/**
 * Populations a clause names that a fact's population is not: the word the draft says, the fact's word, what scoring
 * says of it, and the candidate's conflict.
 */
const OTHER_POPULATIONS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['evaluable', 'enrolled', 'the draft speaks of evaluable patients; the fact of all enrolled', 'the fact counts all enrolled patients'],
  ['enrolled', 'evaluable', 'the draft speaks of enrolled patients; the fact of evaluable ones', 'the fact counts evaluable patients'],
  ['no further therapy', 'transplant', 'the draft speaks of patients with no further therapy; the fact of those bridged to transplant', 'the fact counts patients bridged to transplant'],
  ['transplant', 'no further therapy', 'the draft speaks of patients bridged to transplant; the fact of those with no further therapy', 'the fact counts patients with no further therapy'],
];

/** Right after a count: its patients lack what the sentence counts ("4 (27%) did not", "5 of 21 had none"). */
const NEGATED_AFTER =
  /^\s*(?:\([^()]{0,30}\)\s*)?(?:patients?\s+|children\s+|pts\.?\s+)?(?:did\s+not|didn['’]t|had\s+no(?:ne)?\b|had\s+never|had\s+not|hadn['’]t|never\b|were\s+not|was\s+not|(?:were|was)\s+naive|failed\s+to|remained\s+(?:refractory|resistant)|(?:were|was)\s+(?:refractory|non-?responders?|without))/i;

/** Just before an endpoint's words: its absence ("no response in 4", "did not remain in remission", "4 ... did not achieve CR"). */
const NEGATED_BEFORE = /\b(?:no|non-?|without|not|never|(?:failed\s+to|not|never)\s+(?:achieve|achieved|reach|reached|attain|attained|obtain|obtained|develop|developed|experience|experienced|have|had)(?:\s+(?:a|an|any))?)\s*$/i;

/** Between an endpoint's words and its count: "CR was not achieved in 6 of 30". */
const NEGATED_BETWEEN = /\b(?:was|were)\s+not\s+(?:achieved|reached|attained|seen|observed|obtained)\b|\bdid\s+not\s+(?:occur|develop)\b/i;

function isComplement(text: string, span: Span, endpoint: TermHit): boolean {
  // A term that holds its own "no" ("63% had no sign of leukaemia": remission) is no negation of it.
  if (/^no\b/i.test(endpoint.text)) return false;
  if (NEGATED_AFTER.test(text.slice(span.end, span.end + 60))) return true;
  if (endpoint.end <= span.start && span.start - endpoint.end <= 40 && NEGATED_BETWEEN.test(text.slice(endpoint.end, span.start))) return true;
  return endpoint.start > 0 && NEGATED_BEFORE.test(text.slice(Math.max(0, endpoint.start - 24), endpoint.start));
}

/** Words that point back at the work last cited: "in that trial", "the same study", "this cohort". */
const POINTS_BACK = /\b(?:that|this|the same|these|those)\s+(?:trial|study|studies|cohort|report|analysis|series|group|update|paper)\b/i;

/** Just before the size of the cohort a rate is taken in: "among all 21 patients", "of all 34 enrolled". */
const RATE_COHORT_BEFORE = /\b(?:among|amongst)\s+(?:all\s+|the\s+|these\s+)?$|\bof\s+all\s+(?:the\s+)?$/i;

/**
 * Between a count that is its sentence's subject and what it counts: " were promptly ", " remained in "; and after a
 * qualifier of the group ("in CR", "with B-ALL") too: " in CR were ", and past a bracket: " (56%) had ", " (9 + 7) patients had ".
 */
const SUBJECT_THEN = /^\s+(?:(?:in|with)\s+[A-Za-z][\w/-]*(?:\s+[a-z]+)?\s+)?(?:\([^()]{1,20}\)\s+(?:(?:patients|participants|children|adults)\s+)?)?(?:were|was|are|is|had|have|has|remained|remain|developed|achieved|experienced|underwent|proceeded|went|received)(?:\s+(?!and\b|or\b|but\b|while\b|whereas\b)[a-z]+){0,2}\s+$/i;

/** Words that describe who was counted (a dose level, an age, "treated") are not what a rate measures. */
const QUALIFIER_ENDPOINTS = new Set(['dose', 'age', 'patients-treated']);

/** Endpoints that are times (a median duration, a follow-up, an onset), never a share of patients. */
const TIME_ENDPOINTS = new Set(['remission-duration', 'follow-up', 'crs-onset']);

function endpointFitsShape(hit: TermHit, stat: StatisticEntity, text: string): boolean {
  if (stat.shape === 'dose') return hit.id === 'dose';
  if (stat.shape === 'sample-size') {
    // "Grade 1 CRS occurred in 12 patients": the event comes before the count. A term after it ("a study of 34
    // patients, the CR/CRi rate was ...") is about another number, unless the count is the subject of a verb that
    // names what happened to them ("Eleven CR patients were promptly bridged to transplantation").
    // So is the participle that says which group they are ("the 11 CR patients bridged to transplantation").
    // Right after the count, the words are its group's ("17 patients previously treated with CD19-directed therapy");
    // "enrolled" after another number is that number's ("24 responders are 70.5% of all 34 enrolled").
    return (
      hit.end <= stat.span.start ||
      (hit.id === 'patients-treated' && !/\d/.test(text.slice(stat.span.end, hit.start))) ||
      hit.start < stat.span.end ||
      ((hit.start - stat.span.end <= 1 || /^[$}]+\s?$/.test(text.slice(stat.span.end, hit.start)) || (stat.noun === 'n' && N_EQUALS_THEN.test(text.slice(stat.span.end, hit.start)))) && !QUALIFIER_ENDPOINTS.has(hit.id)) ||
      (!QUALIFIER_ENDPOINTS.has(hit.id) && (SUBJECT_THEN.test(text.slice(stat.span.end, hit.start)) || namesGroupAfter(text, stat.span.end, hit.end)))
    );
  }
  if (stat.shape === 'range' && stat.unit === 'years') return hit.id === 'age';
  // "a median age of 19 years"
  if (hit.id === 'age') return stat.unit === 'years';
  // "(73% and 80% in the two trials) but remissions are short": a time named after a share is not what it measures.
  if (TIME_ENDPOINTS.has(hit.id) && hit.start >= stat.span.end && (stat.shape === 'percent' || stat.shape === 'count' || stat.shape === 'count-percent')) return false;
  return !QUALIFIER_ENDPOINTS.has(hit.id);
}

/**
 * A number in a table's body cell that names no endpoint in the cell itself is about what its column's header names
 * ("| CR |" over "| 73% |"); other cells of the row name other columns' values.
 */
function columnEndpoint(
  stat: StatisticEntity,
  input: DocumentLinkInput,
  blockIndex: number | undefined,
  rowHits: TermHit[],
  ctx: LinkContext,
  parentOf: (id: string) => string | undefined,
): TermHit | undefined {
  const block = blockIndex === undefined ? undefined : input.doc.blocks[blockIndex];
  if (block?.kind !== 'table') return undefined;
  const at = tableCellAt(input.text, block.span, stat.span.start, input.doc.format);
  if (!at) return undefined;
  const inCell = rowHits.filter((hit) => hit.start >= at.cell.start && hit.end <= at.cell.end);
  const own = inCell.length > 0 ? nearestEndpoint(inCell, stat.span, at.cell, parentOf, false, input.text) : undefined;
  if (own) return own;
  // The header's last term, or the refinement just before it ("Severe (grade ≥3) CRS"); under a header naming none
  // ("n/N", "%"), the term of the header grouping it ("\multicolumn{2}{c}{Complete remission}").
  for (const header of at.group ? [at.header, at.group] : [at.header]) {
    const headerHits = endpointMatcher(ctx.dataset.endpoints)
      .find(readerText(input.text, header.start, header.end), header.start)
      .filter((hit) => endpointFitsShape(hit, stat, input.text));
    const endpoint = nearestEndpoint(headerHits, { start: header.end, end: header.end }, header, parentOf, false, input.text);
    // "| ICANS | 3 |" under "| Event | Grade 3 or higher, % |": the header's grade, of the row's event.
    const rowEvent = endpoint && namesGradeOnly(endpoint) ? rowHits.find((hit) => hit.end <= at.cell.start && hit.start >= lineStartOf(input.text, at.cell.start) && isGradedEvent(hit.id, ctx.dataset.endpoints)) : undefined;
    if (rowEvent) return headerGradedEndpoint(rowEvent, [endpoint!.text], input.text, ctx.dataset.endpoints);
    if (endpoint) return endpoint;
  }
  // Under a header naming none ("Patients", "No. of patients (N = 34)"), a row's label says what its number counts:
  // its last term, as a header's ("CR, no further treatment": the 7 who had no further treatment).
  const rowStart = lineStartOf(input.text, at.cell.start);
  const labelHits = rowHits.filter((hit) => hit.start >= rowStart && hit.end <= at.cell.start);
  if (labelHits.length > 0 && (stat.shape === 'sample-size' || stat.shape === 'count')) {
    const fitting = labelHits.filter((hit) => endpointFitsShape(hit, stat, input.text));
    // An outcome named beside the cohort is what is counted ("Still in remission, no further treatment | 3"); a cohort
    // beside CR, which names the patients, is the cohort ("CR, no further treatment | 7").
    const outcome = fitting.filter((hit) => !ctx.dataset.endpoints.get(hit.id)?.cohort && rootOf(hit.id, ctx.dataset.endpoints) !== 'complete-remission').pop();
    const chosen = outcome ?? fitting[fitting.length - 1];
    if (chosen) return { ...chosen, rowLabel: true };
  }
  // "| CRS grade | Patients (n = 21) |" over "| Grade 3 | 7 |": a row whose label names no endpoint of its own counts
  // what the labels' header names (its grade is read from the row as in prose).
  if (at.labelHeader && !rowHits.some((hit) => hit.end <= at.cell.start || hit.start >= at.cell.end)) {
    const headerHits = endpointMatcher(ctx.dataset.endpoints)
      .find(readerText(input.text, at.labelHeader.start, at.labelHeader.end), at.labelHeader.start)
      .filter((hit) => endpointFitsShape(hit, stat, input.text));
    const endpoint = nearestEndpoint(headerHits, { start: at.labelHeader.end, end: at.labelHeader.end }, at.labelHeader, parentOf, false, input.text);
    if (endpoint) return endpoint;
  }
  // A cohort size under "n" or "Patients": how many the row's trial treated (a row whose label names an endpoint or a
  // grade counts that instead: "| Grade 1 | 9 |").
  if (labelHits.length > 0 || GRADE_LABEL.test(input.text.slice(rowStart, at.cell.start))) return undefined;
  if (stat.shape === 'sample-size' && stat.span.start >= at.cell.start && stat.span.end <= at.cell.end) return { id: 'patients-treated', start: at.header.start, end: at.header.end, text: input.text.slice(at.header.start, at.header.end).trim() };
  return undefined;
}

/** A row label that is a grade: "| Grade 1 |", "| Grade ≥3 |", "| Any grade |". */
const GRADE_LABEL = /\b(?:grade|gr)\.?\s*(?:[≥>]=?\s*)?\d|\bany grade\b/i;

/** A table column of the writer's own figures: "This review, %", "Our series", "Present study (n=12)". */
const OWN_COLUMN = /\b(?:this|the present|present|the current|current|our) (?:review|study|analysis|meta-analysis|series|cohort|work|data|centre|center)\b|\bours\b/i;

/** Whether the statistic is a table cell under a header (or a header grouping it) that says it is the writer's own. */
function ownColumn(stat: StatisticEntity, input: DocumentLinkInput, blockIndex: number | undefined): boolean {
  const block = blockIndex === undefined ? undefined : input.doc.blocks[blockIndex];
  if (block?.kind !== 'table') return false;
  const at = tableCellAt(input.text, block.span, stat.span.start, input.doc.format);
  if (!at) return false;
  return OWN_COLUMN.test(input.text.slice(at.header.start, at.header.end)) || (at.group !== undefined && OWN_COLUMN.test(input.text.slice(at.group.start, at.group.end)));
}

const COHORT_BEFORE = /\b(?:study|trial|cohort|series|analysis|group|total|experience|update)\s*,?\s+(?:of|with|including|enrolling)\s*$|\b(?:enrolled|treated|included|recruited|infused|enrolling|treating)\s*$/i;

/** "a study of 34 patients", "enrolled 34 patients": a sample size with no event named is the cohort's size. */
function cohortEndpoint(stat: StatisticEntity, text: string, sentence: Span): TermHit | undefined {
  if (stat.shape !== 'sample-size') return undefined;
  const before = text.slice(Math.max(sentence.start, stat.span.start - 40), stat.span.start);
  const m = COHORT_BEFORE.exec(before);
  if (!m) return undefined;
  const start = stat.span.start - before.length + m.index;
  return { id: 'patients-treated', start, end: start + m[0].length, text: m[0].trim() };
}

/** After a citation, a conjunction and a clause of its own (with a verb before the number). */
const NEXT_CLAUSE = /^\s*,?\s*(?:and|while|whereas|but)\s+(?:[^\s.;]+\s+){1,6}?(?:found|reported|showed|gave|observed|described|achieved|reached|was|were|had)\b/i;

/** Whether `citation`, after the number past a semicolon, closes a later clause that has a number of its own. */
function closesLaterClause(input: DocumentLinkInput, citation: Span, stat: StatisticEntity): boolean {
  if (citation.start < stat.span.end) return false;
  const semicolon = input.text.slice(stat.span.end, citation.start).indexOf(';');
  if (semicolon < 0) return false;
  const from = stat.span.end + semicolon;
  return input.doc.statistics.some((s) => s.sentence === stat.sentence && s.span.start > from && s.span.end <= citation.start);
}

/** Whether the number's clause, before it, names a work of the dataset other than `references`. */
function namesAnotherWork(input: DocumentLinkInput, stat: StatisticEntity, ctx: LinkContext, sentenceSpan: Span, sentenceText: string, clause: Span, references: readonly string[]): boolean {
  return sentenceHits(input, stat.sentence, ctx, 'aliases', sentenceSpan, sentenceText).some(
    (hit) => hit.start >= clause.start && hit.end <= stat.span.start && ![hit.id, ...(hit.alsoNames ?? [])].some((id) => references.includes(id)),
  );
}

/**
 * Whether `citation` comes right after another statistic of the number's sentence (it closes that number's clause)
 * and a new clause with its own verb starts between it and the number.
 */
function closesEarlierNumber(input: DocumentLinkInput, citation: Span, stat: StatisticEntity): boolean {
  const earlier = input.doc.statistics.find((s) => s.sentence === stat.sentence && s.span.end <= citation.start && citation.start - s.span.end <= 3);
  return earlier !== undefined && NEXT_CLAUSE.test(input.text.slice(citation.end, stat.span.start));
}

function attributionsFor(
  stat: StatisticEntity,
  input: DocumentLinkInput,
  layout: CitationLayout,
  ctx: LinkContext,
  sentenceText: string,
  sentenceSpan: Span,
  clause: Span,
  otherStudyCue: boolean,
  respective: RespectiveNumbers | undefined,
  implicit?: Attribution,
): { attributions: Attribution[]; citesOutsideDataset: boolean; contrasted: 'contrast' | 'likeness' | 'pooled' | 'own' | false } {
  const attributions: Attribution[] = [];
  const seen = new Set<string>();
  /** Attributes the number to `reference` unless it already is; gives the attribution made, if one is. */
  const add = (reference: string, strength: AttributionStrength, via: string, span: Span, shared?: true): Attribution | undefined => {
    const key = `${reference}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    const attribution: Attribution = shared ? { reference, strength, via, span, shared } : { reference, strength, via, span };
    attributions.push(attribution);
    return attribution;
  };

  const inSentence = citationsWithin(layout.bySentence.get(stat.sentence) ?? [], sentenceSpan);
  // The citation that belongs to this number: the nearest one after it in its clause, else the nearest in the sentence.
  const nearest = closestCitation(input.text, inSentence, stat.span, clause, sentenceSpan);
  // "The trial of @spiegel2021 is discussed below; CR ... was 68%": a citation in an earlier clause, past a semicolon,
  // is the sentence's (a paragraph attribution), not this number's own.
  // So is one that closes an earlier number's clause, before a conjunction that starts this number's: "73% (11/15)
  // [@fry2018] and a pooled analysis found a 68% ...".
  // Not a narrative citation that is the sentence's subject ("Shah et al. (2020) treated 58 patients; 51 had ..."): it
  // speaks for every clause, but one naming another work ("...; the later Beijing cohort enrolled 34").
  // So is one past a semicolon after the number, closing a later clause with a number of its own, where the number's
  // clause names another work: "The Beijing trial enrolled 34 patients; 297 had been pooled in a later meta-analysis
  // [@fergusson2023]" (not "The trial treated 21 patients; 17 had ... [@fry2018]").
  const own =
    nearest &&
    ((nearest.citation.span.end <= stat.span.start &&
      (!isSubjectCitation(input.text, nearest.citation, sentenceSpan) || namesAnotherWork(input, stat, ctx, sentenceSpan, sentenceText, clause, nearest.references)) &&
      (input.text.slice(nearest.citation.span.end, stat.span.start).includes(';') || closesEarlierNumber(input, nearest.citation.span, stat))) ||
      (closesLaterClause(input, nearest.citation.span, stat) && namesAnotherWork(input, stat, ctx, sentenceSpan, sentenceText, clause, nearest.references)))
      ? undefined
      : nearest;
  // "6 months [@fry2018], versus 12 months with CD19 CAR T cells": the number set against the cited one is not its
  // (the citation is only its paragraph's: the number is neither contradicted by it nor offered it as uncited).
  const opener = own !== undefined && inContrastingOpener(input, stat, own.citation.span);
  const contrast = own && (contrastBetween(input.text, stat.span, own.citation.span) || (opener || opensLaterClause(input.text, own, stat, sentenceSpan, ctx) ? 'contrast' : undefined));
  if (own && contrast) {
    const attributions: Attribution[] = own.references.map((reference) => ({ reference, strength: 'paragraph' as const, via: own.citation.text, span: own.citation.span }));
    // "Unlike the meta-analysis [3], the Beijing cohort gave 71.6%": the work the number's own clause names is its.
    const named = opener ? sentenceHits(input, stat.sentence, ctx, 'aliases', sentenceSpan, sentenceText).filter((hit) => hit.start >= clause.start && hit.end <= clause.end && !own.references.includes(hit.id)) : [];
    if (named.length > 0) {
      // A name several works share ("the NCI trial": Fry 2018 and its update) gives each of them.
      const alias: Attribution[] = named.flatMap((hit) =>
        [hit.id, ...(hit.alsoNames ?? [])].map((reference) => ({ reference, strength: 'alias' as const, via: hit.text, span: { start: hit.start, end: hit.end }, ...(hit.alsoNames ? { shared: true as const } : {}) })),
      );
      return { attributions: [...alias, ...attributions], citesOutsideDataset: false, contrasted: false };
    }
    return { attributions, citesOutsideDataset: false, contrasted: contrast };
  }
  // After "respectively", as many numbers of one kind as the citation names works: the k-th number is the k-th work's.
  const target = respective && own && own.targets.length === respective.numbers.length ? own.targets[respective.numbers.indexOf(stat)] : undefined;
  if (target) {
    // "21 and 34 patients, respectively (1,2)": this number is its place's reference's, and no other's.
    const references = target.references;
    return {
      attributions: references.map((reference) => ({ reference, strength: 'sentence' as const, via: own!.citation.text, span: own!.citation.span })),
      citesOutsideDataset: references.length === 0,
      contrasted: false,
    };
  }
  const pooled = own && own.references.length > 1 ? pooledWorksNamedFor(stat, input.text, clause, own.references, ctx) : undefined;
  if (pooled) {
    return {
      attributions: pooled.map((reference) => ({ reference, strength: 'sentence' as const, via: own!.citation.text, span: own!.citation.span })),
      citesOutsideDataset: false,
      contrasted: false,
    };
  }
  const names = sentenceHits(input, stat.sentence, ctx, 'aliases', sentenceSpan, sentenceText);
  // "73% and 80% were reported by Fry et al. and Pan et al., respectively": as many works cited or named as numbers,
  // each once, in order.
  if (respective) {
    const named = namesInOrder(inSentence, names.filter((h) => !h.alsoNames));
    const place = named.length === respective.numbers.length ? named[respective.numbers.indexOf(stat)] : undefined;
    if (place) return { attributions: [{ ...place, strength: 'sentence' }], citesOutsideDataset: false, contrasted: false };
  }
  // "35/45 (78%) in total", "a total of 55 patients across the two trials", "Together, the NCI [1] and Beijing [2]
  // trials treated 55": a sum over the works the sentence names is none of theirs.
  // So is a range one citation gives to several works ("CR rates of 70% to 80% [@fry2018; @shah2020; @pan2019]"):
  // it spans their figures.
  const works = new Set([...distinctReferences(inSentence).map((r) => r.reference), ...names.map((h) => h.id)]);
  const spansWorks = stat.shape === 'range' && own !== undefined && own.targets.length > 1 && new Set(own.references).size > 1;
  // (Not the words of an opening contrast: "Whereas the meta-analysis pooled 68% [3], Fry et al. (2018) reported 73%".)
  const from = mainClauseOffset(input, stat, sentenceSpan);
  if (works.size > 1 && (spansWorks || POOLED.test(clause.start === sentenceSpan.start ? sentenceText.slice(from, clause.end - sentenceSpan.start) : input.text.slice(clause.start, clause.end)))) {
    const attributions = distinctReferences(inSentence).map(({ reference, rc }) => ({ reference, strength: 'paragraph' as const, via: rc.citation.text, span: rc.citation.span }));
    return { attributions, citesOutsideDataset: false, contrasted: 'pooled' };
  }
  let citesOutsideDataset = false;
  if (own) {
    // "81% in ELIANA and 73% in the NCI trial [@maude2018; @fry2018]": a citation that also names a work the dataset
    // does not hold may give the number to that work.
    if (own.references.length === 0 || own.targets.some((t) => t.references.length === 0)) citesOutsideDataset = true;
    // "The NCI trial treated 21, whereas the Beijing study enrolled 30 (Fry et al., 2018; Pan et al., 2019)": of the
    // works one citation gives, the one the number's own clause names is the number's; the others are the sentence's.
    const namedHere = own.references.length > 1 ? namedInClause(names, clause, own.references) : undefined;
    for (const ref of namedHere ?? reportsNamed(own, inSentence)) add(ref, 'sentence', own.citation.text, own.citation.span);
    if (namedHere) for (const ref of own.references) add(ref, 'paragraph', own.citation.text, own.citation.span);
  }
  for (const rc of inSentence) {
    if (rc === own) continue;
    for (const ref of rc.references) add(ref, 'paragraph', rc.citation.text, rc.citation.span);
  }
  for (const hit of names) {
    // A name several works share ("the NCI trial": Fry 2018 and its update) names the one the sentence cites, if any.
    if (hit.alsoNames && (seen.has(hit.id) || hit.alsoNames.some((id) => seen.has(id)))) continue;
    const span = { start: hit.start, end: hit.end };
    // A name in another clause of the sentence ("..., and CRS reached 86% in the updated NCI trial") is the sentence's.
    const strength = hit.start >= clause.start && hit.end <= clause.end ? 'alias' : 'paragraph';
    if (!hit.alsoNames) add(hit.id, strength, hit.text, span);
    else for (const id of [hit.id, ...hit.alsoNames]) add(id, strength, hit.text, span, true);
  }
  // "Our pilot (n = 12) produced CR in 10 of 12. CRS occurred in 9 patients.": an uncited sentence right after one
  // about the writer's own work goes on about that work, not the paragraph's citations.
  if (inSentence.length === 0 && attributions.length === 0 && continuesOwnWork(stat, input, layout, sentenceText)) return { attributions, citesOutsideDataset, contrasted: 'own' };
  // "... 6 months (Fry et al., 2018). By contrast, CD19 CAR T cells give a median remission duration of 12 months.":
  // an uncited sentence that opens by setting itself against the one before is not about the works cited there.
  if (inSentence.length === 0 && attributions.length === 0 && CONTRAST_OPENER.test(sentenceText)) return { attributions, citesOutsideDataset, contrasted: 'contrast' };
  // Paragraph and earlier citations only count when the sentence does not point elsewhere.
  if (!citesOutsideDataset && !otherStudyCue) {
    const block = input.doc.sentences[stat.sentence]?.block;
    const inTable = block !== undefined && input.doc.blocks[block]?.kind === 'table';
    if (block !== undefined) {
      // In a table, a row's citation is that row's: other rows read only those of rows without numbers (a group's
      // header row, "Pooled estimates \citep{fergusson2023}").
      const cited = distinctReferences(inTable ? tableWideCitations(input.doc, layout.byBlock.get(block) ?? []) : layout.byBlock.get(block) ?? []);
      // "... 16 of 21 patients [@fry2018]. The median remission duration was 9 months. In the updated cohort, Shah
      // [@shah2020] ...": an uncited sentence right after a cited one goes on about that work, not one cited later.
      // The uncited sentences between go on about it too ("... from \citet{fergusson2023}. With CD22 alone CR was 68%.
      // With CD19/CD22, CR was 90%.").
      let back = stat.sentence - 1;
      while (back > stat.sentence - 4 && !layout.bySentence.has(back) && input.doc.sentences[back]?.block === block) back--;
      const before = layout.bySentence.get(back);
      const continues = cited.length > 1 && before !== undefined && input.doc.sentences[back]?.block === block && !SUMS_UP.test(sentenceText)
        ? (reference: string) => before.some((rc) => rc.references.includes(reference))
        : () => false;
      for (const { reference, rc } of cited) {
        const made = add(reference, 'paragraph', rc.citation.text, rc.citation.span);
        if (made && continues(reference)) made.continues = true;
      }
    }
    // The lead-in citation lies in an earlier block: the attribution is placed at this block's start.
    if (attributions.length === 0 && layout.leadIn) {
      const { citation, to } = layout.leadIn;
      for (const ref of citation.references) add(ref, to === 'list' ? 'sentence' : 'paragraph', citation.citation.text, { start: 0, end: 0 });
    }
    // An uncited paragraph whose other numbers all match one publication is about that publication.
    if (attributions.length === 0 && implicit) add(implicit.reference, implicit.strength, implicit.via, implicit.span);
    // A table's row is not the next sentence of the row above: "| Pooled | 90 | 297 |" under "| Pan 2019 | 80 | 30 |"
    // is not Pan's.
    if (attributions.length === 0 && !inTable) {
      // "In that trial, CRS occurred in 18 of the 21", "Their 1-year LFS was 71.6%": the words point back at the work
      // cited last, or named (without a citation) in the sentence just before.
      const pointsBack = POINTS_BACK.test(sentenceText) || BACK_PRONOUN.test(sentenceText);
      const named = namedJustBefore(stat, input, layout, ctx);
      const previous = layout.previousBefore(stat.sentence);
      // A work named just before, in the same paragraph, is as near as the paragraph's own citation would be.
      if (named.length > 0) for (const hit of named) add(hit.id, 'paragraph', hit.text, { start: hit.start, end: hit.end });
      else if (previous) for (const ref of previous.references) add(ref, pointsBack ? 'paragraph' : 'previous', previous.citation.text, previous.citation.span);
    }
  }
  return { attributions, citesOutsideDataset, contrasted: false };
}

/** A sentence's opening words that set it against the sentence before. */
const CONTRAST_OPENER = /^\W*(?:by contrast|in contrast|conversely|on the other hand|unlike (?:this|these|that|those|the)\b[^,]{0,60})\s*,/i;

function continuesOwnWork(stat: StatisticEntity, input: DocumentLinkInput, layout: CitationLayout, sentenceText: string): boolean {
  const index = stat.sentence - 1;
  const before = input.doc.sentences[index];
  if (!before || before.block !== input.doc.sentences[stat.sentence]?.block) return false;
  const text = input.text.slice(before.span.start, before.span.end);
  const cue = ownWorkCueBefore(text, text.length);
  if (cue < 0) return false;
  const cited = layout.bySentence.get(index);
  if (!cited) return true;
  // "In our pilot, 9 of 12 reached CR, similar to the NCI experience (11/15) [@fry2018]. CRS was grade 1 in 6.": a
  // sentence that opens on the writers' own work and cites only what it sets that work beside. Not when this sentence
  // points back at the cited work ("In that trial, ...", "Their ...").
  if (cue > OWN_CUE_OPENS || BACK_PRONOUN.test(sentenceText) || BACK_TO_WORK.test(sentenceText)) return false;
  const rest = text.slice(cue);
  const likeness = LIKENESS.exec(rest);
  const contrast = CONTRAST.exec(rest);
  const comparison = Math.min(likeness ? likeness.index : Infinity, contrast ? contrast.index : Infinity);
  return comparison !== Infinity && cited.every((rc) => rc.citation.span.start - before.span.start > cue + comparison);
}

/**
 * "CRS occurred in 20 of 32 patients ...; Fry et al. observed CRS in 16 of 21 [@fry2018]": a citation past a semicolon
 * whose clause opens on the work it cites (its first author, or a name of it) is that clause's, set beside the numbers
 * before the semicolon rather than giving them.
 */
function opensLaterClause(text: string, rc: ResolvedCitation, stat: StatisticEntity, sentenceSpan: Span, ctx: LinkContext): boolean {
  if (rc.citation.span.start < stat.span.end) return false;
  // The clause is read back from the citation a little way only: a long run of text without a semicolon costs no more.
  const from = Math.max(stat.span.end, sentenceSpan.start, rc.citation.span.start - CLAUSE_REACH);
  const found = text.slice(from, rc.citation.span.start).lastIndexOf(';');
  if (found < 0) return false;
  const semicolon = from + found;
  const opening = CLAUSE_OPENING.exec(text.slice(semicolon + 1, semicolon + 80));
  if (!opening) return false;
  const words = foldName(opening[1]!);
  return rc.references.some((key) => {
    const work = ctx.dataset.references.get(key);
    if (!work) return false;
    const surname = firstAuthorSurname(work.authors[0]);
    if (surname && (words === surname || words.startsWith(`${surname} `) || words.startsWith(`${surname}'`) || words.startsWith(`${surname}’`))) return true;
    return (work.aliases ?? []).some((alias) => {
      const name = foldName(alias);
      return words === name || words.startsWith(`${name} `);
    });
  });
}

/** The first words of a clause, past a linking word and an article: "; in contrast, the NCI trial reported ...". */
const CLAUSE_OPENING = /^\s*(?:(?:and|but|while|whereas|in contrast|by contrast),?\s+)?(?:in\s+)?(?:the\s+)?([\p{L}'’-]+(?:\s+[\p{L}'’.-]+){0,3})/u;

/** How far into a sentence its own-work cue may start and still be what the sentence is about ("In our pilot, ..."). */
const OWN_CUE_OPENS = 25;

/**
 * A sentence that opens by pointing back at a work just cited: "In that trial, ...", "In the same study, ...". (One
 * that names the work, "In the NCI trial", has an attribution of its own and is not read as the writers'.)
 */
const BACK_TO_WORK = /^[\s(\[*_]*(?:in\s+)?(?:that|the same|the latter|the former|the cited)\b/i;

/** The sentence just before the statistic's, in its block, when that sentence cites nothing. */
function uncitedSentenceBefore(stat: StatisticEntity, input: DocumentLinkInput, layout: CitationLayout): Sentence | undefined {
  const index = stat.sentence - 1;
  const before = input.doc.sentences[index];
  return before && before.block === input.doc.sentences[stat.sentence]?.block && !layout.bySentence.has(index) ? before : undefined;
}

/** Words that call a number the published one: "the pooled 6%", "the reported rate of 73%". */
const PUBLISHED_BEFORE = /\b(?:the|a)\s+(?:pooled|reported|published|observed|meta-analytic)\s+(?:(?:[\w-]+\s+){0,3}?(?:rate|estimate|figure|proportion|incidence)\s+(?:of\s+)?)?$/i;

/** A citation of a known work right after the number, nothing but a bracket or space between. */
function citedRightAfter(stat: StatisticEntity, layout: CitationLayout, text: string): boolean {
  return (layout.bySentence.get(stat.sentence) ?? []).some((rc) => rc.references.length > 0 && rc.citation.span.start >= stat.span.end && /^[\s)\]]*$/.test(text.slice(stat.span.end, rc.citation.span.start)));
}

function citedAfterOwnCue(stat: StatisticEntity, input: DocumentLinkInput, layout: CitationLayout, sentenceText: string, sentenceSpan: Span): boolean {
  const cue = ownWorkCueBefore(sentenceText, stat.span.start - sentenceSpan.start);
  if (cue < 0) return false;
  const from = sentenceSpan.start + cue;
  const cited = (layout.bySentence.get(stat.sentence) ?? []).filter((rc) => rc.references.length > 0 && rc.citation.span.start > from);
  if (cited.some((rc) => rc.citation.span.end <= stat.span.start)) return true;
  // "Our CR rate is consistent with the 73% (11/15) reported by Pan et al. (2019)": the number the writers' own is set
  // beside is the cited work's.
  const between = input.text.slice(from, stat.span.start);
  return cited.length > 0 && (LIKENESS.test(between) || CONTRAST.test(between));
}

const tableWide = new WeakMap<readonly ResolvedCitation[], readonly ResolvedCitation[]>();

function tableWideCitations(doc: RecognizedDocument, citations: readonly ResolvedCitation[]): readonly ResolvedCitation[] {
  let kept = tableWide.get(citations);
  if (!kept) {
    // (A grade is a label, not a row's number: "Event (grade ≥3) & Pooled \% \cite{...}" is the header.)
    const rowsWithNumbers = new Set(doc.statistics.filter((s) => s.shape !== 'grade').map((s) => s.sentence));
    kept = citations.filter((rc) => !rowsWithNumbers.has(rc.citation.sentence));
    tableWide.set(citations, kept);
  }
  return kept;
}

/** A sentence that opens on a word standing for a work just named: "Their 1-year LFS...", "Its CR rate...". */
const BACK_PRONOUN = /^[\s(\[*_]*(?:their|its|they|there)\b/i;

/**
 * The works named by name, not cited, in the sentence just before the statistic's in its block ("The Pan paper
 * reported CR in 70%."): one name only, as a reader takes "their" to mean; none when that sentence cites.
 */
function namedJustBefore(stat: StatisticEntity, input: DocumentLinkInput, layout: CitationLayout, ctx: LinkContext): TermHit[] {
  const before = uncitedSentenceBefore(stat, input, layout);
  if (!before) return [];
  const hits = sentenceHits(input, stat.sentence - 1, ctx, 'aliases', before.span, readerText(input.text, before.span.start, before.span.end));
  if (hits.length === 0 || hits.some((h) => h.alsoNames) || new Set(hits.map((h) => h.id)).size > 1) return [];
  return [hits[0]!];
}

/**
 * The works a citation gives a number to. A trial's registration number names every report of the trial ("NCT02315612":
 * Fry 2018 and its update, Shah 2020); a citation of one of them in the same sentence says which ("\Citet{fry2018}
 * treated 21 patients aged 7-35 years on NCT02315612").
 */
function reportsNamed(own: ResolvedCitation, inSentence: readonly ResolvedCitation[]): readonly string[] {
  if (own.references.length < 2 || !own.targets.every((t) => t.target.kind === 'nct')) return own.references;
  const named = new Set<string>();
  for (const rc of inSentence) if (rc !== own) for (const reference of rc.references) if (own.references.includes(reference)) named.add(reference);
  return named.size > 0 ? [...named] : own.references;
}

/** The one work of `references` that the names inside `clause` point at (a shared name counts for the cited one). */
function namedInClause(names: readonly TermHit[], clause: Span, references: readonly string[]): string[] | undefined {
  const named = new Set<string>();
  for (const hit of names) {
    if (hit.start < clause.start || hit.end > clause.end) continue;
    for (const id of [hit.id, ...(hit.alsoNames ?? [])]) if (references.includes(id)) named.add(id);
  }
  return named.size === 1 ? [...named] : undefined;
}

/** Words that make a number a sum over works: "35/45 (78%) in total", "combined", "across both trials". */
const POOLED = /\b(?:in total|in all|altogether|combined|(?:taken )?together|a total of|across (?:both|all|the (?:two|three|four))|(?:both|the (?:two|three|four)) (?:trials|studies|cohorts))\b/i;

/** The works a sentence's citations and names give, each once, in the order first given. */
function namesInOrder(citations: readonly ResolvedCitation[], names: readonly TermHit[]): Array<Omit<Attribution, 'strength'>> {
  const places: Array<Omit<Attribution, 'strength'>> = [];
  for (const rc of citations) for (const reference of rc.references) places.push({ reference, via: rc.citation.text, span: rc.citation.span });
  for (const hit of names) places.push({ reference: hit.id, via: hit.text, span: { start: hit.start, end: hit.end } });
  // Stable: a citation's works keep their order.
  places.sort((a, b) => a.span.start - b.span.start);
  const seen = new Set<string>();
  return places.filter((p) => !seen.has(p.reference) && (seen.add(p.reference), true));
}

/** Words of a sentence that speaks of several works at once ("Across both trials", "these studies"). */
const SUMS_UP = /\b(?:both|these|those|together|across|overall|respectively|all (?:three|four|five|of these)|(?:two|three|four) (?:trials|studies|reports))\b/i;

/** Words that set one number against another between a statistic and the citation of its sentence. */
const CONTRAST = /\b(?:versus|vs\.?|contre|frente a|compared (?:with|to)|comparisons? (?:with|to)|whereas|in contrast|unlike|(?:higher|lower|longer|shorter|greater|better|worse|more|less|fewer) than|(?:above|below|exceeding) (?:the|that|those))(?![\p{L}\p{N}])/iu;

/** Where in its sentence window a number's main clause starts, past an opening contrast (0 when none, or the number is in it). */
function mainClauseOffset(input: DocumentLinkInput, stat: StatisticEntity, sentenceSpan: Span): number {
  const end = contrastOpenerEnd(input, stat.sentence);
  return end >= 0 && end <= stat.span.start ? Math.max(0, end - sentenceSpan.start) : 0;
}

/**
 * "Unlike the pooled rates of the meta-analysis [@fergusson2023], the Beijing cohort gave 71.6%": a citation in an
 * opening phrase that sets its work against the main clause is the phrase's; the number after it is not its.
 */
function inContrastingOpener(input: DocumentLinkInput, stat: StatisticEntity, citation: Span): boolean {
  const end = contrastOpenerEnd(input, stat.sentence);
  return end >= 0 && citation.start < end && stat.span.start >= Math.max(end, citation.end);
}

/**
 * Words that liken a number to the cited work's own: "71% (...), close to the 68% of the earlier meta-analysis [3]",
 * "88%, in line with 90% in [3]".
 * The number is not that work's, even for a therapy the work reports (as one set against it with "versus" may be).
 */
const LIKENESS = /\b(?:(?:close|similar|comparable) to|in (?:line|keeping) with|consistent with|against|resembles|mirrors|echoes|compares (?:well |favou?rably )?(?:with|to))(?= (?:the )?\d)|\b(?:(?:close|similar|comparable) to the|in (?:line|keeping) with the|consistent with the|resembles the|mirrors the|echoes the|compares (?:well |favou?rably )?(?:with|to) the)(?![\p{L}\p{N}])/iu;

const LIKENESS_WORDS = [' to ', ' with ', 'against', 'resembles', 'mirrors', 'echoes'];

/** After a number, another set against it: " vs 68%)", " versus 90%". */
const NUMBER_SET_AGAINST = /^\s*(?:vs\.?|versus)\s*\d[\d.,]*\s*%?\)?/i;

function contrastBetween(text: string, stat: Span, citation: Span): 'contrast' | 'likeness' | undefined {
  const between = stat.end <= citation.start ? text.slice(stat.end, citation.start) : text.slice(citation.end, stat.start);
  if (between.length > 2 * CONTEXT_REACH) return undefined;
  // "(86% vs 68%) favoured CD19/CD22 [@fergusson2023]": two numbers set against each other are both the citation's.
  const pair = stat.end <= citation.start ? NUMBER_SET_AGAINST.exec(between) : null;
  if (CONTRAST.test(pair ? between.slice(pair[0].length) : between)) return 'contrast';
  // Most sentences have none of the words: a search for each is cheaper than the pattern.
  return stat.end <= citation.start && LIKENESS_WORDS.some((w) => between.includes(w)) && LIKENESS.test(between) ? 'likeness' : undefined;
}

/**
 * "In the ELIANA trial of tisagenlecleucel, 81% achieved remission": a clause that names a trial by an acronym the
 * dataset does not know is about that trial, whatever the sentence cites.
 */
const NAMED_TRIAL = /\b(?:the|in|from)\s+([A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)?|[A-Z][a-z]+-\d+)\s+(?:trial|study|cohort|registry)\b/;

const TRIAL_NOUNS = ['trial', 'study', 'cohort'];

/**
 * A trial named by its acronym alone: "In ELIANA, ...", "in ZUMA-3 and", "JULIET reported 40%". Words the vocabulary
 * knows (diseases, endpoints, the dataset's own names), registration numbers (read as citations) and scales of grading
 * are not trials.
 */
const BARE_TRIAL =
  /\b(?:[Ii]n|[Ff]rom|[Oo]f)\s+([A-Z][A-Z0-9]{3,}(?:-\d+[A-Z]?)?)(?=\s*[,;:)(\[.\\]|\s+(?:and|or|versus|vs)\b)|(?:^|[;:]\s*)\s*([A-Z][A-Z0-9]{3,}(?:-\d+[A-Z]?)?)\s+(?:reported|showed|found|achieved|had|gave|yielded|observed)\b|\b([A-Z][A-Z0-9]{3,}(?:-\d+[A-Z]?)?)['’]s\s/;

const NOT_TRIALS = new Set(['ASTCT', 'CTCAE', 'CARTOX', 'ECOG', 'NCCN', 'ASCO', 'EBMT', 'CIBMTR', 'WHO', 'NIH']);

/** The one disease a table cell's column header, the header grouping it or its row's label names. */
function tableDisease(text: string, cell: { header: Span; group?: Span; label?: Span }): ReturnType<typeof diseasesIn> | undefined {
  for (const place of [cell.header, cell.group, cell.label]) {
    const named = place && diseasesIn(readerText(text, place.start, place.end));
    if (named && named.size > 0) return named.size === 1 ? named : undefined;
  }
  return undefined;
}

/** A row's label that is a trial's acronym and nothing else: "ELIANA", "ZUMA-3". */
const TRIAL_LABEL = /^[A-Z][A-Z0-9]{3,}(?:-\d+[A-Z]?)?$/;

/** Whether a table's row is about a trial the dataset does not know, by its label: "| ELIANA | 75 | 77% |". */
function rowNamesAnotherTrial({ label }: { label?: Span }, text: string, ctx: LinkContext): boolean {
  const name = label && readerText(text, label.start, label.end).trim();
  if (!name || !TRIAL_LABEL.test(name) || /^CD\d|\d{3}/.test(name) || NOT_TRIALS.has(name) || diseasesIn(name).size > 0) return false;
  return aliasMatcher(ctx).find(name, 0).length === 0 && endpointMatcher(ctx.dataset.endpoints).find(name, 0).length === 0;
}

/** Where in the clause a trial the dataset does not know is named, or -1. */
function bareTrialAt(clauseText: string, ctx: LinkContext): number {
  const named = BARE_TRIAL.exec(clauseText);
  // (The third form is a trial's own number: "close to ELIANA's 81%".)
  const name = named && (named[1] ?? named[2] ?? named[3])!;
  if (!name || /^CD\d|\d{3}/.test(name) || NOT_TRIALS.has(name) || diseasesIn(name).size > 0) return -1;
  const known = aliasMatcher(ctx).find(name, 0).length > 0 || endpointMatcher(ctx.dataset.endpoints).find(name, 0).length > 0;
  return known ? -1 : named!.index + named![0].indexOf(name);
}

/** Where in the clause a trial the dataset does not know is named ("the ELIANA trial", "in ZUMA-3,"), or -1. */
function anotherTrialAt(clauseText: string, ctx: LinkContext): number {
  const named = NAMED_TRIAL.exec(clauseText);
  if (!named) return bareTrialAt(clauseText, ctx);
  if (/^CD\d/.test(named[1]!)) return -1;
  // "the NCI cohort" is the dataset's "NCI trial", named with another of these nouns.
  const aliases = aliasMatcher(ctx);
  const known = aliases.find(named[0], 0).length > 0 || TRIAL_NOUNS.some((noun) => aliases.find(`${named[1]} ${noun}`, 0).length > 0);
  return known ? -1 : named.index;
}

/**
 * Whether a citation of dataset works follows the statistic in its clause, with nothing but words between: no other
 * number ("the 81% in ELIANA, ... 73% \citep{fry2018}") and no trial the dataset does not know ("71% in ZUMA-3
 * \citep{pan2019}") come between them.
 */
function ownCitationAfter(stat: StatisticEntity, input: DocumentLinkInput, layout: CitationLayout, clause: Span, trialAt: number): boolean {
  const { doc, text } = input;
  for (const rc of layout.bySentence.get(stat.sentence) ?? []) {
    const c = rc.citation.span;
    if (c.start < stat.span.end || c.start > clause.end + 2 || rc.references.length === 0 || !rc.targets.every((t) => t.references.length > 0)) continue;
    // Past a semicolon, the citation is the next clause's.
    if (c.start > clause.end && text.slice(clause.end, c.start).includes(';')) continue;
    if (trialAt >= stat.span.end && trialAt < c.start) return false;
    // Another number of the same kind could be the citation's own; a time or a range after a count is the count's.
    const rate = (t: StatisticEntity) => t.percent !== undefined || t.count !== undefined;
    return !doc.statistics.some((s) => s !== stat && s.sentence === stat.sentence && s.span.start >= stat.span.end && s.span.end <= c.start && rate(s) === rate(stat));
  }
  return false;
}

const NEW_CONJUNCT = /^[\s,;]*(?:and|but|while|whereas)\b/i;
/** Between a number and a citation that opens the next conjunct. */
const HEADS_CONJUNCT = /^[\s,]*(?:and|but|while|whereas)\s+$/i;

function closestCitation(text: string, citations: readonly ResolvedCitation[], span: Span, clause: Span, sentenceSpan: Span): ResolvedCitation | undefined {
  let best: ResolvedCitation | undefined;
  let bestCost = Infinity;
  for (const rc of citations) {
    const c = rc.citation.span;
    let cost = c.start >= span.end ? c.start - span.end : span.start - c.end + 40;
    // "68% \citep{x} is lower than the 80% ... \citep{y}": a citation set against the number is not its own.
    if (c.end <= span.start && span.start - c.end <= 2 * CONTEXT_REACH && CONTRAST.test(text.slice(c.end, span.start))) cost += 100;
    // "73% in the NCI trial [@fry2018] and the 80% ... in the Beijing trial [@pan2019]": past "and", a new conjunct.
    else if (c.end <= span.start && NEW_CONJUNCT.test(text.slice(c.end, span.start))) cost += 60;
    // (A narrative citation that is the sentence's subject, "Fry et al. (2018) treated 21; 17 had ...", is every clause's.)
    if ((c.start < clause.start && !isSubjectCitation(text, rc.citation, sentenceSpan)) || c.end > clause.end + 60) cost += 100;
    // "Fry et al. (2018) treated 21 patients, and Pan et al. (2019) treated 34": a citation past the number's clause
    // heads the next one.
    else if (c.start >= clause.end && c.start >= span.end) cost += 60;
    // So does one right after "and", or after a comma as the subject of a verb of its own: "@fry2018 reported 6
    // months and @pan2019 a persistence of 28 days", "@fry2018 reported 16 of 21 with CRS, @pan2019 found ...".
    else if (c.start >= span.end && (HEADS_CONJUNCT.test(text.slice(span.end, c.start)) || (/,\s*$/.test(text.slice(span.end, c.start)) && REPORTING_VERB_AFTER.test(text.slice(c.end, c.end + 24))))) cost += 60;
    // "@fry2018 reported a median of 6 months, and @pan2019 found ...": the subject of the number's own clause is
    // nearer to it than a citation heading the next clause (not nearer than one after the number in its clause).
    // (Not past a citation between them: "@fry2018 reported 6 months and @pan2019 a persistence of 28 days".)
    if (c.end <= span.start && c.start >= clause.start && isSubjectCitation(text, rc.citation, sentenceSpan) && !citations.some((other) => other !== rc && other.citation.span.start >= c.end && other.citation.span.end <= span.start)) cost = Math.min(cost, 59);
    if (cost < bestCost) {
      bestCost = cost;
      best = rc;
    }
  }
  return best;
}

/** Candidates come from indexes, never from a scan of every fact. */
function candidateFacts(
  stat: StatisticEntity,
  endpoint: TermHit | undefined,
  attributions: Attribution[],
  ctx: LinkContext,
): readonly Fact[] {
  const { index } = ctx.dataset;
  // Each fact once, in the order first found. An index list names each of its facts once, so the first list is the
  // answer as it is while no other comes (most statistics have one): it is copied, and the ids seen collected, only
  // when a second list comes.
  let first: readonly Fact[] | undefined;
  let found: Fact[] | undefined;
  let seen: Set<string> | undefined;
  const add = (facts: readonly Fact[], distinct = true) => {
    if (facts.length === 0) return;
    if (!first && !found && distinct) {
      first = facts;
      return;
    }
    found ??= first ? first.slice() : [];
    // A second list is most often a handful of value matches against a reference's few dozen facts: looking along
    // the list found is cheaper than filling a set with every id.
    if (!seen && found.length * facts.length <= 512) {
      for (const fact of facts) if (!includesId(found, fact.id)) found.push(fact);
      return;
    }
    if (!seen) {
      seen = new Set<string>();
      for (const fact of found) seen.add(fact.id);
    }
    for (const fact of facts) {
      if (seen.has(fact.id)) continue;
      seen.add(fact.id);
      found.push(fact);
    }
  };
  for (const attribution of attributions) add(index.byReference(attribution.reference));
  add(valueMatches(stat, endpoint, ctx), false);
  if (endpoint && (stat.shape === 'duration' || stat.shape === 'range' || stat.shape === 'sample-size')) {
    const sameEndpoint = index.byEndpoint(endpoint.id);
    if (sameEndpoint.length <= 200) add(sameEndpoint);
  }
  return found ?? first ?? [];
}

function includesId(facts: readonly Fact[], id: string): boolean {
  for (let i = 0; i < facts.length; i++) if (facts[i]!.id === id) return true;
  return false;
}

/**
 * When more facts than this share a statistic's number (a dataset of 100,000 facts holds thousands of 73%s), the
 * number alone is no evidence for any of them: only those that also share its denominator stay, and if even those are
 * too many, none do (a citation or the endpoint's words must single the fact out). Scoring thousands of candidates
 * per statistic would make every analysis slow and every link huge.
 */
const VALUE_MATCH_LIMIT = 64;

/**
 * The facts a statistic's number (and its endpoint's family) point at. A draft repeats a few hundred such numbers
 * thousands of times, and with a large dataset each lookup gathers thousands of facts only to keep none: the answer
 * is remembered per dataset, for a bounded number of distinct numbers.
 */
const valueMatchCache = new WeakMap<object, Map<string, readonly Fact[]>>();
const VALUE_MATCH_CACHE_SIZE = 4096;

function valueMatches(stat: StatisticEntity, endpoint: TermHit | undefined, ctx: LinkContext): readonly Fact[] {
  const { index } = ctx.dataset;
  const sampleSize = stat.percent === undefined && stat.total === undefined && stat.shape === 'sample-size' ? stat.value : undefined;
  const key = `${stat.percent}|${stat.total}|${sampleSize}|${endpoint?.id ?? ''}`;
  let cache = valueMatchCache.get(index);
  if (!cache) valueMatchCache.set(index, (cache = new Map()));
  return rememberIn(cache, key, VALUE_MATCH_CACHE_SIZE, () => findValueMatches(stat, endpoint, sampleSize, ctx));
}

function findValueMatches(stat: StatisticEntity, endpoint: TermHit | undefined, sampleSize: number | undefined, ctx: LinkContext): readonly Fact[] {
  const { index } = ctx.dataset;
  const byValue: Fact[] = [];
  if (stat.percent !== undefined) {
    byValue.push(...index.byPercent(stat.percent));
    if (stat.total !== undefined) byValue.push(...index.byTotal(stat.total));
  } else if (stat.total !== undefined) byValue.push(...index.byTotal(stat.total));
  else if (sampleSize !== undefined) byValue.push(...index.byTotal(sampleSize));
  // A fact can be both a percent and a denominator match: these lists may name one twice.
  if (!endpoint) return boundedValueMatches(byValue, stat);
  const family = endpointFamily(endpoint.id, ctx);
  return boundedValueMatches(byValue.filter((f) => family.has(f.endpoint)), stat);
}

function boundedValueMatches(matches: readonly Fact[], stat: StatisticEntity): readonly Fact[] {
  if (matches.length <= VALUE_MATCH_LIMIT || new Set(matches).size <= VALUE_MATCH_LIMIT) return matches;
  if (stat.total === undefined) return [];
  const sameTotal = matches.filter((f) => f.total === stat.total);
  return new Set(sameTotal).size <= VALUE_MATCH_LIMIT ? sameTotal : [];
}

const writtenAsCache = new WeakMap<object, Map<string, Set<string>>>();

/** The endpoints whose facts a draft writes in endpoint `id`'s words (complete-remission: CR/CRi). */
function endpointsWrittenAs(id: string, ctx: LinkContext): ReadonlySet<string> {
  let byWords = writtenAsCache.get(ctx.dataset.endpoints);
  if (!byWords) {
    byWords = new Map();
    for (const endpoint of ctx.dataset.endpoints.values()) {
      if (endpoint.writtenAs) byWords.set(endpoint.writtenAs, (byWords.get(endpoint.writtenAs) ?? new Set()).add(endpoint.id));
    }
    writtenAsCache.set(ctx.dataset.endpoints, byWords);
  }
  return byWords.get(id) ?? NO_ENDPOINTS;
}

const NO_ENDPOINTS: ReadonlySet<string> = new Set();

/** Whether a work has a fact for exactly this endpoint. */
function reportsEndpoint(ctx: LinkContext, reference: string, endpoint: string): boolean {
  return ctx.dataset.index.byReference(reference).some((f) => f.endpoint === endpoint);
}

const familyCache = new WeakMap<object, Map<string, Set<string>>>();

/** An endpoint with its parent and children: CR/CRi and complete remission are one family. */
export function endpointFamily(id: string, ctx: LinkContext): Set<string> {
  let cache = familyCache.get(ctx.dataset.endpoints);
  if (!cache) {
    cache = new Map();
    familyCache.set(ctx.dataset.endpoints, cache);
  }
  let family = cache.get(id);
  if (!family) {
    family = new Set([id]);
    const parent = ctx.dataset.endpoints.get(id)?.parent;
    if (parent) family.add(parent);
    for (const endpoint of ctx.dataset.endpoints.values()) if (endpoint.parent === id) family.add(endpoint.id);
    cache.set(id, family);
  }
  return family;
}

/** What agreeing values add to a score: the most the comparison can add. */
const AGREEMENT_BONUS = 2;

/** The fields scoring fills in. */
type Scored = Pick<FactCandidate, 'fact' | 'score' | 'endpointMatch' | 'attribution' | 'conflict'>;

/** Adds a scoring step's weight to `score`, and its description to `evidence` when evidence is being written. */
function note(evidence: Evidence[] | undefined, what: string | false, weight: number): number {
  if (what !== false) evidence!.push({ what, weight });
  return weight;
}

/**
 * Scores `fact` for the statistic into `out` (and returns it). The sentence that explains each step is only built
 * when `evidence` is given (`explain && ...` does not build it otherwise): scoring hundreds of thousands of candidates
 * must not build as many strings.
 */
function scoreCandidate(out: Scored, input: ScoringInput, evidence?: Evidence[]): Scored {
  const { fact } = out;
  const { stat, endpoint, attributions, draftDiseases, signature, population } = input;
  const explain = evidence !== undefined;
  let score = 0;
  let conflict: string | undefined;

  let attribution: Attribution | undefined;
  for (const a of attributions) if (a.reference === fact.reference) {
    attribution = a;
    break;
  }
  if (attribution) score += note(evidence, explain && `${attribution.strength === 'alias' ? 'names' : 'cited by'} ${attribution.via} (${attribution.strength})`, ATTRIBUTION_WEIGHT[attribution.strength]);
  else if (input.citedInSentence) score += note(evidence, explain && 'the sentence cites another reference', -2);

  let endpointMatch: FactCandidate['endpointMatch'] = 'none';
  if (endpoint) {
    if (endpoint.id === fact.endpoint) {
      endpointMatch = 'exact';
      score += note(evidence, explain && (endpoint.byInterval ? `the interval "${endpoint.text}" is this figure's` : `endpoint words "${endpoint.text}"`), 3);
    } else if ((attribution?.strength === 'sentence' || attribution?.strength === 'alias') && (stat.percent !== undefined || (stat.count !== undefined && stat.total !== undefined)) && input.writtenFor!.has(fact.endpoint) && !reportsEndpoint(input.ctx, fact.reference, endpoint.id)) {
      // "CR was 80% [@pan2019]": the cited work reports CR/CRi, which writers call CR. Only a rate or a count of its
      // whole ("24 of 30"), and only for the work the text gives it to: "seven CR patients" are a cohort, and another
      // work's CR/CRi is not its CR.
      endpointMatch = 'exact';
      score += note(evidence, explain && `endpoint words "${endpoint.text}", for the work's ${input.ctx.dataset.endpoints.get(fact.endpoint)?.label ?? fact.endpoint}`, 3);
    } else if (input.family!.has(fact.endpoint)) {
      endpointMatch = 'family';
      score += note(evidence, explain && `related endpoint words "${endpoint.text}"`, 1);
    } else {
      endpointMatch = 'conflict';
      score += note(evidence, explain && `endpoint words "${endpoint.text}" name another endpoint`, -4);
    }
  }

  const disease = compareDisease(draftDiseases, fact.disease);
  if (disease === 'match') score += note(evidence, explain && `disease ${fact.disease}`, 1);
  else if (disease === 'conflict') {
    score += note(evidence, explain && `disease differs (${fact.disease})`, -3);
    conflict = `the fact is about ${fact.disease}`;
  } else if (disease === 'narrower') score += note(evidence, explain && `the draft names LBCL; the fact is about ${fact.disease}`, -0.5);

  if (signature.antigens.size > 0 || signature.bispecific) {
    const { bispecific: factBispecific, plain: factPlain } = factWords(fact);
    if (factBispecific !== signature.bispecific && fact.antigens.length > 0 && isEfficacy(fact)) {
      score += note(evidence, explain && (factBispecific ? 'the fact is about CD19/CD22 dual targeting' : 'the fact is about single-antigen CAR T cells'), -3);
      conflict ??= factBispecific ? 'the fact is about CD19/CD22 dual targeting' : 'the fact is about single-antigen therapy';
    } else if (sharesAntigen(signature.antigens, factPlain)) score += note(evidence, explain && `antigen ${fact.antigens.join(', ')}`, 1);
    // A toxicity too, for a number no text gives to the fact's work ("CRS in 77% with tisagenlecleucel").
    else if (signature.given && !signature.bispecific && !factBispecific && factPlain.size > 0 && (isEfficacy(fact) || !input.attributions.some((a) => a.reference === fact.reference))) {
      // "CD19 CAR alone: CR 64%" for the work's 64% with CD22 CAR T cells alone.
      score += note(evidence, explain && `the fact is about ${fact.antigens.join(', ')} CAR T cells; the sentence gives ${[...signature.antigens].join(', ')}`, -3);
      conflict ??= `the fact is about ${fact.antigens.join(', ')} CAR T cells, not ${[...signature.antigens].join(', ')}`;
    }
  }

  // A fact about a subgroup by antigen expression (CR in CD19-dim or CD19-negative disease) is about other patients
  // than a sentence that names no such subgroup. (Most facts name one antigen without a dash: no lookup for them.)
  const states = fact.antigens.length > 1 || fact.antigens[0]?.includes('-') ? factWords(fact).states : NO_STATES;
  if (states.length > 0 && !states.some((state) => signature.expressions.has(state))) {
    // "5 of 5 with CD22-dim or CD22-negative B-ALL" for the work's CD19-dim or CD19-negative: the subgroup, by the
    // other antigen.
    const named = [...signature.expressions].filter((e) => states.some((state) => expressionOf(state) === expressionOf(e))).join(' or ');
    score += note(evidence, explain && `the fact is about ${states.join(' or ')} disease; the sentence names ${named || 'no such subgroup'}`, -2);
    conflict ??= `the fact is about ${states.join(' or ')} disease${named ? `, not ${named}` : ''}`;
  }

  if (population.size > 0) {
    const factPopulation = factWords(fact).population;
    for (const word of population) {
      if (factPopulation.has(word)) score += note(evidence, explain && `population "${word}"`, 1);
    }
    // A clause that names both ("of 34 enrolled, 24 of 30 evaluable") says nothing against either; nor one that names
    // a population with another number than this one, out of the fact's own whole ("It enrolled 34 patients, and CR
    // was 80% (24/30)": the 30 evaluable). "24 of 34 evaluable patients" says it of its own whole.
    const sameWhole = stat.total !== undefined && stat.total === fact.total;
    for (const [drafts, facts, says, counts] of OTHER_POPULATIONS) {
      if (sameWhole && !input.ownPopulation.has(drafts)) continue;
      if (population.has(drafts) && !population.has(facts) && factPopulation.has(facts) && !factPopulation.has(drafts)) {
        score += note(evidence, explain && says, -2);
        conflict ??= counts;
      }
    }
  }

  if (stat.total !== undefined && fact.total !== undefined) {
    if (stat.total === fact.total) score += note(evidence, explain && `same denominator (${fact.total})`, 2);
    else score += note(evidence, explain && `different denominator (${stat.total} vs ${fact.total})`, -3);
  }

  // Scoring reads only the agreement's kind: its detail is written when it is explained. At most AGREEMENT_BONUS.
  const agreement = compareStatisticToFact(stat, fact, explain).agreement;
  switch (agreement.kind) {
    case 'agrees':
      score += note(evidence, explain && 'the value agrees', AGREEMENT_BONUS);
      break;
    case 'rounding':
      score += note(evidence, explain && 'the value agrees after rounding', 1.5);
      break;
    case 'drift':
      score += note(evidence, explain && 'the value is within one point', 0.5);
      break;
    case 'incomparable':
      score += note(evidence, explain && `not comparable: ${agreement.detail}`, -2);
      break;
    case 'differs':
      break;
  }
  out.score = score;
  out.endpointMatch = endpointMatch;
  out.attribution = attribution?.strength;
  out.conflict = conflict;
  return out;
}

/** Whether a fact is about the therapy the signature names: its antigens, in one product or not. */
function sameTherapy(fact: Fact, signature: ScoringInput['signature']): boolean {
  const words = factWords(fact);
  return words.bispecific === signature.bispecific && sharesAntigen(signature.antigens, words.plain);
}

function sharesAntigen(antigens: Set<string>, factAntigens: Set<string>): boolean {
  for (const a of antigens) if (factAntigens.has(a)) return true;
  return false;
}

/** What scoring reads from a fact's own words, read once per fact rather than once per statistic it is scored for. */
interface FactWords {
  bispecific: boolean;
  plain: Set<string>;
  population: Set<string>;
  /** Expression states of the disease the fact is about ("CD19-negative"). */
  states: readonly string[];
}

const factWordsCache = new WeakMap<Fact, FactWords>();

function factWords(fact: Fact): FactWords {
  let words = factWordsCache.get(fact);
  if (!words) {
    const states = fact.antigens.filter((a) => EXPRESSION_STATE.test(a));
    words = {
      bispecific: fact.antigens.some((a) => a.includes('/')),
      plain: new Set(fact.antigens.flatMap((a) => a.split('/'))),
      states,
      population: populationWordsIn(fact.population),
    };
    factWordsCache.set(fact, words);
  }
  return words;
}

const NO_STATES: readonly string[] = [];

/** Antigen ids that name an expression state of the disease (seeds/antigens.json: CD19-negative, CD22-dim, ...). */
const EXPRESSION_STATE = /-(?:negative|dim|low|positive|high)$/;

/** "dim" of "CD19-dim". */
function expressionOf(state: string): string {
  return state.slice(state.lastIndexOf('-') + 1);
}

/** Efficacy endpoints are where the single- vs dual-antigen distinction changes the number. */
function isEfficacy(fact: Fact): boolean {
  return EFFICACY_ENDPOINT.test(fact.endpoint);
}

/** Endpoint ids of efficacy: "cr-cri", "complete-remission", "mrd-negativity"; not "severe-crs" (whose "cr" is CRS's). */
const EFFICACY_ENDPOINT = /remission|response|survival|relapse|(?:^|-)(?:cr|cri|mrd|orr)(?:-|$)/;
