/**
 * Provenance hovers. A statistic shows its verdict first, then the publication, population and endpoint, the quote
 * with a link that opens the source at that line, every fact when sources disagree, and why it was linked (the
 * scoring evidence, as cSpell's trace shows which dictionary matched). Antigens and citations show what the
 * vocabulary and the dataset hold about them. Hovers read the cached analysis only.
 */
import { MarkupKind, type Connection, type Hover, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis } from '../core/analyze';
import { describeFactValue, describeReference, describeWritten } from '../core/check/describe';
import { shortCitation } from '../core/dataset/names';
import type { Verdict } from '../core/check/findings';
import { sameAuthorYearOff } from '../core/check/checkDocument';
import type { Fact, Reference } from '../core/dataset/model';
import { repairMojibake } from '../core/dataset/quotes';
import type { LinkContext } from '../core/link/datasetView';
import type { ResolvedCitation } from '../core/link/resolveCitations';
import type { StatisticLink } from '../core/link/linkStatistics';
import { defaultAntigenVocabulary, type AntigenVocabulary } from '../core/recognize/vocabulary';
import type { AntigenEntity, CitationEntity, Span } from '../core/types';
import type { Services } from '../services';
import { entityIn, quoteLink, type EntityAt } from './definition';

const VERDICT_LABEL: Record<Verdict, string> = {
  supported: 'Supported',
  contradicts: 'Contradicts',
  inconsistent: 'Inconsistent',
  rounding: 'Rounded differently',
  'not-in-dataset': 'Not in the dataset',
  unverified: 'Unverified',
};

const MAX_LISTED_FACTS = 6;

export interface HoverText {
  span: Span;
  markdown: string;
}

/** What a hover reads: the block under the cursor (see DocumentAnalysis.blockAt). */
type HoveredBlock = NonNullable<ReturnType<DocumentAnalysis['blockAt']>>;

/** The hover text for whatever sits at `offset`, or undefined. */
export function hoverAt(analysis: DocumentAnalysis, offset: number, ctx: LinkContext, vocabulary: AntigenVocabulary = defaultAntigenVocabulary()): HoverText | undefined {
  const block = analysis.blockAt(offset);
  const at: EntityAt | undefined = block && entityIn(block, offset);
  if (!block || !at) return undefined;
  switch (at.kind) {
    case 'statistic':
      return { span: at.entity.span, markdown: statisticHover(block, at.index, ctx) };
    case 'citation':
      return { span: at.entity.span, markdown: citationHover(at.resolved, at.entity, ctx) };
    case 'antigen':
      return { span: at.entity.span, markdown: antigenHover(at.entity, ctx, vocabulary) };
  }
}

