/**
 * Turning links into verdicts and findings. The rule of thumb: a false alarm costs more trust than a missed one, so
 * a contradiction needs an attribution, the same endpoint, the same population and no sign of another study.
 */
import type { Fact } from '../dataset/model';
import { numberedEntries } from '../recognize/references';
import { editDistance, isTypingSlip } from '../text/typingSlip';
import { endpointFamily, isGroupEndpoint, LINK_THRESHOLD, type FactCandidate, type StatisticLink } from '../link/linkStatistics';
import { afterContrastingOpener, aliasMatcher, clauseAround as linkClauseAround, eventGradesOf, POOLED_WORK, populationWordsIn, sentenceStatistics } from '../link/context';
import { firstAuthorSurname, foldName } from '../dataset/names';
import type { LinkContext } from '../link/datasetView';
import type { ResolvedCitation } from '../link/resolveCitations';
import { factPercent, formatNumber, isLoose, isSizeEndpoint, roundHalfUp, trimNumber } from '../link/compare';
import type { RecognizedDocument, ReferenceListEntry, Span, StatisticEntity } from '../types';
import { checkArithmetic, replaceNumber, replacePercent } from './arithmetic';
import type { Finding, FindingFix, RelatedQuote, StatisticVerdict, TextEdit } from './findings';
import { describeFacts, describeReference, describeFactValue, describeWritten, endpointName } from './describe';
import { recognize } from '../recognize';
import { applyTextEdits } from '../edit/textEdits';
import { rememberIn } from '../remember';

export interface StatisticCheck {
  verdict: StatisticVerdict;
  findings: Finding[];
}

