/**
 * Reading a statistic's context: which endpoint its words name, which antigen, disease and population,
 * and which references the text attributes it to. Vocabularies come from the dataset (endpoints, aliases).
 */
import type { Endpoint } from '../dataset/model';
import { GRADE, lastGradeIn, sameGrades, type GradeRange } from '../recognize/grades';
import { isDigitCode, isLetterCode } from '../recognize/tokens';
import type { AntigenEntity, RecognizedDocument, Span, StatisticEntity } from '../types';
import { rememberIn } from '../remember';
import type { DatasetView, LinkContext, ReferenceLookup } from './datasetView';
import { isNote, type ResolvedCitation } from './resolveCitations';

export interface TermHit {
  id: string;
  start: number;
  end: number;
  text: string;
  /** The other ids of a term several share ("NCI trial": Fry 2018 and its update, Shah 2020). */
  alsoNames?: readonly string[];
  /** What an endpoint the dataset does not have is ("Neurotoxicity (ICANS, any grade), grade 1"). */
  label?: string;
  /** Named by no words: the statistic's interval is the one the cited work gives this endpoint's figure (`text`). */
  byInterval?: boolean;
  /** Named by the label of the table row the statistic is in ("| CR, no further treatment | 7 |"). */
  rowLabel?: boolean;
}

/** Compiled once per endpoint vocabulary: one alternation, longest terms first, matched on word boundaries. */
export interface TermMatcher {
  find(text: string, offset: number): TermHit[];
}

const matcherCache = new WeakMap<object, TermMatcher>();

export function endpointMatcher(endpoints: ReadonlyMap<string, Endpoint>): TermMatcher {
  let matcher = matcherCache.get(endpoints);
  if (!matcher) {
    const terms: Array<{ term: string; id: string }> = [];
    for (const endpoint of endpoints.values()) {
      // The label in any case ("Age" is also "age"); a term as written, whose capitals may matter (CR, CRi).
      for (const term of new Set([endpoint.label.toLowerCase(), ...endpoint.terms])) {
        if (term.trim()) terms.push({ term: term.trim(), id: endpoint.id });
      }
    }
    matcher = compileTerms(terms);
    matcherCache.set(endpoints, matcher);
  }
  return matcher;
}

const aliasCache = new WeakMap<object, TermMatcher>();
const namedCache = new WeakMap<object, TermMatcher>();

/**
 * Names a draft uses for a publication or trial: the references' aliases ("the NCI trial", "Beijing cohort"), and its
 * first author's surname with its year or a word for the work ("Fry 2018" in notes and table rows, "the Pan paper").
 */
export function aliasMatcher(ctx: LinkContext): TermMatcher {
  let matcher = namedCache.get(ctx.resolver);
  if (!matcher) {
    const aliases = referenceAliasMatcher(ctx.dataset);
    const names = authorNameMatcher(ctx.resolver);
    matcher = {
      find(text, offset) {
        const hits = aliases.find(text, offset);
        const named = names.find(text, offset);
        return named.length === 0 ? hits : [...hits, ...named].sort((a, b) => a.start - b.start);
      },
    };
    namedCache.set(ctx.resolver, matcher);
  }
  return matcher;
}

/** The references' own aliases, compiled once per dataset. */
function referenceAliasMatcher(dataset: DatasetView): TermMatcher {
  let matcher = aliasCache.get(dataset.references);
  if (!matcher) {
    const terms: Array<{ term: string; id: string }> = [];
    for (const reference of dataset.references.values()) {
      for (const alias of reference.aliases ?? []) if (alias.trim()) terms.push({ term: alias.trim().toLowerCase(), id: reference.key });
    }
    matcher = compileTerms(terms);
    aliasCache.set(dataset.references, matcher);
  }
  return matcher;
}

/** What a draft calls a publication after its first author: "the Pan paper", "the Fry study". */
const WORK_NOUNS = new Set(['paper', 'study', 'trial', 'report', 'article', 'cohort', 'series', 'meta-analysis', 'analysis', 'update', 'group', 'team', 'data']);

/**
 * A year or a word for a work: what follows a first author's name in "Fry 2018", "the Pan paper", "the Pan cohort" and
 * "Fergusson's meta-analysis". Found first, and
 * the word before it read by hand: a pattern that tried a name at every letter of every sentence cost a tenth of a
 * check.
 */
const AFTER_NAME = /\b(?:(?:19|20)\d\d|paper|study|trial|report|article|cohort|series|meta-analysis|analysis|update|group|team|data)\b/gi;

/** A character of a surname: a letter, an apostrophe or a hyphen ("O'Brien", "Lopez-Garcia"). */
function isNameCharacter(c: number): boolean {
  return isLetterCode(c) || c === 39 || c === 0x2019 || c === 45;
}

/**
 * "Fry 2018", "the Pan paper": a dataset work's first author with its year, or with a word for the work, looked up as
 * an author-year citation is (the resolver's surname index), not compiled into the alias pattern: a dataset of 100,000
 * works would make that pattern hundreds of thousands of alternatives. A name several works share ("the Shah paper")
 * names them all (alsoNames).
 */
function authorNameMatcher(resolver: ReferenceLookup): TermMatcher {
  return {
    find(text, offset) {
      const hits: TermHit[] = [];
      AFTER_NAME.lastIndex = 0;
      for (let m = AFTER_NAME.exec(text); m; m = AFTER_NAME.exec(text)) {
        let end = m.index;
        while (end > 0 && /\s/.test(text[end - 1]!)) end--;
        // "Fergusson's meta-analysis": the name without its possessive.
        if (end >= 2 && (text[end - 1] === 's' || text[end - 1] === 'S') && (text[end - 2] === "'" || text[end - 2] === '\u2019')) end -= 2;
        let start = end;
        while (start > 0 && isNameCharacter(text.charCodeAt(start - 1))) start--;
        if (end === m.index || end - start < 3 || !isLetterCode(text.charCodeAt(start)) || (start > 0 && isDigitCode(text.charCodeAt(start - 1)))) continue;
        const second = m[0].toLowerCase();
        const named = resolver.byAuthorYear(text.slice(start, end), WORK_NOUNS.has(second) ? undefined : Number(second));
        if (named.length === 0) continue;
        const [first, ...others] = named;
        hits.push({ id: first!, start: offset + start, end: offset + m.index + m[0].length, text: text.slice(start, m.index + m[0].length), alsoNames: others.length > 0 ? others : undefined });
      }
      return hits;
    },
  };
}


/**
 * Terms matched case-insensitively on word boundaries, longest first, except that a short term written with capitals
 * (CR, CRi, OS) needs them: "cr" and "os" are not abbreviations, while "age" and "dose" are words in any case. A
 * character trie walked from each word start: one alternation of a dataset's few hundred terms tried at every
 * character cost as much as reading the sentences.
 */
function compileTerms(terms: Array<{ term: string; id: string }>): TermMatcher {
  if (terms.length === 0) return { find: () => [] };
  const byTerm = new Map<string, string>();
  const sharedBy = new Map<string, string[]>();
  // The capitals a short term needs, by its key; a key also written in lower case needs none.
  const capitals = new Map<string, string | null>();
  for (const { term: written, id } of terms) {
    const term = sameDashes(written.toLowerCase());
    if (term.length <= SHORT_TERM) capitals.set(term, capitals.get(term) === null || term === written ? null : written);
    const first = byTerm.get(term);
    if (first === undefined) byTerm.set(term, id);
    else if (first !== id) sharedBy.set(term, [...(sharedBy.get(term) ?? []), id]);
  }
  const root = termTrie(byTerm.keys());
  // What a matched text names (null: nothing, as "all" for ALL), decided once per spelling: a draft writes the same
  // few dozen terms thousands of times.
  const idOfMatch = new Map<string, { id: string; alsoNames: readonly string[] | undefined } | null>();
  const nameOf = (matched: string) => {
    const key = sameDashes(matched.toLowerCase().replace(/[\s\u00a0]+/g, ' '));
    const id = byTerm.get(key);
    return id !== undefined && hasCapitals(matched, capitals.get(key)) ? { id, alsoNames: sharedBy.get(key) } : null;
  };
  return {
    find(text: string, offset: number): TermHit[] {
      const hits: TermHit[] = [];
      let i = 0;
      while (i < text.length) {
        const end = i > 0 && isWordCode(text.charCodeAt(i - 1)) ? -1 : longestTermAt(root, text, i);
        if (end < 0) {
          i++;
          continue;
        }
        const matched = text.slice(i, end);
        const named = rememberIn(idOfMatch, matched, 4096, nameOf);
        // One shape for every hit (alsoNames undefined when the term names one thing).
        if (named !== null) hits.push({ id: named.id, start: offset + i, end: offset + end, text: matched, alsoNames: named.alsoNames });
        i = end;
      }
      return hits;
    },
  };
}

/** A trie node: children by folded character code (SPACE_EDGE, DASH_EDGE for a term's spaces and number dashes). */
interface TermNode {
  next: Map<number, TermNode>;
  /** A term ends here. */
  terminal: boolean;
}

/** A term's space: any run of whitespace in the text. */
const SPACE_EDGE = -1;
/** A term's dash between digits ("grade 1-2"): "-", "--" (LaTeX) or "–" in the text. */
const DASH_EDGE = -2;

function termTrie(terms: Iterable<string>): TermNode {
  const root: TermNode = { next: new Map(), terminal: false };
  for (const term of terms) {
    let node = root;
    for (let i = 0; i < term.length; i++) {
      const c = term.charCodeAt(i);
      let edge: number;
      if (isSpace(c)) {
        while (i + 1 < term.length && isSpace(term.charCodeAt(i + 1))) i++;
        edge = SPACE_EDGE;
      } else if (c === 45 && i > 0 && isDigitCode(term.charCodeAt(i - 1)) && isDigitCode(term.charCodeAt(i + 1))) edge = DASH_EDGE;
      else edge = foldCode(c);
      let child = node.next.get(edge);
      if (!child) {
        child = { next: new Map(), terminal: false };
        node.next.set(edge, child);
      }
      node = child;
    }
    node.terminal = true;
  }
  return root;
}

/** The end of the longest term at `start` that a letter or digit does not continue, or -1. */
function longestTermAt(root: TermNode, text: string, start: number): number {
  return longestFrom(root, text, start, 0, NO_MATCH).end;
}

interface TermEnd {
  /** The term's length in its own characters: of two terms that both match, the longer is the one named. */
  depth: number;
  end: number;
}

const NO_MATCH: TermEnd = { depth: -1, end: -1 };

/** Walks the trie from `node` at text offset `i`; a dash between digits may be a term's literal "-" or its number dash. */
function longestFrom(node: TermNode | undefined, text: string, i: number, depth: number, best: TermEnd): TermEnd {
  while (node && i < text.length) {
    const c = text.charCodeAt(i);
    let next: TermNode | undefined;
    if (isSpace(c)) {
      next = node.next.get(SPACE_EDGE);
      if (next) while (i + 1 < text.length && isSpace(text.charCodeAt(i + 1))) i++;
    } else {
      next = node.next.get(foldCode(c));
      const dash = c === 45 || c === 0x2013 ? node.next.get(DASH_EDGE) : undefined;
      if (dash) best = longestFrom(dash, text, c === 45 && text.charCodeAt(i + 1) === 45 ? i + 2 : i + 1, depth + 1, best);
    }
    node = next;
    i++;
    depth++;
    if (node?.terminal && depth > best.depth && (i >= text.length || !isWordCode(text.charCodeAt(i)))) best = { depth, end: i };
  }
  return best;
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || (code > 0xff && SPACE.test(String.fromCharCode(code)));
}