/** The hover of the block's statistic `index`. */
function statisticHover(block: HoveredBlock, index: number, ctx: LinkContext): string {
  const verdict = block.verdicts[index];
  const link = block.links[index];
  const stat = block.statistics[index];
  const fact = verdict?.factId ? ctx.dataset.factById.get(verdict.factId) : undefined;
  const reference = fact ? ctx.dataset.references.get(fact.reference) : undefined;
  const out: string[] = [];

  const kind = verdict?.verdict ?? 'unverified';
  let head = `**${VERDICT_LABEL[kind]}**`;
  // The number is a dataset fact's, but the text cites another work for it: not "supported" by what it cites.
  const codes = new Set(block.findings.filter((f) => f.statistic === block.statisticBase + index).map((f) => f.code));
  // ... nor is a number nothing near cites: it matches the work, and the text does not say so.
  const cited = link?.attributions.some((a) => a.reference === fact?.reference && a.strength !== 'previous');
  const agrees = kind === 'supported' || kind === 'rounding';
  if (fact && reference && codes.has('mislabelled-population')) head = `**Population mislabelled**: ${shortCitation(reference)} reports ${describeFactValue(fact)}`;
  else if (fact && reference && codes.has('citation-mismatch') && agrees) head = `**Another work's number**: ${shortCitation(reference)} reports ${describeFactValue(fact)}`;
  else if (fact && reference && !cited && agrees) {
    // As the diagnostics say: a hint only where the words tie the number to the work, not on a value alone.
    head = codes.has('unsupported-statistic')
      ? `**Matches** ${shortCitation(reference)}: ${describeFactValue(fact)}, which the text does not cite here`
      : `**Same value as** ${shortCitation(reference)}: ${describeFactValue(fact)}, which nothing here cites (too little in its words ties it to that work to suggest citing it)`;
  }
  else if (fact && reference) {
    // A fact whose origin was not found supports nothing: the number matches what the dataset only attributes.
    if (agrees && fact.status === 'unverified') head = `**Matches an unverified attribution** to ${shortCitation(reference)}: ${describeFactValue(fact)} (its origin was not found in the sources)`;
    else if (agrees) head += ` by ${shortCitation(reference)}: ${describeFactValue(fact)}`;
    else if (kind === 'contradicts') head += ` ${shortCitation(reference)}, which reports ${describeFactValue(fact)}`;
    else head += `: ${shortCitation(reference)} reports ${describeFactValue(fact)}`;
  } else if (kind === 'not-in-dataset') {
    head += link?.citesOutsideDataset ? ': the sentence cites a source the dataset does not hold.' : ': no fact in the dataset matches this number and its words.';
  }
  out.push(`${head}  \n\`${escapeCode(describeWritten(stat))}\``);

  const messages = block.findings.filter((f) => f.statistic === block.statisticBase + index).map((f) => `- ${escapeMarkdown(f.message)} *(${f.code})*`);
  if (messages.length > 0) out.push(messages.join('\n'));

  if (fact && reference) {
    out.push(publication(reference));
    out.push(factDetails(fact, ctx));
    out.push(quoteBlock(fact, ctx));
    const others = disagreeingFacts(fact, verdict?.otherFactIds ?? [], ctx);
    if (others.length > 0) {
      // A value two sources print alike is listed once.
      const lines = [...new Set(others.map((f, i) => `- ${factLine(f, ctx)}${i === 0 ? ' *(linked)*' : ''}`))];
      out.push(`**Every fact for this endpoint** (values or populations differ):\n${lines.join('\n')}`);
    }
  }

  // Why linked: the scoring evidence of the chosen fact, as cSpell's trace shows which dictionary matched. With no
  // fact chosen, the closest one considered and why it fell short.
  const chosen = fact ? link?.candidates.find((c) => c.fact.id === fact.id) : undefined;
  const closest = chosen ? undefined : link?.candidates[0];
  const why: string[] = [];
  for (const c of [chosen ?? closest].filter((x) => x !== undefined)) {
    for (const e of c.evidence) why.push(`- ${escapeMarkdown(e.what)} (${e.weight > 0 ? '+' : ''}${e.weight})`);
    why.push(`- score ${round(c.score)} for \`${c.fact.id}\`${link && candidateCount(link) > 1 ? ` (best of ${candidateCount(link)} candidates)` : ''}`);
  }
  if (!chosen && !closest) {
    for (const a of link?.attributions ?? []) why.push(`- ${a.strength === 'alias' ? 'names' : 'cites'} ${describeReference(ctx, a.reference)} via \`${escapeCode(a.via)}\` (${a.strength})`);
    if (link?.endpoint) why.push(`- ${link.endpoint.byInterval ? 'the interval' : 'endpoint words'} "${escapeMarkdown(link.endpoint.text)}" (${escapeMarkdown(link.endpoint.label ?? ctx.dataset.endpoints.get(link.endpoint.id)?.label ?? link.endpoint.id)})`);
  }
  if (why.length > 0) {
    const title = chosen ? '**Why linked**' : closest ? `**Closest fact considered**: ${escapeMarkdown(describeFactValue(closest.fact))} (${escapeMarkdown(ctx.dataset.endpoints.get(closest.fact.endpoint)?.label ?? closest.fact.endpoint)}), not close enough` : '**What the text says**';
    out.push(`${title}\n${why.join('\n')}`);
  }
  return out.join('\n\n---\n\n');
}