export function checkStatistic(text: string, doc: RecognizedDocument, index: number, link: StatisticLink, ctx: LinkContext): StatisticCheck {
  const stat = doc.statistics[index];
  const findings = checkArithmetic(text, doc, index);
  const inconsistent = findings.some((f) => f.code === 'arithmetic-inconsistency');
  // "74% (95% CI 34-61)": the estimate or its interval is wrong, and the dataset can still say which. A count that is
  // not its percent leaves no one number to compare.
  const countInconsistent = inconsistent && stat.count !== undefined && stat.total !== undefined;
  const serious = seriousCandidates(link);
  const verdict: StatisticVerdict = { statistic: index, verdict: inconsistent ? 'inconsistent' : 'not-in-dataset', otherFactIds: serious.map((c) => c.fact.id) };

  // Agreement with the named endpoint wins; a relative (MRD negativity for "response") only when the endpoint itself
  // has no fact the number contradicts.
  // "Eleven CR patients" matching some fact's count of 11 says little unless the text names the publication.
  const weakCount = (c: FactCandidate) => stat.shape === 'sample-size' && !isSizeEndpoint(c.fact.endpoint) && (c.attribution === undefined || c.attribution === 'previous');
  const agreeing = serious.filter((c) => isAgreement(c) && c.endpointMatch !== 'none' && !c.conflict && !weakCount(c));
  // (An unverified fact never calls a number wrong, nor does it keep the number from being another work's.)
  const exactDiffers = serious.some((c) => c.endpointMatch === 'exact' && !c.conflict && c.attribution && c.attribution !== 'previous' && !isAgreement(c) && c.fact.status !== 'unverified');
  const strong = link.attributions.filter((a) => a.strength === 'sentence' || a.strength === 'alias' || a.strength === 'paragraph');
  const found = agreeing.find((c) => c.endpointMatch === 'exact') ?? (exactDiffers ? undefined : agreeing[0]);
  // "CRS in 77% of patients [@maude2018]", "another trial reported 16 of 21": a number the text gives to a work outside
  // the dataset is that work's, whatever dataset fact it happens to equal, unless the text names the fact's work too.
  // Only the closest attribution can make a contradiction: a sentence that cites its own source is not about the
  // paragraph's other citations.
  const closest = strong.filter((a) => a.strength !== 'paragraph');
  // Nor is it the sentence's or paragraph's other works' ("similar to the 77% in ELIANA \citep{maude2018}", "16 of 21
  // (76%) \citep{fry2018}, compared with 77% in ELIANA"), though it be near one of theirs.
  const elsewhere = (link.citesOutsideDataset || link.otherStudyCue) && !closest.some((a) => a.reference === found?.fact.reference);
  const supporting = elsewhere ? undefined : found;
  // Of a paragraph's several works, the one the sentence before cites is the one an uncited sentence goes on about.
  const continued = strong.filter((a) => a.continues);
  const strongRefs = new Set((closest.length > 0 ? closest : continued.length > 0 ? continued : strong).filter((a) => !a.shared).map((a) => a.reference));

  // "73% of the 21 treated patients [1]": no count of 21 gives 73%, and the cited work's 73% is of another whole.
  if (inconsistent && stat.count === undefined && stat.total !== undefined) {
    // A population the sentence's other words name otherwise ("24/30 evaluable, i.e. 70.5% of all 30") is no bar.
    const ofAnother = link.candidates.find((c) => c.endpointMatch === 'exact' && (!c.conflict || /^the fact counts /.test(c.conflict)) && c.attribution !== undefined && c.attribution !== 'previous' && c.fact.total !== undefined && c.fact.total !== stat.total && percentAgrees(stat, c.fact));
    const arithmetic = findings.find((f) => f.code === 'arithmetic-inconsistency');
    if (ofAnother && arithmetic) {
      const where = describeReference(ctx, ofAnother.fact.reference);
      arithmetic.message += ` ${where} reports ${describeFactValue(ofAnother.fact)} for ${ofAnother.fact.population}: a whole from another cohort?`;
      arithmetic.related = relatedFor(ctx, [ofAnother.fact]);
      // "i.e. 70.5% of all 30 [@pan2019]", where Pan reports 70.5% of all 34: the words and the percent are the
      // work's, so the whole is the slip. The work's figure is this percent: no contradiction is said beside it.
      const totalSpan = stat.parts?.total;
      if (totalSpan && (ofAnother.attribution === 'sentence' || ofAnother.attribution === 'alias') && wholeIsTheSlip(ctx, text, stat, ofAnother.fact)) {
        const fix: FindingFix = { title: `Change the denominator to ${ofAnother.fact.total} as ${where} reports`, edits: [{ span: totalSpan, newText: writtenLike(text.slice(totalSpan.start, totalSpan.end), ofAnother.fact.total!) }], preferred: true };
        arithmetic.fixes = [fix, ...(arithmetic.fixes ?? []).map((f) => ({ ...f, preferred: false }))];
        arithmetic.factId = ofAnother.fact.id;
        verdict.factId = ofAnother.fact.id;
        return { verdict, findings };
      }
    }
  }

  if (supporting) {
    verdict.factId = supporting.fact.id;
    // "70.5% (24/34)" as the cited work prints it (it cuts 70.59% short): the text copies the paper; no rounding note.
    const asPrinted = supporting.fact.percent === stat.percent && supporting.fact.count === stat.count && supporting.fact.total === stat.total && supporting.attribution !== undefined && supporting.attribution !== 'previous';
    if (asPrinted) for (let k = findings.length - 1; k >= 0; k--) if (findings[k]!.code === 'rounding') findings.splice(k, 1);
    if (!inconsistent) verdict.verdict = supporting.comparison.agreement.kind === 'rounding' ? 'rounding' : 'supported';
    if (inconsistent && supporting.attribution && supporting.attribution !== 'previous') {
      // Arithmetic is wrong but the dataset agrees on the count: say so in the arithmetic message, and name the whole
      // the work gives the draft's percent for ("80% (24/34)": 80% is its 24 of 30 evaluable).
      const where = describeReference(ctx, supporting.fact.reference);
      // Read from the work's facts, not the link's candidates: the command line's link keeps only the likely ones.
      const otherWhole = ctx.dataset.index.byReference(supporting.fact.reference).find((f) => f !== supporting.fact && f.endpoint === supporting.fact.endpoint && f.count === stat.count && f.total !== undefined && f.total !== stat.total && percentAgrees(stat, f));
      // "24 of 30 evaluable patients (70.5%)" where the work reports 80% (24/30) of the evaluable and 70.5% (24/34) of
      // all enrolled: the words name the whole as written, so the percent is the slip.
      const whole = otherWhole && !namesOnlyPopulationOf(supporting.fact, otherWhole, clauseAround(text, doc, stat)) ? otherWhole : undefined;
      // "70.5% and 70.5% (24/34)" is one value, said once.
      const value = describeFactValue(supporting.fact);
      const wholeValue = whole && describeFactValue(whole);
      const reports = wholeValue ? (wholeValue.startsWith(value) ? wholeValue : `${value} and ${wholeValue}`) : value;
      const also = whole ? ` for ${whole.population}: did you mean ${whole.count} of ${whole.total}?` : '.';
      // The work gives this very count of this whole: correcting the percent is what "Fix all" should do.
      const confirmed = !whole && supporting.fact.count === stat.count && (supporting.fact.total ?? stat.total) === stat.total;
      for (const f of findings) {
        if (f.code !== 'arithmetic-inconsistency') continue;
        const percent = stat.parts?.percent;
        const inPercent = (fix: FindingFix) => percent !== undefined && fix.edits.every((e) => e.span.start >= percent.start && e.span.end <= percent.end);
        // The work confirms the count: a fix to it, and the question whether it is the slip, go.
        if (supporting.fact.count === stat.count && f.fixes) {
          f.fixes = f.fixes.filter(inPercent);
          f.message = f.message.replace(/ Or is the count \d+ \([^)]*\)\?$/, '');
        }
        if (confirmed && percent && f.fixes?.length === 1 && inPercent(f.fixes[0]!)) {
          f.fixes[0]!.preferred = true;
          // "(70.5%)" for 24 of 30 becomes the work's "80%", as it prints it, not "80.0%".
          // (Not a table's one-decimal percent, "11/15 (73.0)": that becomes "73.3".)
          const padded = Number.isInteger(stat.percent) && (stat.percentDecimals ?? 0) > 0;
          const printed = padded ? undefined : printedPercent(supporting.fact, Math.round((stat.count! / stat.total!) * 100));
          if (printed !== undefined) {
            const written = text.slice(percent.start, percent.end);
            f.fixes[0] = { ...f.fixes[0]!, title: `Change to ${printed}% (${stat.count}/${stat.total})`, edits: [{ span: percent, newText: replacePercent(written, String(printed)) }] };
            f.message = f.message.replace(/did you mean [\d.]+%\?$/, `did you mean ${printed}%?`);
          }
        }
        f.message = `${f.message.replace(/; did you mean [\d.]+%\?$/, whole ? ';' : '$&')} ${where} reports ${reports}${also}`;
        const totalSpan = stat.parts?.total;
        if (whole && totalSpan) {
          const fix: FindingFix = { title: `Change the denominator to ${whole.total} as ${where} reports`, edits: [{ span: totalSpan, newText: writtenLike(text.slice(totalSpan.start, totalSpan.end), whole.total!) }], preferred: true };
          f.fixes = [fix, ...(f.fixes ?? []).map((x) => ({ ...x, preferred: false }))];
          f.related = relatedFor(ctx, [whole, supporting.fact]);
        }
      }
    }
    // Only a number the text attributes to the publication: an uncited one may be the writer's own.
    if (supporting.fact.status === 'mislabelled' && !inconsistent && supporting.attribution && supporting.attribution !== 'previous') findings.push(mislabelledFinding(ctx, stat, index, supporting.fact));
    const wrongSummary = !inconsistent && supporting.attribution && supporting.attribution !== 'previous' ? summaryWordFinding(text, doc, stat, index, supporting.fact, ctx) : undefined;
    if (wrongSummary) findings.push(wrongSummary);
    const wrongTime = !inconsistent && supporting.attribution && supporting.attribution !== 'previous' ? timepointFinding(text, doc, stat, index, supporting.fact, ctx) : undefined;
    if (wrongTime) findings.push(wrongTime);
    const citedElsewhere = strong.filter((a) => a.strength !== 'paragraph' && a.reference !== supporting.fact.reference);
    // A sentence that cites a work of its own is about that work, whatever else its paragraph cites or its words name
    // ("In the Beijing cohort, LFS was 71.6% [@shah2020]": the citation is what a reader follows).
    const cites = closest.filter((a) => a.strength === 'sentence');
    const citedHere = (cites.length > 0 ? cites : citedElsewhere.length > 0 ? closest : strong).some((a) => a.reference === supporting.fact.reference);
    const citedReportsEndpoint = citedElsewhere.length > 0 && hasFactForEndpoint(ctx, citedElsewhere[0].reference, supporting.fact.endpoint, true);
    const mismatched = !citedHere && citedElsewhere.length > 0 && !link.otherStudyCue;
    const dose = citedHere && !inconsistent ? otherDose(doc, index, supporting.fact) : undefined;
    if (dose) {
      // "11 of 15 (73%) at >= 1 x 10^5 cells/kg": the number is the work's, for patients given another dose.
      const where = describeReference(ctx, supporting.fact.reference);
      findings.push(anotherCohortWarning(ctx, dose.span, `${where} reports ${describeFactValue(supporting.fact)} for ${supporting.fact.population}; the draft gives it for ${describeWritten(dose)}.`, [supporting.fact], index));
    } else if (mismatched && !citedReportsEndpoint && !isDistinctiveMatch(stat, supporting)) {
      // A number that only rounds to the other work's (72% for 71.6%) may well be the cited work's own.
      if (isSameNumber(stat, supporting.fact)) findings.push(othersNumberFinding(ctx, stat, index, supporting, citedElsewhere[0]!.reference));
    } else if (mismatched) {
      const cited = citedElsewhere[0];
      findings.push({
        code: 'citation-mismatch',
        // Where the cited work reports nothing for the endpoint, the dataset cannot say it lacks the number.
        severity: citedReportsEndpoint ? 'error' : 'warning',
        span: stat.span,
        message: `${describeWritten(stat)} is ${describeReference(ctx, supporting.fact.reference)}'s number (${describeFactValue(supporting.fact)}), but the text cites ${describeReference(ctx, cited.reference)}${describeReferenceValue(ctx, cited.reference, supporting.fact)}.`,
        related: relatedFor(ctx, [supporting.fact]),
        factId: supporting.fact.id,
        reference: supporting.fact.reference,
        statistic: index,
      });
    } else if (supporting.comparison.agreement.kind === 'rounding' && !findings.some((f) => f.code === 'rounding')) {
      findings.push({
        code: 'rounding',
        severity: 'information',
        span: stat.span,
        message: `${supporting.comparison.agreement.detail}: ${describeReference(ctx, supporting.fact.reference)} reports ${describeFactValue(supporting.fact)}.`,
        related: relatedFor(ctx, [supporting.fact]),
        factId: supporting.fact.id,
        statistic: index,
      });
      // A fact whose origin was not found is no ground for suggesting its work be cited.
    } else if (uncitedHere(link, supporting.fact.reference) && supporting.endpointMatch === 'exact' && supporting.fact.status !== 'unverified' && (isGoodUnattributedMatch(supporting) || isDistinctiveMatch(stat, supporting)) && !isBound(stat) && !(doc.format === 'plaintext' && quotedLine(text, stat.span.start))) {
      findings.push({
        code: 'unsupported-statistic',
        severity: 'hint',
        span: stat.span,
        message: `Matches ${describeReference(ctx, supporting.fact.reference)}'s ${describeFacts(ctx, [{ fact: supporting.fact }])}, but ${citedAround(ctx, link, doc.sentences[stat.sentence]?.span)}.${supporting.fact.status === 'mislabelled' ? ` Note: ${mislabelNote(ctx, supporting.fact).message}` : ''}`,
        related: relatedFor(ctx, [supporting.fact]),
        factId: supporting.fact.id,
        reference: supporting.fact.reference,
        statistic: index,
      });
    }
    return { verdict, findings };
  }

  if (countInconsistent) {
    // "twelve of fifteen patients (73%)" where the cited work reports 73% (11/15): the count is the slip, not the percent;
    // ... or "73% (11/21)" where it reports 73% (11/15): the whole is the slip. Candidates of another whole are
    // not comparable, so all candidates are read, not only the serious ones.
    const oneOff = (fact: Fact) => fact.count !== undefined && fact.total !== undefined && (fact.total === stat.total) !== (fact.count === stat.count) && percentAgrees(stat, fact);
    const slip =
      link.candidates.find((c) => c.endpointMatch === 'exact' && !c.conflict && c.attribution !== undefined && c.attribution !== 'previous' && oneOff(c.fact)) ??
      (link.endpoint === undefined ? soleOneOffFact(link, ctx, oneOff) : undefined);
    const arithmetic = findings.find((f) => f.code === 'arithmetic-inconsistency');
    const part = slip && (slip.fact.total === stat.total ? 'count' : 'total');
    const partSpan = part && stat.parts?.[part];
    if (slip && arithmetic && part && partSpan) {
      const fact = slip.fact;
      const where = describeReference(ctx, fact.reference);
      // The arithmetic message's own guess ("did you mean 80%?") gives way to the number the work reports.
      arithmetic.message = `${arithmetic.message.replace(/, which no rounding makes ([\d.]+%); did you mean [\d.]+%\?$/, ', not $1;')} ${where} reports ${describeFactValue(fact)}: did you mean ${fact.count} of ${fact.total}?`;
      const value = part === 'count' ? fact.count! : fact.total!;
      const fix: FindingFix = { title: `Change the ${part === 'count' ? 'count' : 'denominator'} to ${value} as ${where} reports`, edits: [{ span: partSpan, newText: writtenLike(text.slice(partSpan.start, partSpan.end), value) }], preferred: true };
      arithmetic.fixes = [fix, ...(arithmetic.fixes ?? []).map((f) => ({ ...f, preferred: false }))];
      arithmetic.related = relatedFor(ctx, [fact]);
      arithmetic.factId = fact.id;
    }
    return { verdict, findings };
  }
  if (link.citesOutsideDataset || link.otherStudyCue) return { verdict, findings };

  // A contradiction: the attributed reference reports this endpoint, for this population, with another value.
  // "Among the 21 patients treated, CR was 57%" is not the 73% of 15 patients at the higher dose, when the work counts
  // others among 21 too (a cohort of 34 is none of the NCI trial's: its percent is some other work's).
  const ofOtherCohort = (f: Fact) => link.statedWhole !== undefined && f.total !== undefined && f.total !== link.statedWhole && isSubgroupSize(ctx, f.reference, link.statedWhole);
  const contradicted = serious.filter(
    (c) =>
      c.endpointMatch === 'exact' &&
      !c.conflict &&
      c.attribution !== undefined &&
      c.attribution !== 'previous' &&
      strongRefs.has(c.fact.reference) &&
      (c.comparison.agreement.kind === 'differs' || c.comparison.agreement.kind === 'drift') &&
      !ofOtherCohort(c.fact),
  );
  // "15 patients treated at the higher dose": a cohort size the reference reports for some subgroup is not a wrong
  // enrolment figure.
  if (contradicted.length > 0 && stat.shape === 'sample-size' && isSizeEndpoint(contradicted[0].fact.endpoint) && isSubgroupSize(ctx, contradicted[0].fact.reference, stat.value)) {
    // ... unless the words call the patients the whole enrolment and the subgroup is those the work could evaluate:
    // "the Beijing study enrolled 30 patients", where it enrolled 34 and evaluated 30.
    const best = contradicted[0];
    const evaluated = ctx.dataset.index.byReference(best.fact.reference).find((f) => f.total === stat.value && EVALUATED_GROUP.test(f.population));
    // (Within the number's clause: "enrolled 30 patients, and 24 of 30 evaluable ..." calls the 30 enrolled.)
    const sentence = doc.sentences[stat.sentence]?.span ?? stat.span;
    const clause = linkClauseAround(text.slice(sentence.start, sentence.end), sentence.start, stat.span);
    const clauseText = text.slice(Math.max(clause.start, stat.span.start - 60), Math.min(clause.end, stat.span.end + 30));
    if (evaluated && ENROLMENT_WORDS.test(clauseText) && !EVALUATED_GROUP.test(clauseText)) {
      const where = describeReference(ctx, best.fact.reference);
      const finding = anotherCohortWarning(ctx, stat.span, `${where} reports ${describeFacts(ctx, [{ fact: best.fact }])}; the draft's ${stat.value} are its ${evaluated.population} (as in its ${endpointName(ctx, evaluated.endpoint)}: ${describeFactValue(evaluated)}), not all it enrolled.`, [best.fact, evaluated], index);
      const fix = correctionFix(text, stat, best, ctx);
      if (fix) finding.fixes = [fix];
      findings.push(finding);
      verdict.verdict = 'contradicts';
      verdict.factId = best.fact.id;
    }
    return { verdict, findings };
  }
  // An unverified fact is shown in the hover but never used to call a number wrong.
  if (contradicted.length > 0 && contradicted[0].fact.status === 'unverified') return { verdict, findings };
  // "CRS in 76% of patients; in the updated cohort in 86.2% [@fry2018; @shah2020]": a citation naming several works
  // gives the number to one of them. Unless each reports the endpoint and none comes near the number, it may be the
  // other's.
  // The same holds for several works a table's caption or a paragraph cites, when nothing closer names one.
  const named = closest.length > 0 ? [...new Set(link.attributions.filter((a) => a.strength === 'sentence').map((a) => a.reference))] : [...strongRefs];
  if (contradicted.length > 0 && named.length > 1) {
    const endpoint = contradicted[0].fact.endpoint;
    const unknown = named.some((reference) => !hasFactForEndpoint(ctx, reference, endpoint));
    const near = link.candidates.some((c) => named.includes(c.fact.reference) && c.endpointMatch !== 'conflict' && c.endpointMatch !== 'none' && ['agrees', 'rounding', 'drift'].includes(c.comparison.agreement.kind));
    if (unknown || near) return { verdict, findings };
  }
  if (contradicted.length > 0) {
    const best = contradicted[0];
    const sameEndpointFacts = contradicted.filter((c) => c.fact.reference === best.fact.reference).map((c) => c.fact);
    const elsewhere = valueFromAnotherReference(link, best, ctx);
    const drift = best.comparison.agreement.kind === 'drift';
    const where = describeReference(ctx, best.fact.reference);
    // Each value once, with the population of the first fact that gives it (the best scored).
    const reports = describeFacts(ctx, distinctValues(sameEndpointFacts).map(({ value, first }) => ({ fact: first, value })));
    let finding: Finding;
    if (elsewhere || drift) {
      finding = {
        code: 'citation-mismatch',
        severity: 'error',
        span: stat.span,
        message: elsewhere
          ? `${describeWritten(stat)} matches ${describeReference(ctx, elsewhere.fact.reference)} (${describeFactValue(elsewhere.fact)}), not the cited ${where}, which reports ${reports}.`
          : `${where} reports ${reports}; ${describeWritten(stat)} is one point off it, a slip that creeps in as a number is copied from paper to paper.`,
        related: relatedFor(ctx, elsewhere ? [best.fact, elsewhere.fact] : sameEndpointFacts),
        factId: best.fact.id,
        statistic: index,
      };
    } else {
      finding = {
        code: 'contradicts-dataset',
        severity: 'error',
        span: stat.span,
        message: `${where} reports ${reports}${describeSource(ctx, best.fact)}; the draft says ${describeWritten(stat)}${countAsPercent(stat, best.fact)}.`,
        related: relatedFor(ctx, sameEndpointFacts),
        factId: best.fact.id,
        statistic: index,
      };
    }
    let fix = correctionFix(text, stat, correctionTarget(stat, contradicted.filter((c) => c.fact.reference === best.fact.reference)), ctx);
    // "| NHL | CD19/CD22 | 28 | 64% (46 to 81) |", where the work's 64% is of CD22 alone and 47% of CD19/CD22: the number
    // is the work's figure for the other therapy, so the therapy may be the slip as well as the number. The correction
    // is offered, not applied by "Fix all".
    // The same for a disease: "In B-ALL, CD22 CAR T cells alone gave 64% (95% CI 46-81)", the work's figure in NHL.
    const forOther = finding.code !== 'contradicts-dataset' ? undefined : serious.find((c) => c.endpointMatch === 'exact' && c.conflict !== undefined && (THERAPY_CONFLICT.test(c.conflict) || DISEASE_CONFLICT.test(c.conflict)) && c.fact.reference === best.fact.reference && isSameNumber(stat, c.fact));
    // A number given with its interval keeps them together: changing the estimate alone would leave the other figure's
    // interval behind it ("64% (95% CI 46-81)" made "47% (95% CI 46-81)"), so no correction is offered then.
    if (forOther && stat.ci) fix = undefined;
    if (forOther) {
      if (fix) fix.preferred = false;
      finding.message = `${finding.message.replace(/\.$/, '')}, its figure for ${forOther.fact.population}: is the ${THERAPY_CONFLICT.test(forOther.conflict!) ? 'therapy' : 'disease'} the slip?`;
      finding.related = relatedFor(ctx, [...sameEndpointFacts, forOther.fact]);
    }
    // "A meta-analysis ... found CRS in 87% [@fry2018]": the words name a pooled analysis and the work is one trial, so
    // the citation may be the slip as well as the number. The correction is offered, not applied by "Fix all".
    // (Not the pooled analysis an opening "Unlike ..." sets the number against.)
    const sentence = doc.sentences[stat.sentence];
    const said = sentence ? text.slice(sentence.span.start, sentence.span.end) : '';
    if (fix && sentence && POOLED_WORK.test(said.slice(afterContrastingOpener(said))) && !/pooled|meta-analysis/i.test(best.fact.population)) {
      fix.preferred = false;
      finding.message += ` The sentence speaks of a pooled analysis, and ${where} is not one: is the citation the slip?`;
    }
    // "58 participants, 51 of whom ... [@fry2018]" where Fry et al. treated 21: "21 participants, 51 of whom" would be
    // worse. The number and the words that count out of it agree, so the citation may be the slip.
    const outgrown = fix && stat.shape === 'sample-size' ? countOutgrowing(text, doc, stat, Number(best.comparison.expected)) : undefined;
    if (fix && outgrown) {
      fix.preferred = false;
      finding.message += ` The draft's "${outgrown}" counts out of this number and would exceed ${best.comparison.expected}: is the citation the slip?`;
    }
    if (elsewhere) {
      // "Among all 34 enrolled patients, the 24 remissions are 70.5% [@fry2018]": a number that is the other work's to a
      // decimal or as its count of its whole, or beside such a number of that work, is that work's; the citation is the
      // likelier slip, and replacing it is the fix "Fix all" applies. Otherwise the number's correction is.
      finding.reference = elsewhere.fact.reference;
      const others = ctx.dataset.index.byReference(elsewhere.fact.reference).filter((f) => f.status !== 'unverified');
      const theirs = givesDistinctively(stat, elsewhere.fact) || sentenceStatistics(doc, stat.sentence).some((s) => s !== stat && others.some((f) => givesDistinctively(s, f)));
      if (fix && theirs) fix.preferred = false;
    }
    if (fix) finding.fixes = [fix];
    findings.push(finding);
    verdict.verdict = 'contradicts';
    verdict.factId = best.fact.id;
    return { verdict, findings };
  }

  // "17 of the 34 patients [@fry2018]" where Fry treated 21: a denominator larger than any cohort the cited work
  // reports is another cohort's (the count may well be right).
  // Only a denominator written with the count: one read from an earlier cohort size is checked as that size.
  const overCohort = stat.total === undefined || !stat.parts?.total || strongRefs.size !== 1 ? undefined : link.candidates.find(
    (c) => (c.attribution === 'sentence' || c.attribution === 'alias') && c.endpointMatch === 'exact' && !c.conflict && strongRefs.has(c.fact.reference) && c.fact.total !== undefined && c.fact.total !== stat.total && stat.total! > (largestCohort(ctx, c.fact.reference) ?? Infinity),
  );
  if (overCohort) {
    const where = describeReference(ctx, overCohort.fact.reference);
    const finding = anotherCohortWarning(ctx, stat.span, `${where} reports ${describeFacts(ctx, [{ fact: overCohort.fact }])}; the draft's ${stat.total} is more patients than any cohort ${where} reports (at most ${largestCohort(ctx, overCohort.fact.reference)}): a denominator from another cohort?`, [overCohort.fact], index);
    // "17 of 34 had prior CD19 therapy [@fry2018]", where Fry reports 17 of 21: the count is the work's, the whole is not.
    if (overCohort.fact.count === stat.count) finding.fixes = [{ title: `Change the denominator to ${overCohort.fact.total} as ${where} reports`, edits: wholeEdits(text, stat, overCohort.fact), preferred: true }];
    findings.push(finding);
    verdict.verdict = 'contradicts';
    verdict.factId = overCohort.fact.id;
    return { verdict, findings };
  }

  // "5 of 6 patients with CD19-dim or CD19-negative disease [@fry2018]" where Fry reports 5 of 5: the count is the
  // work's, the whole one it reports for no cohort at all.
  // "11 of 21 achieved CR [@fry2018]", where Fry reports 11 of 15 at the higher doses and 21 patients treated: the
  // count of one cohort over the whole of another, when the text gives the number to the work itself.
  const totalSpan = stat.parts?.total;
  const wholeOfWork = stat.total !== undefined && strongRefs.size === 1 && reportsWhole(ctx, [...strongRefs][0]!, stat.total);
  const wrongWhole = stat.count === undefined || stat.total === undefined || !totalSpan || strongRefs.size !== 1 ? undefined : link.candidates.find(
    (c) => c.attribution !== undefined && c.attribution !== 'previous' && (!wholeOfWork || c.attribution === 'sentence' || c.attribution === 'alias') && c.endpointMatch === 'exact' && !c.conflict && strongRefs.has(c.fact.reference) && c.fact.count === stat.count && c.fact.total !== undefined && c.fact.total !== stat.total,
  );
  // ... unless the work reports the count over this whole too, for a population the words do not name (see below).
  const sameNumbers = wholeOfWork && link.candidates.some((c) => strongRefs.has(c.fact.reference) && c.endpointMatch === 'exact' && c.fact.count === stat.count && c.fact.total === stat.total);
  if (wrongWhole && !sameNumbers) {
    const where = describeReference(ctx, wrongWhole.fact.reference);
    const whole = wholeOfWork ? `, the count of that cohort over another whole ${where} reports` : `; ${where} reports no cohort of ${stat.total}`;
    const finding = anotherCohortWarning(ctx, stat.span, `${where} reports ${describeFacts(ctx, [{ fact: wrongWhole.fact }])}; the draft says ${describeWritten(stat)}${whole}: did you mean ${wrongWhole.fact.count} of ${wrongWhole.fact.total}?`, [wrongWhole.fact], index);
    finding.fixes = [{ title: `Change the denominator to ${wrongWhole.fact.total} as ${where} reports`, edits: wholeEdits(text, stat, wrongWhole.fact), preferred: true }];
    findings.push(finding);
    verdict.verdict = 'contradicts';
    verdict.factId = wrongWhole.fact.id;
    return { verdict, findings };
  }

  // "In PMID 31110217 [Pan 2019], CRS occurred in 50 of 58": a work with no figure for the endpoint, and a denominator
  // larger than any cohort it reports. The number is most likely another work's.
  // Not in a sentence that sets its numbers beside the cited work's ("19 of 24 in this cohort, higher than the 73% of
  // Fry et al. [1]"): the citation is then for the other number.
  const cohortCited = stat.total === undefined || !stat.parts?.total || strongRefs.size !== 1 || link.otherStudyCue || !link.endpoint ? undefined : [...strongRefs][0]!;
  const cohortAttribution = cohortCited !== undefined && link.attributions.some((a) => a.reference === cohortCited && (a.strength === 'sentence' || a.strength === 'alias'));
  const largest = cohortAttribution && !hasFactForEndpoint(ctx, cohortCited!, link.endpoint!.id) ? largestCohort(ctx, cohortCited!) : undefined;
  const cohortFact = largest !== undefined && stat.total! > largest && !SETS_BESIDE.test(doc.sentences[stat.sentence]?.text ?? '') ? largestCohortFact(ctx, cohortCited!, largest) : undefined;
  if (cohortFact) {
    const where = describeReference(ctx, cohortCited!);
    findings.push(anotherCohortWarning(ctx, stat.span, `The dataset holds no ${endpointName(ctx, link.endpoint!.id)} figure of ${where}, whose largest cohort is ${largest} patients (${describeFacts(ctx, [{ fact: cohortFact }])}); the draft's ${stat.total} are more: another work's number?`, [cohortFact], index));
    verdict.verdict = 'contradicts';
    verdict.factId = cohortFact.id;
    return { verdict, findings };
  }

  // "24 of 34 evaluable patients (Pan et al., 2019)": the count and whole are the work's, but for all 34 enrolled; of
  // the evaluable it reports another whole (24 of 30). The words name the wrong population for the numbers.
  // The population word must be the number's own ("24 of 34 evaluable"), not another number's in its clause.
  const relabelled = stat.total === undefined ? undefined : serious.find(
    (c) => c.endpointMatch === 'exact' && c.conflict !== undefined && /^the fact counts /.test(c.conflict) && isAgreement(c) && (c.attribution === 'sentence' || c.attribution === 'alias') && strongRefs.has(c.fact.reference) && c.fact.total === stat.total,
  );
  const ownWhole = relabelled && /evaluable|evaluated|assessable|enrolled/i.test(text.slice(stat.span.start, stat.span.end + 30)) && link.candidates.find((c) => c.fact.reference === relabelled.fact.reference && c.fact.endpoint === relabelled.fact.endpoint && c.fact.total !== undefined && c.fact.total !== stat.total && !c.conflict);
  if (relabelled && ownWhole) {
    const where = describeReference(ctx, relabelled.fact.reference);
    const finding = anotherCohortWarning(ctx, stat.span, `${where} reports ${describeFactValue(relabelled.fact)} for ${relabelled.fact.population}; for ${ownWhole.fact.population} it reports ${describeFactValue(ownWhole.fact)}: the draft gives the first whole to the second population.`, [ownWhole.fact, relabelled.fact], index);
    // The population words are the writer's choice to keep: the whole is what changes ("24 of 30 evaluable").
    const totalSpan = stat.parts?.total;
    if (totalSpan && ownWhole.fact.count === stat.count) {
      finding.fixes = [{ title: `Change the denominator to ${ownWhole.fact.total} as ${where} reports for ${ownWhole.fact.population}`, edits: [{ span: totalSpan, newText: writtenLike(text.slice(totalSpan.start, totalSpan.end), ownWhole.fact.total!) }], preferred: true }];
    }
    findings.push(finding);
    verdict.verdict = 'contradicts';
    verdict.factId = ownWhole.fact.id;
    return { verdict, findings };
  }

  // "5 of 5 patients with CD22-dim or CD22-negative B-ALL [@fry2018]": the work's number, which it reports for the
  // subgroup by the other antigen's expression (CD19-dim or CD19-negative). "CD19 CAR alone: CR 64% [4]": the work's
  // number for CD22 CAR T cells alone.
  // "5 of 5 with CD22-dim or CD22-negative disease responded": a count of its whole that is the work's is enough, even
  // with no endpoint words.
  const otherSubgroup = serious.find(
    (c) => (c.endpointMatch === 'exact' || (c.endpointMatch === 'none' && stat.count !== undefined && c.fact.count === stat.count && c.fact.total === stat.total)) && c.conflict !== undefined && (SUBGROUP_BY_ANOTHER_ANTIGEN.test(c.conflict) || BY_ANOTHER_THERAPY.test(c.conflict)) && isAgreement(c) && (c.attribution === 'sentence' || c.attribution === 'alias') && strongRefs.has(c.fact.reference),
  );
  if (otherSubgroup) {
    const byExpression = SUBGROUP_BY_ANOTHER_ANTIGEN.exec(otherSubgroup.conflict!);
    const [, theirs, ours] = byExpression ?? BY_ANOTHER_THERAPY.exec(otherSubgroup.conflict!)!;
    const where = describeReference(ctx, otherSubgroup.fact.reference);
    const finding = anotherCohortWarning(ctx, stat.span, `${where} reports ${describeFactValue(otherSubgroup.fact)} for ${otherSubgroup.fact.population}; the draft gives it to ${ours} ${byExpression ? 'disease' : 'CAR T cells'}: ${theirs}?`, [otherSubgroup.fact], index);
    // "... to CD19 CAR T cells alone": the one antigen the sentence names for the therapy is the slip, when it names
    // one plain antigen for one other.
    const named = byExpression ? [] : doc.antigens.filter((a) => a.sentence === stat.sentence && !a.expression && a.antigens.length === 1 && a.antigens[0] === ours);
    if (named.length === 1 && /^CD\d+$/.test(ours!) && /^CD\d+$/.test(theirs!)) {
      const antigen = named[0]!;
      const newText = text.slice(antigen.span.start, antigen.span.end).replace(ours!, theirs!);
      finding.fixes = [{ title: `Change ${antigen.text} to ${newText} as ${where} reports`, edits: [{ span: antigen.span, newText }], preferred: true }];
    }
    findings.push(finding);
    verdict.verdict = 'contradicts';
    verdict.factId = otherSubgroup.fact.id;
    return { verdict, findings };
  }

  // "With CD19 CAR T cells alone in B-ALL, CR was 90% [4]": the cited work reports the endpoint only for other
  // therapies (CD22 alone 68%, CD19/CD22 90%), so the number is not its figure for the therapy the draft names.
  const forOtherTherapies = serious.filter((c) => c.endpointMatch === 'exact' && c.conflict !== undefined && BY_ANOTHER_THERAPY.test(c.conflict) && (c.attribution === 'sentence' || c.attribution === 'alias') && strongRefs.has(c.fact.reference));
  if (forOtherTherapies.length > 0 && !link.otherStudyCue && !serious.some((c) => c.endpointMatch === 'exact' && !c.conflict && strongRefs.has(c.fact.reference))) {
    const best = forOtherTherapies[0]!;
    const [, , ours] = BY_ANOTHER_THERAPY.exec(best.conflict!)!;
    const facts = forOtherTherapies.filter((c) => c.fact.reference === best.fact.reference).map((c) => c.fact);
    const where = describeReference(ctx, best.fact.reference);
    findings.push(anotherCohortWarning(ctx, stat.span, `${where} reports ${describeFacts(ctx, distinctValues(facts).map(({ value, first }) => ({ fact: first, value })))}, and no figure for ${ours} CAR T cells; the draft says ${describeWritten(stat)} for them.`, facts, index));
    verdict.verdict = 'contradicts';
    verdict.factId = best.fact.id;
    return { verdict, findings };
  }

  // "Median persistence was 28 days [@shah2020]": the cited work has no figure for the endpoint in the dataset, and
  // another work's figure for it is this number. Information only: the dataset may lack the cited work's figure.
  const cited = strong.filter((a) => a.strength !== 'paragraph' && !a.shared);
  // A figure of another kind is none for this number: "a median remission of 6 months [@pan2019]", where Pan reports
  // only its patients' times in remission (6-14 months), and Fry a median of 6 months.
  const citedHasFigure = (reference: string, endpoint: string) => {
    if (!hasFactForEndpoint(ctx, reference, endpoint, true)) return false;
    const own = link.candidates.filter((c) => c.fact.reference === reference && c.fact.endpoint === endpoint);
    return own.length === 0 || own.some((c) => c.comparison.agreement.kind !== 'incomparable');
  };
  const othersNumber = cited.length === 0 ? undefined : link.candidates.find(
    (c) => c.endpointMatch === 'exact' && !c.conflict && c.comparison.agreement.kind === 'agrees' && isSameNumber(stat, c.fact) && !strong.some((a) => a.reference === c.fact.reference) && !cited.some((a) => citedHasFigure(a.reference, c.fact.endpoint)),
  );
  if (othersNumber) {
    // "1-year LFS of 71.6% [@fry2018]": a number no other work gives by chance (a count of its whole, a percent to a
    // decimal) is a warning even where too little else ties it to its work.
    findings.push(othersNumberFinding(ctx, stat, index, othersNumber, cited[0]!.reference, isDistinctiveMatch(stat, othersNumber) ? 'warning' : 'information'));
    // The hover shows whose number it is.
    verdict.factId = othersNumber.fact.id;
    if (!inconsistent) verdict.verdict = 'supported';
    return { verdict, findings };
  }

  // "Grade ≥ 2 CRS occurred in 6% [@fergusson2023]", where the work's 6% is of grade 3 or higher: the number is the
  // work's figure for another grade range of the event. Two nested ranges of one event give one figure only when no
  // patient had the grades between, so the grade is the likelier slip.
  const otherGrade = otherGradeOfEvent(ctx, link, stat, strongRefs);
  if (otherGrade) {
    const { fact, said } = otherGrade;
    const where = describeReference(ctx, fact.reference);
    const finding: Finding = {
      code: 'contradicts-dataset',
      severity: 'warning',
      span: stat.span,
      message: `${where} reports ${describeFacts(ctx, [{ fact }])}; the draft gives it to ${gradesName(said)}: is the grade right?`,
      related: relatedFor(ctx, [fact]),
      factId: fact.id,
      statistic: index,
    };
    const grade = gradeFix(text, doc, stat, link.endpoint!, said, ctx.dataset.endpoints.get(fact.endpoint)!.grades!);
    if (grade) finding.fixes = [{ ...grade, title: `${grade.title} as ${where} reports` }];
    findings.push(finding);
    verdict.verdict = 'contradicts';
    verdict.factId = fact.id;
    return { verdict, findings };
  }

  // "CRS occurred in 11 of 15 patients (73%) [@fry2018]", where Fry reports CRS in 16 of 21 and complete remission in
  // 11 of 15 (73%): the count and whole are the cited work's, for another endpoint. The words or the numbers slipped.
  const swappedEndpoint = endpointOfOtherFigure(ctx, link, stat, strongRefs);
  if (swappedEndpoint) {
    const { fact, own } = swappedEndpoint;
    const where = describeReference(ctx, fact.reference);
    const ownFacts = distinctValues(own).map(({ value, first }) => ({ fact: first, value }));
    findings.push({
      code: 'citation-mismatch',
      severity: 'warning',
      span: stat.span,
      message: `${own.length > 0 ? `${where} reports ${describeFacts(ctx, ownFacts)}` : `The dataset has no ${endpointName(ctx, link.endpoint!.id)} from ${where}`}; the draft's ${describeWritten(stat)} is its ${endpointName(ctx, fact.endpoint)} (${describeFactValue(fact)}, ${fact.population}): is the endpoint mixed up?`,
      related: relatedFor(ctx, [fact, ...own]),
      factId: fact.id,
      statistic: index,
      ...(own.length === 0 ? endpointWordsFix(text, link.endpoint!, endpointName(ctx, fact.endpoint)) : {}),
    });
    verdict.verdict = 'contradicts';
    verdict.factId = fact.id;
    return { verdict, findings };
  }

  // Weakly linked: no citation, but endpoint, denominator and context all point at one fact with another value.
  const weak = serious.find(
    (c) => c.endpointMatch === 'exact' && !c.conflict && c.comparison.agreement.kind === 'differs' && strong.length === 0 && stat.total !== undefined && c.fact.total === stat.total && c.score >= 6,
  );
  if (weak) {
    findings.push({
      code: 'contradicts-dataset',
      severity: 'information',
      span: stat.span,
      message: `Possibly ${describeReference(ctx, weak.fact.reference)}'s ${endpointName(ctx, weak.fact.endpoint)}, which is ${describeFactValue(weak.fact)} (${weak.fact.population}); nothing cites it here, so this may be another study.`,
      related: relatedFor(ctx, [weak.fact]),
      factId: weak.fact.id,
      statistic: index,
    });
  }
  return { verdict, findings };
}