const SPACE = /\s/;
const WORD = /[\p{L}\p{N}]/u;
const foldedCache = new Map<number, number>();
const wordCache = new Map<number, boolean>();

/** A character as case-insensitive matching compares it. */
function foldCode(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  let folded = foldedCache.get(code);
  if (folded === undefined) {
    const lower = String.fromCharCode(code).toLowerCase();
    folded = lower.length === 1 ? lower.charCodeAt(0) : code;
    if (foldedCache.size < 4096) foldedCache.set(code, folded);
  }
  return folded;
}

/** A letter or a number of any script: what a term must not be part of. */
function isWordCode(code: number): boolean {
  if (code < 128) return isDigitCode(code) || isLetterCode(code);
  let known = wordCache.get(code);
  if (known === undefined) {
    known = WORD.test(String.fromCharCode(code));
    if (wordCache.size < 4096) wordCache.set(code, known);
  }
  return known;
}

function sameDashes(term: string): string {
  return term.replace(/(?<=\d)(?:-{1,2}|–)(?=\d)/g, '-');
}

/** The longest term whose capitals matter: "CR" and "OS" are abbreviations only in capitals. */
const SHORT_TERM = 4;

/** Whether `matched` has a capital wherever the term as written (`written`) has one. */
function hasCapitals(matched: string, written: string | null | undefined): boolean {
  if (!written) return true;
  for (let i = 0; i < written.length; i++) {
    const c = written.charCodeAt(i);
    if (c >= 65 && c <= 90 && matched.charCodeAt(i) !== c) return false;
  }
  return true;
}

/** Between a median and its spread: "14.2 months (IQR ", "12 years [range: ", "32 years, range ", "9 months; IQR ". */
const SPREAD_BETWEEN = /^\s*(?:[([]\s*(?:IQR|interquartile range|range)?|[,;]\s*(?:IQR|interquartile range|range))\s*[:,]?\s*$/i;

/** Whether `spread` is the interquartile range or range of the median `median`, written right after it. */
export function isSpreadOf(text: string, median: StatisticEntity, spread: StatisticEntity): boolean {
  if (median.statistic !== 'median' || spread.sentence !== median.sentence || spread.shape !== 'range') return false;
  if ((spread.statistic !== 'iqr' && spread.statistic !== 'range') || spread.low === undefined || spread.high === undefined) return false;
  return spread.span.start >= median.span.end && spread.span.start - median.span.end <= 40 && SPREAD_BETWEEN.test(text.slice(median.span.end, spread.span.start));
}

/** The statistic just before `stat` in the document, if any (statistics are in document order). */
export function statisticBefore(doc: RecognizedDocument, stat: StatisticEntity): StatisticEntity | undefined {
  let lo = 0;
  let hi = doc.statistics.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.statistics[mid]!.span.start < stat.span.start) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? doc.statistics[lo - 1] : undefined;
}

export type DiseaseCategory = 'ALL' | 'NHL' | 'LBCL' | 'CLL' | 'MM';

const DISEASE_PATTERNS: Array<{ category: DiseaseCategory; pattern: RegExp; caseSensitive?: boolean }> = [
  { category: 'LBCL', pattern: /\b(?:LBCL|DLBCL|LDGCB|large B[- ]cell lymphoma)\b/i },
  // French LNH and lymphome, Spanish and Italian linfoma, German Lymphom.
  { category: 'NHL', pattern: /\b(?:NHL|LNH|non-Hodgkin|lymphomas?|lymphomes?|linfomas?|Lymphome?)\b/i },
  { category: 'ALL', pattern: /\b(?:B-ALL|ALL|LAL-B|LAL|LLA-B|LLA|acute lymphoblastic leuka?emia|leuka?emia)\b/ },
  // French leucémie, Spanish and Italian leucemia, German Leukämie.
  { category: 'ALL', pattern: /(?<![\p{L}\d])(?:acute lymphoblastic|leuka?emia|b-all|leucémie|leucemia|leukämie)(?![\p{L}\d])/iu },
  { category: 'CLL', pattern: /\b(?:CLL|chronic lymphocytic)\b/i },
  { category: 'MM', pattern: /\b(?:myeloma)\b/i },
];

/** Each disease named in a text, in order ("B-ALL and NHL": ALL, then NHL), each read as diseasesIn reads it. */
export function diseaseMentionsIn(text: string): Set<DiseaseCategory>[] {
  return [...text.matchAll(DISEASE_MENTION)].map((m) => diseasesIn(m[0]));
}

/** Where DISEASE_PATTERNS' names stand in a text (the same names, found in order). */
export const DISEASE_MENTION_SOURCE = String.raw`D?LBCL|LDGCB|large B[- ]cell lymphoma|NHL|LNH|non-Hodgkin(?:['’]s)?(?: lymphoma)?|[Ll]ymphomas?|[Ll]ymphomes?|[Ll]infomas?|Lymphome?|B-ALL|LAL-B|LLA-B|ALL|LAL|LLA|[Aa]cute lymphoblastic leuka?emia|[Ll]euka?emia|[Ll]eucemia|[Ll]euc[ée]mie|[Ll]eukämie|CLL|[Cc]hronic lymphocytic leuka?emia|[Mm]yeloma`;
const DISEASE_MENTION = new RegExp(String.raw`\b(?:${DISEASE_MENTION_SOURCE})\b`, 'g');

export function diseasesIn(text: string): Set<DiseaseCategory> {
  const found = new Set<DiseaseCategory>();
  for (const { category, pattern } of DISEASE_PATTERNS) if (pattern.test(text)) found.add(category);
  if (found.has('LBCL')) found.add('NHL');
  return found;
}

/** A fact's disease categories, read once per disease text (every statistic compares against the same few facts). */
const factDiseaseCache = new Map<string, Set<DiseaseCategory>>();

function factDiseases(disease: string): Set<DiseaseCategory> {
  return rememberIn(factDiseaseCache, disease, 1000, diseasesIn);
}

/** How the disease words of the draft relate to a fact's disease. */
export function compareDisease(draft: Set<DiseaseCategory>, factDisease: string): 'match' | 'conflict' | 'narrower' | 'unknown' {
  if (draft.size === 0) return 'unknown';
  const fact = factDiseases(factDisease);
  if (fact.size === 0) return 'unknown';
  if (fact.has('LBCL') && draft.has('LBCL')) return 'match';
  if (draft.has('LBCL') && fact.has('NHL') && !fact.has('LBCL')) return 'narrower';
  for (const category of draft) if (fact.has(category)) return 'match';
  return 'conflict';
}

const POPULATION_WORDS = ['evaluable', 'enrolled', 'infused', 'treated', 'all patients', 'intention-to-treat'];

/**
 * What became of patients after remission, which divides a cohort: "bridged to transplant" and "no further therapy"
 * ("eleven were bridged to transplant ...; of the 7 with no further therapy, 3 remained in remission").
 */
const NO_FURTHER_THERAPY =
  /\b(?:no|without)\s+(?:further|additional|subsequent|other|consolidative)\s+(?:therapy|treatment|consolidation)|\b(?:not|never)\s+(?:go(?:ne)?\s+on\s+to|proceed(?:ed)?\s+to|undergo|underwent|receive[sd]?|(?:been\s+)?bridged\s+to)\s+(?:an?\s+)?(?:allogeneic\s+|allo-?\s*)?(?:hsct|sct|stem[- ]cell\s+)?transplant\w*|\bnot\s+transplanted\b/i;
const NO_FURTHER_THERAPY_ALL = new RegExp(NO_FURTHER_THERAPY.source, 'gi');
const TRANSPLANT = /transplant|\bhsct\b|\ballo-?sct\b/i;

export function populationWordsIn(text: string): Set<string> {
  const lower = text.toLowerCase();
  const found = new Set<string>();
  for (const word of POPULATION_WORDS) if (lower.includes(word)) found.add(word);
  // An intention-to-treat rate is over everyone enrolled.
  if (found.has('intention-to-treat') || /\bITT\b/.test(text)) found.add('enrolled');
  // "who could be evaluated", "assessable for response": the evaluable.
  if (!found.has('evaluable') && /\b(?:could be (?:evaluated|assessed)|assessable)\b/i.test(text)) found.add('evaluable');
  if (/(?:10\^?\s*6|10⁶|×\s*106|x\s*106|million|1e6)/i.test(text) || /cells\s*(?:\/|per)\s*kg/i.test(text)) found.add('dose');
  if (lower.includes('transplant') || lower.includes('further') || lower.includes('sct')) {
    const noFurther = (lower.includes('no') || lower.includes('without')) && NO_FURTHER_THERAPY.test(text);
    if (noFurther) found.add('no further therapy');
    // "did not go on to transplant" is no further therapy, not a transplant.
    if (TRANSPLANT.test(noFurther ? text.replace(NO_FURTHER_THERAPY_ALL, ' ') : text)) found.add('transplant');
  }
  return found;
}

/** Words that say a number belongs to some other study than the one cited nearby ("another trial", "whereas"). */
const OTHER_STUDY_CUES = /\b(?:another|other|separate|different|independent|whereas|in contrast|by comparison|compared with|compared to|previously reported|earlier studies|historical|prior studies|the authors (?:state|claim|assert|write|suggest|argue)|claims?|claimed|the manuscript (?:states|says|reports|lists|gives)|(?:you|they|he|she) (?:quoted|wrote|cited|had)|quoted as|(?:trials|studies|cohorts|series) (?:[^.;:]{0,80}?, )?(?:such as|including|like))\b/i;

/**
 * Words that say a number is the writer's own ("in our series", "our updated meta-analysis", "in our hands"), or the
 * manuscript's a review is of ("the 14 responders in this manuscript").
 */
// Spaces may be line breaks: drafts are hard-wrapped ("our\nsingle-antigen product").
const OWN_WORK_CUES =
  /\bour\s+(?:own\s+)?(?:[\w-]+\s+){0,2}(?:series|cohorts?|centers?|centres?|institutions?|experience|data|patients|pilot|study|trials?|results|findings|median|rate|rates|program|programme|protocol|meta-analysis|analysis|review|update|estimates?|pooled|hands|unit|hospital|clinic|department|practice|products?|constructs?|regimen|group|arm)\b|\bour\s+(?:own\s+)?(?:[\w-]+\s+){0,2}(?:CAR|CAR-T)\b|\bour\s+\d|\bin\s+my\s+(?:practice|experience|hands|clinic)\b|\bthis\s+(?:manuscript|thesis|dissertation)\b|\bthe\s+present\s+(?:study|series|report|analysis|cohort)\b|\bthe\s+(?:applicant|sponsor|manufacturer|company|MAH)(?:['’]s|s['’])?\s+(?:own\s+)?(?:[\w-]+\s+){0,2}(?:cohort|study|trial|data|results|population|program|programme|submission|dossier)\b/i;

/** Before a number, the writers doing what yields it: "We treated 12 children", "we now propose a study of 30". */
const OWN_WORK_DONE =
  /\b(?:we|I)\s+(?:have\s+|had\s+|will\s+|now\s+|also\s+|then\s+|subsequently\s+){0,2}(?:treated|infused|enrolled|recruited|observed|recorded|measured|saw|followed|propose|proposed|plan|planned|intend|aim|expect|anticipate|treat|infuse|enrol|enroll)\b/i;

/** Either kind, in one pass: most sentences have neither. */
const ANY_STUDY_CUE = new RegExp(`${OTHER_STUDY_CUES.source}|${OWN_WORK_CUES.source}`, 'i');

/**
 * Words in a number's clause that make it no finding at all but a design's assumption or rule ("assuming a CR rate of
 * 70%", "80% power", "a rate above 20% triggers a safety review").
 */
const DESIGN_CUES = /\b(?:assum(?:e|es|ed|ing|ption)|hypothes[ie]s|hypothesi[sz]ed|null (?:rate|hypothesis)|power|sample size|stopping|triggers?|threshold|modell?ed|simulated|hypothetical|will (?:pause|stop|halt|be (?:paused|halted|suspended)))\b/i;

/** Another study's or the writer's own: "Other trials reported:" leads in to numbers that are not the cited work's. */
export function hasOtherStudyCue(text: string): boolean {
  return ANY_STUDY_CUE.test(text);
}

/**
 * Which cues a number has: another study's ("another trial", "whereas") or the writer's own ("our series") in its
 * sentence up to its clause's end, a design's words ("assuming") in its clause, what the writers did before it ("We
 * treated 12 children"; not "the 6 months reported by Pan mirror the relapses we observed").
 */
export function studyCues(upToClauseEnd: string, clause: string, beforeNumber: string): { another: boolean; own: boolean } {
  const design = DESIGN_CUES.test(clause) || (mayNameWriters(beforeNumber) && OWN_WORK_DONE.test(beforeNumber));
  if (!ANY_STUDY_CUE.test(upToClauseEnd)) return design ? DESIGN_ONLY : NO_CUES;
  return { another: OTHER_STUDY_CUES.test(upToClauseEnd), own: design || OWN_WORK_CUES.test(upToClauseEnd) };
}

/** Where the last of the writer's own-work words before `end` begins ("our cohort"), or -1. */
export function ownWorkCueBefore(text: string, end: number): number {
  const re = OWN_WORK_CUES_ALL;
  re.lastIndex = 0;
  let at = -1;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) at = m.index;
  return at;
}