function citationHover(resolved: ResolvedCitation | undefined, citation: CitationEntity, ctx: LinkContext): string {
  const out: string[] = [];
  for (const target of resolved?.targets ?? []) {
    if (target.references.length === 0) {
      const entry = target.target.kind === 'key' ? ctx.bibliography?.get(target.target.label) : undefined;
      if (entry) out.push(`**${escapeMarkdown(entry.key)}** is in ${escapeMarkdown(entry.file)}${entry.title ? `: *${escapeMarkdown(entry.title)}*` : ''}, but not in the Trial Lens dataset: numbers cited to it are not checked.`);
      else if (target.listEntry) out.push(`${target.listEntry.footnote !== undefined ? `Footnote ${escapeMarkdown(target.listEntry.footnote)}` : `Reference ${target.listEntry.number}`}: ${escapeMarkdown(target.listEntry.text)}\n\nNot in the Trial Lens dataset: numbers cited to it are not checked.`);
      else {
        // "(Fry et al., 2017)": the same first author's paper a year off, as the diagnostic suggests.
        const t = target.target;
        const near = t.kind === 'author' && t.year !== undefined ? sameAuthorYearOff(ctx, t.label, t.year).flatMap((key) => ctx.dataset.references.get(key) ?? []) : [];
        const written = t.kind === 'author' && t.year !== undefined ? `${t.label} ${t.year}` : t.label;
        out.push(`\`${escapeCode(written)}\` is in neither the dataset nor a bibliography of this document.${near.length === 1 ? ` The dataset has ${shortCitation(near[0]!)} (${near[0]!.key}): is that the paper?` : ''}`);
      }
      continue;
    }
    for (const key of target.references) {
      const reference = ctx.dataset.references.get(key);
      if (!reference) continue;
      const facts = ctx.dataset.index.byReference(key);
      const listed = facts.slice(0, MAX_LISTED_FACTS * 2).map((f) => `- ${factLine(f, ctx, false)}`);
      const more = facts.length > listed.length ? `\n- ... and ${facts.length - listed.length} more` : '';
      out.push(`${publication(reference)}\n\n**${facts.length} fact${facts.length === 1 ? '' : 's'} in the dataset**${listed.length ? `:\n${listed.join('\n')}${more}` : '.'}`);
    }
  }
  if (out.length === 0) out.push(`\`${escapeCode(citation.text)}\`: no reference found.`);
  return out.join('\n\n---\n\n');
}