type Grades = { low: number; high: number };

function gradesName(grades: Grades): string {
  return grades.high === 5 ? `grade ${grades.low} or higher` : grades.low === grades.high ? `grade ${grades.low}` : `grades ${grades.low}-${grades.high}`;
}

/** The cited work's figure, equal to the draft's number, for a grade range of the same event nested with the draft's. */
function otherGradeOfEvent(ctx: LinkContext, link: StatisticLink, stat: StatisticEntity, strongRefs: Set<string>): { fact: Fact; said: Grades } | undefined {
  if (!link.endpoint || link.otherStudyCue || link.citesOutsideDataset || strongRefs.size !== 1) return undefined;
  const said = eventGradesOf(link.endpoint.id, ctx.dataset.endpoints);
  if (!said) return undefined;
  const nested = (a: Grades, b: Grades) => (a.low <= b.low && a.high >= b.high) || (b.low <= a.low && b.high >= a.high);
  for (const c of link.candidates) {
    if (c.endpointMatch !== 'conflict' || !isAgreement(c) || (c.attribution !== 'sentence' && c.attribution !== 'alias') || !strongRefs.has(c.fact.reference) || c.fact.status === 'unverified') continue;
    const theirs = eventGradesOf(c.fact.endpoint, ctx.dataset.endpoints);
    if (!theirs || theirs.event !== said.event || (theirs.grades.low === said.grades.low && theirs.grades.high === said.grades.high)) continue;
    if ((nested(said.grades, theirs.grades) || noneHadGrades(ctx, c.fact.reference, said.event, said.grades)) && isSameNumber(stat, c.fact)) return { fact: c.fact, said: said.grades };
  }
  return undefined;
}