/** OWN_WORK_CUES for walking every match, made once rather than per statistic. */
const OWN_WORK_CUES_ALL = new RegExp(OWN_WORK_CUES.source, 'gi');

/** A cheap look for "we" or "I" before the pattern that reads what they did (most sentences have neither). */
function mayNameWriters(text: string): boolean {
  return text.includes('we ') || text.includes('We ') || text.includes('I ');
}

const NO_CUES = { another: false, own: false };
const DESIGN_ONLY = { another: false, own: true };

/**
 * Clause boundaries inside a sentence: a number's words are read within its clause first. The two sides of a
 * comparison are two clauses ("90% with CD19/CD22 versus 68% with CD22 alone", "8 of 11 transplanted, against 3 of 7").
 */
const CLAUSE_BREAK = /;|,\s+(?:and|but|while|whereas|which|accounting|corresponding|against)\s|\s+whereas\s|\s+while\s|,?\s+(?:versus|vs\.?|contre|compared (?:with|to)|as against)\s/g;

/** Every clause break of a text, as absolute spans (for sentences long enough to be worth indexing once). */
export function clauseBreaks(text: string, base: number): Span[] {
  const out: Span[] = [];
  const re = new RegExp(CLAUSE_BREAK.source, 'g');
  const depth = bracketDepth(text);
  for (let m = re.exec(text); m; m = re.exec(text)) if (!depth.inside(m)) out.push({ start: base + m.index, end: base + m.index + m[0].length });
  return out;
}

/**
 * Whether a break is a semicolon inside brackets ("90% (95% CI 84-95; n=297) for CD19/CD22"): that is the number's
 * own aside, not a new clause. Breaks are asked about in order, so the text is read once.
 */
function bracketDepth(text: string): { inside(m: RegExpExecArray): boolean } {
  let at = 0;
  let depth = 0;
  return {
    inside(m) {
      for (; at < m.index; at++) {
        const c = text.charCodeAt(at);
        if (c === 40) depth++;
        else if (c === 41 && depth > 0) depth--;
      }
      return depth > 0 && m[0] === ';';
    },
  };
}

/** clauseAround over precomputed breaks, reading only those inside `window`. */
export function clauseFromBreaks(breaks: readonly Span[], window: Span, span: Span): Span {
  let start = window.start;
  let end = window.end;
  // The last break ending at or before the statistic, then the first starting at or after its end.
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid]!.end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  const before = breaks[lo - 1];
  if (before && before.start >= window.start) start = before.end;
  for (let i = lo; i < breaks.length && breaks[i]!.start <= window.end; i++) {
    const b = breaks[i]!;
    if (b.start >= span.end) {
      if (b.end <= window.end) end = b.start;
      break;
    }
  }
  return { start, end };
}

export function clauseAround(text: string, base: number, span: Span): Span {
  let start = base;
  let end = base + text.length;
  CLAUSE_BREAK.lastIndex = 0;
  const depth = bracketDepth(text);
  for (let m = CLAUSE_BREAK.exec(text); m; m = CLAUSE_BREAK.exec(text)) {
    if (depth.inside(m)) continue;
    const at = base + m.index;
    if (at + m[0].length <= span.start) start = at + m[0].length;
    else if (at >= span.end) {
      end = at;
      break;
    }
  }
  return { start, end };
}

/**
 * The endpoint a statistic speaks of: the nearest endpoint term in its clause, before it preferred
 * ("grade 1 CRS occurred in 12 patients"), then after it, then anywhere in the sentence. With the `text` the hits are
 * in, a refining term is not taken across another number ("severe ICANS in 3% and any-grade ICANS in 16%").
 */
/** Between a refining term and the broad one: "severe ICANS in 3% and any-grade ICANS" names two endpoints. */
const NOT_A_REFINEMENT = /%|\b(?:and|any|all)\b/i;

/**
 * Just before a number: it is the total of a graded event, not one grade's ("grade 2 in 7 (total 16 of 21, 76%)",
 * "severe CRS in 6% (any grade, 87%)").
 */