export function antigenHover(antigen: AntigenEntity, ctx: LinkContext, vocabulary: AntigenVocabulary): string {
  const entry = vocabulary.byId.get(antigen.canonical);
  const out: string[] = [];
  const title = entry?.label && entry.label !== antigen.canonical ? `**${antigen.canonical}** (${escapeMarkdown(entry.label)})` : `**${antigen.canonical}**`;
  out.push(`${title}${entry ? ` · ${entry.kind.replace('-', ' ')}` : ''}`);
  if (entry) {
    const aliases = entry.aliases.filter((a) => a !== entry.id);
    if (aliases.length > 0) out.push(`Also written: ${aliases.map((a) => `\`${escapeCode(a)}\``).join(', ')}`);
    if (entry.description) out.push(escapeMarkdown(entry.description));
  }
  // A construct or expression state ("CD22-CAR", "CD19-negative") is about its plain antigens; a bispecific about both.
  const plain = antigen.antigens.length > 0 ? antigen.antigens : [antigen.canonical];
  const subject = plain.join('/');
  // Every fact that mentions the subject names its first antigen: the index narrows 100,000 facts to those.
  const mentions = ctx.dataset.index.byAntigenPart(plain[0]!).filter((f) =>
    f.antigens.some((a) => {
      const parts = a.split('/');
      return plain.length > 1 ? plain.every((p) => parts.includes(p)) : parts.includes(plain[0]);
    }),
  );
  if (mentions.length > 0) {
    const listed = mentions.slice(0, MAX_LISTED_FACTS).map((f) => `- ${factLine(f, ctx, false)}`);
    out.push(`**${mentions.length} dataset fact${mentions.length === 1 ? '' : 's'} mention ${subject}**:\n${listed.join('\n')}${mentions.length > listed.length ? `\n- ... and ${mentions.length - listed.length} more` : ''}`);
  } else out.push(`No dataset fact mentions ${subject}.`);
  return out.join('\n\n');
}

/** "Fry TJ, Shah NN, Orentas RJ (2018). *Title*. Nat Med. doi · PMID · NCT" with identifiers as links. */
export function publication(reference: Reference): string {
  const ids: string[] = [];
  if (reference.doi) ids.push(`[doi:${escapeMarkdown(reference.doi)}](https://doi.org/${encodeURI(reference.doi)})`);
  if (reference.pmid) ids.push(`[PMID ${reference.pmid}](https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(reference.pmid)}/)`);
  if (reference.pmcid) ids.push(`[${reference.pmcid}](https://www.ncbi.nlm.nih.gov/pmc/articles/${encodeURIComponent(reference.pmcid)}/)`);
  for (const trial of reference.trial ?? []) ids.push(`[${trial}](https://clinicaltrials.gov/study/${encodeURIComponent(trial)})`);
  // The first three, as Vancouver lists them, then "et al." when there are more.
  const authors = reference.authors.length > 0 ? `${reference.authors.slice(0, 3).map(escapeMarkdown).join(', ')}${reference.authors.length > 3 || reference.moreAuthors ? ', et al.' : ''}` : reference.key;
  return `${authors} (${reference.year}). *${escapeMarkdown(reference.title)}*. ${escapeMarkdown(reference.journal)}.${ids.length ? `  \n${ids.join(' · ')}` : ''}  \nKey: \`${reference.key}\``;
}

function factDetails(fact: Fact, ctx: LinkContext): string {
  const endpoint = ctx.dataset.endpoints.get(fact.endpoint)?.label ?? fact.endpoint;
  const lines = [
    `**Endpoint:** ${escapeMarkdown(endpoint)}${fact.timepoint ? ` (${escapeMarkdown(fact.timepoint)})` : ''}`,
    `**Population:** ${escapeMarkdown(fact.population)}${fact.disease ? ` · ${escapeMarkdown(fact.disease)}` : ''}`,
    `**Status:** ${statusText(fact)}`,
  ];
  if (fact.note) lines.push(`**Note:** ${escapeMarkdown(fact.note)}`);
  return lines.join('  \n');
}

function quoteBlock(fact: Fact, ctx: LinkContext): string {
  const source = ctx.dataset.sources.get(fact.source);
  const link = quoteLink(fact, ctx);
  const name = source?.title ?? source?.id ?? fact.source;
  const file = source ? source.path.split(/[\\/]/).pop() : undefined;
  const where = link ? `[${escapeMarkdown(name)} — ${file}, line ${fact.quoteLine + 1}](${link})` : escapeMarkdown(name);
  // A source stored with broken encoding is quoted as a reader would see it, and says so.
  // ... and a power of ten its extraction flattened ("1 × 106") is shown as the paper printed it ("1 × 10⁶").
  const repaired = repairMojibake(fact.quote).replace(/([×x]\s?)10([1-9])(?![\d.,])/g, (_m, times: string, exponent: string) => `${times}10${'⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(exponent)]}`);
  const note = repaired !== fact.quote ? ' (encoding repaired for display)' : '';
  return `> ${escapeMarkdown(repaired).replace(/\r?\n/g, '\n> ')}\n\n— ${where}${note}`;
}

function factLine(fact: Fact, ctx: LinkContext, withSource = true): string {
  const reference = ctx.dataset.references.get(fact.reference);
  const endpoint = ctx.dataset.endpoints.get(fact.endpoint)?.label ?? fact.endpoint;
  const link = withSource ? quoteLink(fact, ctx) : undefined;
  const parts = [
    `**${escapeMarkdown(describeFactValue(fact))}** ${escapeMarkdown(endpoint)}`,
    reference ? shortCitation(reference) : fact.reference,
    escapeMarkdown(fact.population),
    statusText(fact),
  ];
  if (fact.note) parts.push(escapeMarkdown(fact.note));
  return `${parts.join(' — ')}${link ? ` ([quote](${link}))` : ''}`;
}

/** The verdict's other serious candidates and every other fact of the same reference and endpoint. */
function disagreeingFacts(fact: Fact, otherIds: readonly string[], ctx: LinkContext): Fact[] {
  const out = new Map<string, Fact>();
  for (const id of otherIds) {
    const other = ctx.dataset.factById.get(id);
    if (other && other.id !== fact.id && other.endpoint === fact.endpoint) out.set(id, other);
  }
  for (const other of ctx.dataset.index.byReference(fact.reference)) {
    if (other.id !== fact.id && other.endpoint === fact.endpoint) out.set(other.id, other);
  }
  // Listed only when they disagree: another value, or the same value for another population.
  const value = describeFactValue(fact);
  const differ = [...out.values()].some((f) => describeFactValue(f) !== value || f.population !== fact.population);
  if (!differ) return [];
  return [fact, ...out.values()].slice(0, MAX_LISTED_FACTS + 1);
}

function statusText(fact: Fact): string {
  switch (fact.status) {
    case 'abstract':
      return 'checked against the abstract';
    case 'secondary':
      return 'secondary source only';
    case 'mislabelled':
      return 'mislabelled in a secondary source';
    case 'unverified':
      return 'unverified';
  }
}

function candidateCount(link: StatisticLink): number {
  return link.candidateCount ?? link.candidates.length;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Escapes what would change the meaning mid-line (emphasis, code, links, HTML); nothing here starts a line. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<])/g, '\\$1');
}

function escapeCode(text: string): string {
  return text.replace(/`/g, "'").replace(/\s+/g, ' ');
}

export function registerHover(connection: Connection, documents: TextDocuments<TextDocument>, services: Services): void {
  connection.onHover((params): Hover | null => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !services.isChecked(doc)) return null;
    const { analysis } = services.analyses.get(doc);
    if (!analysis) return null;
    const hover = hoverAt(analysis, doc.offsetAt(params.position), services.context());
    if (!hover) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: hover.markdown },
      range: { start: doc.positionAt(hover.span.start), end: doc.positionAt(hover.span.end) },
    };
  });
}