/**
 * Whether the work's counts of the event's grades add up to its count of the event, none of them within `grades`:
 * Fry's grade 1 in 9 and grade 2 in 7 are all 16 with CRS, so none had grade 3.
 */
function noneHadGrades(ctx: LinkContext, reference: string, event: string, grades: Grades): boolean {
  const facts = ctx.dataset.index.byReference(reference).filter((f) => f.status !== 'unverified' && f.count !== undefined);
  const whole = facts.find((f) => f.endpoint === event);
  if (!whole) return false;
  let sum = 0;
  const counted: Grades[] = [];
  for (const fact of facts) {
    const theirs = eventGradesOf(fact.endpoint, ctx.dataset.endpoints);
    if (!theirs || theirs.event !== event || (fact.total !== undefined && fact.total !== whole.total)) continue;
    if (theirs.grades.low <= grades.high && grades.low <= theirs.grades.high) return false;
    // Ranges that overlap one another would count a patient twice.
    if (counted.some((g) => theirs.grades.low <= g.high && g.low <= theirs.grades.high)) return false;
    counted.push(theirs.grades);
    sum += fact.count!;
  }
  return counted.length > 0 && sum === whole.count;
}

/** "Grade ≥ 2" becomes "Grade ≥ 3": the grade the endpoint's words give, when it is one bound like the work's. */
function gradeFix(text: string, doc: RecognizedDocument, stat: StatisticEntity, endpoint: { start: number; end: number }, said: Grades, theirs: Grades): { title: string; edits: TextEdit[]; preferred: boolean } | undefined {
  const single = theirs.low === theirs.high;
  if (!single && (said.high !== 5 || theirs.high !== 5)) return undefined;
  const grade = sentenceStatistics(doc, stat.sentence).find((s) => s.shape === 'grade' && s.value === said.low && s.span.start >= endpoint.start && s.span.end <= endpoint.end);
  if (!grade) return undefined;
  const written = text.slice(grade.span.start, grade.span.end);
  // "grade 3" becomes "grade 2"; not "grade ≥3", which would say more than the work's one grade.
  if (single && !/^grade\s*\d$/i.test(written)) return undefined;
  const newText = written.replace(String(said.low), String(theirs.low));
  if (newText === written) return undefined;
  return { title: `Change "${written}" to "${newText}"`, edits: [{ span: grade.span, newText }], preferred: true };
}

/**
 * The cited work's figure for another endpoint that is exactly the draft's count of its whole, where the work reports
 * the endpoint the draft names with other numbers. Only a count with its whole (or a percent to a decimal) is this
 * distinctive; a round percent two endpoints share by chance is not.
 */
function endpointOfOtherFigure(ctx: LinkContext, link: StatisticLink, stat: StatisticEntity, strongRefs: Set<string>): { fact: Fact; own: Fact[] } | undefined {
  if (!link.endpoint || link.otherStudyCue || link.citesOutsideDataset || strongRefs.size !== 1) return undefined;
  const countOfWhole = stat.count !== undefined && stat.total !== undefined;
  const decimalPercent = stat.percent !== undefined && (stat.percentDecimals ?? 0) > 0;
  if (!countOfWhole && !decimalPercent) return undefined;
  const reference = [...strongRefs][0]!;
  const family = endpointFamily(link.endpoint.id, ctx);
  const facts = ctx.dataset.index.byReference(reference).filter((f) => f.status !== 'unverified');
  const sameInterval = (f: Fact) => f.percent === stat.percent && f.ci !== undefined && stat.ci !== undefined && f.ci[0] === stat.ci.low && f.ci[1] === stat.ci.high;
  // "Beijing (Pan et al., 2019): 34 enrolled. 1-yr OS 71.6% (95% CI 44.2-99.0).": a percent with its very interval is
  // the work's figure, though the work is cited a sentence before it.
  const attributed = link.attributions.some((a) => a.reference === reference && (a.strength === 'sentence' || a.strength === 'alias'));
  if (!attributed && !(decimalPercent && stat.ci && facts.some((f) => !family.has(f.endpoint) && sameInterval(f)))) return undefined;
  // The endpoint's own figures must be of the same kind (a count for a count): a cohort's size is no figure to swap.
  const own = facts.filter((f) => family.has(f.endpoint) && (countOfWhole ? f.count !== undefined : f.percent !== undefined));
  if (own.some((f) => sameValue(stat, f))) return undefined;
  if (own.length === 0) {
    // "1-year overall survival was 71.6% (95% CI 44.2-99.0) [@pan2019]": the work reports no such endpoint, but this
    // percent with this very interval is another of its figures. Nothing less distinctive is read as a swap here.
    // A group named nearer the number than the outcome ("LFS of patients bridged to transplant was 71.6%") is whom
    // the figure is of, not another endpoint.
    const outcome = !isGroupEndpoint(link.endpoint.id, ctx);
    const fact = outcome && decimalPercent && stat.ci ? facts.find((f) => !family.has(f.endpoint) && sameInterval(f)) : undefined;
    return fact && { fact, own: [] };
  }
  const fact = facts.find((f) => !family.has(f.endpoint) && (countOfWhole ? f.count === stat.count && f.total === stat.total : f.percent === stat.percent));
  return fact && { fact, own: own.filter((f) => f.endpoint === link.endpoint!.id).length > 0 ? own.filter((f) => f.endpoint === link.endpoint!.id) : own };
}

/**
 * Candidates that can be a link: at or above LINK_THRESHOLD (best first, so the first below it ends them), about the
 * statistic's endpoint or a relative, with comparable values.
 */
/** Whether the statistic's percent is the fact's, as printed or after rounding. */
/**
 * "Fry et al. report 73% (11/16) [@fry2018]": words that name no outcome leave the cited work's one figure with this
 * percent and this count (or this whole) to say which number slipped; two such figures say nothing.
 */
function soleOneOffFact(link: StatisticLink, ctx: LinkContext, oneOff: (fact: Fact) => boolean): { fact: Fact } | undefined {
  const cited = new Set(link.attributions.filter((a) => a.strength === 'sentence' || a.strength === 'alias').map((a) => a.reference));
  let found: Fact | undefined;
  for (const reference of cited) {
    for (const fact of ctx.dataset.index.byReference(reference)) {
      if (fact.status === 'unverified' || !oneOff(fact) || fact.id === found?.id) continue;
      // The same figure told by two sources of one work (an abstract and a news report) is one figure.
      if (found && !(found.count === fact.count && found.total === fact.total && found.endpoint === fact.endpoint)) return undefined;
      found ??= fact;
    }
  }
  return found && { fact: found };
}

function percentAgrees(stat: StatisticEntity, fact: Fact): boolean {
  const truth = factPercent(fact);
  if (stat.percent === undefined || truth === undefined) return false;
  const decimals = stat.percentDecimals ?? 0;
  return Math.abs(roundHalfUp(truth, decimals) - stat.percent) < 1e-9 || (fact.percent !== undefined && Math.abs(fact.percent - stat.percent) < 1e-9);
}

/**
 * Where the work reports no such endpoint and the number with its interval is its figure for another, the words are
 * the slip: "overall survival" becomes "leukemia-free survival". An abbreviation ("OS") is left to the writer.
 */
function endpointWordsFix(text: string, written: { start: number; end: number }, name: string): Pick<Finding, 'fixes'> {
  const words = text.slice(written.start, written.end);
  if (!/[a-z]/.test(words)) return {};
  const newText = casedLike(words, name);
  return { fixes: [{ title: `Change "${words}" to "${newText}"`, edits: [{ span: { start: written.start, end: written.end }, newText }], preferred: true }] };
}

/** `word` with a capital where `place` had one ("Seven" for "seven" at a sentence's start), and none where it had none. */
function casedLike(place: string, word: string): string {
  if (!/^\p{L}/u.test(word) || !/^\p{L}/u.test(place)) return word;
  const capital = place[0] !== place[0]!.toLowerCase();
  return (capital ? word[0]!.toUpperCase() : word[0]!.toLowerCase()) + word.slice(1);
}

/**
 * A number written as the text writes the one it replaces: in words, capitalized or not, if that was in words
 * ("twelve" -> "eleven", "Seventy-five" -> "Seventy-three"); in digits otherwise, or past one hundred.
 */
function writtenLike(written: string, value: number): string {
  if (/^\s*\d/.test(written) || !Number.isInteger(value) || value < 0 || value > 100) return String(value);
  const words = numberInWords(value);
  return /^\s*[A-Z]/.test(written) ? words[0]!.toUpperCase() + words.slice(1) : words;
}