const OVERALL_BEFORE = /\b(?:total|overall|in all|altogether|combined|any[- ]grade|all grades|of any grade|tous grades|tout grade|todos los grados)\b[\s:,(]*(?:(?:rates?|frequenc(?:y|ies)|incidences?|fréquences?)\s+)?(?:of\s+|in\s+|de\s+|were\s+|was\s+)?$/i;
/** A number listed after another ("87% and 16%"), which is overall if the first is. */
const LISTED_AFTER = /(\d+(?:[.,]\d+)?\s*\\?%)\s*(?:,\s*|\s+(?:and|et|y|und)\s+(?:de\s+)?)$/;

export function isOverallNumber(text: string, at: number): boolean {
  if (OVERALL_BEFORE.test(text.slice(Math.max(0, at - 40), at))) return true;
  // "any-grade frequencies of 87% and 16%, respectively": the list's second number is overall with its first.
  const listed = LISTED_AFTER.exec(text.slice(Math.max(0, at - 24), at));
  return listed !== null && OVERALL_BEFORE.test(text.slice(Math.max(0, at - listed[0].length - 40), at - listed[0].length));
}

/** Whether `hit` is inside a parenthesis that closes before `before`. */
function insideParenthesisBefore(text: string, hit: Span, before: number): boolean {
  // Read near the term only: a block may be a long run of text without brackets.
  const from = Math.max(0, hit.start - 40);
  const near = text.slice(from, hit.start);
  const open = near.lastIndexOf('(');
  if (open < 0 || near.lastIndexOf(')') > open) return false;
  const close = text.slice(hit.end, before).indexOf(')');
  return close >= 0;
}

/** After an endpoint's name, its own number: "severe CRS in 9%", "CRS: 76%", "ICANS of \qty{3}{\percent}", "grade 1, n = 9". */
const NEXT_NUMBERS_TERM = /^\s*(?:\([^()]{0,15}\)\s*)?(?:(?:in|of|was|were|:|=)\s+|,\s*\(?n\s*=\s*)(?:about\s+|only\s+)?(?:(?:\$|\\[A-Za-z]+\{)?\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)\b)/i;

/** Between a number and a term in a later conjunct: "(6%) and severe neurotoxicity", "6%, while ICANS". */
const CONJUNCT_BETWEEN = /^[^.;]{0,30}?(?:,|\b(?:and|while|whereas|but)\b)\s+(?:[\w-]+\s+){0,2}$/i;

/** After a term, a percent of its own a few words on, before any other number: " rarer still (3%)", " was lower, 3%". */
const OWN_PERCENT_AFTER = /^[^.;:\d%]{0,30}?\b\d+(?:[.,]\d+)?\s*\\?%/;

/** After the first grade of a list, the rest of it, the event's name and numbers: " and grade 2 CRS in nine and seven". */
const GRADES_LISTED_BEFORE_NUMBERS = new RegExp(String.raw`^(?:\s*(?:,|and|or|&)\s*(?:grades?\s*)?[1-5])+\s+(?:[A-Za-z][\w/-]*\s+){0,2}?` + NEXT_NUMBERS_TERM.source.slice(1), 'i');

/** Between a subject count and what it counts: "9 had grade 2 CRS", "8 remained in remission". */
const SUBJECT_VERB = /^\s+(?:had|developed|experienced|achieved|attained|reached|showed|remained in|were in|are in|are still in|remain in|relapsed with|died of|received|underwent|went on to|proceeded to|(?:were|was)(?:\s+(?:then|later|subsequently|promptly|successfully))?)\s+(?:an?\s+|the\s+)?$/i;

const RATE_TERM = /\brates?$/i;

/** Number words up to twenty, as an alternation. */
const SMALL_NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty';

/** Before a term: another count and its verb, whose the term is ("7 received no further treatment", "17 of whom had received"). */
const ANOTHER_COUNTS = new RegExp(
  String.raw`(?:^|[\s(,;])(?:\d+|${SMALL_NUMBER_WORDS})\s+(?:of\s+(?:whom|them|these)\s+)?(?:had|have|has|were|was|developed|experienced|achieved|attained|reached|received|underwent|remained|relapsed|went|proceeded)(?:\s+[a-z]+){0,2}\s+$`,
  'i',
);

/** Between a number and a term after it: another number, whose the term is ("30 were evaluated, and 24 achieved CR"). */
const NUMBER_BETWEEN = new RegExp(String.raw`(?:[,;]\s*(?:and\s+|while\s+|whereas\s+|but\s+)?|\s(?:and|while|whereas|but)\s+)(?:only\s+)?(?:\d|(?:${SMALL_NUMBER_WORDS})\b)`, 'i');

/** A digit or a number word up to twenty anywhere in a text: "and eleven were", "and 6 are". */
export const NAMES_A_NUMBER = new RegExp(String.raw`\d|\b(?:${SMALL_NUMBER_WORDS})\b`, 'i');

const STARTING_EVENT = /\b(?:after|following|since|post)[\s-]+(?:the\s+|a\s+)?$/i;

/** Between a group's count and the words that name the group: "7 patients bridged", "7 patients who were bridged". */
export const GROUP_COUNT_BEFORE = /^\s+(?:(?:who|that)\s+(?:were|had\s+been)\s+)?$/i;

/** Before a term: the patients a rate is taken among ("among those", "in the patients who were"). */
const RATE_POPULATION = /\b(?:among|in|for)\s+(?:those|the\s+(?:\d+\s+)?(?:patients|children|adults)|(?:\d+\s+)?(?:patients|children|adults))(?:\s+(?:who|that)\s+(?:were|had\s+been))?\s+$/i;

/** Before a term: what patients were evaluable for ("30 were evaluable for response"): who they are, not what is counted. */
const EVALUABLE_FOR = /\b(?:evaluable|assessable|eligible|evaluated|assessed)\s+for\s+(?:the\s+|an?\s+)?$/i;

/** Whether a term says what patients were evaluable for, not what a number measures. */
export function namesWhatWasEvaluated(hit: TermHit, text: string): boolean {
  // (Patients "assessed for CRS" are the safety population; "18 of 21 developed it" counts CRS.)
  return RESPONSE_WORDS.test(hit.text) && EVALUABLE_FOR.test(text.slice(Math.max(0, hit.start - 30), hit.start));
}

const RESPONSE_WORDS = /respon|remission|\bCRi?\b|efficacy|MRD/i;

/** Right before a term: a group's size that the term names ("n = 7 grade 2"). */
const N_EQUALS_BEFORE = /\bn\s*=\s*\$?\d+\$?\s*(?:(?:with|who\s+(?:had|were))\s+)?$/i;
/** Between "n = 7" and the term that says who they are: "n = 7 grade 2", "$n = 7$ grade 2", "n = 7 with no further treatment". */
export const N_EQUALS_THEN = /^[$}]*\s*(?:(?:with|who\s+(?:had|were))\s+)?$/i;

/** Between a number and the first term of its breakdown: "16/21 (grade 1 ...", "16/21 (n = 9 grade 1 ...". */
const BREAKDOWN_OPENS = /^\s*\(\s*(?:\$?n\s*=\s*\d+\$?\s*)?$/i;

export function nearestEndpoint(
  hits: TermHit[],
  span: Span,
  clause: Span,
  parentOf: (id: string) => string | undefined = () => undefined,
  countsSubject = false,
  text?: string,
): TermHit | undefined {
  let best: TermHit | undefined;
  let bestCost = Infinity;
  /** Whether the best is a term after the number that names another number's endpoint. */
  let bestIsAnothers = false;
  for (const hit of hits) {
    let cost: number;
    let anothers = false;
    if (hit.end <= span.start) cost = span.start - hit.end;
    // A count that is its sentence's subject names what it counts right after it ("and 8 of them remained in
    // remission"): that term is as near as one just before it. Elsewhere words after a number are weaker than those before.
    else if (countsSubject && text !== undefined && SUBJECT_VERB.test(text.slice(span.end, hit.start))) cost = 0;
    // "6% for severe CRS and 3% for severe ICANS": a term after "for" right after a number is what it measures.
    else if (hit.start >= span.end && text !== undefined && hit.start - span.end <= 6 && /^\s+for\s+(?:the\s+)?$/i.test(text.slice(span.end, hit.start))) cost = 0;
    // Right after it, past a closing mark at most: "9 remained", LaTeX's "$9$ remained", "**9** remained"; a rate
    // named right after its percent ("the 73% CR rate"); and what a group's size counts ("n = 7 grade 2").
    else if (hit.start >= span.end)
      cost =
        hit.start - span.end +
        ((countsSubject && (hit.start - span.end <= 1 || (text !== undefined && hit.start - span.end <= 4 && /^[$}*_]+\s?$/.test(text.slice(span.end, hit.start))))) ||
        (hit.start - span.end <= 1 && RATE_TERM.test(hit.text)) ||
        (text !== undefined && hit.start - span.end <= 16 && /^n\s*[=≥]/i.test(text.slice(span.start, span.start + 3)) && N_EQUALS_THEN.test(text.slice(span.end, hit.start)))
          ? 0
          : 25);
    // A term that begins in the statistic's own text and goes on past it ("21 patients were treated") is its predicate.
    else if (hit.end > span.end) cost = 1;
    // A term inside the statistic's own text ("12 patients", "grade 1-2") is its unit, a weak hint of the endpoint.
    else cost = 60;
    // "..., with severe CRS in 9%": a term after the number that leads to a number of its own is that number's.
    // So is the first of a list of grades with numbers of their own ("..., with grade 1 and grade 2 CRS in nine and seven").
    // So is a term in a later conjunct, a few words before a percent of its own ("(6%, 95% CI 3-9) and severe
    // neurotoxicity rarer still (3%)").
    if (
      hit.start >= span.end &&
      text !== undefined &&
      ((NEXT_NUMBERS_TERM.test(text.slice(hit.end, hit.end + 24)) && !(hit.start - span.end <= 1 && /^\s*,\s*\(?n\s*=/.test(text.slice(hit.end, hit.end + 8)))) ||
        // ... and one right after another number's "n =" ("16/21 (n = 9 grade 1, n = 7 grade 2)").
        (hit.start - span.end > 4 && N_EQUALS_BEFORE.test(text.slice(Math.max(span.end, hit.start - 14), hit.start))) ||
        GRADES_LISTED_BEFORE_NUMBERS.test(text.slice(hit.end, hit.end + 60)) ||
        (CONJUNCT_BETWEEN.test(text.slice(span.end, hit.start)) && OWN_PERCENT_AFTER.test(text.slice(hit.end, hit.end + 40))))
    ) {
      cost += 200;
      anothers = true;
    }
    // "n = 11 bridged to transplant (...) and n = 7 with no further treatment": a term another "n =" names is its.
    else if (hit.end <= span.start && text !== undefined && N_EQUALS_BEFORE.test(text.slice(Math.max(0, hit.start - 24), hit.start))) cost += 200;
    // "30 were evaluated, and 24 achieved CR or CRi": a term after another count is that count's, never this one's; so is
    // one before, said of another count ("7 received no further treatment and 6 are not described").
    else if (countsSubject && hit.start >= span.end && text !== undefined && NUMBER_BETWEEN.test(text.slice(span.end, hit.start))) continue;
    else if (countsSubject && hit.end <= span.start && text !== undefined && ANOTHER_COUNTS.test(text.slice(Math.max(0, hit.start - 40), hit.start))) continue;
    // "CRS (grade 2 in 7) occurred in 16 of 21": a term in a parenthesis before the number, with a number of its own
    // there, is that number's. (Outside one, "CR of 68%; with CD19/CD22 it was 90%" goes on about the same endpoint.)
    else if (hit.end <= span.start && text !== undefined && insideParenthesisBefore(text, hit, span.start)) {
      const own = NEXT_NUMBERS_TERM.exec(text.slice(hit.end, Math.min(span.start, hit.end + 24)));
      // ("Of 21 treated (17 with prior CD19-directed therapy), 73% ... reached CR": its number before it.)
      const open = text.lastIndexOf('(', hit.start);
      if ((own && hit.end + own[0].length <= span.start) || (open >= 0 && hit.start - open <= 24 && /\d/.test(text.slice(open + 1, hit.start)))) cost += 200;
    }
    // "remission duration after CR", "survival post-transplant": the event a time is counted from is not what is counted.
    // ("After a median follow-up of 9 months" is a time, not an event counted from.)
    if (text !== undefined && hit.id !== 'follow-up' && STARTING_EVENT.test(text.slice(Math.max(0, hit.start - 12), hit.start))) cost += 150;
    // "LFS among those bridged to transplant was 71.6%": the patients a rate is taken in are not what it measures.
    // (Not for the group's own count: "mostly among the 7 patients bridged to transplant" counts those bridged.)
    else if (text !== undefined && RATE_POPULATION.test(text.slice(Math.max(0, hit.start - 40), hit.start)) && !GROUP_COUNT_BEFORE.test(text.slice(span.end, hit.start))) cost += 150;
    // Outside the number's clause, a term after it names a later clause's own numbers ("it was 90%, and severe
    // neurotoxicity occurred in 3%"): one before it is likelier to be what the number continues.
    if (hit.start < clause.start || hit.end > clause.end) cost += hit.start >= span.end ? 400 : 200;
    if (cost < bestCost) {
      bestCost = cost;
      best = hit;
      bestIsAnothers = anothers;
    }
  }
  // "[09:08] 6%, and severe neurotoxicity 3%": when the only terms are other numbers' own, this number names none.
  if (bestIsAnothers) return undefined;
  // "16/21 (grade 1, n = 9; grade 2, n = 7)": a breakdown opening right after the number, each term with a number of its
  // own, names the parts, not the whole; the whole's endpoint is the column's or the sentence's, or none.
  if (best && bestCost >= 200 && best.start >= span.end && text !== undefined && BREAKDOWN_OPENS.test(text.slice(span.end, best.start))) return undefined;
  // "Severe (grade ≥3) CRS": a refining term just before the broad one names the endpoint more precisely.
  if (best) {
    const broad = best;
    const refinement = hits.find(
      (h) =>
        h.end <= broad.start &&
        broad.start - h.end <= 25 &&
        h.start >= clause.start &&
        parentOf(h.id) === broad.id &&
        !(text !== undefined && NOT_A_REFINEMENT.test(text.slice(h.end, broad.start))),
    );
    if (refinement) return refinement;
  }
  return best;
}

/**
 * A grade or severity belongs to the event the clause names: "CRS was mild in 9" counts grade 1 CRS, "moderate CRS
 * in 7" grade 2 CRS, and "neurotoxicity was grade 1 in 4" or "the neurotoxicity severe 3 %" count neurotoxicity's
 * grades, not CRS's (whose vocabulary holds the bare "grade 1" and "severe"). An event with no endpoint for those
 * grades gets one of its own, which no fact has: the number is a subgroup of the event, not its total.
 */
export function gradedEndpoint(endpoint: TermHit, hits: TermHit[], span: Span, clause: Span, text: string, endpoints: ReadonlyMap<string, Endpoint>): TermHit {
  const own = endpoints.get(endpoint.id);
  let event: TermHit | undefined = endpoint;
  let grades: (GradeRange & { start: number; end: number }) | undefined;
  const later = own?.grades && own.parent ? gradeNamedAfter(endpoint, span, text) : undefined;
  if (later && !sameGrades(later, own!.grades!)) {
    // "grade 2 in 7, grade 3 in 2": a grade named after the term, with no number between it and this one, is this
    // number's, of the same event.
    grades = later;
    event = { id: own!.parent!, start: later.start, end: later.end, text: text.slice(later.start, later.end) };
  } else if (own?.grades) {
    // A term that names the grade alone ("grade 1", "severe") is the event's named before it in the clause, or after.
    const named = lastGradeIn(endpoint.text);
    if (!named || named.end - named.start < endpoint.text.trim().length) return endpoint;
    event = eventNear(endpoint, hits, clause, endpoints);
    if (!event || rootOf(event.id, endpoints) === rootOf(endpoint.id, endpoints)) return endpoint;
    grades = { ...named, start: endpoint.start, end: endpoint.end };
  } else {
    // "CRS was mild in 9", "moderate CRS in 7": the last grade or severity between the event and the number, with no
    // other number between it and this one, or just before the event's name. Only events with graded endpoints (CRS,
    // ICANS) have grades to read, and only words near the number qualify it.
    if (!hasGradedEndpoints(endpoint.id, endpoints)) return endpoint;
    const from = endpoint.end <= span.start ? Math.max(clause.start, endpoint.start - 12, span.start - 48) : -1;
    const between = from < 0 ? '' : text.slice(from, span.start);
    const named = from < 0 ? undefined : lastGradeIn(between);
    // Said of the event as a whole and then a clause on ("CRS was frequent but mild: it occurred in 16", "mild,
    // occurring in 16"), the severity is no subgroup's: the count after the break is the event's ("gr 1: 9" is one).
    const predicateBreak = named !== undefined && from + named.start >= endpoint.end && /[,:;–—]\s*\p{L}/u.test(between.slice(named.end));
    if (named && !predicateBreak && !/\d/.test(between.slice(named.end)) && !(from + named.end <= endpoint.start && !/^\s*$/.test(between.slice(named.end, endpoint.start - from)))) {
      grades = { ...named, start: from + named.start, end: from + named.end };
    } else {
      // "CRS occurred in 9 patients at grade 1 and 7 at grade 2": the grade said right after the count.
      const after = GRADE_AFTER_COUNT.exec(text.slice(span.end, span.end + 40));
      const graded = after ? lastGradeIn(after[0]) : undefined;
      if (!after || !graded) return endpoint;
      grades = { ...graded, start: span.end + graded.start, end: span.end + graded.end };
    }
  }
  return gradeOfEvent(event.id, grades, Math.min(event.start, grades.start), Math.max(event.end, grades.end), text, endpoints);
}

/**
 * A table's event named in a row ("CRS", "ICANS") under a header that names the grades counted ("Event (grade ≥3)",
 * "Severe, %"): the event's endpoint for those grades. An endpoint that has its grades already is left as it is.
 */
export function headerGradedEndpoint(endpoint: TermHit, headers: readonly string[], text: string, endpoints: ReadonlyMap<string, Endpoint>): TermHit {
  if (endpoints.get(endpoint.id)?.grades || !hasGradedEndpoints(endpoint.id, endpoints)) return endpoint;
  for (const header of headers) {
    // (LaTeX writes "grade $\geq$3".)
    const named = lastGradeIn(header.replace(LATEX_GEQ, '≥'));
    if (named) return gradeOfEvent(rootOf(endpoint.id, endpoints), named, endpoint.start, endpoint.end, text, endpoints);
  }
  return endpoint;
}

const LATEX_GEQ = /\$?\\(?:geq|ge|geqslant)\b\s*\$?\s*/g;

/** A term that names a grade and no event ("grade 3 or higher", "severe"): whose event the row says. */
export function namesGradeOnly(hit: TermHit): boolean {
  const named = lastGradeIn(hit.text);
  return named !== undefined && named.end - named.start >= hit.text.trim().length;
}

/** Whether an endpoint is an event some of whose grades have endpoints of their own (CRS, ICANS). */
export function isGradedEvent(id: string, endpoints: ReadonlyMap<string, Endpoint>): boolean {
  return !endpoints.get(id)?.grades && hasGradedEndpoints(id, endpoints);
}

/**
 * An endpoint's event and grade range: a dataset endpoint's own grades, or those of an id gradeOfEvent made for a
 * range the dataset has no endpoint for ("crs:grade-2-5"); undefined for an endpoint without grades.
 */
export function eventGradesOf(id: string, endpoints: ReadonlyMap<string, Endpoint>): { event: string; grades: GradeRange } | undefined {
  const named = /^(.+):grade-(\d)-(\d)$/.exec(id);
  if (named) return { event: rootOf(named[1]!, endpoints), grades: { low: Number(named[2]), high: Number(named[3]) } };
  const grades = endpoints.get(id)?.grades;
  return grades ? { event: rootOf(id, endpoints), grades } : undefined;
}

/**
 * The endpoint that counts `grades` of an event, as a hit over `start`-`end`: the event's endpoint for them, or one of
 * its own, which no fact has (the number is a subgroup of the event, not its total).
 */
function gradeOfEvent(event: string, grades: GradeRange, start: number, end: number, text: string, endpoints: ReadonlyMap<string, Endpoint>): TermHit {
  const target = gradedDescendant(event, grades, endpoints);
  if (target) return { id: target, start, end, text: text.slice(start, end) };
  const label = `${endpoints.get(event)?.label ?? event}, grade ${grades.low}${grades.high === grades.low ? '' : grades.high === 5 ? ' or higher' : `-${grades.high}`}`;
  return { id: `${event}:grade-${grades.low}-${grades.high}`, start, end, text: text.slice(start, end), label };
}

/**
 * The last grade or severity between a term and the number after it, when no other number comes between them, and the
 * term's grade has a number of its own before it ("grade 2 in 7, grade 3 in 2"; not "grade 1 and grade 2 CRS occurred
 * in 9 and 7").
 */
function gradeNamedAfter(endpoint: TermHit, span: Span, text: string): (GradeRange & { start: number; end: number }) | undefined {
  if (endpoint.end > span.start || span.start - endpoint.end > 120) return undefined;
  const between = text.slice(endpoint.end, span.start);
  const named = lastGradeIn(between);
  if (!named || /\d/.test(between.slice(named.end)) || !/\d/.test(between.slice(0, named.start))) return undefined;
  return { ...named, start: endpoint.end + named.start, end: endpoint.end + named.end };
}

/**
 * Right after a count, the grade it counts: " patients at grade 1", " at grade 2", " (grade 3)", " with grade ≥3"; not
 * a grade with a number of its own ("16 patients (grade 1 in 9)").
 */
const GRADE_AFTER_COUNT = new RegExp(String.raw`^\s*(?:patients?\s+|pts\.?\s+)?(?:\(\s*(?:${GRADE})\s*\)|(?:at|with|of|had|developed)\s+(?:${GRADE})(?!\s*(?:in|:|=|of|,)?\s*\d))`, 'i');

const gradedCache = new WeakMap<object, Set<string>>();

/** Whether an endpoint has endpoints for some of its grades under it (CRS has grade 1, grade 2, severe CRS). */
function hasGradedEndpoints(id: string, endpoints: ReadonlyMap<string, Endpoint>): boolean {
  let graded = gradedCache.get(endpoints);
  if (!graded) {
    graded = new Set();
    for (const endpoint of endpoints.values()) {
      if (!endpoint.grades) continue;
      for (let parent = endpoint.parent; parent; parent = endpoints.get(parent)?.parent) graded.add(parent);
    }
    gradedCache.set(endpoints, graded);
  }
  return graded.has(id);
}

/** The event named nearest a bare grade term in its clause: before it first ("neurotoxicity was grade 1"), then after. */
function eventNear(grade: TermHit, hits: TermHit[], clause: Span, endpoints: ReadonlyMap<string, Endpoint>): TermHit | undefined {
  let before: TermHit | undefined;
  let gradedBefore: TermHit | undefined;
  let after: TermHit | undefined;
  for (const hit of hits) {
    if (hit === grade || hit.start < clause.start || hit.end > clause.end) continue;
    // "Severe CRS (grade ≥3) occurred in 6%": a graded term before the grade names its event (CRS), where no event
    // is named by itself before it.
    if (endpoints.get(hit.id)?.grades) {
      if (hit.end <= grade.start) gradedBefore = { ...hit, id: rootOf(hit.id, endpoints) };
      continue;
    }
    if (hit.end <= grade.start) before = hit;
    else if (hit.start >= grade.end) after ??= hit;
  }
  return before ?? gradedBefore ?? after;
}

/** The endpoint at the top of `id`'s parents (CRS for grade 1 CRS). */
export function rootOf(id: string, endpoints: ReadonlyMap<string, Endpoint>): string {
  let root = id;
  for (let parent = endpoints.get(root)?.parent; parent; parent = endpoints.get(root)?.parent) root = parent;
  return root;
}

/** The endpoint under `event` that counts `grades`; "grade 3-4" is the "grade 3 or higher" of a severe endpoint. */
function gradedDescendant(event: string, grades: GradeRange, endpoints: ReadonlyMap<string, Endpoint>): string | undefined {
  let close: string | undefined;
  for (const candidate of endpoints.values()) {
    if (!candidate.grades || !isUnder(candidate.id, event, endpoints)) continue;
    if (sameGrades(candidate.grades, grades)) return candidate.id;
    if (grades.low >= 3 && candidate.grades.low === grades.low && candidate.grades.high === 5) close = candidate.id;
  }
  return close;
}

function isUnder(id: string, ancestor: string, endpoints: ReadonlyMap<string, Endpoint>): boolean {
  for (let parent = endpoints.get(id)?.parent; parent; parent = endpoints.get(parent)?.parent) if (parent === ancestor) return true;
  return false;
}

/** Citations per sentence and per block, and for each sentence the nearest citation before it. */
export interface CitationLayout {
  bySentence: Map<number, ResolvedCitation[]>;
  byBlock: Map<number, ResolvedCitation[]>;
  /** The nearest citation strictly before sentence i (in an earlier sentence), if any. */
  previousBefore(sentence: number): ResolvedCitation | undefined;
  /**
   * For an item of a list led in by a citation ("In the NCI trial [@fry2018]:" and then "- CRS in 16 of 21"), that
   * citation: the item's numbers are its, as closely as if the item cited it. For a paragraph of a section whose
   * heading cites a work, that citation too, as a paragraph's own citation would be.
   */
  leadIn?: { citation: ResolvedCitation; to: LeadIn };
  /** For a table, the endpoints its caption names ("Table 2. Complete remission by disease"). */
  caption?: readonly string[];
}

/** What a citation leads in to: the list (or table) after it, or the section its heading opens. */
export type LeadIn = 'list' | 'section';

export function layoutCitations(doc: RecognizedDocument, resolved: ResolvedCitation[]): CitationLayout {
  const bySentence = new Map<number, ResolvedCitation[]>();
  const byBlock = new Map<number, ResolvedCitation[]>();
  for (const rc of resolved) {
    if (isNote(rc)) continue;
    const s = rc.citation.sentence;
    push(bySentence, s, rc);
    const block = doc.sentences[s]?.block;
    if (block !== undefined) push(byBlock, block, rc);
  }
  const sentencesWithCitations = [...bySentence.keys()].sort((a, b) => a - b);
  return {
    bySentence,
    byBlock,
    previousBefore(sentence: number) {
      // Binary search for the last sentence with citations before `sentence`.
      let lo = 0;
      let hi = sentencesWithCitations.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (sentencesWithCitations[mid] < sentence) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found < 0) return undefined;
      const list = bySentence.get(sentencesWithCitations[found])!;
      return list[list.length - 1];
    },
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The antigens of each sentence, indexed once per recognized document (not a scan of every antigen per statistic). */
const antigensBySentence = new WeakMap<RecognizedDocument, Map<number, AntigenEntity[]>>();

/** The antigens of a sentence inside `span` (each sentence's list is in text order: a binary search, not a scan). */
function antigensWithin(doc: RecognizedDocument, sentence: number, span: Span): AntigenEntity[] {
  let index = antigensBySentence.get(doc);
  if (!index) {
    index = new Map();
    for (const antigen of doc.antigens) push(index, antigen.sentence, antigen);
    for (const list of index.values()) list.sort((a, b) => a.span.start - b.span.start);
    antigensBySentence.set(doc, index);
  }
  return startingWithin(index.get(sentence) ?? [], span);
}

/** The mentions of a list in order of place that start within a span (at its end too). */
function startingWithin(list: readonly AntigenEntity[], span: Span): AntigenEntity[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.span.start < span.start) lo = mid + 1;
    else hi = mid;
  }
  const out: AntigenEntity[] = [];
  for (let i = lo; i < list.length && list[i]!.span.start <= span.end; i++) out.push(list[i]!);
  return out;
}

export function statisticAntigenSignature(doc: RecognizedDocument, stat: StatisticEntity, clauseText: string, clause: Span, text: string): AntigenSignature {
  const inClause = antigensWithin(doc, stat.sentence, clause).filter((a) => a.span.start >= clause.start && a.span.end <= clause.end);
  const own = ownTherapy(inClause, stat, clauseText, clause);
  if (own) {
    // "70% after CD19 failure": the therapy the patients had before, named after the number.
    const before = own.mention.span.start >= stat.span.end ? clauseText.slice(stat.span.end - clause.start, own.mention.span.start - clause.start) : '';
    return antigenSignature([own.mention], BISPECIFIC_WORDS.test(own.words), !PRIOR_THERAPY.test(before) && !PRIOR_THERAPY.test(own.words));
  }
  const arm = armTherapy(doc, inClause, stat, text);
  if (arm !== undefined) return antigenSignature([...inClause.filter((a) => a.expression), ...(arm ? [arm] : [])], false, arm !== null);
  const alone = inClause.some((a) => !a.expression && (givenAlone(a, clauseText, clause) || namedProductGiven(a, clauseText, clause)));
  return antigenSignature(inClause, BISPECIFIC_WORDS.test(clauseText), alone);
}

/** Two numbers set against each other: "(90% vs 68%)", "68% versus 90%". */
// (A few words may stand between them: "90% in ALL (vs 68%)".)
const VERSUS_AFTER = /^[^.;,\d]{0,16}?(?:vs\.?|versus)\s*\(?\s*\d[\d.,]*\s*%?\)?/i;
const VERSUS_BEFORE = /\d\s*%?[^.;,\d]{0,16}?(?:vs\.?|versus)\s*\(?\s*$/i;
/**
 * Before the first of two therapies or diseases, an opening that sets it against the second: "Compared with CD22 alone,
 * CD19/CD22 ...", "Compared with NHL, B-ALL responded better".
 */
export const OPENS_AGAINST = /\b(?:compared\s+(?:with|to)|unlike|in\s+contrast\s+to|relative\s+to|as\s+opposed\s+to)\s+(?:the\s+)?$/i;
/** Between two therapies set against each other: "CD19/CD22 over CD22 alone", "CD22 alone versus CD19/CD22". */
const THERAPIES_SET_AGAINST = /^[\s-]*(?:CAR[\s-]*)?(?:T(?:[\s-]*cells?)?\s*)?(?:alone\s+|only\s+)?(?:over|vs\.?|versus|compared\s+(?:with|to)|rather\s+than)\s+(?:the\s+)?$/i;

/** Before a therapy that something is set against: "than CD22 alone", "over CD22", "compared with CD22". */
const SET_AGAINST_BEFORE = /\b(?:than|over|versus|vs\.?|compared\s+(?:with|to))\s+(?:the\s+)?$/i;

/** Between a pair of numbers and a therapy named beside it, in the same clause: "(90% vs 68%) favoured CD19/CD22". */
const BESIDE = /^[^,;.]{0,40}$/;

/**
 * The therapy of one of two numbers set against each other, when the clause names the arms: "Best CR in ALL (90% vs
 * 68%) favoured CD19/CD22 over CD22 alone" (in order), "(90% vs 68%) favoured CD19/CD22" (one therapy named: the
 * second number's when named right after it, "68% vs 90% with CD19/CD22", else the first's). `null`: the other arm,
 * not named. Undefined when the number is not in such a pair.
 */
function armTherapy(doc: RecognizedDocument, mentions: readonly AntigenEntity[], stat: StatisticEntity, text: string): AntigenEntity | null | undefined {
  const after = VERSUS_AFTER.exec(text.slice(stat.span.end, stat.span.end + 40));
  const before = after ? null : VERSUS_BEFORE.exec(text.slice(Math.max(0, stat.span.start - 24), stat.span.start));
  if (!after && !before) return undefined;
  const second = before !== null;
  const pairStart = before ? stat.span.start - before[0].length : stat.span.start;
  const pairEnd = after ? stat.span.end + after[0].length : stat.span.end;
  const sentence = doc.sentences[stat.sentence];
  // The two therapies set against each other in the pair's part of the sentence (between semicolons), in the numbers'
  // order (the clause may hold only one of them: "For CD22 alone versus CD19/CD22, best CR in ALL (68% vs 90%)").
  const from = sentence ? Math.max(sentence.span.start, text.lastIndexOf(';', pairStart) + 1) : pairStart;
  const semicolon = sentence ? text.indexOf(';', pairEnd) : -1;
  const to = sentence ? (semicolon >= 0 && semicolon < sentence.span.end ? semicolon : sentence.span.end) : pairEnd;
  const arms = (sentence ? antigensWithin(doc, stat.sentence, sentence.span) : mentions).filter((m) => !m.expression && m.span.start >= from && m.span.end <= to);
  if (arms.length === 2 && THERAPIES_SET_AGAINST.test(text.slice(arms[0]!.span.end, arms[1]!.span.start))) return second ? arms[1] : arms[0];
  // "Compared with CD22 alone, CD19/CD22 gave ... (90% vs 68%)": the main clause's therapy is the first number's.
  if (arms.length === 2 && sentence && OPENS_AGAINST.test(text.slice(sentence.span.start, arms[0]!.span.start)) && text.slice(arms[0]!.span.end, arms[1]!.span.start).includes(',')) return second ? arms[0] : arms[1];
  // (With one therapy, two diseases may be what is set against: "B-ALL responded better than NHL: 90% vs 47% with
  // CD19/CD22".)
  if (sentence && diseasesIn(sentence.text).size > 1) return undefined;
  // One therapy named in the clause, or else right beside the pair ("Best CR in ALL (86%" is a clause of its own
  // before "vs 68%) favoured CD19/CD22").
  const inClause = mentions.filter((m) => !m.expression);
  const beside = (m: AntigenEntity) => (m.span.start >= pairEnd ? BESIDE.test(text.slice(pairEnd, m.span.start)) : m.span.end <= pairStart && BESIDE.test(text.slice(m.span.end, pairStart)));
  const therapies = inClause.length > 0 ? inClause : arms.filter(beside);
  if (therapies.length !== 1) return undefined;
  const therapy = therapies[0]!;
  // The second's when named right after it, or as what the first is set against ("higher than CD22 alone (90% vs 68%)").
  const namedSecond =
    (therapy.span.start >= pairEnd && OWN_THERAPY_LEAD.test(text.slice(pairEnd, therapy.span.start))) || SET_AGAINST_BEFORE.test(text.slice(Math.max(0, therapy.span.start - 24), therapy.span.start));
  return second === namedSecond ? therapy : null;
}

/**
 * "| Disease | CD22 alone | CD19/CD22 |": the therapy of a table's cell that names none, as its column's header, the
 * header grouping it or its row's label names it (one therapy there). Undefined outside a table.
 */
export function tableTherapy(doc: RecognizedDocument, text: string, cell: { header: Span; group?: Span; label?: Span }): AntigenSignature | undefined {
  for (const place of [cell.header, cell.group, cell.label]) {
    if (!place) continue;
    const named = antigensIn(doc, place).filter((a) => !a.expression);
    if (named.length === 1) return antigenSignature(named, BISPECIFIC_WORDS.test(text.slice(place.start, place.end)), true);
    if (named.length > 1) return undefined;
  }
  return undefined;
}

/** The antigens mentioned within a span (the document's are in order of place). */
function antigensIn(doc: RecognizedDocument, span: Span): AntigenEntity[] {
  return startingWithin(doc.antigens, span).filter((a) => a.span.end <= span.end && a.span.start < span.end);
}

/** Words for a therapy patients had before the one a number is for: "after CD19 failure", "CD19-refractory". */
const PRIOR_THERAPY = /\bafter\b|fail|relaps|refractor|resist|prior|previous/i;

/** After an antigen: the therapy given ("CD19 CAR alone", "CD22 CAR T cells only"), not one that came before. */
// (French "seuls", Spanish "solos", German "allein".)
const GIVEN_ALONE = /^[\s-]*(?:CAR[\s-]*)?(?:T(?:[\s-]*cells?)?\s*)?(?:alone|only|monotherapy|seul(?:e|s|es)?|solos?|solas?|allein)(?![\p{L}\d])/iu;

/**
 * A CAR T-cell product named by its name ("tisagenlecleucel", "Kymriah"; no digits, unlike "CD19 CAR"): the therapy
 * the number is for, unless the words just before say the patients had it before ("relapsed after tisagenlecleucel").
 */
function namedProductGiven(mention: AntigenEntity, clauseText: string, clause: Span): boolean {
  if (mention.construct !== 'CAR' || /\d/.test(mention.text)) return false;
  const before = clauseText.slice(Math.max(0, mention.span.start - clause.start - 30), mention.span.start - clause.start);
  return !PRIOR_THERAPY.test(before.slice(before.search(/[^,.;]*$/)));
}

function givenAlone(mention: AntigenEntity, clauseText: string, clause: Span): boolean {
  return GIVEN_ALONE.test(clauseText.slice(mention.span.end - clause.start, mention.span.end - clause.start + 24));
}

/**
 * Between a number and the therapy it is given for: "64% for CD22 alone", "47% with CD19/CD22", "\SI{64}{\percent} for",
 * "a 68% complete response rate with CD22 alone", "68% in B-ALL with CD22 alone",
 * "68% (CD22 alone)", "90% (dual CD19/CD22", and nothing in notes ("CR 68% CD22 alone, 90% CD19/CD22").
 */
const OWN_THERAPY_LEAD = /^[\s)\]}$]+$|^[\s)\]}$]*(?:in\s+(?:B-ALL|ALL|B-NHL|NHL|LBCL|DLBCL|lymphoma|leuka?emia|children|adults)\s+)?(?:of\s+(?:[\w/-]+\s+){0,3}?(?:patients|children|adults|cases)\s+|(?:[\w/-]+\s+){0,2}?(?:rates?|responses?|remissions?|CR|CRi)\s+)?(?:for|with|in|after|using|by|of|given|treated\s+with|receiving|avec|con|mit|sous)\s+(?:the\s+|a\s+|an\s+|les\s+|des\s+|los\s+|las\s+|den\s+|die\s+)?(?:constructions\s+|produits\s+)?$|^\s*[(\[]\s*(?:[a-z-]+\s+){0,2}$/i;

/** Where the words about a therapy named after its number end: "CD22 alone| and 47% ...", "CD22 alone| to 90%". */
const OWN_THERAPY_END = /[,;()]|\s(?:and|or|versus|vs\.?|compared|whereas|while|to|contre|et)\s|\d/i;

/**
 * "Pooled CR was 64% for CD22 alone and 47% for CD19/CD22 dual targeting": where a clause names several therapies,
 * a therapy named right after a number (with "for", "with", "in" ...) is that number's, and so are the words after it
 * up to the next number's ("dual targeting" is the 47%'s, not the 64%'s).
 */
function ownTherapy(mentions: readonly AntigenEntity[], stat: StatisticEntity, clauseText: string, clause: Span): { mention: AntigenEntity; words: string } | undefined {
  let therapies = 0;
  for (const m of mentions) if (!m.expression) therapies++;
  // "from 68% with CD22 alone to 90% with dual targeting": one therapy named, the other only in words.
  const inWords = therapies === 1 && BISPECIFIC_WORDS.test(clauseText) && mentions.some((m) => !m.expression && givenAlone(m, clauseText, clause));
  if (therapies < 2 && !inWords) return undefined;
  for (const mention of mentions) {
    if (mention.expression || mention.span.start < stat.span.end) continue;
    if (!OWN_THERAPY_LEAD.test(pastOwnBracket(stat, clauseText.slice(stat.span.end - clause.start, mention.span.start - clause.start)))) break;
    const after = clauseText.slice(mention.span.start - clause.start);
    const end = after.slice(mention.span.end - mention.span.start).search(OWN_THERAPY_END);
    return { mention, words: end < 0 ? after : after.slice(0, mention.span.end - mention.span.start + end) };
  }
  return therapyJustBefore(mentions, stat, clauseText, clause) ?? therapyOfConjunct(mentions, stat, clauseText, clause);
}

/**
 * "CD22 CAR T cells alone gave 68% in B-ALL and CD19/CD22 products 90%": the therapy named before a number, where the
 * one after it opens the next conjunct.
 */
function therapyOfConjunct(mentions: readonly AntigenEntity[], stat: StatisticEntity, clauseText: string, clause: Span): { mention: AntigenEntity; words: string } | undefined {
  let prior: AntigenEntity | undefined;
  let next: AntigenEntity | undefined;
  for (const m of mentions) {
    if (m.expression) continue;
    if (m.span.end <= stat.span.start) prior = m;
    else if (m.span.start >= stat.span.end) {
      next = m;
      break;
    }
  }
  if (!prior || !next || !CONJUNCT.test(clauseText.slice(stat.span.end - clause.start, next.span.start - clause.start))) return undefined;
  return { mention: prior, words: clauseText.slice(prior.span.start - clause.start, stat.span.start - clause.start) };
}

const CONJUNCT = /\s(?:and|whereas|while|but)\s/i;

/** The words after a statistic past the rest of a bracket it opened: "90% (95% CI 84-95|; n=297) for CD19/CD22". */
function pastOwnBracket(stat: StatisticEntity, after: string): string {
  if (stat.text.split('(').length <= stat.text.split(')').length) return after;
  const close = after.indexOf(')');
  return close >= 0 && close <= 40 && !after.slice(0, close).includes('(') ? after.slice(close) : after;
}

/**
 * Between a therapy and its number, in notes and slides: "CD22 alone 68%", "CD19/CD22: 90%", "CD22 CAR T cells, 68%",
 * and in prose: "than with CD22 alone (68%)", "and CD22 alone in 64%", "With CD22 alone, 64% of ..."; in German, "unter CD22-CAR-T-Zellen allein bei
 * 68 %", "unter CD19/CD22-Produkten bei 90 %".
 */
const THERAPY_THEN_NUMBER = /^[\s-]*(?:CAR[\s-]*)?(?:T(?:[\s-]*(?:cells?|Zellen))?\s*)?(?:products?|Produkte[n]?)?\s*(?:(?:alone|only|monotherapy|allein)\s*,?)?\s*(?:[:=(]|was|were|achieved|gave|yielded|in|bei|erreichten)?\s*$/i;

/** "Pooled CR: CD22 alone 68%, CD19/CD22 90%": the therapy named right before a number, with only its qualifier between. */
function therapyJustBefore(mentions: readonly AntigenEntity[], stat: StatisticEntity, clauseText: string, clause: Span): { mention: AntigenEntity; words: string } | undefined {
  for (let i = mentions.length - 1; i >= 0; i--) {
    const mention = mentions[i]!;
    if (mention.expression || mention.span.end > stat.span.start) continue;
    const words = clauseText.slice(mention.span.start - clause.start, stat.span.start - clause.start);
    return THERAPY_THEN_NUMBER.test(words.slice(mention.span.end - mention.span.start)) ? { mention, words } : undefined;
  }
  return undefined;
}

/** Words that make two antigens of a clause one therapy: "dual", "tandem", "cells that target both CD19 and CD22". */
const BISPECIFIC_WORDS = /\b(?:dual|bispecific|bi-specific|tandem|bicistronic|combined with CD19|combination|both CD\d+ and CD\d+|co-?target\w*|simultaneous(?:ly)?|(?:targeted|targeting|given|used)\s+together|together\s+(?:targeted|targeting))\b/i;

/** The therapy a number's context names: the antigens targeted, whether in one product, and subgroups named. */
export interface AntigenSignature {
  antigens: Set<string>;
  bispecific: boolean;
  expressions: Set<string>;
  /**
   * The antigens are the number's own therapy ("64% for CD22 alone", "CD19 CAR alone: CR 64%"), not merely named
   * near it ("CR in 73% of patients resistant to CD19 CAR T cells").
   */
  given: boolean;
}

/** The therapy the antigen mentions describe: the antigens targeted, whether in one product, and subgroups named. */
export function antigenSignature(mentions: readonly AntigenEntity[], bispecificWords: boolean, given = false): AntigenSignature {
  const antigens = new Set<string>();
  const expressions = new Set<string>();
  let bispecific = bispecificWords;
  for (const antigen of mentions) {
    // "CD19-negative B-ALL" describes the disease (a subgroup), not the therapy's target.
    if (antigen.expression) {
      expressions.add(antigen.canonical);
      continue;
    }
    if (antigen.antigens.length > 1 || antigen.construct === 'bispecific' || antigen.construct === 'dual') bispecific = true;
    for (const a of antigen.antigens) antigens.add(a);
  }
  return { antigens, bispecific, expressions, given };
}

/**
 * "21 and 34 patients, respectively": the numbers of the statistic's kind in its sentence before its "respectively",
 * when there are at least two and the statistic is one of them.
 */
export interface RespectiveNumbers {
  numbers: StatisticEntity[];
  /** Where "respectively" stands. */
  at: number;
}

/** A count written out of a whole that is a number: "24/30", "24 of 30", "11 out of the 15" (not "3 of them"). */
export const WRITTEN_WHOLE = /\d\s*(?:\/|of|out of)\s*(?:the\s+)?\d/;

/** Words for a pooled analysis of several trials. */
export const POOLED_WORK = /\b(?:meta-?analys[ie]s|systematic review|pooled (?:analysis|estimates?|data)|across (?:trials|studies))\b/i;

/**
 * A narrative citation that opens its sentence as its subject: "Shah et al. (2020) treated ...", "@pan2019 enrolled
 * ...", "\\citet{fry2018} report ...", after at most an answer's or a list's marker ("A. ", "- ").
 */
export function isSubjectCitation(text: string, citation: { span: Span; text: string }, sentenceSpan: Span): boolean {
  const { span, text: written } = citation;
  const lead = text.slice(sentenceSpan.start, span.start);
  if (span.start - sentenceSpan.start <= 4 && /^\W{0,2}(?:[A-Z][.)]\s*)?\W{0,2}$/.test(lead)) {
    // "[@fry2018] reported ...": a bracketed citation too, when a verb of reporting follows it.
    return NARRATIVE_CITATION.test(written) || REPORTING_VERB_AFTER.test(text.slice(span.end, span.end + 24));
  }
  // "Fry et al. [1] reported ...", "Fry and colleagues [@fry2018] found ...", "Fry et al.<sup>1</sup> treated ...".
  if (lead.length <= 40 && SUBJECT_AUTHOR.test(lead) && REPORTING_VERB_AFTER.test(text.slice(span.end, span.end + 24))) return true;
  // After a short opening: "As @fry2018 reported, ...", "According to Fry et al. (2018), ...", "In the NCI trial,
  // @fry2018 reported ...".
  const opening = lead.length <= 60 ? SUBJECT_OPENING.exec(lead) : null;
  if (!opening) return false;
  const author = lead.slice(opening[0].length);
  if (author !== '' && !SUBJECT_AUTHOR.test(author)) return false;
  if (opening[1]) return true;
  return (author !== '' || NARRATIVE_CITATION.test(written)) && REPORTING_VERB_AFTER.test(text.slice(span.end, span.end + 24));
}

/** What may open a sentence before the work that is its subject: "As", "According to", a phrase and a comma. */
const SUBJECT_OPENING = /^\W{0,2}(?:(As|According\s+to)\s+|[A-Z][\w'’-]*(?:\s+[\w'’/-]+){0,5},\s+)/u;

/** A first author opening a sentence, as its subject: "Fry et al.", "Pan and colleagues", "Shah". */
const SUBJECT_AUTHOR = /^\W{0,2}(?:[A-Z][.)]\s*)?\p{Lu}[\p{L}'’-]+(?:\s+(?:et\s+al\.?|and\s+(?:colleagues|co-?workers)|&\s+colleagues))?\s*$/u;

/** A verb of reporting right after a citation: its subject's. */
export const REPORTING_VERB_AFTER = /^\s*(?:reported|reports|report|found|find|showed|shows|show|treated|enrolled|infused|described|describe|observed|noted|achieved|demonstrated)\b/;

const NARRATIVE_CITATION = /^(?:@[\w:.-]+$|\\(?:[Cc]itet|[Tt]extcite)\*?[[{]|[\p{Lu}][^()]*\(\d{4}[a-z]?\)$)/u;

/**
 * Where a sentence's main clause starts after an opening phrase that sets something against it ("Unlike the pooled
 * rates of the meta-analysis [@fergusson2023], the Beijing cohort gave 71.6%"): what the phrase cites and says is not
 * the main clause's. 0 when the sentence has no such phrase.
 */
export function afterContrastingOpener(sentenceText: string): number {
  const opening = CONTRASTING_OPENER.exec(sentenceText);
  if (!opening) return 0;
  // The first comma or semicolon outside brackets ("Whereas the NCI trial (Fry et al., 2018) treated 21 patients, ...").
  let depth = 0;
  for (let i = opening[0].length; i < sentenceText.length; i++) {
    const c = sentenceText[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if ((c === ',' || c === ';') && depth === 0) {
      // "As opposed to Pan et al. (2019), who enrolled 34 patients, Fry et al. ...": a relative clause is the phrase's.
      if (c === ',' && RELATIVE_CLAUSE.test(sentenceText.slice(i + 1, i + 12))) continue;
      return i + 1;
    }
  }
  return 0;
}

const RELATIVE_CLAUSE = /^\s*(?:who|whose|which|where)\b/i;

const CONTRASTING_OPENER = /^[\s*_]*(?:unlike|in contrast (?:to|with)|compared (?:with|to)|as opposed to|whereas)\b/i;

/**
 * "both the NCI trial (16/21) and the meta-analysis (87%) [@fry2018; @fergusson2023]": the works of several cited
 * together that a number is given to by the words just before it naming a pooled analysis (the works whose titles say
 * they are one), when some of the cited works are and some are not.
 */
export function pooledWorksNamedFor(stat: StatisticEntity, text: string, clause: Span, references: readonly string[], ctx: LinkContext): string[] | undefined {
  const before = text.slice(Math.max(clause.start, stat.span.start - 40), stat.span.start);
  const named = POOLED_WORK.exec(before);
  if (!named || /\d/.test(before.slice(named.index))) return undefined;
  const cited = [...new Set(references)];
  const pooled = cited.filter((key) => POOLED_WORK.test(ctx.dataset.references.get(key)?.title ?? ''));
  return pooled.length > 0 && pooled.length < cited.length ? pooled : undefined;
}

const statisticsBySentence = new WeakMap<RecognizedDocument, Map<number, StatisticEntity[]>>();

/**
 * The statistics of one sentence, in order. Grouped once per document: a block of run-on text holds thousands of
 * numbers, and each asking the whole list for its sentence's would make linking quadratic.
 */
export function sentenceStatistics(doc: RecognizedDocument, sentence: number): readonly StatisticEntity[] {
  let bySentence = statisticsBySentence.get(doc);
  if (!bySentence) {
    bySentence = new Map();
    for (const s of doc.statistics) {
      const list = bySentence.get(s.sentence);
      if (list) list.push(s);
      else bySentence.set(s.sentence, [s]);
    }
    statisticsBySentence.set(doc, bySentence);
  }
  return bySentence.get(sentence) ?? [];
}

/** "respectively", and its abbreviation "resp." as non-native writers use it. */
const RESPECTIVELY = /\b(?:respectively\b|resp\.|respectivement\b|respectivamente\b|beziehungsweise\b|bzw\.)/i;

export function respectiveNumbers(doc: RecognizedDocument, stat: StatisticEntity, sentenceText: string, sentenceSpan: Span): RespectiveNumbers | undefined {
  const found = sentenceText.search(RESPECTIVELY);
  if (found < 0) return undefined;
  const at = sentenceSpan.start + found;
  // "Pooled CR was 64% [4]; severe CRS and severe ICANS occurred in 6% and 3%, respectively": the list starts after
  // the semicolon.
  const from = sentenceSpan.start + sentenceText.lastIndexOf(';', found) + 1;
  if (stat.span.start > at || stat.span.start < from) return undefined;
  // A percent and a count with its percent are numbers of one kind ("81% in ELIANA and 73% (11/15) in the NCI trial").
  const kind = (shape: StatisticEntity['shape']) => (shape === 'count-percent' ? 'percent' : shape);
  const numbers = sentenceStatistics(doc, stat.sentence).filter((s) => kind(s.shape) === kind(stat.shape) && s.span.start < at && s.span.start >= from);
  return numbers.length >= 2 ? { numbers, at } : undefined;
}

/**
 * "Severe CRS and severe ICANS occurred in 6% and 3%": two numbers of one kind joined by "and", without "respectively"
 * (read as a list only where as many endpoints are listed before them: see respectiveEndpoint).
 */
export function pairedNumbers(doc: RecognizedDocument, stat: StatisticEntity, text: string): RespectiveNumbers | undefined {
  // "nine and seven of the 21": a bare number before a count out of a total shares that total.
  // ("Severe CRS vs severe ICANS: 6% vs 3%" pairs as "and" does.)
  return twoNumbersJoined(doc, stat, text, (shape) => (shape === 'count-percent' ? 'percent' : shape === 'sample-size' ? 'count' : shape), /^\s*(?:and|&|vs\.?|versus)\s*$/i);
}

/**
 * "90% vs 68% for CD19/CD22 vs CD22 alone", "90% and 68% with CD19/CD22 and CD22 alone": two numbers of one kind
 * side by side, which name their therapies in a list as "respectively" would (see respectiveAntigen).
 */
export function parallelNumbers(doc: RecognizedDocument, stat: StatisticEntity, text: string): RespectiveNumbers | undefined {
  return twoNumbersJoined(doc, stat, text, (shape) => (shape === 'count-percent' ? 'percent' : shape), /^\s*(?:and|&|or|vs\.?|versus)\s*$/i);
}

/** The sentence's two numbers of the statistic's kind, when it is one of them and only `joiner` stands between them. */
function twoNumbersJoined(doc: RecognizedDocument, stat: StatisticEntity, text: string, kind: (shape: StatisticEntity['shape']) => string, joiner: RegExp): RespectiveNumbers | undefined {
  const numbers = sentenceStatistics(doc, stat.sentence).filter((s) => kind(s.shape) === kind(stat.shape));
  const pair = numbers.length === 2 && numbers.includes(stat) ? numbers : undefined;
  if (!pair || !joiner.test(text.slice(pair[0]!.span.end, pair[1]!.span.start))) return undefined;
  return { numbers: pair, at: pair[1]!.span.end };
}

/**
 * "68% and 90% for CD22 and CD19/CD22 CAR T cells, respectively": when as many therapies are named between a
 * sentence's numbers of one kind and its "respectively" as there are numbers, the k-th number is the k-th therapy's.
 */
const LIST_VERSUS = /^\s+(?:versus|vs\.?)\s$/i;

export function respectiveAntigen(doc: RecognizedDocument, text: string, stat: StatisticEntity, { numbers, at }: RespectiveNumbers): AntigenEntity | undefined {
  // "68% and 90%, respectively, for CD22 alone and CD19/CD22, whereas ...": the therapies after the word, in its clause.
  const sentenceEnd = doc.sentences[stat.sentence]?.span.end ?? at;
  // "... for CD19/CD22 vs CD22 alone": a "versus" between the therapies joins the list, it starts no clause.
  const breaks = clauseBreaks(text.slice(at, sentenceEnd), at).filter((b) => !LIST_VERSUS.test(text.slice(b.start, b.end)));
  const clauseEnd = breaks.length > 0 ? breaks[0]!.start : sentenceEnd;
  const following = antigensWithin(doc, stat.sentence, { start: at, end: clauseEnd }).filter((a) => !a.expression && a.span.start >= at && a.span.end <= clauseEnd);
  const lastNumberEnd = numbers[numbers.length - 1]!.span.end;
  const after = antigensWithin(doc, stat.sentence, { start: lastNumberEnd, end: at }).filter(
    (a) => !a.expression && a.span.start >= lastNumberEnd && a.span.end <= at,
  );
  if (after.length === numbers.length) return after[numbers.indexOf(stat)];
  // "CR rates with CD22 and CD19/CD22 CAR T cells were 68% and 90%, respectively": the therapies come first.
  const firstNumberStart = numbers[0]!.span.start;
  const sentenceStart = doc.sentences[stat.sentence]?.span.start ?? firstNumberStart;
  const before = antigensWithin(doc, stat.sentence, { start: sentenceStart, end: firstNumberStart }).filter(
    (a) => !a.expression && a.span.start >= sentenceStart && a.span.end <= firstNumberStart,
  );
  if (after.length === 0 && before.length === numbers.length) {
    // "Compared with CD22 alone, CD19/CD22 gave 90% vs 68%": the therapy set against opens the sentence; the main
    // clause's is the first number's.
    const reversed = before.length === 2 && OPENS_AGAINST.test(text.slice(sentenceStart, before[0]!.span.start)) && text.slice(before[0]!.span.end, before[1]!.span.start).includes(',');
    return before[reversed ? numbers.length - 1 - numbers.indexOf(stat) : numbers.indexOf(stat)];
  }
  return after.length === 0 && before.length === 0 && following.length === numbers.length ? following[numbers.indexOf(stat)] : undefined;
}

/** A list of grades of one event: "grade 1 and 2", "grades 1, 2 and 3", "grade 1 and grade 2". */
const GRADE_LIST = /\bgrades?\s*([1-5])((?:\s*(?:,|and|or|&)\s*(?:and\s+)?(?:grade\s*)?[1-5])+)(?![\d–-])/gi;

/**
 * "Grade 1 and 2 CRS occurred in 9 and 7 patients, respectively": the k-th number counts the k-th grade of the event
 * its endpoint names, when the grades listed before the numbers are as many as they.
 */
export function respectiveGrade(text: string, stat: StatisticEntity, { numbers }: RespectiveNumbers, endpoint: TermHit, endpoints: ReadonlyMap<string, Endpoint>): TermHit | undefined {
  // "Grade 1 and grade 2 CRS": the term nearest the numbers names one grade; the list is of the event's.
  const own = endpoints.get(endpoint.id);
  const event = own?.grades && own.parent ? own.parent : endpoint.id;
  if (!hasGradedEndpoints(event, endpoints)) return undefined;
  const from = Math.max(0, numbers[0]!.span.start - 160);
  let list: RegExpExecArray | undefined;
  GRADE_LIST.lastIndex = 0;
  const before = text.slice(from, numbers[0]!.span.start);
  for (let m = GRADE_LIST.exec(before); m; m = GRADE_LIST.exec(before)) list = m;
  if (!list) return undefined;
  const grades = [Number(list[1]), ...[...list[2]!.matchAll(/[1-5]/g)].map((g) => Number(g[0]))];
  if (grades.length !== numbers.length) return undefined;
  const grade = grades[numbers.indexOf(stat)]!;
  const start = from + list.index;
  const end = start + list[0].length;
  return gradeOfEvent(event, { low: grade, high: grade }, start, end, text, endpoints);
}

/** Between an endpoint and its restatement in parentheses: "severe CRS (grade ≥3)". */
const RESTATED = /^\s*[([]\s*$/;

/** Between two endpoints of a list: "CRS and CR", "CRS, ICANS and CR", "severe CRS (grade ≥3) and severe ICANS". */
const LISTED = /^\s*(?:\([^()]{0,40}\)\s*)?(?:,|and|or|&|vs\.?|versus)[\s,]*(?:and\s+|or\s+)?$/i;

/** Between two endpoints of a list, each with its verb: "received no further treatment or were bridged to transplantation". */
const LISTED_WITH_VERB = /^\s*,?\s*(?:and|or)\s+(?:[a-z]+\s+){1,3}$/i;

/**
 * "Rates of CRS and complete remission were 76% and 73%, respectively": when the endpoints listed last before a
 * sentence's numbers of one kind are as many as the numbers, the k-th number is the k-th endpoint's.
 */
export function respectiveEndpoint(stat: StatisticEntity, { numbers, at }: RespectiveNumbers, hits: readonly TermHit[], text: string, sentenceHits: readonly TermHit[] = hits): TermHit | undefined {
  // "Severe CRS (grade ≥3) and severe ICANS": a parenthesis that names its endpoint again is not another endpoint.
  const before = hits.filter((h, k) => {
    if (h.end > numbers[0]!.span.start) return false;
    const previous = hits[k - 1];
    return !previous || previous.id !== h.id || !RESTATED.test(text.slice(previous.end, h.start));
  });
  if (before.length < numbers.length) {
    // "Seven and eleven CR patients received no further treatment or were bridged to transplantation, respectively":
    // the endpoints come after the numbers, before the word (all the sentence's: what a count's own words would not
    // give it, the list does).
    const lastEnd = numbers[numbers.length - 1]!.span.end;
    // "seven patients in CR received ...": a term that says whom the numbers count is not one of the list.
    const after = sentenceHits.filter((h) => h.start >= lastEnd && h.end <= at).slice(-numbers.length);
    if (after.length !== numbers.length) return undefined;
    for (let j = 0; j + 1 < after.length; j++) {
      const between = text.slice(after[j]!.end, after[j + 1]!.start);
      if (!LISTED.test(between) && !LISTED_WITH_VERB.test(between)) return undefined;
    }
    return after[numbers.indexOf(stat)];
  }
  const listed = before.slice(before.length - numbers.length);
  for (let j = 0; j + 1 < listed.length; j++) if (!LISTED.test(text.slice(listed[j]!.end, listed[j + 1]!.start))) return undefined;
  return listed[numbers.indexOf(stat)];
}

export type { LinkContext };