const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** 0 to 100 in words: "seven", "seventy-three", "one hundred". */
function numberInWords(value: number): string {
  if (value === 100) return 'one hundred';
  if (value < NUMBER_WORDS.length) return NUMBER_WORDS[value]!;
  const units = value % 10;
  return `${TENS[Math.floor(value / 10)]}${units ? `-${NUMBER_WORDS[units]}` : ''}`;
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

function seriousCandidates(link: StatisticLink): FactCandidate[] {
  const serious: FactCandidate[] = [];
  for (const c of link.candidates) {
    if (c.score < LINK_THRESHOLD) break;
    if (c.endpointMatch !== 'conflict' && c.comparison.agreement.kind !== 'incomparable') serious.push(c);
  }
  return serious;
}

/** The fact's number as printed: its percent, its count of the same whole, its value; not one it rounds to. */
function isSameNumber(stat: StatisticEntity, fact: Fact): boolean {
  if (stat.count !== undefined && stat.total !== undefined && fact.count !== undefined && fact.total !== undefined) return stat.count === fact.count && stat.total === fact.total;
  if (stat.percent !== undefined) return fact.percent !== undefined && Math.abs(fact.percent - stat.percent) < 1e-9;
  if (stat.shape === 'range') return stat.low !== undefined && stat.low === fact.low && stat.high === fact.high;
  const value = stat.value ?? stat.count;
  return value !== undefined && (fact.value ?? fact.count) === value;
}

/**
 * Another work's figure for an endpoint the cited work has none for in the dataset: information, since the dataset
 * may only lack the cited work's figure; the fix adds the other work's citation.
 */
function othersNumberFinding(ctx: LinkContext, stat: StatisticEntity, index: number, match: FactCandidate, citedReference: string, severity: 'warning' | 'information' = 'information'): Finding {
  const { fact } = match;
  return {
    code: 'citation-mismatch',
    severity,
    span: stat.span,
    message: `${describeWritten(stat)} is ${describeReference(ctx, fact.reference)}'s number (${describeFacts(ctx, [{ fact }])}); the text cites ${describeReference(ctx, citedReference)}, for which the dataset has no such figure.`,
    related: relatedFor(ctx, [fact]),
    factId: fact.id,
    reference: fact.reference,
    statistic: index,
  };
}

/**
 * The largest cohort a work reports: its largest denominator or patient count. Undefined when the dataset holds no
 * count of the work's patients (treated, enrolled ...), and so cannot say how many it had.
 */
function largestCohort(ctx: LinkContext, reference: string): number | undefined {
  const facts = ctx.dataset.index.byReference(reference);
  if (!facts.some((f) => isSizeEndpoint(f.endpoint))) return undefined;
  let largest = 0;
  for (const f of facts) {
    if (f.total !== undefined) largest = Math.max(largest, f.total);
    if (isSizeEndpoint(f.endpoint)) largest = Math.max(largest, f.value ?? f.count ?? 0);
  }
  return largest;
}

const SETS_BESIDE = /\b(?:than|versus|vs\.?|compared|in line with|similar to|whereas|while|our|we)\b/i;

/** The fact that states the cited work's largest cohort (its number of patients treated, most often). */
function largestCohortFact(ctx: LinkContext, reference: string, largest: number): Fact | undefined {
  const facts = ctx.dataset.index.byReference(reference);
  return facts.find((f) => isSizeEndpoint(f.endpoint) && (f.value ?? f.count) === largest) ?? facts.find((f) => f.total === largest);
}

/** Whether the work reports a whole of this many patients: a fact's denominator, or a cohort's size (patients treated ...). */
function reportsWhole(ctx: LinkContext, reference: string, value: number): boolean {
  return ctx.dataset.index.byReference(reference).some((f) => f.total === value || (isSizeEndpoint(f.endpoint) && (f.value ?? f.count) === value));
}

/**
 * Whether a percent's whole, which no count of it fits, is the slip rather than the percent: "70.5% of all 30", where
 * the work reports 70.5% of all 34 and 80% of the 30 evaluable. The words at the whole name the other fact's patients
 * ("all"), or the whole is no cohort the work reports for the endpoint. Words that name the whole's own cohort ("80% of
 * all 34 enrolled") or a whole the work reports ("80% of 34 patients") leave the percent as the slip.
 */
function wholeIsTheSlip(ctx: LinkContext, text: string, stat: StatisticEntity, other: Fact): boolean {
  const wordsOf = (t: string) => {
    const words = populationWordsIn(t);
    if (/\ball\b/i.test(t)) words.add('all');
    return words;
  };
  const said = wordsOf(text.slice(stat.span.start, stat.span.end + 30));
  const names = (fact: Fact) => [...wordsOf(fact.population)].some((word) => said.has(word));
  const ownWhole = ctx.dataset.index.byReference(other.reference).find((f) => f.endpoint === other.endpoint && f.total === stat.total);
  if (ownWhole && names(ownWhole)) return false;
  return names(other) || !ownWhole;
}

/** The patients a work could evaluate, as a fact's population or the draft's words name them. */
const EVALUATED_GROUP = /\b(?:evaluable|evaluated|assessable|assessed|could be evaluated)\b/i;
/** Words for the whole of a trial's patients. */
const ENROLMENT_WORDS = /\b(?:enrol(?:l?ed|ment|ling|s)|recruited|included|all\s+(?:the\s+)?patients)\b/i;

function isSubgroupSize(ctx: LinkContext, reference: string, value: number | undefined): boolean {
  if (value === undefined) return false;
  return ctx.dataset.index.byReference(reference).some((f) => f.total === value);
}

function isAgreement(c: FactCandidate): boolean {
  return c.comparison.agreement.kind === 'agrees' || c.comparison.agreement.kind === 'rounding';
}

/**
 * Two contradictions in one sentence where each number is the other's fact ("severe CRS in 3% and severe ICANS in 6%",
 * the work's are 6% and 3%; "grade 1 in seven and grade 2 in nine"): each message says the two look swapped. Findings
 * are changed in place; `perStatistic[i]` are statistic i's.
 */
export function nameSwaps(text: string, doc: RecognizedDocument, perStatistic: Finding[][], ctx: LinkContext, links: ReadonlyArray<StatisticLink | undefined> = []): void {
  const contradictions: Array<{ finding: Finding; stat: StatisticEntity; fact: Fact }> = [];
  perStatistic.forEach((findings, i) => {
    for (const finding of findings) {
      const fact = (finding.code === 'contradicts-dataset' || finding.code === 'citation-mismatch') && finding.factId !== undefined ? ctx.dataset.factById.get(finding.factId) : undefined;
      if (fact && finding.statistic === i) contradictions.push({ finding, stat: doc.statistics[i]!, fact });
    }
  });
  for (let a = 0; a < contradictions.length; a++) {
    for (let b = a + 1; b < contradictions.length; b++) {
      const x = contradictions[a]!;
      const y = contradictions[b]!;
      if (x.stat.sentence !== y.stat.sentence) continue;
      // Each number is a figure the other's work gives for the other's endpoint ("80% and 73% in the NCI and Beijing
      // trials, respectively", where the NCI trial reports 73% and Beijing 80%).
      // Or, told as citation mismatches, each number is the figure of the work cited for the other ("34 and 21 patients,
      // respectively [@fry2018; @pan2019]", where Fry et al. treated 21 and Pan et al. 34).
      const citedX = x.finding.code === 'citation-mismatch' ? citedFor(links[x.finding.statistic!]) : undefined;
      const citedY = y.finding.code === 'citation-mismatch' ? citedFor(links[y.finding.statistic!]) : undefined;
      const mismatched = citedX !== undefined && citedY !== undefined && citedX !== citedY && workReports(ctx, citedY, x.fact.endpoint, x.stat) && workReports(ctx, citedX, y.fact.endpoint, y.stat);
      if (!mismatched && (x.fact.id === y.fact.id || !reportsValue(ctx, y.fact, x.stat) || !reportsValue(ctx, x.fact, y.stat))) continue;
      // Numbers of two kinds ("6 months", "8 of 11") cannot trade places: their citations can.
      const oneKind = (x.stat.percent === undefined) === (y.stat.percent === undefined) && x.stat.unit === y.stat.unit && (x.stat.total === undefined) === (y.stat.total === undefined);
      const what = oneKind ? 'the two' : 'their citations';
      x.finding.message += ` The draft's ${describeWritten(y.stat)} next to it is this figure: are ${what} swapped?`;
      y.finding.message += ` The draft's ${describeWritten(x.stat)} next to it is this figure: are ${what} swapped?`;
      if (!oneKind) continue;
      // One fix swaps them back; each number's own correction stays on offer.
      const xs = numberSpan(x.stat);
      const ys = numberSpan(y.stat);
      const xText = text.slice(xs.start, xs.end);
      const yText = text.slice(ys.start, ys.end);
      const swap: FindingFix = {
        title: `Swap ${xText} and ${yText}`,
        // "Eleven and seven" becomes "Seven and eleven": each place keeps its capital.
        edits: [
          { span: xs, newText: casedLike(xText, yText) },
          { span: ys, newText: casedLike(yText, xText) },
        ],
        preferred: true,
      };
      for (const f of [x.finding, y.finding]) f.fixes = [swap, ...(f.fixes ?? []).map((fix) => ({ ...fix, preferred: false }))];
    }
  }
}

/** The one work a number's own citation names (its sentence's, not its paragraph's), if it names one. */
function citedFor(link: StatisticLink | undefined): string | undefined {
  const cited = link?.attributions.filter((a) => a.strength === 'sentence') ?? [];
  return cited.length === 1 ? cited[0]!.reference : undefined;
}

/** Whether a work gives a statistic's number for an endpoint (any size of cohort for a cohort size). */
function workReports(ctx: LinkContext, reference: string, endpoint: string, stat: StatisticEntity): boolean {
  return ctx.dataset.index.byReference(reference).some((f) => (f.endpoint === endpoint || (isSizeEndpoint(f.endpoint) && isSizeEndpoint(endpoint))) && f.status !== 'unverified' && sameValue(stat, f));
}

/** " (17 of 21 is 81%)": a percent compared with a count the work gives without one. */
function countAsPercent(stat: StatisticEntity, fact: Fact): string {
  if (stat.percent === undefined || fact.percent !== undefined || fact.count === undefined || fact.total === undefined || fact.total === 0) return '';
  const decimals = stat.percentDecimals ?? 0;
  return ` (${fact.count} of ${fact.total} is ${formatNumber(roundHalfUp((100 * fact.count) / fact.total, decimals), decimals)}%)`;
}

/** Where a statistic's compared number is written: its percent, count or value, else all of it. */
function numberSpan(stat: StatisticEntity): Span {
  return (stat.percent !== undefined ? stat.parts?.percent : undefined) ?? stat.parts?.count ?? stat.parts?.value ?? stat.span;
}

/** Whether `like`'s work reports the statistic's value for `like`'s endpoint (the same fact or another). */
function reportsValue(ctx: LinkContext, like: Fact, stat: StatisticEntity): boolean {
  if (sameValue(stat, like)) return true;
  // Another fact of the same figure (the work's figure as another of its sources gives it), not a figure for another
  // disease or therapy: "64% and 47% in B-ALL" are not the work's 68% and 90% in B-ALL swapped.
  const antigens = like.antigens.join('|');
  return ctx.dataset.index.byReference(like.reference).some((f) => f.endpoint === like.endpoint && f.disease === like.disease && f.antigens.join('|') === antigens && f.status !== 'unverified' && sameValue(stat, f));
}

/** Whether a statistic states a fact's own number (its percent, count or value). */
function sameValue(stat: StatisticEntity, fact: Fact): boolean {
  const written = stat.percent ?? stat.count ?? stat.value;
  const truth = stat.percent !== undefined ? factPercent(fact) : fact.count ?? fact.value ?? fact.total;
  return written !== undefined && truth !== undefined && Math.abs(written - truth) < 1e-9;
}

/**
 * Whether the line at `offset` is quoted ("> Could you check the NCI numbers? I have 21 patients ..."): in plain text,
 * someone else's words in a reply, which the writer cannot add a citation to. (A Markdown block quote is as often the
 * writer's own revised text, in a response to reviewers.)
 */
function quotedLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*>/.test(text.slice(lineStart, lineStart + 8));
}

/** A candidate's conflict when the draft names the fact's subgroup by another antigen (see scoreCandidate). */
const SUBGROUP_BY_ANOTHER_ANTIGEN = /^the fact is about (.+) disease, not (.+)$/;

/** A candidate's conflict when the draft names another therapy than the fact's, of any kind (see scoreCandidate). */
const THERAPY_CONFLICT = /^the fact is about .*(?:CAR T cells|dual targeting|single-antigen)/;
/** A candidate's conflict when the draft names another disease than the fact's (see scoreCandidate). */
const DISEASE_CONFLICT = /^the fact is about [A-Z][\w-]*$/;

/** A candidate's conflict when the draft gives the number to another single-antigen therapy (see scoreCandidate). */
const BY_ANOTHER_THERAPY = /^the fact is about (.+) CAR T cells, not (.+)$/;

/** The edits that give a count the work's whole: the denominator, and the percent written with it ("11 of 21 (52%)"). */
function wholeEdits(text: string, stat: StatisticEntity, fact: Fact): TextEdit[] {
  const totalSpan = stat.parts!.total!;
  const edits: TextEdit[] = [{ span: totalSpan, newText: writtenLike(text.slice(totalSpan.start, totalSpan.end), fact.total!) }];
  const percent = stat.parts?.percent;
  const factValue = factPercent(fact);
  if (percent && factValue !== undefined) {
    const decimals = stat.percentDecimals ?? 0;
    edits.push({ span: percent, newText: replacePercent(text.slice(percent.start, percent.end), formatNumber(fact.percent ?? roundHalfUp(factValue, decimals), decimals)) });
  }
  return edits.sort((a, b) => a.span.start - b.span.start);
}

/**
 * A work's number given to another cohort, population or dose than the work's: a warning (the number itself may be
 * right), about the first of `facts`, with each shown as related.
 */
function anotherCohortWarning(ctx: LinkContext, span: Span, message: string, facts: Fact[], statistic: number): Finding {
  return { code: 'contradicts-dataset', severity: 'warning', span, message, related: relatedFor(ctx, facts), factId: facts[0]!.id, statistic };
}

/** A fact's dose as its population states it ("patients receiving >= 1 x 10^6 CD22-CAR T cells/kg"), read once. */
const doseOfPopulation = new Map<string, StatisticEntity | null>();

function factDose(fact: Fact): StatisticEntity | undefined {
  return rememberIn(doseOfPopulation, fact.population, 1000, (population) => recognize(population, 'plaintext').statistics.find((s) => s.shape === 'dose') ?? null) ?? undefined;
}

/**
 * The dose the draft gives a number in its sentence, where the fact the number matches is of patients given another
 * one: "73% (11/15) of patients given at least 1 x 10^5 cells/kg" for the work's >= 1 x 10^6.
 */
function otherDose(doc: RecognizedDocument, index: number, fact: Fact): StatisticEntity | undefined {
  const wanted = factDose(fact);
  if (!wanted?.value || !wanted.unit) return undefined;
  const stat = doc.statistics[index]!;
  // The doses of the number's sentence, and the nearest of them before or after it.
  const doses: StatisticEntity[] = [];
  for (let i = index - 1; i >= 0 && doc.statistics[i]!.sentence === stat.sentence; i--) if (doc.statistics[i]!.shape === 'dose') doses.push(doc.statistics[i]!);
  const before = doses[0];
  for (let i = index + 1; i < doc.statistics.length && doc.statistics[i]!.sentence === stat.sentence; i++) if (doc.statistics[i]!.shape === 'dose') doses.push(doc.statistics[i]!);
  const after = doses.find((d) => d.span.start >= stat.span.end);
  const nearest = !before || (after && after.span.start - stat.span.end < stat.span.start - before.span.end) ? after : before;
  if (!nearest?.value || nearest.unit !== wanted.unit) return undefined;
  const same = (dose: StatisticEntity) => dose.value !== undefined && dose.unit === wanted.unit && Math.abs(Math.log10(dose.value / wanted.value!)) <= 0.01;
  // "at 1 × 10^6 or 3 × 10^6 cells/kg (73%)": the doses listed with the work's own are its cohort, said in full.
  return doses.some(same) ? undefined : nearest;
}

/**
 * Whether nothing near the number cites the work it matches: no citation in its sentence, and none in its paragraph
 * (or lead-in) naming that work. A paragraph that cites Fry 2018 does not cite Fergusson 2023's 68% for it.
 */
function uncitedHere(link: StatisticLink, reference: string): boolean {
  return link.attributions.every((a) => a.strength === 'previous' || (a.strength === 'paragraph' && a.reference !== reference));
}

/** "cites nothing", or what the paragraph around an uncited number cites instead. */
function citedAround(ctx: LinkContext, link: StatisticLink, sentence: Span | undefined): string {
  const around = link.attributions.filter((a) => a.strength === 'paragraph');
  if (around.length === 0) return 'cites nothing';
  // "73% (11/15) [@fry2018] and a pooled analysis found 68%": the sentence's citation closes another number's clause.
  // (A citation of an earlier block is placed at this block's start, an empty span.)
  const inSentence = sentence !== undefined && around.every((a) => a.span.end > a.span.start && a.span.start >= sentence.start && a.span.end <= sentence.end);
  const works = around.map((a) => describeReference(ctx, a.reference)).join(', ');
  return inSentence ? `its clause cites nothing (the sentence cites ${works} for another number)` : `its sentence cites nothing (the paragraph cites ${works})`;
}

/** "below 10%", "at least 70%": a bound a figure satisfies is no claim of that figure, to cite or not. */
function isBound(stat: StatisticEntity): boolean {
  return stat.comparator !== undefined && stat.comparator !== '=';
}

/**
 * A number with no citation is worth a hint only when more than the value ties it to the fact (or the value itself is
 * telling: "LFS was 71.6% (95% CI 44.2-99.0)", see isDistinctiveMatch).
 */
function isGoodUnattributedMatch(c: FactCandidate): boolean {
  return c.evidence.filter((e) => e.weight > 0 && !e.what.startsWith('the value')).length >= 2;
}

/**
 * The draft agrees with a number as a secondary source printed it, under a population that source got wrong: what the
 * publication reports it for is the same reference's fact with the same endpoint and value, when the dataset has it.
 */
function mislabelledFinding(ctx: LinkContext, stat: StatisticEntity, index: number, mislabelled: Fact): Finding {
  const { message, correct } = mislabelNote(ctx, mislabelled);
  return {
    code: 'mislabelled-population',
    severity: 'warning',
    span: stat.span,
    message,
    related: relatedFor(ctx, correct ? [correct, mislabelled] : [mislabelled]),
    factId: (correct ?? mislabelled).id,
    statistic: index,
  };
}

/** What a mislabelled fact really reports, and the fact that says so when the dataset has it. */
function mislabelNote(ctx: LinkContext, mislabelled: Fact): { message: string; correct?: Fact } {
  const value = describeFactValue(mislabelled);
  const correct = ctx.dataset.index
    .byReference(mislabelled.reference)
    .find((f) => f.status !== 'mislabelled' && f.endpoint === mislabelled.endpoint && describeFactValue(f) === value && f.antigens.join() === mislabelled.antigens.join());
  const source = ctx.dataset.sources.get(mislabelled.source);
  const where = source?.title ?? source?.path.split(/[\\/]/).pop() ?? 'a secondary source';
  const message = correct
    ? `${describeReference(ctx, mislabelled.reference)} reports ${value} for ${correct.population}, not for ${mislabelled.disease}: the label comes from ${where}.`
    : `${describeReference(ctx, mislabelled.reference)}'s ${value} is mislabelled in ${where}${mislabelled.note ? `: ${mislabelled.note}` : '.'}`;
  return { message, correct };
}

/**
 * A number that could hardly be another work's by chance: the same count of the same whole ("17 of 21"), or a percent
 * given to a decimal ("71.6%"), for the same endpoint.
 */
function isDistinctiveMatch(stat: StatisticEntity, c: FactCandidate): boolean {
  if (c.endpointMatch !== 'exact' || c.conflict || c.comparison.agreement.kind !== 'agrees') return false;
  return givesDistinctively(stat, c.fact);
}

/** Whether the statistic gives the fact's value in a way few other numbers would: a count of its whole, a decimal. */
function givesDistinctively(stat: StatisticEntity, fact: Fact): boolean {
  if (stat.count !== undefined && stat.total !== undefined) return fact.count === stat.count && fact.total === stat.total;
  // "range 4.6-13.3": two ends with decimals are as telling as a percent with one.
  if (stat.shape === 'range' && stat.low !== undefined && stat.high !== undefined) return fact.low === stat.low && fact.high === stat.high && (!Number.isInteger(stat.low) || !Number.isInteger(stat.high));
  return stat.percent !== undefined && (stat.percentDecimals ?? 0) >= 1 && fact.percent === stat.percent;
}

/**
 * A statistic of a sentence that gives, exactly, a figure of one dataset work by `author` (a count out of the same
 * whole, or a percent to a decimal): that work, and the number as written.
 */
function sameAuthorFigureIn(text: string, doc: RecognizedDocument, links: ReadonlyArray<StatisticLink | undefined>, ctx: LinkContext, author: string, sentence: number): { reference: string; written: string } | undefined {
  const works = new Set(ctx.resolver.byAuthorYear(author));
  if (works.size === 0) return undefined;
  for (let i = 0; i < doc.statistics.length; i++) {
    const stat = doc.statistics[i]!;
    if (stat.sentence !== sentence) continue;
    const match = links[i]?.candidates.find((c) => works.has(c.fact.reference) && isDistinctiveMatch(stat, c));
    if (match) return { reference: match.fact.reference, written: text.slice(stat.span.start, stat.span.end) };
  }
  return undefined;
}

/** The dataset's works by the same first author dated a year before or after `year` ("Fry et al., 2017" for Fry 2018). */
export function sameAuthorYearOff(ctx: LinkContext, author: string, year: number): string[] {
  return ctx.resolver.byAuthorYear(author).filter((key) => Math.abs((ctx.dataset.references.get(key)?.year ?? 0) - year) === 1);
}

/**
 * Whether a reference reports this endpoint or a relative of it (CR/CRi for complete remission). `verified`: only by a
 * fact whose origin was found, as what a message says the work reports must be.
 */
/** A count of the sentence out of the size `stat` gives ("51 of whom") that `value` would be too small for, as written. */
function countOutgrowing(text: string, doc: RecognizedDocument, stat: StatisticEntity, value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const part = doc.statistics.find((s) => s.sentence === stat.sentence && s.span.start > stat.span.end && s.total === stat.value && s.count !== undefined && s.count > value);
  return part && text.slice(part.span.start, part.span.end);
}

/**
 * "The mean remission duration was 6 months [@fry2018]" where the work reports a median of 6 months: the number is the
 * work's, the word for it is not. Said at the word, with a fix that writes the work's.
 */
function summaryWordFinding(text: string, doc: RecognizedDocument, stat: StatisticEntity, index: number, fact: Fact, ctx: LinkContext): Finding | undefined {
  const said = stat.statistic;
  const reported = fact.statistic;
  if (!said || !reported || said === reported || !SUMMARIES.has(said) || !SUMMARIES.has(reported)) return undefined;
  const sentence = doc.sentences[stat.sentence];
  const from = Math.max(sentence?.span.start ?? 0, stat.span.start - 80);
  let word: RegExpExecArray | undefined;
  SUMMARY_WORD.lastIndex = 0;
  const before = text.slice(from, stat.span.start);
  for (let m = SUMMARY_WORD.exec(before); m; m = SUMMARY_WORD.exec(before)) word = m;
  if (!word) return undefined;
  const span = { start: from + word.index, end: from + word.index + word[0].length };
  const replacement = word[0][0] === word[0][0]!.toUpperCase() ? reported[0]!.toUpperCase() + reported.slice(1) : reported;
  const where = describeReference(ctx, fact.reference);
  return {
    code: 'contradicts-dataset',
    severity: 'warning',
    span,
    message: `${where} reports ${describeFacts(ctx, [{ fact }])}; the draft calls it a ${said}: did you mean "${replacement}"?`,
    related: relatedFor(ctx, [fact]),
    factId: fact.id,
    statistic: index,
    fixes: [{ title: `Change "${word[0]}" to "${replacement}" as ${where} reports`, edits: [{ span, newText: replacement }], preferred: true }],
  };
}

/** When a fact's endpoint was measured, as a number of a unit: "day 30" is 30 days, "1 year" 1 years. */
function factTimepoint(fact: Fact): { value: number; unit: string } | undefined {
  const when = fact.timepoint?.trim().toLowerCase();
  if (!when) return undefined;
  const day = /^day\s+(\d+)$/.exec(when);
  if (day) return { value: Number(day[1]), unit: 'days' };
  const time = /^(\d+(?:\.\d+)?)[\s-]*(day|week|month|year)s?$/.exec(when);
  return time ? { value: Number(time[1]), unit: `${time[2]}s` } : undefined;
}

/** A time written before a number as when it was measured ("the 2-year LFS", "CR on day 28", "LFS at 2 years"). */
const TIME_LEAD = /\b(?:at|on|by)\s+$/i;

/**
 * "The 2-year leukemia-free survival was 71.6% [@pan2019]", where Pan reports 71.6% at 1 year: the number is the work's,
 * the time it is given for is not. Said at the time, with a fix that writes the work's. Months and years are compared
 * with each other ("12-month" is "1 year"); days and weeks only in their own unit.
 */
function timepointFinding(text: string, doc: RecognizedDocument, stat: StatisticEntity, index: number, fact: Fact, ctx: LinkContext): Finding | undefined {
  const when = factTimepoint(fact);
  if (!when) return undefined;
  const sentence = doc.sentences[stat.sentence];
  const from = Math.max(sentence?.span.start ?? 0, stat.span.start - 80);
  const isTime = (s: StatisticEntity) => s.shape === 'duration' && s.value !== undefined && s.unit !== undefined && (s.label === 'timepoint' || TIME_LEAD.test(text.slice(Math.max(0, s.span.start - 4), s.span.start)));
  // The nearest time before the number with no other number between, else one right after it ("71.6% at 1 year").
  let time: StatisticEntity | undefined;
  for (const s of sentenceStatistics(doc, stat.sentence)) {
    if (s === stat) continue;
    if (s.span.end <= stat.span.start && s.span.start >= from) time = isTime(s) ? s : undefined;
    else if (s.span.start >= stat.span.end) {
      if (!time && isTime(s) && /^[\s,]*$/.test(text.slice(stat.span.end, s.span.start).replace(TIME_LEAD, ''))) time = s;
      break;
    }
  }
  if (!time) return undefined;
  const inMonths = (value: number, unit: string) => (unit === 'years' ? value * 12 : unit === 'months' ? value : undefined);
  const said = inMonths(time.value!, time.unit!);
  const reported = inMonths(when.value, when.unit);
  const differs = said !== undefined && reported !== undefined ? Math.abs(said - reported) > 1e-9 : time.unit === when.unit && time.value !== when.value;
  if (!differs) return undefined;
  const written = text.slice(time.span.start, time.span.end);
  const where = describeReference(ctx, fact.reference);
  const finding: Finding = {
    code: 'contradicts-dataset',
    severity: 'warning',
    span: time.span,
    message: `${where} reports ${describeFacts(ctx, [{ fact }])} at ${fact.timepoint}; the draft says "${written}".`,
    related: relatedFor(ctx, [fact]),
    factId: fact.id,
    statistic: index,
  };
  // Written in the draft's unit: "2-year" becomes "1-year", "day 28" "day 30".
  if (time.unit === when.unit) {
    const newText = written.replace(/\d+(?:[.,]\d+)?/, String(when.value)).replace(/\b(year|month|week|day)s\b/i, (word, unit: string) => (when.value === 1 ? unit : word));
    if (newText !== written) finding.fixes = [{ title: `Change "${written}" to "${newText}" as ${where} reports`, edits: [{ span: time.span, newText }], preferred: true }];
  }
  return finding;
}

/** Summaries a number may be said to be, and the words for them. */
const SUMMARIES = new Set(['median', 'mean']);
const SUMMARY_WORD = /\b(?:median|mean|average)\b/gi;

/**
 * The part of the statistic's sentence between semicolons: "... 24 of 30 (70.5%) who could be evaluated; the 70.5%
 * refers to all 34 enrolled".
 */
function clauseAround(text: string, doc: RecognizedDocument, stat: StatisticEntity): string {
  const sentence = doc.sentences[stat.sentence]?.span ?? stat.span;
  const before = text.lastIndexOf(';', stat.span.start);
  const after = text.indexOf(';', stat.span.end);
  return text.slice(Math.max(sentence.start, before + 1), after < 0 ? sentence.end : Math.min(sentence.end, after));
}

/** Whether a sentence names the population of `named` (its words: "evaluable", "enrolled") and not that of `other`. */
function namesOnlyPopulationOf(named: Fact, other: Fact, sentence: string): boolean {
  const said = populationWordsIn(sentence);
  const names = (fact: Fact) => [...populationWordsIn(fact.population)].some((word) => said.has(word));
  return names(named) && !names(other);
}

function hasFactForEndpoint(ctx: LinkContext, reference: string, endpoint: string, verified = false): boolean {
  const family = endpointFamily(endpoint, ctx);
  return ctx.dataset.index.byReference(reference).some((f) => family.has(f.endpoint) && !(verified && f.status === 'unverified'));
}

/**
 * Another work's fact the number is: not one whose origin was not found, nor a bare percent for a number written with
 * its count ("70% (28/40)" is not a work's "70%" that gives no count).
 */
function valueFromAnotherReference(link: StatisticLink, best: FactCandidate, ctx: LinkContext): FactCandidate | undefined {
  const stat = link.statistic;
  const withCount = stat.count !== undefined && stat.total !== undefined;
  // "the same 24 remissions are 70.5% [@fry2018]": the other work's CR/CRi, which writers call remission, given to a
  // decimal (or as its count of its whole), is as telling as its own endpoint's words.
  const writtenAs = (c: FactCandidate) => c.endpointMatch === 'family' && link.endpoint !== undefined && ctx.dataset.endpoints.get(c.fact.endpoint)?.writtenAs === link.endpoint.id && givesDistinctively(stat, c.fact);
  return link.candidates.find(
    (c) => c.fact.reference !== best.fact.reference && (c.endpointMatch === 'exact' || writtenAs(c)) && !c.conflict && c.comparison.agreement.kind === 'agrees' && c.fact.status !== 'unverified' && (!withCount || c.fact.total !== undefined),
  );
}

/**
 * What the cited work reports for the number's endpoint: the facts most like the matched one (its own endpoint before
 * relatives, its disease and antigens), each value once, at most three. A list of every percent the work gives for
 * a family of endpoints ("68%; 90%; 47%; 47%; 64%") tells the reader nothing.
 */
function describeReferenceValue(ctx: LinkContext, reference: string, like: Fact): string {
  const family = endpointFamily(like.endpoint, ctx);
  const closeness = (f: Fact) => (f.endpoint === like.endpoint ? 4 : 0) + (f.disease === like.disease ? 2 : 0) + (f.antigens.join() === like.antigens.join() ? 1 : 0);
  // A fact whose origin was not found is not offered as what the work reports.
  const facts = ctx.dataset.index.byReference(reference).filter((f) => family.has(f.endpoint) && f.status !== 'unverified');
  if (facts.length === 0) return '';
  const ranked = facts.map((f, order) => ({ f, order, closeness: closeness(f) })).sort((a, b) => b.closeness - a.closeness || a.order - b.order);
  const best = ranked[0]!.closeness;
  // A figure for another endpoint or disease says for whom ("70% (CD19 immunotherapy-resistant B-ALL)"), lest it read
  // as the work's figure for the draft's.
  const values = distinctValues(ranked.filter((r) => r.closeness === best).map((r) => r.f)).map((v) =>
    v.first.endpoint !== like.endpoint || v.first.disease !== like.disease ? `${v.value} (${v.first.population})` : v.value,
  );
  return `, which reports ${values.slice(0, 3).join('; ')}${values.length > 3 ? '; ...' : ''}`;
}

/** Each value once: "70.5%" and "70.5% (24/34)" are one value, said the fuller way; `first` is the first fact giving it. */
function distinctValues(facts: readonly Fact[]): Array<{ value: string; first: Fact }> {
  const byValue = new Map<string, { value: string; first: Fact }>();
  for (const fact of facts) {
    const value = describeFactValue(fact);
    const key = value.replace(/\s*\(.*\)$/, '');
    const known = byValue.get(key);
    if (!known) byValue.set(key, { value, first: fact });
    else if (value.length > known.value.length) known.value = value;
  }
  return [...byValue.values()];
}

function describeSource(ctx: LinkContext, fact: Fact): string {
  const source = ctx.dataset.sources.get(fact.source);
  if (!source || source.reference === fact.reference) return '';
  return ` (as quoted in ${source.path.split(/[\\/]/).pop()})`;
}

export function relatedFor(ctx: LinkContext, facts: Fact[]): RelatedQuote[] {
  const related: RelatedQuote[] = [];
  for (const fact of facts) {
    const source = ctx.dataset.sources.get(fact.source);
    // Two facts from one quote (the same sentence, read for two populations) point at it once.
    if (!source || related.some((r) => r.sourcePath === source.path && r.span.start === fact.quoteSpan.start)) continue;
    related.push({
      factId: fact.id,
      sourcePath: source.path,
      span: fact.quoteSpan,
      line: fact.quoteLine,
      message: `${describeReference(ctx, fact.reference)}: "${fact.quote}"`,
    });
  }
  return related;
}

/**
 * Which of a work's contradicted facts a correction writes: the one of the draft's whole ("82% of the 30 evaluable" is
 * Pan's 80% (24/30), not its 70.5% of all 34), else the nearest in value, else the best scored.
 */
function correctionTarget(stat: StatisticEntity, candidates: FactCandidate[]): FactCandidate {
  if (candidates.length < 2) return candidates[0]!;
  const ofWhole = stat.total !== undefined ? candidates.find((c) => c.fact.total === stat.total) : undefined;
  if (ofWhole) return ofWhole;
  const written = stat.percent;
  if (written === undefined) return candidates[0]!;
  let best = candidates[0]!;
  for (const c of candidates) {
    const value = c.fact.percent;
    const bestValue = best.fact.percent;
    if (value !== undefined && (bestValue === undefined || Math.abs(value - written) < Math.abs(bestValue - written))) best = c;
  }
  return best;
}

/** The fact's whole percent as the work prints it ("80", not "80.0"), when `value` is that percent. */
function printedPercent(fact: Fact, value: number): string | undefined {
  const printed = fact.percent;
  return printed !== undefined && Number.isInteger(printed) && Math.abs(value - printed) < 1e-9 ? String(printed) : undefined;
}

/** Replace just the contradicted number with the dataset's, keeping the text around it. */
function correctionFix(text: string, stat: StatisticEntity, candidate: FactCandidate, ctx: LinkContext): FindingFix | undefined {
  const { part } = candidate.comparison;
  let { expected } = candidate.comparison;
  if (part === 'ci' && !isLoose(stat)) return intervalFix(text, stat, candidate, ctx);
  // "(70.5%)" corrected to the work's 80%: a whole percent is written as the work prints it, not as "80.0%".
  if (part === 'percent' && expected !== undefined) expected = printedPercent(candidate.fact, Number(expected)) ?? expected;
  // "Under 70%" corrected to "under 73%" would still be wrong: the words around a bound are the writer's to change.
  if (!expected || !part || isLoose(stat)) return undefined;
  let span: Span | undefined;
  if (part === 'percent') span = stat.parts?.percent;
  else if (part === 'count') span = stat.parts?.count;
  else if (part === 'value') span = stat.parts?.value;
  if (!span && stat.shape !== 'count-percent') span = stat.span;
  if (!span) return undefined;
  const written = text.slice(span.start, span.end);
  let newText: string;
  if (!/\d/.test(written)) {
    // "grade 2 in eight", "seventy-five percent": corrected in words when the number is a whole one up to 100.
    const value = Number(expected);
    const words = /^(\s*)([A-Za-z]+(?:[- ](?!percent\b|per\b)[A-Za-z]+)?)(\s+(?:percent|per cent))?(\s*)$/i.exec(written);
    if (!words || !Number.isInteger(value) || value < 0 || value > 100) return undefined;
    newText = `${words[1]}${writtenLike(words[2]!, value)}${words[3] ?? ''}${words[4]}`;
  } else if (stat.shape === 'proportion' && part === 'percent') {
    // "0.761" is a proportion: the correction is one too, to the same decimals ("0.716", not "71.6").
    const decimals = /\.(\d+)/.exec(written)?.[1]?.length ?? 2;
    newText = replaceNumber(written, (Number(expected) / 100).toFixed(decimals));
  } else newText = part === 'percent' ? replacePercent(written, expected) : replaceNumber(written, expected);
  if (newText === written) return undefined;
  const edits = [{ span, newText }];
  // "12 of 15 patients (80%)": correcting the count corrects its percent too.
  const percent = factPercent(candidate.fact);
  if (part === 'count' && stat.parts?.percent && percent !== undefined) {
    const decimals = stat.percentDecimals ?? 0;
    const writtenPercent = text.slice(stat.parts.percent.start, stat.parts.percent.end);
    edits.push({ span: stat.parts.percent, newText: replacePercent(writtenPercent, formatNumber(candidate.fact.percent ?? roundHalfUp(percent, decimals), decimals)) });
  }
  // The title says what is written: "16/21 = 78%" becomes 76%, which is the work's 16 of 21.
  const reports = describeFactValue(candidate.fact);
  const writes = newText.trim();
  const where = describeReference(ctx, candidate.fact.reference);
  // ... and only that: "Change to 21: Fry et al. 2018 reports 21 patients", not "Change to 21 patients" for "n = 21".
  const title = edits.length > 1 || reports === writes ? `Change to ${reports} as ${where} reports` : `Change to ${writes}: ${where} reports ${reports}`;
  return { title, edits, preferred: true };
}

/**
 * The interval's bounds as the work gives them, each written as the draft writes it: to its decimals, with its decimal
 * mark, as a proportion where it is one ("95% CI 44.2–90.0" becomes "95% CI 44.2–99.0"; "0.442 - 0.900", "0.442 - 0.990").
 */
function intervalFix(text: string, stat: StatisticEntity, candidate: FactCandidate, ctx: LinkContext): FindingFix | undefined {
  const ci = stat.ci;
  const truth = candidate.fact.ci;
  if (!ci || !truth) return undefined;
  const written = text.slice(ci.span.start, ci.span.end);
  // The bounds are the interval's last two numbers (the first may be its level, "95%").
  const numbers = [...written.matchAll(/\d+(?:[.,]\d+)?/g)].slice(-2);
  if (numbers.length < 2) return undefined;
  const edits: TextEdit[] = [];
  const bounds = [ci.low, ci.high];
  for (let k = 0; k < 2; k++) {
    const token = numbers[k]![0];
    const mark = /[.,]/.exec(token)?.[0] ?? '.';
    const decimals = token.split(/[.,]/)[1]?.length ?? 0;
    const value = Number(token.replace(',', '.'));
    // As a percent or as a proportion of one: the recognizer's bound says which.
    const scale = Math.abs(value - bounds[k]!) < 1e-9 ? 1 : Math.abs(value * 100 - bounds[k]!) < 1e-6 ? 100 : undefined;
    if (scale === undefined) return undefined;
    const correct = (truth[k]! / scale).toFixed(decimals).replace('.', mark);
    if (Number(correct.replace(',', '.')) === value) continue;
    const start = ci.span.start + numbers[k]!.index!;
    edits.push({ span: { start, end: start + token.length }, newText: correct });
  }
  if (edits.length === 0) return undefined;
  // The title shows the interval as corrected (the edits applied to it alone, not to the whole text).
  const corrected = applyTextEdits(written, edits.map((e) => ({ span: { start: e.span.start - ci.span.start, end: e.span.end - ci.span.start }, newText: e.newText })));
  const shown = corrected.trim().replace(/^[([]\s*|\s*[)\]]$/g, '');
  return { title: `Change to ${shown} as ${describeReference(ctx, candidate.fact.reference)} reports`, edits, preferred: true };
}

/**
 * Whether the draft's reference list or bibliography holds a paper of this first author and year that is not in the
 * dataset: "(Shah et al., 2021)" with "1. Shah BD, ... Lancet. 2021" is that paper, not the dataset's Shah 2020.
 */
function listsOtherPaper(doc: RecognizedDocument, ctx: LinkContext, author: string, year: number): boolean {
  const surname = firstAuthorSurname(author);
  if (doc.referenceList.some((entry) => entry.year === year && firstAuthorSurname(entry.author) === surname)) return true;
  for (const entry of ctx.bibliography?.values() ?? []) {
    if (entry.year === year && !entry.reference && firstAuthorSurname(entry.authors[0]) === surname) return true;
  }
  return false;
}

export interface DocumentCheck {
  verdicts: StatisticVerdict[];
  findings: Finding[];
}

/**
 * Whether an author-year citation names a journal after its year that is not `journal` ("(Shah et al. 2021, Lancet)"
 * is not Shah et al. 2020 in J Clin Oncol): each word it gives must begin a word of `journal`, in order ("Nat Med" is
 * Nature Medicine).
 */
function namesOtherJournal(citationText: string, journal: string | undefined): boolean {
  const cited = CITED_JOURNAL.exec(citationText);
  if (!cited || !journal) return false;
  const known = journal.toLowerCase().split(/[^a-z]+/).filter(Boolean);
  let k = 0;
  for (const word of cited[1]!.toLowerCase().split(/[^a-z]+/).filter(Boolean)) {
    while (k < known.length && !known[k]!.startsWith(word)) k++;
    if (k++ >= known.length) return true;
  }
  return false;
}

const CITED_JOURNAL = /\d{4}[a-z]?,\s*([A-Z][A-Za-z.&]*(?:\s+[A-Z][A-Za-z.&]*){0,4})\s*\)?$/;

/**
 * Citations that name nothing: keys not in the dataset or bibliography (with the known key one or two typing slips
 * away, and a fix that writes it), markers with no entry in the reference list.
 */
export function checkCitations(citations: ResolvedCitation[], doc: RecognizedDocument, ctx: LinkContext, links: ReadonlyArray<StatisticLink | undefined> = [], text = ''): Finding[] {
  const findings: Finding[] = [];
  for (const rc of citations) {
    for (const target of rc.targets) {
      const t = target.target;
      if (t.kind === 'author') {
        if (target.references.length > 0) continue;
        // Author-year citations of papers the dataset does not hold are the writer's business, but a year off by one
        // from the same first author's paper in the dataset is often that paper (online a year before print).
        const near = t.year === undefined ? [] : sameAuthorYearOff(ctx, t.label, t.year);
        // Further off, the numbers of its sentence say which paper it is: "As Pan et al. (2021) reported, CR ... in 24
        // of 30 evaluable patients (80%)" gives Pan et al. 2019's figures.
        const shown = near.length === 0 && t.year !== undefined ? sameAuthorFigureIn(text, doc, links, ctx, t.label, rc.citation.sentence) : undefined;
        const paper = near.length === 1 ? near[0] : shown?.reference;
        if (paper !== undefined && !listsOtherPaper(doc, ctx, t.label, t.year!) && !namesOtherJournal(rc.citation.text, ctx.dataset.references.get(paper)?.journal)) {
          const year = ctx.dataset.references.get(paper)!.year;
          const finding: Finding = {
            code: 'unknown-citation',
            severity: 'information',
            span: t.span,
            message: shown
              ? `${t.label} ${t.year} is not in the dataset, but ${shown.written} in this sentence is ${describeReference(ctx, paper)}'s figure: if this is that paper, cite it as ${year} to have its numbers checked.`
              : `${t.label} ${t.year} is not in the dataset, but ${describeReference(ctx, paper)} is: if this is that paper (online a year before print, say), cite it as ${year} to have its numbers checked.`,
            reference: paper,
          };
          // The year as written after the author, in this citation ("Fry et al., 2017").
          const at = rc.citation.text.indexOf(String(t.year), t.span.end - rc.citation.span.start);
          if (at >= 0) {
            const start = rc.citation.span.start + at;
            finding.fixes = [{ title: `Change the year to ${year}`, edits: [{ span: { start, end: start + 4 }, newText: String(year) }] }];
          }
          findings.push(finding);
        }
        continue;
      }
      if (target.known) {
        const other = t.kind === 'nct' ? registrationOfAnotherTrial(text, rc, target.references, ctx) : undefined;
        if (other) findings.push(other);
        continue;
      }
      if (t.kind === 'number') {
        findings.push({
          code: 'unknown-citation',
          severity: 'warning',
          span: t.span,
          message:
            numberedEntries(doc.referenceList) === 0
              ? `[${t.label}] points at a numbered reference list, but this document has none.`
              : `[${t.label}] has no entry in this document's reference list (it has ${numberedEntries(doc.referenceList)}).`,
        });
      } else if (t.kind === 'key') {
        const near = nearestKnownKey(t.label, ctx);
        // A key as the document writes it: "@fry2018" in Markdown, "fry2018" inside LaTeX's \cite{...}.
        const key = (label: string) => (rc.citation.style === 'pandoc' ? `@${label}` : label);
        const finding: Finding = {
          code: 'unknown-citation',
          severity: 'warning',
          span: t.span,
          message: near
            ? `${key(t.label)} is in neither the Trial Lens dataset nor a bibliography of this document: did you mean ${key(near)}?`
            : `${key(t.label)} is in neither the Trial Lens dataset nor a bibliography of this document: add it to your .bib or a *.trial-lens.json dataset.`,
        };
        if (near) finding.fixes = [{ title: `Change to ${key(near)}`, edits: [{ span: t.span, newText: near }], preferred: true }];
        findings.push(finding);
      } else {
        // "NCT02315621" for NCT02315612: two digits swapped or one mistyped in a dataset work's identifier.
        const near = nearestIdentifier(t.kind, t.label, ctx);
        // "PMID 31110271", "NCT02315621" (its label says what it is), "DOI 10.1038/...".
        const named = t.label.toUpperCase().startsWith(t.kind.toUpperCase()) ? t.label : `${t.kind.toUpperCase()} ${t.label}`;
        // An identifier whose place in the text is not known (inside a link's URL remark rewrote) is shown on its
        // citation, with no fix to write over it.
        const placed = t.span.end > t.span.start;
        const finding: Finding = {
          code: 'unknown-citation',
          severity: near ? 'warning' : 'information',
          span: placed ? t.span : rc.citation.span,
          message: near
            ? `${named} is not in the dataset or a bibliography; ${describeReference(ctx, near.reference)} has ${near.id}: did you mean it?`
            : `${named} is not in the dataset or a bibliography: numbers cited to it are not checked.`,
        };
        if (near && placed) finding.fixes = [{ title: `Change to ${near.id}`, edits: [{ span: t.span, newText: near.id }], preferred: true }];
        findings.push(finding);
      }
    }
  }
  findings.push(...identifiersOfTwoWorks(citations, ctx, text));
  return findings;
}

const IDENTIFIER_KINDS = ['doi', 'pmid', 'pmcid'] as const;

/** Between two identifiers of one written-out reference: punctuation and their labels ("doi:X. PMID: Y", "(doi:X; PMID Y)"). */
const BETWEEN_IDENTIFIERS = /^(?:[\s.,;:()\[\]]|PMID|PMCID|DOI|doi|https?:\/\/(?:dx\.)?doi\.org\/)*$/;

/**
 * "Reference 15 should read: Shah NN, ... J Clin Oncol. 2020 ... doi:10.1200/JCO.19.03279. PMID: 31110217": a reference
 * written out in a sentence, whose DOI and PMID side by side are two dataset works'. The work whose first author the
 * sentence names is the one meant, so the other identifier is the slip (as `checkReferenceEntry` says of a list's
 * entries).
 */
function identifiersOfTwoWorks(citations: readonly ResolvedCitation[], ctx: LinkContext, text: string): Finding[] {
  const ids: Array<{ kind: (typeof IDENTIFIER_KINDS)[number]; label: string; span: Span; reference: string }> = [];
  for (const rc of citations) {
    for (const target of rc.targets) {
      const t = target.target;
      if ((IDENTIFIER_KINDS as readonly string[]).includes(t.kind) && target.references.length === 1 && t.span.end > t.span.start) {
        ids.push({ kind: t.kind as (typeof IDENTIFIER_KINDS)[number], label: t.label, span: t.span, reference: target.references[0]! });
      }
    }
  }
  const findings: Finding[] = [];
  for (let i = 0; i + 1 < ids.length; i++) {
    const [a, b] = [ids[i]!, ids[i + 1]!];
    if (a.kind === b.kind || a.reference === b.reference || !BETWEEN_IDENTIFIERS.test(text.slice(a.span.end, b.span.start))) continue;
    // The reference's own words: up to 300 characters before its identifiers, within their paragraph.
    const lead = text.slice(Math.max(0, a.span.start - 300), a.span.start);
    const before = foldedWords(lead.slice(lead.lastIndexOf('\n\n') + 1));
    const names = (key: string) => {
      const surname = firstAuthorSurname(ctx.dataset.references.get(key)?.authors[0]);
      return surname !== undefined && before.has(surname);
    };
    const [meant, slip] = names(a.reference) && !names(b.reference) ? [a, b] : names(b.reference) && !names(a.reference) ? [b, a] : [undefined, undefined];
    if (!meant || !slip) continue;
    const reference = ctx.dataset.references.get(meant.reference)!;
    const correct = slip.kind === 'doi' ? reference.doi : slip.kind === 'pmid' ? reference.pmid : reference.pmcid;
    const work = describeReference(ctx, meant.reference);
    const finding: Finding = {
      code: 'unknown-citation',
      severity: 'warning',
      span: slip.span,
      message: `This reference names ${work} by its first author and ${meant.kind.toUpperCase()}, but its ${slip.kind.toUpperCase()} ${slip.label} is ${describeReference(ctx, slip.reference)}'s${correct ? `; ${work} has ${correct}` : ''}.`,
      reference: meant.reference,
    };
    if (correct) finding.fixes = [{ title: `Change to ${correct}`, edits: [{ span: slip.span, newText: correct }], preferred: true }];
    findings.push(finding);
  }
  return findings;
}

/** The folded words of a text (as firstAuthorSurname folds a name). */
function foldedWords(text: string): Set<string> {
  return new Set(text.split(/[^\p{L}'’-]+/u).filter(Boolean).map((w) => foldName(w)));
}

/**
 * "In the NCI trial (NCT03233854)": a registration number set right after a trial's name, that registers another trial
 * of the dataset (the Stanford CD19/CD22 trial's). Readers follow the number; the name and the sentence's numbers say
 * which trial is meant.
 */
function registrationOfAnotherTrial(text: string, rc: ResolvedCitation, registered: readonly string[], ctx: LinkContext): Finding | undefined {
  const t = rc.targets.find((x) => x.target.kind === 'nct')?.target;
  if (!t || t.span.end <= t.span.start) return undefined;
  const from = Math.max(0, rc.citation.span.start - 80);
  const named = aliasMatcher(ctx)
    .find(text.slice(from, rc.citation.span.start), from)
    .filter((hit) => /^\s*[([]?\s*$/.test(text.slice(hit.end, rc.citation.span.start)))
    .pop();
  if (!named) return undefined;
  const works = [named.id, ...(named.alsoNames ?? [])];
  if (works.some((key) => registered.includes(key))) return undefined;
  const own = [...new Set(works.flatMap((key) => ctx.dataset.references.get(key)?.trial ?? []))];
  if (own.length !== 1 || registered.length === 0) return undefined;
  return {
    code: 'citation-mismatch',
    severity: 'warning',
    span: t.span,
    message: `${t.label} registers the trial of ${describeReference(ctx, registered[0]!)}; "${named.text}" is ${own[0]}: is the registration number the slip?`,
    reference: works[0],
    fixes: [{ title: `Change to ${own[0]}`, edits: [{ span: t.span, newText: own[0]! }], preferred: true }],
  };
}

/**
 * A reference-list entry whose first author and year name one work of the dataset, but whose DOI, PMID or registry
 * number is not that work's: a typing slip in it ("doi:10.1038/nm.4414" for Fry et al. 2018's 10.1038/nm.4441), or
 * another dataset work's identifier pasted in. Readers and reference managers follow the identifier, and so does
 * Trial Lens when it resolves the entry, so the numbers cited to the entry would be checked against the wrong work.
 * An identifier unknown to the dataset and not a slip of the work's own may be another paper by the same author and
 * year: that is not reported.
 */
export function checkReferenceEntry(entry: ReferenceListEntry, blockText: string, ctx: LinkContext): Finding[] {
  if (!entry.author) return [];
  const named = ctx.resolver.byAuthorYear(entry.author, entry.year).filter((key) => ctx.dataset.references.has(key));
  if (named.length !== 1) return [];
  const reference = ctx.dataset.references.get(named[0]!)!;
  const findings: Finding[] = [];
  const written: Array<{ kind: string; label: string; own: string[]; elsewhere: string[] }> = [];
  if (entry.doi) written.push({ kind: 'DOI', label: entry.doi, own: reference.doi ? [reference.doi] : [], elsewhere: ctx.resolver.byDoi(entry.doi) });
  if (entry.pmid) written.push({ kind: 'PMID', label: entry.pmid, own: reference.pmid ? [reference.pmid] : [], elsewhere: ctx.resolver.byPmid(entry.pmid) });
  if (entry.nct) written.push({ kind: 'NCT', label: entry.nct, own: reference.trial ?? [], elsewhere: ctx.resolver.byNct(entry.nct) });
  for (const { kind, label, own, elsewhere } of written) {
    const wanted = label.toLowerCase();
    if (own.length === 0 || own.some((id) => id.toLowerCase() === wanted) || elsewhere.includes(reference.key)) continue;
    const other = elsewhere.find((key) => key !== reference.key && ctx.dataset.references.has(key));
    const slip = other ? undefined : own.find((id) => id.length >= 6 && isTypingSlip(wanted, id.toLowerCase()));
    if (!other && !slip) continue;
    const correct = slip ?? own[0]!;
    const work = describeReference(ctx, reference.key);
    const at = blockText.indexOf(label);
    const finding: Finding = {
      code: 'unknown-citation',
      severity: 'warning',
      span: at >= 0 ? { start: at, end: at + label.length } : { start: 0, end: blockText.trimEnd().length },
      message: other
        ? `Reference ${entry.number} names ${work} by its first author and year, but its ${kind} ${label} is ${describeReference(ctx, other)}'s; ${work} has ${correct}.`
        : `Reference ${entry.number} names ${work} by its first author and year, but its ${kind} ${label} is not that work's ${correct}: a typing slip?`,
      reference: reference.key,
    };
    if (at >= 0) finding.fixes = [{ title: `Change to ${correct}`, edits: [{ span: finding.span, newText: correct }], preferred: true }];
    findings.push(finding);
  }
  return findings;
}

/** The dataset identifier (DOI, PMID, NCT) one typing slip from `label`: one character off, or two neighbours swapped. */
function nearestIdentifier(kind: string, label: string, ctx: LinkContext): { id: string; reference: string } | undefined {
  const wanted = label.toLowerCase();
  const found: Array<{ id: string; reference: string }> = [];
  for (const reference of ctx.dataset.references.values()) {
    const ids = kind === 'doi' ? [reference.doi] : kind === 'pmid' ? [reference.pmid] : kind === 'pmcid' ? [reference.pmcid] : kind === 'nct' ? (reference.trial ?? []) : [];
    for (const id of ids) if (id && id.length >= 6 && isTypingSlip(wanted, id.toLowerCase())) found.push({ id, reference: reference.key });
  }
  // One trial's registry number is several publications' (Fry 2018 and Shah 2020 share NCT02315612).
  return found.length > 0 && found.every((f) => f.id === found[0]!.id) ? found[0] : undefined;
}

/**
 * The known key (dataset or bibliography) one or two typing slips from `label` (`fry2017`, `Fry2018`, `fry218`), when
 * exactly one is that near; short keys allow one slip.
 */
function nearestKnownKey(label: string, ctx: LinkContext): string | undefined {
  const wanted = label.toLowerCase();
  const reach = wanted.length >= 6 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = reach + 1;
  let tie = false;
  // The document's own keys first: a bibliography's "Shah2020" and the dataset's "shah2020" are one suggestion, written
  // as the bibliography writes it.
  for (const key of [...ctx.resolver.entries.keys(), ...ctx.dataset.references.keys()]) {
    const distance = editDistance(wanted, key.toLowerCase(), reach);
    if (distance < bestDistance) {
      best = key;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && best !== undefined && key.toLowerCase() !== best.toLowerCase()) tie = true;
  }
  return best !== undefined && !tie ? best : undefined;
}

