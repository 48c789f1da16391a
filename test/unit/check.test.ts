/**
 * The checker on drafts in Markdown, LaTeX and plain text: each diagnostic code, citations in every supported style,
 * and the cases that must stay silent. Drafts are written here, not taken from the shared examples.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alarmsOf, codesOf, contextFor, findingsOf } from './helpers/pipeline';
import type { DocumentFormat } from '../../server/src/core/types';
import { recognizeBlocks } from '../../server/src/core/recognize';
import { applyTextEdits } from '../../server/src/core/edit';

function expectFinding(text: string, code: string, at: string, format: DocumentFormat = 'markdown') {
  const findings = findingsOf(text, format);
  const hit = findings.find((f) => f.code === code && f.at.includes(at));
  assert.ok(hit, `expected ${code} on "${at}" in:\n${text}\ngot: ${JSON.stringify(findings.map((f) => `${f.code}@${f.at}: ${f.message}`), null, 1)}`);
  return hit;
}

function expectSilent(text: string, format: DocumentFormat = 'markdown') {
  const alarms = alarmsOf(text, format);
  assert.deepEqual(alarms, [], `expected no errors or warnings in:\n${text}`);
}

describe('contradicts-dataset', () => {
  it('flags a CRS grade count that differs from the cited trial (pandoc citation)', () => {
    const f = expectFinding('Grade 1 CRS was seen in 12 patients [@fry2018].\n', 'contradicts-dataset', '12');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /Fry/);
    assert.match(f.message, /9/);
    assert.ok(f.related?.length, 'points at the quote in the source document');
    assert.match(f.related![0].sourcePath, /seeds/);
  });

  it('reads short endpoint words in any case ("aged", "Age", "dose"), short abbreviations only in capitals', () => {
    expectFinding('Fry et al. 2018 treated 21 children and young adults aged 7-35 years.\n', 'contradicts-dataset', '7-35');
    // A percent to a decimal is hardly another work's by chance, however the endpoint is written.
    assert.equal(expectFinding('Fry and colleagues reported a 1-year LFS of 71.6% (Fry et al., 2018).\n', 'citation-mismatch', '71.6%').severity, 'warning');
    assert.equal(expectFinding('The 1-year leukemia-free survival was 71.6% (Fry et al., 2018).\n', 'citation-mismatch', '71.6%').severity, 'warning');
    // The doses listed with the work's own are its cohort, said in full; another dose alone is not.
    expectSilent('Complete remission occurred in 11 of 15 patients treated at 1 × 10^6 or 3 × 10^6 cells/kg (73%) [@fry2018].\n');
    expectFinding('Complete remission occurred in 11 of 15 patients treated at 3 × 10^6 cells/kg (73%) [@fry2018].\n', 'contradicts-dataset', '3 × 10^6');
    // A number quoted to be corrected is the other writer's, not the draft's claim.
    expectSilent('Also the LFS you quoted -- 76.1% -- should be 71.6% (95% CI 44.2-99.0)\nper Pan et al. 2019.\n', 'plaintext');
    // The writer's own series, uncited, whose numbers happen to match a work: what contradicts the work is information.
    const own = findingsOf('Interim results\n\nBetween March 2021 and June 2023, 21 patients were infused with sequential CD19 and CD22 CAR T cells. Cytokine release syndrome occurred in 16 of 21 patients (76.2%): grade 1 in 10, grade 2 in 5 and grade 3 in 1.\n', 'plaintext');
    assert.deepEqual(own.filter((f) => f.code === 'contradicts-dataset').map((f) => [f.at, f.severity]), [['10', 'information'], ['5', 'information']]);
    // A pooled analysis cited to one trial: the number's correction is offered, not preferred.
    const pooled = expectFinding('A meta-analysis of CD22 and CD19/CD22 CAR T-cell trials found any-grade CRS in 87% of patients [@fry2018].\n', 'contradicts-dataset', '87%');
    assert.match(pooled.message, /is the citation the slip\?$/);
    assert.equal(pooled.fixes?.[0]?.preferred, false);
    // A percent its count and whole do not make, where the work gives that count of that whole: the fix is preferred
    // (applied by "Fix all"); where the work does not, it is offered only.
    const arithmetic = (text: string) => expectFinding(text, 'arithmetic-inconsistency', '75%').fixes?.map((f) => [f.edits[0]!.newText, f.preferred === true]);
    assert.deepEqual(arithmetic('Complete remission was reached in 75% (11/15) of patients at the top dose [@fry2018].\n'), [['73%', true]]);
    assert.deepEqual(arithmetic('In our series, complete remission was reached in 75% (11/15) of patients.\n'), [['73%', false]]);
    // A fact whose origin was not found (Shah 2020's 70%, in a popular article only) is no ground for a citation.
    assert.deepEqual(findingsOf('Overall, CD22 CAR T cells produce complete remission in roughly 70% of patients with CD19 immunotherapy-resistant B-ALL.\n').filter((f) => f.code === 'unsupported-statistic'), []);
    // A range one citation gives to several works spans their figures.
    expectSilent('Across the CD22 CAR literature, CR rates of 70% to 80% have been reported [@fry2018; @shah2020; @pan2019].\n');
    // An intention-to-treat rate is over all enrolled: Pan's printed 70.5%.
    expectSilent('CR or CRi was achieved in 24 of 30 evaluable patients (80%), 70.5% on an intention-to-treat basis [@pan2019].\n');
    // Counts said not to have the endpoint are its complement: 21 - 17 and 30 - 24.
    expectSilent('Of the 21 patients, 4 had not received prior CD19-directed therapy [@fry2018].\n');
    expectSilent('CR or CRi was not achieved in 6 of 30 evaluable patients [@pan2019].\n');
    expectFinding('Of the 21 patients, 18 had received prior CD19-directed therapy [@fry2018].\n', 'contradicts-dataset', '18');
    // Another trial's number set beside the cited one's, and a count of patients in a clause of its own.
    expectSilent("ELIANA's remission rate (81%) was higher than the 73% (11/15) at the active dose in the NCI CD22 trial [@fry2018].\n");
    expectSilent('The remission rate of 81% in ELIANA resembles the 73% (11/15) at the active dose in the NCI CD22 trial [@fry2018].\n');
    expectSilent('CR or CRi occurred in 24 of 30 evaluable patients (80%), and 4 patients could not be evaluated [@pan2019].\n');
    // A table row that cites nothing is not the row above's: the pooled n of 297 is not Pan's cohort.
    const rows = '| Trial | Product | CR (%) | n |\n|---|---|---|---|\n| Fry 2018 | CD22 | 73 | 15 |\n| Pan 2019 | CD22 | 80 | 30 |\n| Pooled | CD19/CD22 | 90 | 297 |\n';
    assert.deepEqual(alarmsOf(rows), []);
    // The count of one cohort over the whole of another the work reports: a warning, fixed with the percent beside it.
    const whole = expectFinding('Complete remission was achieved in 11 of 21 patients (52%) (Fry et al., 2018).\n', 'contradicts-dataset', '11 of 21', 'plaintext');
    assert.equal(whole.severity, 'warning');
    assert.deepEqual(whole.fixes?.[0]?.edits.map((e) => e.newText), ['15', '73%']);
    expectSilent('Complete remission was achieved in 11 of 15 patients (73%) (Fry et al., 2018).\n', 'plaintext');
    // ... and the right count over a whole given to the wrong population is fixed in the whole.
    const evaluable = expectFinding('CR/CRi was reached in 24 of 34 evaluable patients (Pan et al., 2019).\n', 'contradicts-dataset', '24 of 34', 'plaintext');
    assert.match(evaluable.message, /gives the first whole to the second population/);
    assert.deepEqual(evaluable.fixes?.[0]?.edits.map((e) => e.newText), ['30']);
    // The patients a rate is taken among are not what it measures.
    const among = (lfs: string) => `In the Beijing cohort, 1-year leukemia-free survival among those bridged to transplant was ${lfs} (95% CI, 44.2-99.0) [@pan2019].\n`;
    expectSilent(among('71.6%'));
    expectFinding(among('76.1%'), 'contradicts-dataset', '76.1%');
    // A LaTeX caption under its tabular cites for the table's rows, as one above it does.
    const captioned = (cr: string) => `\\begin{table}[ht]\n\\centering\n\\begin{tabular}{llr}\n\\toprule\nProduct & Disease & Best CR (\\%) \\\\\n\\midrule\nCD22 alone & B-ALL & ${cr} \\\\\nCD19/CD22 & B-ALL & 90 \\\\\n\\bottomrule\n\\end{tabular}\n\\caption{Pooled best complete remission \\citep{fergusson2023}.}\n\\end{table}\n`;
    expectSilent(captioned('68'), 'latex');
    assert.deepEqual(findingsOf(captioned('68'), 'latex').filter((f) => f.code === 'unsupported-statistic'), [], 'no row is uncited');
    expectFinding(captioned('58'), 'contradicts-dataset', '58', 'latex');
    // Notes and emails head their reference list "Refs:" or "Sources:".
    const refs = (n: number, heading: string) => `CRS occurred in 16 of 21 patients [${n}].\n\n${heading}\n1. Fergusson NJ, et al. Front Immunol. 2023;14:1178403.\n2. Fry TJ, et al. Nat Med. 2018;24:20-28.\n`;
    for (const heading of ['Refs:', 'Sources:']) {
      expectSilent(refs(2, heading), 'plaintext');
      expectFinding(refs(1, heading), 'citation-mismatch', '16 of 21', 'plaintext');
    }
    // A fix's title says what it writes, and whose figure that is.
    const slip = expectFinding('- CRS 16/21 = 78% (Fry et al. 2018)\n', 'contradicts-dataset', '78%', 'plaintext');
    assert.deepEqual(slip.fixes?.map((f) => [f.title, f.edits.map((e) => e.newText)]), [['Change to 76%: Fry et al. 2018 (fry2018) reports 16 of 21', ['76%']]]);
    // Fry 2018 was a Stanford-NCI collaboration: "Stanford" names it as well as the Stanford CD19/CD22 trial.
    expectSilent('In the Stanford-NCI collaboration published in Nature Medicine, complete remission was observed in 11 of 15 patients (73%).\n', 'plaintext');
    expectSilent('The Stanford study enrolled 21 children and young adults.\n', 'plaintext');
    // A narrative citation heads its own clause: the number before it is the earlier one's.
    expectSilent('Fry et al. (2018) treated 21 patients, and Pan et al. (2019) treated 34.\n', 'plaintext');
    // A single name with its year names the paper as "Pan et al. (2019)" does.
    expectFinding('Pan (2019) reported complete remission in 80% of 34 patients.\n', 'contradicts-dataset', '80% of 34');
    expectFinding('Fry et al. 2018: ages 7-35 years.\n', 'contradicts-dataset', '7-35');
    expectSilent('Fry et al. 2018 treated 21 children and young adults aged 7-30 years.\n');
    // "cr" is not complete remission, while "CR" is.
    expectSilent('The cr in 12 of 21 tubes was read twice [@fry2018].\n');
    expectFinding('CR in 13 of 15 [@fry2018].\n', 'contradicts-dataset', '13 of 15');
  });

  it('reads "the NCI cohort" as the NCI trial, and "our updated meta-analysis" as the writer\'s own', () => {
    expectFinding('In the NCI cohort, grade 1 CRS occurred in 11 patients [@fry2018].\n', 'contradicts-dataset', '11 patients');
    const own = 'CD22 CAR T cells alone in B-ALL achieved CR in 68% [@fergusson2023]. In our updated meta-analysis, CD19/CD22 CAR T cells in B-ALL gave CR in 88%.\n';
    expectSilent(own);
    expectFinding(own.replace('In our updated meta-analysis, ', ''), 'contradicts-dataset', '88%');
  });

  it('gives the list under a heading that cites to that work, past an item that cites for itself', () => {
    const slide = '## Fry et al., Nat Med 2018 [1]\n\n- NCI phase 1, NCT02315612, 3+3 dose escalation\n- prior CD19-directed tx: 17/21 (81%)\n- CRS: 16/21\n\n## References\n\n1. Fry TJ, Shah NN, et al. CD22-targeted CAR T cells. Nat Med. 2018;24(1):20-28. doi:10.1038/nm.4441\n';
    assert.deepEqual(findingsOf(slide).map((f) => `${f.code}@${f.at}`), []);
    expectFinding(slide.replace('16/21', '18/21'), 'contradicts-dataset', '18/21');
    // An item that leads in to its own list takes over for its items.
    const nested = '- NCI trial [@fry2018]:\n  - CRS in 16/21 (76%)\n- Pan et al. [@pan2019]:\n  - 7 CR patients had no further therapy, 3 of them still in remission\n';
    assert.deepEqual(alarmsOf(nested), []);
  });

  it('reads a pandoc footnote mark as the citations of its footnote', () => {
    const notes = '\n\n[^1]: NCI anti-CD22 CAR trial, NCT02315612; first report [@fry2018].\n[^4]: Beijing Boren Hospital [@pan2019].\n[^9]: Dose levels are described in the methods.\n';
    // Footnotes one per line are each their own; the paper a footnote names wins over its trial's NCT number.
    const f = expectFinding(`One-year leukemia-free survival was 71.6% (95% CI 44.2-90.0)[^4], and median remission lasted 9 months[^1].${notes}`, 'contradicts-dataset', '9 months');
    assert.match(f.message, /^Fry et al\. 2018 \(fry2018\) reports/);
    expectFinding(`One-year leukemia-free survival was 71.6% (95% CI 44.2-90.0)[^4].${notes}`, 'contradicts-dataset', '71.6%');
    expectSilent(`One-year leukemia-free survival was 71.6% (95% CI 44.2-99.0)[^4].${notes}`);
    // A footnote that cites nothing is a note: the number beside it is as uncited as without it.
    expectFinding(`Complete remission was obtained in 73% (11/15) of patients receiving at least 1 × 10^6 cells/kg.[^9]${notes}`, 'unsupported-statistic', '73%');
  });

  it('gives a number likened to the cited work\'s ("close to the 68% of [3]") to no one', () => {
    expectSilent('The pooled CR rate for CD22 CAR T cells alone was 71% (95% CI 60-80), close to the 68% of the earlier meta-analysis [@fergusson2023].\n');
    expectFinding('The pooled CR rate for CD22 CAR T cells alone was 71% (95% CI 60-80), close to the 66% of the earlier meta-analysis [@fergusson2023].\n', 'contradicts-dataset', '66%');
    // "in its updated cohort 51 of 58": a count after a word for a group, not the group's label.
    expectSilent('Most had prior CD19-directed therapy: in its updated cohort 51 of 58 (87.9%) had [@shah2020].\n');
  });

  it('reads a citation in an opening "Unlike ..." phrase as that phrase\'s, and the main clause\'s number as the work it names', () => {
    const opener = 'Unlike the pooled rates of the meta-analysis [@fergusson2023], the Beijing cohort gave a 1-year leukemia-free survival of';
    expectSilent(`${opener} 71.6% (95% CI 44.2-99.0).\n`);
    const f = expectFinding(`${opener} 76.1% (95% CI 44.2-99.0).\n`, 'contradicts-dataset', '76.1%');
    assert.match(f.message, /^Pan et al\. 2019 \(pan2019\) reports leukemia-free survival: 71\.6%/);
    assert.doesNotMatch(f.message, /pooled analysis/);
    expectSilent('Whereas the NCI trial (Fry et al., 2018) treated 21 patients, the Beijing study enrolled 34.\n');
    // The number's own citation after it is still its own.
    expectFinding('In contrast to CD19 CAR T cells [@fry2018], CD22 CAR T cells gave complete remission in 78% (11/15) [@fry2018].\n', 'arithmetic-inconsistency', '78%');
  });

  it('reads "in remission after transplant" and "remaining in remission" as remaining in remission, not remission itself', () => {
    const table = (row: string) => `## Beijing cohort (Pan et al., 2019)\n\n| Endpoint | n/N (%) |\n|---|---|\n${row}\n`;
    expectSilent(table('| In remission after transplant bridging | 8/11 (72.7) |\n| In remission without further treatment | 3/7 (42.9) |'));
    expectFinding(table('| In remission after transplant bridging | 9/11 (81.8) |'), 'contradicts-dataset', '9/11');
    expectSilent('Of the 11 patients bridged to transplantation, 8 are remaining in remission [@pan2019].\n');
  });

  it('reads text pasted from a wiki: <ref> tags after the full stop cite their sentence, and their ">" bounds no number', () => {
    const ref = '<ref name="pan">{{cite journal |last1=Pan |year=2019 |doi=10.1038/s41375-019-0488-7 |pmid=31110217}}</ref>';
    expectSilent(`CR or CRi was achieved in 24 of 30 evaluable patients (80%).${ref}\nEleven responders were bridged to transplantation, and 8 of them remained in remission.<ref name="pan" />\n`, 'plaintext');
    expectFinding(`CR or CRi was achieved in 24 of 30 evaluable patients (80%).${ref}\nEleven responders were bridged to transplantation, and 9 of them remained in remission.<ref name="pan" />\n`, 'contradicts-dataset', '9 of them', 'plaintext');
    // A template's "|pmid=" names the work as "PMID 31110217" does.
    expectFinding('The 1-year leukemia-free survival was 76.1% (95% CI 44.2-99.0).<ref>{{cite journal |pmid=31110217}}</ref>\n', 'contradicts-dataset', '76.1%', 'plaintext');
    // A named reference reused in another paragraph cites what its definition cites.
    const defined = 'The NCI trial treated 21 patients.<ref name="fry2018">{{cite journal |pmid=29155426}}</ref>\n\n';
    expectSilent(`${defined}Complete remission was 73% at doses of at least 1 x 10^6 cells/kg.<ref name="fry2018" />\n`, 'plaintext');
    expectFinding(`${defined}Complete remission was 78% at doses of at least 1 x 10^6 cells/kg.<ref name="fry2018" />\n`, 'contradicts-dataset', '78%', 'plaintext');
    expectSilent(`${defined}<ref name="fergus">{{cite journal |pmid=37180149}}</ref>\nA meta-analysis pooled 90% best complete response for CD19/CD22 CAR T cells in B-ALL.<ref name="fergus" />\n<small>Complete remission was 73% at doses of at least 1 x 10^6 cells/kg.</small><ref name="fry2018" />\n`, 'plaintext');
    // An e-mail's quote mark is no "more than".
    const quoted = findingsOf('On Monday, Anne wrote:\n> Eleven responders were bridged to transplantation, and 8 of them remained in remission (Pan et al., 2019).\n', 'plaintext');
    assert.deepEqual(quoted, []);
  });

  it('reads a leaflet\'s "no sign of leukaemia" as complete remission', () => {
    expectSilent('Among people who got the higher doses, about 7 in 10 (11 out of 15) had no sign of leukaemia afterwards (Fry and colleagues, 2018).\n', 'plaintext');
    expectFinding('Among people who got the higher doses, about 7 in 10 (11 out of 21) had no sign of leukaemia afterwards (Fry and colleagues, 2018).\n', 'contradicts-dataset', '11 out of 21', 'plaintext');
  });

  it('flags a registration number right after a trial\'s name that registers another trial of the dataset', () => {
    const text = 'In the NCI trial (NCT03233854), CR was 73% (11/15) [@fry2018].\n';
    const f = expectFinding(text, 'citation-mismatch', 'NCT03233854');
    assert.match(f.message, /^NCT03233854 registers the trial of Spiegel et al\. 2021 \(spiegel2021\); "NCI trial" is NCT02315612/);
    assert.equal(preferredFixOf(text, f), 'In the NCI trial (NCT02315612), CR was 73% (11/15) [@fry2018].\n');
    expectSilent('In the NCI trial (NCT02315612), CR was 73% (11/15) [@fry2018].\n');
  });

  it('reads "are in remission without further therapy" and "still had no sign of leukemia" as remaining in remission', () => {
    expectSilent('Of the 7 CR patients, 3 are in remission without further therapy [@pan2019].\n');
    expectFinding('Of the 7 CR patients, 4 are in remission without further therapy [@pan2019].\n', 'contradicts-dataset', '4');
    expectSilent('Three of 7 patients still had no sign of leukemia 6 to 14 months later without further treatment [@pan2019].\n');
    // A percent that is its clause's subject, with a term holding its own "no".
    expectSilent('At the higher doses, 73% had no detectable leukemia [@fry2018].\n');
    expectFinding('At the higher doses, 63% had no detectable leukemia [@fry2018].\n', 'contradicts-dataset', '63%');
  });

  it('reads an opening contrast as a clause of its own: its therapy, cue words and numbers stay in it', () => {
    for (const opener of ['Compared with the meta-analysis [@fergusson2023]', 'In contrast to the meta-analysis [@fergusson2023]', 'Whereas the meta-analysis pooled 68% in ALL [@fergusson2023]']) {
      expectFinding(`${opener}, the Beijing cohort enrolled 43 patients.\n`, 'contradicts-dataset', '43 patients');
      expectSilent(`${opener}, the Beijing cohort enrolled 34 patients.\n`);
    }
    expectFinding('Whereas the meta-analysis pooled 68% in ALL [@fergusson2023], Fry et al. (2018) reported complete remission in 78% of patients at the higher doses.\n', 'contradicts-dataset', '78%');
    expectSilent('Unlike dual CD19/CD22 products, CD22 CAR T cells alone gave a 68% best complete response in ALL [@fergusson2023].\n');
    expectSilent('As opposed to Pan et al. (2019), who enrolled 34 patients, Fry et al. (2018) treated 21.\n');
    expectSilent('Whereas the NCI trial (Fry et al., 2018) treated 21 patients, the Beijing study enrolled 34.\n');
  });

  it('reads a citation closing a later clause past a semicolon as not the number\'s when the number\'s clause names another work', () => {
    expectSilent('The Beijing trial enrolled 34 patients; 297 patients had been pooled for CD19/CD22 products in a later meta-analysis [@fergusson2023].\n');
    expectFinding('The trial treated 22 patients; 17 had prior CD19-directed therapy [@fry2018].\n', 'contradicts-dataset', '22 patients');
  });

  it('reads a narrative subject citation as every clause\'s, past a later clause\'s own citation', () => {
    expectSilent('Fry et al. (2018) treated 21 patients; 17 had prior CD19-directed therapy, and in the Beijing cohort 34 were enrolled [@pan2019].\n');
  });

  it('reads a Patients column under rows labelled by grade or endpoint as counts of those, and cohort labels as cohorts', () => {
    expectSilent('| CRS grade | Patients |\n|---|---|\n| Grade 1 | 9 |\n| Grade 2 | 7 |\n\n: CRS in the NCI trial [@fry2018]\n');
    expectSilent('| Outcome | Patients |\n|---|---|\n| Treated | 21 |\n| Prior CD19-directed therapy | 17 |\n\n: Patients in the NCI trial (Fry et al., 2018)\n');
    const cohorts = (n: string) => `| Outcome | No. of patients (N = 34) |\n|---|---|\n| CR, no further treatment | 7 |\n| CR, bridged to transplant | ${n} |\n\nTable: Beijing cohort [@pan2019]\n`;
    expectSilent(cohorts('11'));
    // An outcome beside the cohort is what the row counts.
    expectSilent('| Outcome | Patients (n = 34) |\n|---|---|\n| Still in remission, no further treatment | 3 |\n| Still in remission after transplant | 8 |\n\n: Beijing cohort [@pan2019]\n');
    assert.match(expectFinding(cohorts('12'), 'contradicts-dataset', '12').message, /reports CR patients bridged to transplant: 11 patients/);
  });

  it('compares a sentence\'s subject count, and a count whose whole is described before what it counts', () => {
    expectFinding('Twelve CR patients were bridged to transplantation [@pan2019].\n', 'contradicts-dataset', 'Twelve');
    expectSilent('Eleven CR patients were bridged to transplantation [@pan2019].\n');
    // "patients bridged to transplant" is who the eleven are; "remained in remission" is what the nine are.
    const f = expectFinding('Nine of the eleven patients bridged to transplant remained in remission [@pan2019].\n', 'contradicts-dataset', 'Nine');
    assert.match(f.message, /reports remaining in remission: 8 of 11/);
    expectSilent('Eight of the eleven patients bridged to transplant remained in remission [@pan2019].\n');
    // "who received no further therapy" says who the seven are too.
    expectFinding('Seven received no further therapy, and 5 of the 7 who received no further therapy remained in remission [@pan2019].\n', 'contradicts-dataset', '5 of the 7');
    expectSilent('Seven received no further therapy, and 3 of the 7 who received no further therapy remained in remission [@pan2019].\n');
    // In LaTeX math too: "$9$ remained" is the subject count of "remained in remission".
    expectFinding('Of the $11$ patients bridged to transplant, $9$ remained in remission \\citep{pan2019}.\n', 'contradicts-dataset', '9', 'latex');
  });

  it('warns when a count and whole the work reports for one population are given to another', () => {
    const f = expectFinding('CR/CRi was reached in 24 of 34 evaluable patients (Pan et al., 2019).\n', 'contradicts-dataset', '24 of 34', 'plaintext');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /for all enrolled patients; for evaluable patients it reports 80% \(24\/30\)/);
    expectSilent('CR/CRi was reached in 24 of 30 evaluable patients (Pan et al., 2019).\n', 'plaintext');
    expectSilent('CR/CRi was reached in 24 of 34 enrolled patients (Pan et al., 2019).\n', 'plaintext');
  });

  it('leaves a design\'s assumptions and rules alone, and lets a number\'s own citation outweigh "another" or "whereas"', () => {
    expectSilent('Assuming a CR rate of 70% with the new product and a null rate of 40%, 20 patients give 80% power. The expected rate of severe CRS is 6%, as pooled by @fergusson2023.\n');
    expectSilent('The expected rate of severe CRS is 6% [@fergusson2023]; a rate above 20% in the first 10 patients triggers a safety review.\n');
    expectFinding('Whereas relapse was common, 1-year leukemia-free survival was 76.1% [@pan2019].\n', 'contradicts-dataset', '76.1%');
    expectFinding('Another group reported CR/CRi in 24 of 30 evaluable patients (80%) [@spiegel2021].\n', 'citation-mismatch', '24 of 30');
    // Both sides of "whereas" are the cited work's when the count is of a cohort it reports.
    expectFinding('Seven CR patients received no further treatment, and 4 of them remained in remission, whereas 8 of the 11 bridged to transplant remained in remission [@pan2019].\n', 'contradicts-dataset', '4 of them');
    // Another study's number with a citation outside the dataset stays that study's.
    assert.deepEqual(alarmsOf('In another trial, CR was reached in 93% [@maude2018].\n'), ['unknown-citation@maude2018']);
  });

  it('pairs "respectively" from after a semicolon, follows "stayed in remission" past the cohort, and quotes a cut CI closed', () => {
    expectSilent('Pooled CR was 64% [@fergusson2023]; severe CRS and severe neurotoxicity occurred in 6% and 3%, respectively [@fergusson2023].\n');
    expectFinding('Pooled CR was 64% [@fergusson2023]; severe CRS and severe neurotoxicity occurred in 3% and 6%, respectively [@fergusson2023].\n', 'contradicts-dataset', '3%');
    expectFinding('In all, 9 of the 11 patients bridged to transplant stayed in remission [@pan2019].\n', 'contradicts-dataset', '9 of the 11');
    const cut = expectFinding('CD19/CD22 CAR T cells in B-ALL gave CR in 88% (95% CI 83-92; I² = 64%) [@fergusson2023].\n', 'contradicts-dataset', '88%');
    assert.match(cut.message, /the draft says 88% \(95% CI 83-92\)\.$/);
  });

  it('reads siunitx percents as plain ones: each number\'s own therapy, and an endpoint named for a later number is not its', () => {
    const text = 'Best complete response was \\qty{68}{\\percent} (95\\% CI 53--81) for CD22 CAR T cells alone and \\qty{90}{\\percent} for CD19/CD22 products in B-ALL, with severe CRS in \\qty{9}{\\percent} of patients \\autocite{fergusson2023}.\n';
    assert.deepEqual(alarmsOf(text, 'latex'), ['contradicts-dataset@9}{\\percent']);
    expectSilent(text.replace('\\qty{9}', '\\qty{6}'), 'latex');
  });

  it('names the whole the work gives a percent for when the count\'s own whole does not give it', () => {
    const text = 'CR/CRi was reached in 80% (24/34) [@pan2019].\n';
    const f = expectFinding(text, 'arithmetic-inconsistency', '80%');
    assert.equal(f.message, '24/34 is 70.6%, which no rounding makes 80%; Pan et al. 2019 (pan2019) reports 70.5% (24/34) and 80% (24/30) for evaluable patients: did you mean 24 of 30?');
    const fix = f.fixes?.find((x) => x.preferred);
    assert.ok(fix);
    assert.equal(text.slice(0, fix.edits[0]!.span.start) + fix.edits[0]!.newText + text.slice(fix.edits[0]!.span.end), text.replace('24/34', '24/30'));
  });

  it('quotes a statistic wrapped over two lines on one line', () => {
    const text = 'Of the CR patients bridged to transplantation, the one-year leukemia-free survival was 71.6% (95% CI\r\n44.2-96.0) [4].\r\n\r\nReferences\r\n4. Pan J, et al. Leukemia. 2019;33:2854-66.\r\n';
    const f = expectFinding(text, 'contradicts-dataset', '71.6%', 'plaintext');
    assert.match(f.message, /the draft says 71\.6% \(95% CI 44\.2-96\.0\)\.$/);
  });

  it('flags a survival figure that differs from the cited trial (LaTeX \\cite)', () => {
    const text = 'One-year leukemia-free survival was 78.2\\% (95\\% CI, 44.2--99.0) \\cite{pan2019}.\n';
    const f = expectFinding(text, 'contradicts-dataset', '78.2', 'latex');
    assert.match(f.message, /71\.6/);
    const fix = f.fixes?.[0];
    assert.ok(fix, 'offers the dataset value as a fix');
    const edited = text.slice(0, fix.edits[0].span.start) + fix.edits[0].newText + text.slice(fix.edits[0].span.end);
    assert.ok(edited.includes('71.6\\%'), edited);
  });

  it('flags an enrolment count that differs from the named trial (author-year, plain text)', () => {
    expectFinding('Pan et al. (2019) enrolled 36 patients with relapsed B-ALL.\n', 'contradicts-dataset', '36', 'plaintext');
  });

  it('flags a median remission duration that differs (author-year in parentheses)', () => {
    const f = expectFinding('The median remission duration was 9 months (Fry et al., 2018).\n', 'contradicts-dataset', '9');
    assert.match(f.message, /6 months/);
  });

  it('resolves a numbered marker through the document reference list', () => {
    const text = [
      'Complete remission was reached in 80% (12/15) of patients dosed at 1 × 10^6 cells/kg [1].',
      '',
      '## References',
      '',
      '1. Fry TJ, Shah NN, Orentas RJ, et al. CD22-targeted CAR T cells induce remission in B-ALL. Nat Med. 2018. doi:10.1038/nm.4441',
      '',
    ].join('\n');
    expectFinding(text, 'contradicts-dataset', '80%');
  });

  it('reads what a count that is the subject of its clause counts from the words after it ("8 of them remained")', () => {
    const f = expectFinding('Eleven CR patients were bridged to transplant and 9 of them remained in remission [@pan2019].\n', 'contradicts-dataset', '9 of them');
    assert.match(f.message, /8 of 11/);
    expectFinding('Of 11 CR patients bridged to transplant, 9 of 11 remained in remission [@pan2019].\n', 'contradicts-dataset', '9 of 11');
    expectSilent('Eleven CR patients were bridged to transplant and 8 of them remained in remission [@pan2019].\n');
    const bare = expectFinding('Of the 11 patients bridged to transplant, 9 remained in remission [@pan2019].\n', 'contradicts-dataset', '9');
    assert.match(bare.message, /the draft says 9 of 11\./);
    expectSilent('Of the 11 patients bridged to transplant, eight remained in remission [@pan2019].\n');
    const word = expectFinding('Of the 11 patients bridged to transplant, nine remained in remission [@pan2019].\n', 'contradicts-dataset', 'nine');
    assert.match(word.message, /the draft says nine of 11\./);
  });

  it('resolves numbers in parentheses through a reference list, and leaves an enumeration alone', () => {
    const list = '\n\nReferences\n(1) Fry TJ, Shah NN, et al. CD22-targeted CAR T cells induce remission in B-ALL. Nat Med. 2018.\n(2) Pan J, et al. CD22 CAR T-cell therapy in refractory or relapsed B-ALL. Leukemia. 2019.\n';
    const f = expectFinding(`CRS occurred in 18 (86%) of 21 patients (1). CR/CRi was reached in 24 of 30 evaluable patients (2).${list}`, 'contradicts-dataset', '18', 'plaintext');
    assert.match(f.message, /16 of 21/);
    expectSilent(`Our aims are (1) to test the dose and (2) to follow CRS, which occurred in 16 of 21 patients (1).${list}`, 'plaintext');
    assert.ok(!findingsOf('We had two aims: (1) dose and (3) toxicity.\n', 'plaintext').some((x) => x.code === 'unknown-citation'));
  });

  it('reads a marker right after a number as a citation where it cannot be part of the statistic', () => {
    const list = '\n\nReferences\n1. Fry TJ, et al. CD22-targeted CAR T cells induce remission in B-ALL. Nat Med. 2018.\n2. Pan J, et al. CD22 CAR T-cell therapy in refractory or relapsed B-ALL. Leukemia. 2019.\n';
    const crs = expectFinding(`Across 21 treated subjects, cytokine release syndrome was observed in 17 (1).${list}`, 'contradicts-dataset', '17', 'plaintext');
    assert.match(crs.message, /Fry.*16 of 21/);
    const cr = expectFinding(`Among 30 evaluable patients, the day-30 CR/CRi rate was 83% (2).${list}`, 'contradicts-dataset', '83%', 'plaintext');
    assert.match(cr.message, /Pan.*80%/);
    expectSilent(`Among 30 evaluable patients, the day-30 CR/CRi rate was 80% (2).${list}`, 'plaintext');
    expectFinding(`In the first CD22 CAR trial, 12 of 15 patients at the higher doses reached complete remission (ref 1).${list}`, 'contradicts-dataset', '12 of 15', 'plaintext');
  });

  it('resolves a trial named by its NCT number', () => {
    expectFinding('In NCT02315612, complete remission was reached in 12 of 15 patients at the higher dose.\n', 'contradicts-dataset', '12', 'plaintext');
  });
});

describe('names several works share', () => {
  // "the NCI trial" names Fry 2018 and its update Shah 2020, which infused 58 patients where Fry treated 21.
  it('reads a shared name as the work the sentence cites', () => {
    expectSilent('In the NCI trial [@shah2020], 58 participants were infused.\n');
    expectSilent('The updated analysis of the NCI trial reported CRS in 86% of its 58 participants [@shah2020].\n');
    expectFinding('In the NCI trial [@fry2018], 28 patients were treated.\n', 'contradicts-dataset', '28');
  });

  it('does not let one of the works a shared name is given to contradict an uncited number', () => {
    expectSilent('In the NCI trial, 58 participants were infused.\n');
    expectFinding('In the Beijing trial, 40 patients were enrolled.\n', 'contradicts-dataset', '40');
  });
});

describe('grade counts', () => {
  // Fry 2018: grade 1 CRS in nine, grade 2 in seven of the 21 patients treated.
  it('reads each grade\'s count, written before the cohort or as the subject of "had"', () => {
    const before = findingsOf('Grade 1 CRS occurred in 14 and grade 2 CRS in 9 of the 21 patients [@fry2018].\n', 'markdown');
    assert.deepEqual(before.filter((f) => f.code === 'contradicts-dataset').map((f) => f.at), ['14', '9 of the 21 patients']);
    assert.ok(before.some((f) => f.code === 'arithmetic-inconsistency' && /add up to 23/.test(f.message)));
    const subject = findingsOf('Of the 21 patients, 14 had grade 1 CRS and 9 had grade 2 CRS [@fry2018].\n', 'markdown');
    assert.deepEqual(subject.filter((f) => f.code === 'contradicts-dataset').map((f) => f.at), ['14', '9']);
    expectSilent('Of the 21 patients, 9 had grade 1 CRS and 7 had grade 2 CRS [@fry2018].\n');
    expectSilent('Grade 1 CRS occurred in 9 and grade 2 CRS in 7 of the 21 patients [@fry2018].\n');
  });

  it('gives a count after a grade the dataset has no figure for to that grade, not to the grade before it', () => {
    // Fry reports no grade 3 CRS: "grade 3 in 2" is not a grade 2 count (the sum is the slip here).
    const findings = findingsOf('Fry et al. 2018: CRS 16/21: grade 1 in 9, grade 2 in 7, grade 3 in 2.\n');
    assert.deepEqual(findings.filter((f) => f.code === 'contradicts-dataset').map((f) => f.at), []);
    assert.ok(findings.some((f) => f.code === 'arithmetic-inconsistency' && /add up to 18/.test(f.message)));
    expectFinding('Fry et al. 2018: CRS 16/21: grade 1 in 9, grade 3 in 1, grade 2 in 8.\n', 'contradicts-dataset', '8');
    // Grades listed together and counted together are each their own.
    expectSilent('In the NCI trial, grade 1 and grade 2 CRS occurred in 9 and 7\npatients, respectively [@fry2018].\n');
  });
});

describe('pooled safety figures', () => {
  it('offers the pooled severe CRS rate (CD22 or CD19/CD22) to a sentence about either therapy', () => {
    for (const therapy of ['CD22', 'CD19/CD22']) {
      const f = expectFinding(`After ${therapy} CAR T cells, severe CRS occurred in 6% of patients.\n`, 'unsupported-statistic', '6%');
      assert.match(f.message, /Fergusson/);
    }
  });
});

describe('another cohort, another work', () => {
  it('says a denominator larger than any cohort of the cited work is another cohort\'s', () => {
    const f = expectFinding('Seventeen of the 34 patients (50%) had prior CD19-directed immunotherapy [@fry2018].\n', 'contradicts-dataset', 'Seventeen');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /17 of 21.*the draft's 34 is more patients than any cohort .*at most 21/);
    // Citing the update too: its cohort is not known, so nothing is said.
    expectSilent('CRS occurred in 16 of 58 patients [@fry2018; @shah2020].\n');
  });

  it('says a denominator larger than any cohort of the cited work is another work\'s when the work has no figure for the endpoint', () => {
    const f = expectFinding('In PMID 31110217, CRS occurred in 50 of 58 (86.2%).\n', 'contradicts-dataset', '50 of 58');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /^The dataset holds no cytokine release syndrome .* figure of Pan et al\. 2019 \(pan2019\), whose largest cohort is 34 patients .*the draft's 58 are more: another work's number\?$/);
    expectSilent('In PMID 31110217, CRS occurred in 30 of 34 (88%).\n');
    // Beside the cited work's own number, the citation is that number's.
    expectSilent('In our cohort, 19 of 24 patients (79%) had CRS, higher than the 73% CR rate reported by Fry et al. [@fry2018].\n');
  });

  it('says, as information, that a number is another work\'s when the cited work has no figure for it', () => {
    const f = expectFinding('The median CAR T-cell persistence was 28 days [@shah2020].\n', 'citation-mismatch', '28 days');
    assert.equal(f.severity, 'information');
    assert.match(f.message, /Pan et al\. 2019.*cites Shah et al\. 2020/);
    expectSilent('The median CAR T-cell persistence was 28 days [@pan2019].\n');
    // A figure of another kind is none: Pan reports its patients' times in remission, Fry a median of 6 months.
    assert.match(expectFinding('The median remission duration in the Beijing cohort was 6 months [@pan2019].\n', 'citation-mismatch', '6 months').message, /^6 months is Fry et al\. 2018/);
    // The sentence's own citation, not its paragraph's, says whose number it is.
    const own = expectFinding('Pan and colleagues enrolled 34 patients [@pan2019]. In that study CAR T cells persisted for a median of 28 days [@fry2018].\n', 'citation-mismatch', '28 days');
    assert.match(own.message, /Pan et al\. 2019.*cites Fry et al\. 2018/);
  });
});

describe('several works, one citation', () => {
  it('does not call a number wrong for one of the works its citation names when it may be another\'s', () => {
    expectSilent('In the initial NCI report, CRS occurred in 76% of patients; in the updated cohort it occurred in 86.2% [@fry2018; @shah2020].\n');
  });

  it('follows the citation, not the trial the words name, when they disagree', () => {
    const f = expectFinding('In the Beijing cohort, the 1-year LFS was 71.6% among transplanted patients [@shah2020].\n', 'citation-mismatch', '71.6%');
    assert.match(f.message, /Pan et al\. 2019.*cites Shah et al\. 2020/);
  });

  it('reads "among all 21 patients" as the cohort a rate is taken in', () => {
    expectSilent('This is not the remission rate among all 21 patients [@fry2018].\n');
    expectFinding('This is not the remission rate among all 23 patients [@fry2018].\n', 'contradicts-dataset', '23');
  });
});

describe('slides and other languages\' habits', () => {
  it('reads a beamer frame\'s title citation as citing the frame', () => {
    const slides = (months: string) => `\\begin{frame}{NCI phase 1: CD22-CAR \\cite{fry2018}}\n\\begin{itemize}\n  \\item Median remission duration: ${months} mo\n\\end{itemize}\n\\end{frame}\n\\begin{frame}\n\\frametitle{Pooled analysis \\cite{fergusson2023}}\n\\begin{itemize}\n  \\item CD22 alone, NHL: CR 64\\%\n\\end{itemize}\n\\end{frame}\n`;
    expectFinding(slides('9'), 'contradicts-dataset', '9 mo', 'latex');
    expectSilent(slides('6'), 'latex');
  });

  it('reads "IC 95 %" as a confidence interval, and "the neurotoxicity severe 3 %" as severe neurotoxicity', () => {
    expectSilent('The leukemia-free survival at 1 year was 71.6 % (IC 95 %: 44.2-99.0) [@pan2019].\n');
    expectFinding('The leukemia-free survival at 1 year was 76.1 % (IC 95 %: 44.2-99.0) [@pan2019].\n', 'contradicts-dataset', '76.1');
    expectSilent('The CRS severe (grade ≥3) had only 6 % of patients, and the neurotoxicity severe 3 % [@fergusson2023].\n');
  });
});

describe('hard-wrapped plain text', () => {
  it('reads a long line (a word processor\'s paragraph) as a paragraph of its own, whose citation is not the next line\'s', () => {
    const long = 'The Beijing group (Pan et al., 2019) had a bigger series: 34 patients with relapsed or refractory B-ALL, most of them after CD19 CAR T cells.';
    const findings = findingsOf(`${long}\nAfter transplantation the 1-year leukemia-free survival was 71.6%.\n`, 'plaintext');
    assert.ok(findings.some((f) => f.code === 'unsupported-statistic' && f.at.startsWith('71.6')), JSON.stringify(findings.map((f) => f.message)));
  });

  it('keeps a paragraph\'s citation for its later lines though a line ends with a sentence', () => {
    const text = 'The Beijing group (Pan et al., 2019) had a bigger series, 34 patients.\nOf the 11 they bridged to transplant, 8 were still in remission, and the 1-year leukemia-free survival was 71.6%.\n\nA new paragraph: the 1-year leukemia-free survival was 71.6%.\n';
    const findings = findingsOf(text, 'plaintext');
    assert.deepEqual(findings.filter((f) => f.at.startsWith('71.6') || f.at.startsWith('8')).map((f) => `${f.code}@${text.slice(0, f.span.start).split('\n').length}`), ['unsupported-statistic@4']);
  });
});

describe('pointing back', () => {
  it('reads "in that trial" as the work cited last, in an earlier paragraph', () => {
    const text = (crs: string) => `Fry and colleagues treated 21 children and adults with CD22 CAR T cells [@fry2018].\n\nIn that trial, CRS occurred in ${crs} of the 21 patients.\n`;
    expectFinding(text('18'), 'contradicts-dataset', '18');
    expectSilent(text('16'));
  });

  it('reads "their" after a sentence that names a work without citing it as that work', () => {
    const text = (lfs: string, lead = 'Their') => `The Pan paper reported CR in most patients. ${lead} 1-year leukemia-free survival was ${lfs}%.\n`;
    expectFinding(text('76.1'), 'contradicts-dataset', '76.1');
    expectSilent(text('71.6'));
    // Named in the sentence just before, in the same paragraph, as a citation there would be.
    expectFinding(text('76.1', 'The'), 'contradicts-dataset', '76.1');
    expectFinding('In the Fry study, sixteen of the twenty-one patients had CRS. CRS was grade 1 in seven patients and grade 2 in nine patients.\n', 'contradicts-dataset', 'seven');
    // Two works named: "their" is neither for certain.
    expectSilent('The Pan and Fry papers reported CR in most patients. Their 1-year leukemia-free survival was 76.1%.\n');
  });

  it('reads an uncited sentence right after a cited one as going on about that work, though the paragraph cites another later', () => {
    const text = (months: string, lead = 'The') => `CRS occurred in 16 of 21 patients [@fry2018]. ${lead} median remission duration was ${months} months. In the updated cohort, 58 participants were infused [@shah2020].\n`;
    expectFinding(text('9'), 'contradicts-dataset', '9 months');
    expectSilent(text('6'));
    // A sentence that sums up several works is not the last one's.
    expectSilent(text('9', 'Across both trials, the'));
  });

  it('reads uncited sentences after a cited one as going on about that work, two sentences on too', () => {
    const text = (cr: string) => `In the Beijing cohort CR/CRi was 80% [@pan2019]. The pooled estimates come from Fergusson et al. [@fergusson2023]. With CD22 alone CR was 68%. With CD19/CD22, CR was ${cr}% in B-ALL.\n`;
    expectFinding(text('93'), 'contradicts-dataset', '93%');
    expectSilent(text('90'));
  });
});

describe('correct drafts: complements, the writer\'s own work, pairs and sums', () => {
  it('reads the patients without the endpoint as no count of it', () => {
    expectSilent('Of 15 high-dose patients, 11 (73%) achieved CR and 4 (27%) did not [@fry2018].\n');
    expectSilent('Cytokine release syndrome occurred in 16 of 21 patients (76%) and 5 of 21 had none [@fry2018].\n');
    expectFinding('Of 15 high-dose patients, 12 (80%) achieved CR and 3 (20%) did not [@fry2018].\n', 'contradicts-dataset', '12 (80%)');
  });

  it('reads what the writers did before a number as their own work', () => {
    expectSilent('Fry et al. (2018) treated 21 patients. We treated 12 children, and 9 (75%) reached CR.\n');
    expectSilent('Fry et al. (2018) treated 21 patients. We now propose a single-arm study of 30 patients.\n');
    expectSilent('Median remission duration was 6 months [@fry2018]. In our hands, the median remission duration was 9 months.\n');
    // The writers' words after the number do not make the cited work's number theirs.
    expectFinding('The median remission duration of 9 months reported by Fry et al. [@fry2018] mirrors the relapses we observed.\n', 'contradicts-dataset', '9 months');
  });

  it('pairs grades and therapies listed around "respectively" with the numbers', () => {
    expectSilent('Grade 1 and 2 CRS occurred in 9 and 7 patients, respectively [@fry2018].\n');
    expectFinding('Grade 1 and 2 CRS occurred in 9 and 8 patients, respectively [@fry2018].\n', 'contradicts-dataset', '8 patients');
    expectSilent('Grade 1 and grade 2 CRS occurred in nine and seven patients, respectively [@fry2018].\n');
    expectSilent('In B-ALL, CR was 68% and 90%, respectively, for CD22 alone and CD19/CD22 [@fergusson2023], whereas in NHL the CD22-alone and CD19/CD22 estimates were 64% and 47%, respectively.\n');
  });

  it('gives a count the endpoint its verb names after it, and a sum of works to none of them', () => {
    expectSilent('Of the 24 CR patients, 11 were bridged to transplant and 7 received no further treatment [@pan2019].\n');
    expectSilent('Pan et al. (2019) reported 80% CR/CRi, higher than the 73% of Fry et al. (2018).\n');
    expectSilent('CR was reached in 11/15 patients in the NCI trial [@fry2018] and 24/30 in the Beijing cohort [@pan2019], 35/45 (78%) in total.\n');
    expectSilent('In the NCI phase 1 trial, CRS occurred in 9 patients at grade 1 and 7 at grade 2 [@fry2018].\n');
  });
});

describe('informal drafts: e-mails, slides, replies to reviewers, Word exports', () => {
  it('reads informal names of a work, bracketed author-year, word-number medians and a group\'s rate', () => {
    expectFinding('The Pan cohort had a median CAR T persistence of 21 days.\n', 'contradicts-dataset', '21 days', 'plaintext');
    expectFinding("In Fergusson's meta-analysis, CR was 58% with CD22 alone.\n", 'contradicts-dataset', '58%', 'plaintext');
    expectFinding('- CR 75% [Fry 2018]\n', 'contradicts-dataset', '75%');
    expectSilent('- CR 73% (11/15) [Fry et al., 2018]\n');
    expectFinding('Median remission duration was nine months (Fry et al., 2018).\n', 'contradicts-dataset', 'nine months', 'plaintext');
    expectFinding('In the Beijing cohort 80% of all 34 enrolled patients reached CR or CRi.\n', 'contradicts-dataset', '80%', 'plaintext');
  });

  it('reads "grade 3+" as grade 3 or higher, and Word\'s "×" before a no-break space as a times sign', () => {
    expectSilent('## NCI phase 1 (Fry 2018)\n\n- Grade 3+ CRS: 0/21\n');
    expectFinding('CR was 73% (11/15) in patients receiving \u22651\u00a0\u00d7\u00a0105 CD22-CAR T cells/kg (Fry et al., 2018).\n', 'contradicts-dataset', '105', 'plaintext');
  });

  it('says a quoted reviewer\'s number as information, and checks the draft\'s own revised text in full', () => {
    const reply = '> Reviewer 1: Fry et al. reported a CR rate of 75%.\n\nWe thank the reviewer; Fry et al. report 73% (11/15) [@fry2018].\n';
    const quoted = findingsOf(reply).find((f) => f.at.includes('75%'));
    assert.equal(quoted?.severity, 'information');
    assert.match(quoted!.message, /^In a quotation: /);
    expectFinding('> **Revised:** Cytokine release syndrome occurred in 16 of 21 patients (77%) [@fry2018].\n', 'arithmetic-inconsistency', '77%');
  });
});

describe('LaTeX citations', () => {
  it('reads natbib\'s sentence-initial \\Citet, and a trial number beside it as that report\'s', () => {
    expectFinding('\\Citet{fry2018} treated 21 children and young adults aged 7--35 years.\n', 'contradicts-dataset', '7--35', 'latex');
    // NCT02315612 is the trial of Fry 2018 and of its update (Shah 2020); the sentence cites Fry.
    expectFinding('\\Citet{fry2018} treated 21 children and young adults aged 7--35 years on NCT02315612.\n', 'contradicts-dataset', '7--35', 'latex');
    expectSilent('\\Citet{fry2018} treated 21 children and young adults aged 7--30 years on NCT02315612.\n', 'latex');
  });
});

describe('a number given to another single-antigen therapy', () => {
  // Fergusson 2023: CR 64% in NHL with CD22 CAR T cells alone, 68% in B-ALL; 90% with CD19/CD22; nothing for CD19 alone.
  it('says whose therapy the number is', () => {
    const f = expectFinding('Fergusson et al. 2023: CD19 CAR alone, NHL: CR 64% (95% CI 46-81), n = 28.\n', 'contradicts-dataset', '64%');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /CD22 CAR T cells alone.*the draft gives it to CD19 CAR T cells: CD22\?$/);
    const other = expectFinding('Fergusson et al. 2023: with CD19 CAR T cells alone in B-ALL, CR was 90%.\n', 'contradicts-dataset', '90%');
    assert.match(other.message, /no figure for CD19 CAR T cells/);
    expectSilent('Fergusson et al. 2023: CD22 CAR alone, NHL: CR 64% (95% CI 46-81), n = 28.\n');
  });

  it('reads the therapy patients had before as no claim about the number', () => {
    expectSilent('CD22 CAR: CR of about 70% after CD19 failure [@fergusson2023].\n');
    expectSilent('Among patients resistant to CD19 CAR T cells, CR was 73% (11/15) [@fry2018].\n');
  });
});

describe('endpoints written in narrower words', () => {
  // Pan 2019 reports CR/CRi (80% of 30 evaluable, 70.5% of 34 enrolled) and no CR alone: writers call it CR.
  it('reads "CR" for a work that reports only CR/CRi as that CR/CRi', () => {
    expectSilent('CR was 80% (Pan et al., 2019).\n');
    expectSilent('CR was achieved in 80% of evaluable patients [@pan2019].\n');
    const f = expectFinding('CR was 73% (Pan et al., 2019).\n', 'citation-mismatch', '73%');
    assert.match(f.message, /Pan et al\. 2019.*CR\/CRi/);
    expectFinding('The CR rate was 76.5% of all 34 enrolled [@pan2019].\n', 'contradicts-dataset', '76.5%');
  });

  it('leaves a cohort of CR patients, and another work\'s CR/CRi, alone', () => {
    expectSilent('Of the seven CR patients who received no further treatment, three remained in remission [@pan2019].\n');
    // Fry reports CR itself: its CR is not Pan's CR/CRi.
    expectFinding('CR was 80% in the NCI trial (Fry et al., 2018).\n', 'contradicts-dataset', '80%');
  });
});

describe('populations', () => {
  it('holds patients bridged to transplant and those given no further therapy apart', () => {
    // Pan 2019: of the CR patients, 11 were bridged to transplant (8 remained in remission), 7 had no further therapy (3).
    const findings = findingsOf('Pan et al. (2019): eleven CR patients received no further treatment and 3 of them remained in remission.\n');
    assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => f.at), ['eleven CR patients']);
    expectSilent('Pan et al. (2019): seven CR patients received no further treatment and 3 of them remained in remission.\n');
    expectSilent('Pan et al. (2019): of the 11 bridged to transplant, 8 remained in remission, and of the 7 who did not go on to transplant, 3 did.\n');
    expectFinding('Pan et al. (2019): eleven CR patients were bridged to transplant and 3 of them remained in remission.\n', 'contradicts-dataset', '3 of them');
  });

  it('does not hold "enrolled" against an evaluable-patients fact when the clause names both', () => {
    const f = expectFinding('Of 34 enrolled patients, CR or CRi on day 30 was achieved in 24 of 30 evaluable patients (80%) [@fry2018].\n', 'citation-mismatch', '24 of 30');
    assert.match(f.message, /Pan et al\. 2019.*80% \(24\/30\)/);
  });
});

describe('what a clause cites', () => {
  it('reads a count that is its sentence\'s subject as counting what its verb says', () => {
    expectSilent('Eleven CR patients were promptly bridged to transplantation (Pan et al., 2019).\n', 'plaintext');
    expectSilent('Seven CR patients received no further treatment (Pan et al., 2019).\n', 'plaintext');
  });

  it('does not give a number the citation or trial name of another clause of its sentence', () => {
    const past = findingsOf('The dual-target trial of @spiegel2021 is discussed below; CR with CD22 alone in B-ALL was 68%.\n', 'markdown');
    assert.deepEqual(past.map((f) => `${f.code} ${f.severity}`), ['unsupported-statistic hint'], JSON.stringify(past.map((f) => f.message)));
    const alias = findingsOf('CR with CD22 alone in B-ALL was 68%, and any-grade CRS reached 86% in the updated NCI trial.\n', 'markdown');
    assert.ok(!alias.some((f) => f.at === '68%' && f.severity === 'error'), JSON.stringify(alias.map((f) => f.message)));
  });
});

describe('correct drafts that read like errors', () => {
  it("leaves the writer's own numbers, two compared numbers, and numbers a citation of several works may give to another alone", () => {
    expectSilent('Our median remission duration was 9 months (range 2-21), longer than the 6 months reported by the NCI trial [@fry2018].\n');
    expectSilent('In our pilot, the median remission duration was 9 months. The NCI trial reported 6 months [@fry2018].\n');
    expectSilent('The difference between 80% and 70.5% reflects the denominator [@pan2019].\n');
    // (@maude2018 is in no bibliography here: only that is reported.)
    const claims = (text: string) => findingsOf(text, 'markdown').filter((f) => f.code !== 'unknown-citation' && f.severity !== 'hint').map((f) => f.message);
    assert.deepEqual(claims('CD22 CAR T cells gave CR in 81% of patients in ELIANA and 73% (11/15) in the NCI trial [@maude2018; @fry2018].\n'), []);
    assert.deepEqual(claims('Complete remission rates were 81% in ELIANA and 73% (11/15) in the NCI trial, respectively [@maude2018; @fry2018].\n'), []);
    // "[1]:" ending the line that leads a list in is a citation (a link definition starts its line).
    const notes = 'Key numbers, per Fry 2018 [1]:\n\n- 21 patients treated\n- 17 of 21 previously treated with CD19-directed immunotherapy (81%)\n\nReferences\n1. Fry TJ, et al. Nat Med. 2018;24:20-28.\n';
    assert.deepEqual(findingsOf(notes, 'plaintext').map((f) => f.code), []);
  });
});

describe('more ways to say it', () => {
  it('reads lay words: cells that "target both CD19 and CD22", "problems with the brain and nerves"', () => {
    const lead = 'In 2023 a review pooled every study of CD22 CAR T cells (Fergusson et al., 2023):\n\n';
    expectSilent(`${lead}- With CAR T cells that target both CD19 and CD22, nine in ten went into remission.\n`, 'plaintext');
    const nerves = expectFinding(`${lead}- Severe problems with the brain and nerves were rarer: about 13 in 100.\n`, 'contradicts-dataset', '13 in 100', 'plaintext');
    assert.match(nerves.message, /reports severe neurotoxicity \(grade >= 3 ICANS\): 3%/);
  });

  it('reads a cohort named by what was done to it ("Of the 11 bridged to transplant, 5 remain")', () => {
    const text = (n: string) => `Of the 11 bridged to transplant, ${n} remain in remission (Pan et al., 2019).\n`;
    expectSilent(text('8'), 'plaintext');
    assert.match(expectFinding(text('5'), 'contradicts-dataset', '5', 'plaintext').message, /reports remaining in remission: 8 of 11.*the draft says 5 of 11\.$/);
  });

  it('reads a first author with the year or a word for the work as naming it ("per Fry 2018", "the Pan paper", a table row)', () => {
    expectSilent('- CR 73% at the top dose level, per Fry 2018\n', 'plaintext');
    assert.match(expectFinding('- CRS rate 86% per Fry 2018\n', 'contradicts-dataset', '86%', 'plaintext').message, /^Fry et al\. 2018 \(fry2018\) reports cytokine release syndrome \(any grade\): 16 of 21/);
    assert.match(expectFinding('In the Pan paper, 9 of the 11 bridged patients stayed in remission.\n', 'contradicts-dataset', '9', 'plaintext').message, /^Pan et al\. 2019/);
    const row = (crs: string) => `| Study | n | CRS, % |\n|---|---|---|\n| Fry 2018 | 21 | ${crs} |\n`;
    expectSilent(row('76'));
    expectFinding(row('86'), 'contradicts-dataset', '86');
    // Not the surname alone, nor another year.
    expectSilent('- CRS rate 86% in the Fry 2019 follow-up\n', 'plaintext');
  });

  it('reads "of whom N", "stayed in remission" and "the Beijing study"', () => {
    expectFinding('11 CR patients were bridged to transplantation, of whom 9 remained in remission (Pan et al., 2019).\n', 'contradicts-dataset', '9', 'plaintext');
    expectSilent('11 CR patients were bridged to transplantation, of whom 8 remained in remission (Pan et al., 2019).\n', 'plaintext');
    expectFinding('Of the 7 patients without further therapy in the Beijing study, five stayed in remission.\n', 'contradicts-dataset', 'five', 'plaintext');
  });
});

describe('corrections as the text writes its numbers', () => {
  const fixed = (text: string, at: string) => {
    const f = expectFinding(text, 'contradicts-dataset', at);
    const fix = f.fixes?.[0];
    assert.ok(fix, 'a fix is offered');
    return text.slice(0, fix.edits[0]!.span.start) + fix.edits[0]!.newText + text.slice(fix.edits[0]!.span.end);
  };

  it('corrects a proportion as a proportion and a number word in words', () => {
    assert.equal(
      fixed('The 1-year leukemia-free survival was 0.761 (95% CI 0.442-0.990) [@pan2019].\n', '0.761'),
      'The 1-year leukemia-free survival was 0.716 (95% CI 0.442-0.990) [@pan2019].\n',
    );
    assert.equal(fixed('Grade 1 CRS occurred in nine patients and grade 2 in eight [@fry2018].\n', 'eight'), 'Grade 1 CRS occurred in nine patients and grade 2 in seven [@fry2018].\n');
  });
});

describe('totals of graded events', () => {
  it('reads "total" and "any grade" after a grade\'s number as the whole event\'s', () => {
    expectSilent('Grade 1 CRS occurred in nine patients and grade 2 in 7 (total 16 of 21, 76%) [@fry2018].\n');
    expectFinding('Grade 1 CRS occurred in nine patients and grade 2 in 7 (total 17 of 21, 81%) [@fry2018].\n', 'contradicts-dataset', '17 of 21');
    expectSilent('With CD22 CAR T cells, severe CRS was seen in 6% of patients (any grade, 87%) [@fergusson2023].\n');
  });
});

describe('citation-mismatch', () => {
  it('flags a number cited to a trial that reports another value for the endpoint, when it is another reference\'s number', () => {
    expectFinding('Complete remission was reached in 68% of patients with B-ALL treated with CD22 CAR T cells [@pan2019].\n', 'citation-mismatch', '68%');
  });

  it('flags a number that can hardly be another work\'s by chance, cited to a work that reports nothing for its endpoint, as a warning', () => {
    const count = expectFinding('In the Beijing trial, cytokine release syndrome occurred in 16 of 21 patients (Pan et al., 2019).\n', 'citation-mismatch', '16 of 21', 'plaintext');
    assert.equal(count.severity, 'warning');
    assert.match(count.message, /Fry.*but the text cites Pan/);
    // Pan reports its own figure for prior CD19 therapy (all 34 had failed CD19 CAR T cells): Fry's 17 of 21 is an error.
    assert.equal(expectFinding('In the Beijing trial, 17 of 21 patients had received prior CD19-directed therapy (Pan et al., 2019).\n', 'citation-mismatch', '17 of 21', 'plaintext').severity, 'error');
    expectFinding('The NCI group reported a 1-year leukemia-free survival of 71.6% (Fry et al., 2018).\n', 'citation-mismatch', '71.6%', 'plaintext');
    // A round number may be the cited work's own too.
    assert.ok(!findingsOf('The NCI group reported a 1-year leukemia-free survival of 72% (Fry et al., 2018).\n', 'plaintext').some((f) => f.code === 'citation-mismatch'));
  });

  it('flags a one-point drift from the cited reference', () => {
    const f = expectFinding('Severe (grade ≥3) CRS occurred in 7% of patients [@fergusson2023].\n', 'citation-mismatch', '7%');
    assert.match(f.message, /6%/);
  });
});

describe('tables', () => {
  it('reads a count with its percent under an "n (%)" header', () => {
    // Fry 2018: 17 of the 21 patients (81%) had received CD19-directed therapy.
    const f = expectFinding('| Trial | N | Prior CD19 therapy, n (%) | Ref |\n|---|---|---|---|\n| NCI phase 1 | 21 | 17 (85) | [@fry2018] |\n', 'contradicts-dataset', '17 (85)');
    assert.match(f.message, /the draft says 17 \(85%\) \(17 of 21 is 81%\)\.$/);
    expectSilent('| Trial | N | Prior CD19 therapy, n (%) | Ref |\n|---|---|---|---|\n| NCI phase 1 | 21 | 17 (81) | [@fry2018] |\n');
    expectFinding('Trial & Prior CD19 therapy, n (\\%) & Ref \\\\\nNCI phase 1 & 17 (85) & \\citet{fry2018} \\\\\n'.replace(/^/, '\\begin{tabular}{lrl}\n') + '\\end{tabular}\n', 'contradicts-dataset', '17 (85)', 'latex');
  });

  it('reads a nested item under a "*" bullet, a pandoc "Table:" caption, and an interval level as no percent sign', () => {
    expectFinding('In the NCI phase 1 trial [@fry2018]:\n\n* CR: 11/15 (73%)\n    * CR in CD19-negative disease: 4 of 5\n', 'contradicts-dataset', '4 of 5');
    expectFinding('Table: Safety [@fergusson2023].\n\n| Product | Severe CRS % | Severe ICANS % |\n|---|---|---|\n| All | 9 | 3 |\n', 'contradicts-dataset', '9');
    expectSilent('Table 8. LFS in the Beijing cohort [@pan2019].\n\n| Population | 1-year LFS, proportion (95% CI) |\n|---|---|\n| Bridged to transplant | 0.716 (0.442-0.990) |\n');
  });

  const pipe = (cr: string, crs: string) =>
    `| Study | N | CR | CRS (any grade) |\n|---|---|---|---|\n| Fry 2018 [@fry2018] | 21 | ${cr} | ${crs} |\n| Pan 2019 [@pan2019] | 34 | 80% | - |\n`;

  it('reads a number in a body cell as what its column header names', () => {
    const cr = expectFinding(pipe('75%', '76%'), 'contradicts-dataset', '75%');
    assert.match(cr.message, /73% \(11\/15\)/);
    const crs = expectFinding(pipe('73%', '81%'), 'contradicts-dataset', '81%');
    assert.match(crs.message, /16 of 21/);
    expectSilent(pipe('73%', '76%'));
  });

  it('reads a LaTeX tabular the same way, its first row being the header', () => {
    const table = (cr: string) =>
      `\\begin{tabular}{lcc}\n\\toprule\nStudy & Patients & CR \\\\\n\\midrule\nFry 2018 \\cite{fry2018} & 21 & ${cr}\\% \\\\\n\\bottomrule\n\\end{tabular}\n`;
    expectFinding(table('78'), 'contradicts-dataset', '78', 'latex');
    expectSilent(table('73'), 'latex');
  });

  it('reads a bare number under a percent header as a percent, cited by the table\'s caption', () => {
    const pipeTable = (nhl: string) => `Table 2. Pooled complete remission by product [@fergusson2023].\n\n| Product | Disease | CR (%) | 95% CI |\n|---|---|---|---|\n| CD22 | NHL | ${nhl} | 34-61 |\n| CD22 | B-ALL | 68 | 58-77 |\n`;
    const f = expectFinding(pipeTable('28'), 'contradicts-dataset', '28');
    assert.match(f.message, /reports complete remission: 64%.*the draft says 28%\.$/);
    expectSilent(pipeTable('64'));
    const latex = (nhl: string) =>
      `\\begin{table}\n\\caption{Pooled complete remission \\citep{fergusson2023}.}\n\\begin{tabular}{llc}\nProduct & Disease & CR (\\%) \\\\\nCD22 & NHL & ${nhl} \\\\\n\\end{tabular}\n\\end{table}\n`;
    expectFinding(latex('28'), 'contradicts-dataset', '28', 'latex');
    expectSilent(latex('64'), 'latex');
  });

  it('reads a cell\'s percent with its interval under a header that names both ("Best CR, % (95% CI)")', () => {
    const table = (nhl: string) => `Pooled best CR by product [@fergusson2023]:\n\n| Product | Disease | Best CR, % (95% CI) |\n|---|---|---|\n| CD22 alone | NHL | ${nhl} |\n`;
    assert.match(expectFinding(table('46 (46-81)'), 'contradicts-dataset', '46').message, /reports complete remission: 64%.*the draft says 46% \(46-81\)\.$/);
    expectSilent(table('64 (46-81)'));
  });

  it('checks a percent column against the count beside it ("11/15 | 75" under "n/N | %")', () => {
    const table = (percent: string) => `| Trial | CR, n/N | % |\n|---|---|---|\n| Fry 2018 [@fry2018] | 11/15 | ${percent} |\n`;
    expectFinding(table('75'), 'arithmetic-inconsistency', '75');
    expectSilent(table('73'));
  });

  it('reads a row\'s own citation in a table whose cells are padded to line up (as table formatters leave them)', () => {
    const table = (cr: string) =>
      '| Study                    | Target | Disease | CR  | Citation          |\n' +
      '|:-------------------------|:-------|:--------|----:|:------------------|\n' +
      '| NCI phase 1, NCT02315612 | CD22   | B-ALL   | 73% | [@fry2018]        |\n' +
      `| Meta-analysis, NHL       | CD22   | NHL     | ${cr} | [@fergusson2023]  |\n`;
    expectSilent(table('64%'));
    // The row's own citation, not the trial the row above names, says whose 40% it is.
    assert.match(expectFinding(table('40%'), 'contradicts-dataset', '40%').message, /^Fergusson et al\. 2023.*reports complete remission: 64%/);
  });

  it('names the whole a table cell\'s percent is of in the cited work, and offers it ("24/34 (80)" under "CR, n/N (%)")', () => {
    const text = '| Study | Patients | CR, n/N (%) | Citation |\n|---|---|---|---|\n| Beijing phase 1 | 34 | 24/34 (80) | [@pan2019] |\n';
    const f = expectFinding(text, 'arithmetic-inconsistency', '24/34');
    assert.match(f.message, /reports 70\.5% \(24\/34\) and 80% \(24\/30\) for evaluable patients: did you mean 24 of 30\?$/);
    const edit = f.fixes!.find((x) => x.preferred)!.edits[0]!;
    assert.equal(text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end), text.replace('24/34', '24/30'));
  });

  it('checks a percent written with its sign against the count cell before it ("12/21 | 57%" under "n/N | CR")', () => {
    const table = (percent: string) => `| Trial | n/N | CR |\n|---|---|---|\n| Pan 2019 [@pan2019] | 24/30 | ${percent} |\n`;
    assert.match(expectFinding(table('90%'), 'arithmetic-inconsistency', '90%').message, /^24\/30 is 80\.0%/);
    expectSilent(table('80%'));
    // 57% of all 21 treated is not the 73% of the 15 at the higher dose: another cohort, which the dataset does not hold.
    expectSilent(`| Trial | n/N | CR |\n|---|---|---|\n| Fry 2018 [@fry2018] | 12/21 | 57% |\n`);
    // A column of another measure is not the count's percent: 12/21 is CR, 76% is CRS.
    expectSilent(`| Trial | CR | CRS |\n|---|---|---|\n| Fry 2018 [@fry2018] | 11/15 | 76% |\n`);
  });

  it('reads a float\'s caption as citing its table, after \\centering and \\label too', () => {
    const table = (cr: string) =>
      `\\begin{table}[t]\n  \\centering\n  \\caption{Pooled best complete response \\citep{fergusson2023}.}\n  \\label{tab:pooled}\n  \\begin{tabular}{llrr}\n    \\toprule\n` +
      `    & & \\multicolumn{2}{c}{Best CR} \\\\\n    Target & Disease & $n$ & \\% (95\\% CI) \\\\\n    \\midrule\n    CD22 & NHL & 28 & ${cr} \\\\\n    \\bottomrule\n  \\end{tabular}\n\\end{table}\n`;
    assert.deepEqual(findingsOf(table('64 (46--81)'), 'latex').map((f) => f.code), []);
    assert.match(expectFinding(table('54 (46--81)'), 'contradicts-dataset', '54', 'latex').message, /reports complete remission: 64%/);
  });

  it('reads a LaTeX header of two rows, a \\multicolumn grouping the columns under it', () => {
    const table = (count: string, percent: string) =>
      `\\begin{tabular}{lccc}\n\\toprule\n & \\multicolumn{2}{c}{Complete remission} & CRS \\\\\n\\cmidrule(lr){2-3}\nTrial & n/N & \\% & \\\\\n\\midrule\n` +
      `Pan 2019 \\cite{pan2019} & ${count} & ${percent} & -- \\\\\nFry 2018 \\cite{fry2018} & 11/15 & 73\\% & 76\\% \\\\\n\\bottomrule\n\\end{tabular}\n`;
    expectSilent(table('24/30', '80\\%'), 'latex');
    expectFinding(table('24/30', '90\\%'), 'arithmetic-inconsistency', '90', 'latex');
    // The column after the \multicolumn is still CRS: 81% is not Fry's 76%.
    const crs = table('24/30', '80\\%').replace('76\\%', '81\\%');
    assert.match(expectFinding(crs, 'contradicts-dataset', '81', 'latex').message, /16 of 21/);
  });

  it('reads decimal commas ("71,6 %", "44,2-99,0") and keeps them in its fixes', () => {
    const text = (lfs: string) => `Das 1-Jahres-LFS betrug ${lfs} (95 % KI 44,2-99,0) (Pan et al., 2019).\n`;
    expectSilent(text('71,6 %'), 'plaintext');
    const f = expectFinding(text('76,1 %'), 'contradicts-dataset', '76,1', 'plaintext');
    const edit = f.fixes?.[0]?.edits[0];
    assert.ok(edit);
    assert.equal(text('76,1 %').slice(0, edit.span.start) + edit.newText + text('76,1 %').slice(edit.span.end), text('71,6 %'));
    expectSilent('HLH-like toxicity in 19/58 (32,8 %) (Shah et al., 2020), CR in 70,5 % of all 34 (Pan et al., 2019).\n', 'plaintext');
  });

  it('reads the Lancet\'s middle-dot decimals ("71·6%") and keeps them in its fixes', () => {
    const text = (lfs: string) => `The 1-year LFS was ${lfs} (95% CI 44·2–99·0) (Pan et al., 2019).\n`;
    expectSilent(text('71·6%'), 'plaintext');
    const f = expectFinding(text('76·1%'), 'contradicts-dataset', '76·1', 'plaintext');
    const edit = f.fixes?.[0]?.edits[0];
    assert.ok(edit);
    assert.equal(text('76·1%').slice(0, edit.span.start) + edit.newText + text('76·1%').slice(edit.span.end), text('71·6%'));
    const slip = expectFinding('HLH-like manifestations in 19/58 (38·2%) (Shah et al., 2020).\n', 'arithmetic-inconsistency', '19/58', 'plaintext');
    assert.match(slip.fixes?.[0]?.edits.map((e) => e.newText).join() ?? '', /^32·8%?$/);
  });

  it('reads siunitx ranges as ranges and a change "from 75% to 73%" as its new value', () => {
    const ci = (high: string) => `One-year LFS was \\SI{71.6}{\\percent} (95\\,\\% CI \\numrange{44.2}{${high}}) in patients aged \\SIrange{7}{30}{years} \\citep{pan2019}.\n`;
    expectSilent(ci('99.0'), 'latex');
    assert.match(expectFinding(ci('90.0'), 'contradicts-dataset', '71.6', 'latex').message, /the draft says 71\.6% \(95% CI 44\.2-90\.0\)\.$/);
    expectSilent('We have corrected the CR rate from 75% to 73% [@fry2018].\n');
    expectFinding('We have corrected the CR rate from 75% to 77% [@fry2018].\n', 'contradicts-dataset', '77%');
  });

  it('says when two numbers of a sentence look swapped (each is the other\'s figure)', () => {
    const findings = findingsOf('Severe CRS occurred in 3% and severe ICANS in 6% of patients [@fergusson2023].\n', 'markdown').filter((f) => f.code === 'contradicts-dataset');
    assert.deepEqual(findings.map((f) => f.at), ['3%', '6%']);
    assert.match(findings[0]!.message, /severe CRS \(grade >= 3\): 6% .*the draft says 3%\. The draft's 6% next to it is this figure: are the two swapped\?$/);
    assert.match(findings[1]!.message, /The draft's 3% next to it is this figure: are the two swapped\?$/);
    // Two numbers each wrong in its own way are not a swap.
    const apart = findingsOf('Severe CRS occurred in 4% and severe ICANS in 6% of patients [@fergusson2023].\n', 'markdown');
    assert.ok(apart.every((f) => !/swapped/.test(f.message)), JSON.stringify(apart.map((f) => f.message)));
  });

  it('says when the draft gives a work\'s number for another dose than the work\'s ("73% (11/15) at 1 x 10^5 cells/kg")', () => {
    const md = (dose: string) => `Complete remission was obtained in 73% (11/15) of patients receiving ${dose} cells/kg, including all 5 with CD19-negative disease [@fry2018].\n`;
    const f = expectFinding(md('at least 1 × 10^5'), 'contradicts-dataset', '1 × 10^5 cells/kg');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /reports 73% \(11\/15\) for patients receiving >= 1 x 10\^6 .*; the draft gives it for at least 1 × 10\^5 cells\/kg\.$/);
    assert.equal(findingsOf(md('at least 1 × 10^5'), 'markdown').length, 1, 'two numbers given one wrong dose: one finding');
    expectSilent(md('≥1 × 10^6'));
    const tex = 'Complete remission was obtained in 11 of 15 patients (73\\%) who received at least \\SI{1e5}{cells\\per\\kilogram} \\citep{fry2018}.\n';
    assert.match(expectFinding(tex, 'contradicts-dataset', '1e5}{cells\\per\\kilogram', 'latex').message, /the draft gives it for at least 1 × 10\^5 cells\/kg\.$/);
    expectSilent(tex.replace('1e5', '1e6'), 'latex');
    // siunitx's prefixed units read as a reader reads them.
    const prefixed = tex.replace('1e5}{cells\\per\\kilogram', '3e6}{cells\\per\\kilo\\gram');
    assert.match(expectFinding(prefixed, 'contradicts-dataset', '3e6', 'latex').message, /the draft gives it for at least 3 × 10\^6 cells\/kg\.$/);
  });

  it('does not give a number the endpoint a later clause names for its own number', () => {
    const text = 'CD22 CAR T cells alone gave a best CR of 68% [@fergusson2023]; with CD19/CD22 products it was 90%, and severe neurotoxicity occurred in 3%.\n';
    expectSilent(text);
    assert.deepEqual(findingsOf(text.replace('90%', '80%'), 'markdown').filter((f) => f.severity === 'error').map((f) => f.at), ['80%']);
  });

  it("does not read a meta-analysis's heterogeneity (I² = 71%) as an outcome", () => {
    expectSilent('Pooled best CR was 68\\% (95\\% CI 53--81; $I^2 = 71\\%$) \\cite{fergusson2023}.\n', 'latex');
    expectSilent('Pooled best CR was 68% (95% CI 53-81; I² = 71%) [@fergusson2023].\n');
  });

  it('reads a table pasted into plain text, cells between tabs or pipes, by its columns', () => {
    const tabs = (nhl: string) => `Summary table (pasted from the spreadsheet):\n\nTrial\tn\tCR, %\tCRS, %\nFry 2018\t21\t73 (11/15)\t76\nFergusson 2023 CD19/22 NHL\t137\t${nhl}\t-\n`;
    expectSilent(tabs('47'), 'plaintext');
    assert.match(expectFinding(tabs('74'), 'contradicts-dataset', '74', 'plaintext').message, /reports complete remission: 47%/);
    const pipes = (crs: string) => `| Trial | n | CRS, % |\n| Fry 2018 | 21 | ${crs} |\n`;
    expectSilent(pipes('76'), 'plaintext');
    expectFinding(pipes('86'), 'contradicts-dataset', '86', 'plaintext');
    // A line with one tab in it (an indent, a tab after a list number) is prose.
    const recognizedKinds = recognizeBlocks('1.\tCRS occurred in 16 of 21 patients.\n\tIt resolved.\n', 'plaintext').blocks.map((b) => b.kind);
    assert.ok(!recognizedKinds.includes('table'), recognizedKinds.join());
  });

  it('reads a percent cell with its count after it ("73 (11/15)"), and never pairs a count with the next column of percents', () => {
    const markdown = (cr: string, crs: string) => `| Study | n | CR, % | CRS, % |\n|---|---|---|---|\n| Fry 2018 [@fry2018] | 21 | ${cr} | ${crs} |\n`;
    // 76 is the CRS column's (16/21), not a percent of the CR column's 11/15.
    expectSilent(markdown('73 (11/15)', '76'));
    const slip = expectFinding(markdown('75 (11/15)', '76'), 'arithmetic-inconsistency', '75 (11/15)');
    assert.match(slip.message, /^11\/15 is 73\.3%, which no rounding makes 75%/);
    assert.match(expectFinding(markdown('73 (11/15)', '86'), 'contradicts-dataset', '86').message, /reports cytokine release syndrome \(any grade\): 16 of 21/);
    const latex = (cr: string, crs: string) =>
      `\\begin{tabular}{lrrr}\nStudy & n & CR, \\% & CRS, \\% \\\\\n\\citet{fry2018} & 21 & ${cr} & ${crs} \\\\\n\\end{tabular}\n`;
    expectSilent(latex('73 (11/15)', '76'), 'latex');
    expectFinding(latex('75 (11/15)', '76'), 'arithmetic-inconsistency', '75 (11/15)', 'latex');
  });
});

describe('lead-ins: lists and sections', () => {
  const list = (leadIn: string, grade2: string) => `${leadIn}\n\n- 21 patients, aged 7 to 30\n- CRS in 16/21 (76%), grade 1 in 9, grade 2 in ${grade2}\n`;

  it('reads the items of a list whose lead-in cites a publication as citing it', () => {
    const f = expectFinding(list('In the NCI trial [@fry2018]:', '8'), 'contradicts-dataset', '8');
    assert.match(f.message, /Fry.*7/);
    const quiet = findingsOf(list('In the NCI trial [@fry2018]:', '7'), 'markdown');
    assert.deepEqual(quiet.filter((x) => x.code === 'unsupported-statistic' || x.severity === 'error'), []);
  });

  it('reads a LaTeX itemize and a plain-text bullet list the same way', () => {
    const latex = 'Key results of the NCI phase 1 trial \\citep{fry2018}:\n\\begin{itemize}\n  \\item CRS occurred in 17 of 21 patients;\n\\end{itemize}\n';
    expectFinding(latex, 'contradicts-dataset', '17 of 21', 'latex');
    expectFinding('Key results of the NCI phase 1 trial (Fry et al., 2018):\n\n• CRS occurred in 17 of 21 patients\n', 'contradicts-dataset', '17 of 21', 'plaintext');
  });

  it('reads a section whose heading cites a work as that work\'s, up to the next heading', () => {
    const text = '## The NCI phase 1 trial [@fry2018]\n\nTwenty-one patients were treated. The median remission duration was 6 months.\n\n## Other CAR T cells\n\nThe median remission duration was 9 months with CD19 products.\n';
    const findings = findingsOf(text, 'markdown');
    assert.deepEqual(findings.map((f) => f.code), [], JSON.stringify(findings.map((f) => f.message)));
    const wrong = findingsOf(text.replace('6 months', '8 months'), 'markdown');
    assert.deepEqual(wrong.map((f) => `${f.code}@${f.at}`), ['contradicts-dataset@8 months']);
  });

  it('reads a list as the cited work\'s when a short sentence of its own, ending in a colon, follows the citation', () => {
    expectFinding(list('The NCI trial was the first of CD22 CAR T cells [@fry2018]. Its key results were:', '8'), 'contradicts-dataset', '8');
    const other = findingsOf(list('The NCI trial was the first of CD22 CAR T cells [@fry2018]. Other trials reported:', '8'), 'markdown');
    assert.ok(!other.some((x) => x.code === 'contradicts-dataset'), JSON.stringify(other.map((x) => x.message)));
  });

  it('says a list item\'s number is another work\'s when the lead-in cites a work that does not report it', () => {
    const f = expectFinding('The Beijing experience [@pan2019] was larger:\n\n- complete remission in 5 of 5 patients with CD19-negative blasts;\n', 'citation-mismatch', '5 of 5');
    assert.match(f.message, /Fry et al\. 2018.*cites Pan et al\. 2019/);
  });

  it('does not lend a citation to a list that a sentence ending in a full stop comes before', () => {
    const f = findingsOf(list('The NCI trial was the first [@fry2018]. Results follow.', '8'), 'markdown');
    assert.ok(!f.some((x) => x.code === 'contradicts-dataset'), JSON.stringify(f.map((x) => x.message)));
  });
});

describe('comparisons', () => {
  it('gives a number the therapy named after its bracket, even one with a semicolon in it', () => {
    // Fergusson 2023: CR 68% with CD22 alone, 90% with CD19/CD22 in B-ALL.
    expectSilent('Fergusson et al. (2023) pooled best CR of 68% for CD22 alone and 90% (95% CI 84-95; n=297) for CD19/CD22.\n');
    const f = expectFinding('Fergusson et al. (2023) pooled best CR of 68% for CD22 alone and 80% (95% CI 74-95; n=297) for CD19/CD22.\n', 'contradicts-dataset', '80%');
    assert.match(f.message, /reports complete remission: 90%/);
  });

  it('quotes a number without the emphasis around it', () => {
    const f = expectFinding('Pan et al. 2019: 1-yr LFS **76.1%** (95% CI 44.2-99.0).\n', 'contradicts-dataset', '76.1%');
    assert.match(f.message, /the draft says 76\.1% \(95% CI 44\.2-99\.0\)\.$/);
  });

  it('reads each side of "versus" in its own clause: the antigen after a number is its own', () => {
    const text = (cd22: string) => `CD19/CD22 CAR T cells achieved a CR rate of 90% in B-ALL versus ${cd22} for CD22 alone [@fergusson2023].\n`;
    expectSilent(text('68%'));
    const f = expectFinding(text('61%'), 'contradicts-dataset', '61%');
    assert.match(f.message, /68%/);
  });
});

describe('comparisons within one work', () => {
  it('checks both sides of "versus" when the cited work reports each side\'s therapy', () => {
    const text = (dual: string, single: string) => `CR rates were ${dual} with CD19/CD22 CAR T cells versus ${single} with CD22 CAR T cells alone in B-ALL (Fergusson et al., 2023).\n`;
    expectSilent(text('90%', '68%'), 'plaintext');
    const wrong = findingsOf(text('96%', '61%'), 'plaintext').filter((f) => f.code === 'contradicts-dataset');
    assert.deepEqual(wrong.map((f) => f.at), ['96%', '61%']);
  });
});

describe('respectively', () => {
  it('gives the k-th number of a kind to the k-th work its citation names', () => {
    expectSilent('CR rates were 73% and 80%, respectively (Fry et al., 2018; Pan et al., 2019).\n');
    const f = expectFinding('The NCI and Beijing trials enrolled 21 and 36 patients, respectively [@fry2018; @pan2019].\n', 'contradicts-dataset', '36');
    assert.match(f.message, /^Pan et al\. 2019/);
    expectSilent('The NCI and Beijing trials enrolled 21 and 34 patients, respectively [@fry2018; @pan2019].\n');
  });

  it('gives the k-th number to the k-th endpoint listed before it', () => {
    expectSilent('Rates of CRS and complete remission were 76% and 73%, respectively [@fry2018].\n');
    const swapped = findingsOf('Rates of complete remission and CRS were 76% and 73%, respectively [@fry2018].\n', 'markdown').filter((f) => f.code === 'contradicts-dataset');
    assert.deepEqual(swapped.map((f) => f.at), ['76%', '73%']);
  });

  it('reads an endpoint restated in parentheses as one endpoint, and "resp." as "respectively"', () => {
    const text = (crs: string, icans: string, respectively: string) => `Severe CRS (grade ≥3) and severe ICANS happened in ${crs} and ${icans} of pts, ${respectively} [@fergusson2023]\n`;
    expectSilent(text('6%', '3%', 'respectively'));
    expectSilent(text('6%', '3%', 'resp.'));
    const wrong = findingsOf(text('6%', '5%', 'resp.'), 'markdown').filter((f) => f.code === 'contradicts-dataset');
    assert.deepEqual(wrong.map((f) => f.at), ['5%']);
    // "resp." closes its sentence before a capital: the next sentence's citation is not this one's.
    expectSilent('In the meta-analysis [@fergusson2023], in NHL the CR was 64% vs. 47%, resp. The CR rate in the Beijing cohort was 80% [@pan2019].\n');
  });

  it('gives the k-th number to the k-th therapy named before "respectively"', () => {
    const text = (first: string, second: string) => `Pooled best CR rates in B-ALL were ${first} and ${second} for CD22 and CD19/CD22 CAR T cells, respectively [@fergusson2023].\n`;
    expectSilent(text('68%', '90%'));
    const swapped = findingsOf(text('90%', '68%'), 'markdown').filter((f) => f.code === 'contradicts-dataset');
    assert.deepEqual(swapped.map((f) => f.at), ['90%', '68%']);
  });

  it('gives the k-th number to the k-th therapy when the therapies come before the numbers', () => {
    const text = (first: string, second: string) => `In B-ALL, CR rates with CD22 and CD19/CD22 CAR T cells were ${first} and ${second}, respectively [@fergusson2023].\n`;
    expectSilent(text('68%', '90%'));
    const swapped = findingsOf(text('90%', '68%'), 'markdown').filter((f) => f.code === 'contradicts-dataset');
    assert.deepEqual(swapped.map((f) => f.at), ['90%', '68%']);
    // Each value once in the message, however many facts give it.
    assert.doesNotMatch(swapped[1]!.message, /(\d+%).*; \1/);
  });

  it('gives a number the therapy named right after it ("64% for CD22 alone and 47% for CD19/CD22")', () => {
    const text = (first: string, second: string) => `In NHL, pooled CR was ${first} for CD22 alone and ${second} for CD19/CD22 dual targeting [@fergusson2023].\n`;
    expectSilent(text('64%', '47%'));
    const swapped = findingsOf(text('47%', '64%'), 'markdown').filter((f) => f.code === 'contradicts-dataset');
    assert.deepEqual(swapped.map((f) => f.at), ['47%', '64%']);
  });

  it('tells a therapy named by its antigen from one named only in words ("from 68% with CD22 alone to 90% with dual targeting")', () => {
    const rose = (first: string) => `CR rates rose from ${first} with CD22 alone to 90% with dual targeting [@fergusson2023].\n`;
    expectSilent(rose('68%'));
    assert.match(expectFinding(rose('78%'), 'contradicts-dataset', '78%').message, /reports complete remission: 68%/);
    // In brackets after the number.
    const bracketed = (first: string, second: string) => `CR increased from ${first} (CD22 alone) to ${second} (dual CD19/CD22) [@fergusson2023].\n`;
    expectSilent(bracketed('68%', '90%'));
    const swapped = findingsOf(bracketed('90%', '68%'), 'markdown').filter((f) => f.code === 'contradicts-dataset');
    assert.deepEqual(swapped.map((f) => f.at), ['90%', '68%']);
  });
});

describe('bounds and hedges', () => {
  it('reads a rate in round terms ("four in five") as no cohort size, and a percent in words as a percent', () => {
    expectSilent('CRS affected nearly four in five patients [@fry2018].\n');
    // A rate is a percent as exact as its terms: "7 in 10" is 71.6%, "9 in 10" is not 76%, "6 in 100" is 6%.
    expectSilent('About 7 in 10 were still free of leukaemia one year later (Pan et al., 2019).\n', 'plaintext');
    expectSilent('About 6 in 100 people had severe CRS (Fergusson et al., 2023).\n', 'plaintext');
    const nine = expectFinding('Nearly 9 in 10 developed CRS (Fry et al., 2018).\n', 'contradicts-dataset', '9 in 10', 'plaintext');
    assert.match(nine.message, /reports cytokine release syndrome \(any grade\): 16 of 21.*the draft says 9 in 10 \(16 of 21 is 76%\)\.$/);
    assert.equal(nine.fixes?.some((f) => f.edits.some((e) => /%/.test(e.newText))) ?? false, false, 'no fix swaps a rate for a percent');
    expectFinding('One in five had severe neurotoxicity (Fergusson et al., 2023).\n', 'contradicts-dataset', 'One in five', 'plaintext');
    expectSilent('Complete remission occurred in seventy-three percent of patients at the higher doses [@fry2018].\n');
    const f = expectFinding('Complete remission occurred in seventy-five percent of patients at the higher doses [@fry2018].\n', 'contradicts-dataset', 'seventy-five percent');
    assert.match(f.message, /73%/);
  });

  it('a bound the cited number satisfies, and a hedged number as near as its roundness allows, stay silent', () => {
    for (const written of ['More than 70%', 'At least 70%', 'About 75%', 'Approximately 70%', '~74%', 'Nearly three quarters (about 75%)']) {
      expectSilent(`${written} of patients at the higher dose achieved complete remission [@fry2018].\n`);
    }
    expectSilent('About 75% (11/15) of patients at the higher dose achieved complete remission [@fry2018].\n');
  });

  it('a bound the cited number breaks is a contradiction that says the bound, with no number swapped in by a fix', () => {
    const f = expectFinding('Under 70% of patients at the higher dose achieved complete remission [@fry2018].\n', 'contradicts-dataset', '70%');
    assert.match(f.message, /the draft says less than 70%/);
    assert.equal(f.fixes, undefined);
    expectFinding('Less than 73% of patients at the higher dose achieved complete remission [@fry2018].\n', 'contradicts-dataset', '73%');
    expectFinding('About 60% of patients at the higher dose achieved complete remission [@fry2018].\n', 'contradicts-dataset', '60%');
  });
});

describe('subgroups by antigen expression', () => {
  it('a subgroup fact (CR in CD19-dim or CD19-negative disease) speaks only for a sentence that names the subgroup', () => {
    expectSilent('All 5 patients with CD19-dim or CD19-negative disease achieved complete remission [@fry2018].\n');
    const f = expectFinding('More than 90% of patients at the higher dose achieved complete remission [@fry2018].\n', 'contradicts-dataset', '90%');
    assert.doesNotMatch(f.message, /5 of 5/, 'the subgroup is not among what the reference reports for this sentence');
  });

  it('says when the draft gives a subgroup\'s number to the subgroup by the other antigen (CD22-dim for CD19-dim)', () => {
    const text = (states: string) => `Complete remission was achieved in all 5 of 5 patients with ${states} B-ALL [@fry2018].\n`;
    expectSilent(text('CD19-dim or CD19-negative'));
    const f = expectFinding(text('CD22-dim or CD22-negative'), 'contradicts-dataset', '5 of 5');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /reports 5 of 5 for patients with CD19-dim or CD19-negative B-ALL.*the draft gives it to CD22-dim or CD22-negative disease: CD19-dim or CD19-negative\?$/);
    expectFinding(text('CD22-negative'), 'contradicts-dataset', '5 of 5');
  });

  it('messages show LaTeX numbers as a reader reads them', () => {
    const f = expectFinding('More than 90\\,\\% of patients at the higher dose reached CR \\cite{fry2018}.\n', 'contradicts-dataset', '90', 'latex');
    assert.match(f.message, /the draft says more than 90%\./);
  });
});

describe('mislabelled-population', () => {
  it('warns when a cited number carries the population a secondary source mislabelled it with', () => {
    const f = expectFinding('With CD19/CD22 CAR T cells, CR was reached in 47% of patients with LBCL [@fergusson2023].\n', 'mislabelled-population', '47%');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /non-Hodgkin lymphoma/);
    // Both facts (the population the publication reports, the label the article gives) are read from one sentence
    // of the article: it is pointed at once.
    assert.equal(f.related?.length, 1, 'points at the quote once');
    assert.match(f.related![0]!.message, /47%/);
  });

  it('stays silent on the population the publication reports, and on an uncited figure', () => {
    expectSilent('With CD19/CD22 CAR T cells, CR was reached in 47% of patients with NHL [@fergusson2023].\n');
    const uncited = findingsOf('CR was reached in 47% of LBCL patients given CD19/CD22 CAR T cells.\n');
    assert.ok(!uncited.some((f) => f.code === 'mislabelled-population'));
    // The hint that offers the citation says what the publication reports it for.
    assert.match(uncited.find((f) => f.code === 'unsupported-statistic')?.message ?? '', /non-Hodgkin lymphoma/);
  });
});

describe('text pasted from Word', () => {
  it('reads non-breaking hyphens as hyphens in endpoint and disease words', () => {
    const f = expectFinding('1\u2011year leukaemia\u2011free survival was 81.6 % (Pan et al., 2019).\n', 'contradicts-dataset', '81.6', 'plaintext');
    assert.match(f.message, /71\.6%/);
    expectFinding('CR was reached by 47 % of patients with large B\u2011cell lymphoma (Fergusson et al., 2023).\n', 'mislabelled-population', '47', 'plaintext');
  });
});

describe('which group a number is of', () => {
  it('reads the disease named right after a number as that number\'s ("47% in B-ALL and 90% in NHL")', () => {
    const text = (ball: string, nhl: string) => `With CD19/CD22 dual-targeted products, CR was ${ball} in B-ALL and ${nhl} in NHL [@fergusson2023].\n`;
    expectSilent(text('90%', '47%'));
    const f = expectFinding(text('47%', '90%'), 'contradicts-dataset', '47%');
    assert.match(f.message, /reports complete remission: 90% \(patients with B-ALL.*are the two swapped\?$/);
  });

  it('reads a therapy named right before its number as that number\'s ("CD22 alone 68%, CD19/CD22 90%")', () => {
    const text = (alone: string, dual: string) => `- Pooled CR: CD22 alone ${alone}, CD19/CD22 ${dual} (Fergusson et al., 2023)\n`;
    expectSilent(text('68%', '90%'));
    assert.match(expectFinding(text('58%', '90%'), 'contradicts-dataset', '58%').message, /reports complete remission: 68% \(patients with B-ALL treated with CD22 CAR T cells alone/);
    assert.match(expectFinding(text('68%', '80%'), 'contradicts-dataset', '80%').message, /reports complete remission: 90% \(patients with B-ALL treated with CD19\/CD22/);
  });

  it('reads a therapy beside its number in notes and prose ("68% CD22 alone", "than with CD22 alone (68%)", "CD22 alone in 64%")', () => {
    const notes = (alone: string, dual: string) => `- Fergusson 2023 meta-analysis: CR ${alone} CD22 alone, ${dual} CD19/CD22 (B-ALL)\n`;
    expectSilent(notes('68%', '90%'), 'plaintext');
    assert.match(expectFinding(notes('90%', '68%'), 'contradicts-dataset', '90%', 'plaintext').message, /reports complete remission: 68%/);
    const than = (alone: string) => `The pooled best CR rate with dual-targeted CD19/CD22 products was 90% in B-ALL [@fergusson2023], substantially higher than with CD22 alone (${alone}) [@fergusson2023].\n`;
    expectSilent(than('68%'));
    assert.match(expectFinding(than('62%'), 'contradicts-dataset', '62%').message, /reports complete remission: 68%/);
    const lymphoma = (dual: string, alone: string) => `In lymphoma, CD19/CD22 products gave CR in ${dual} and CD22 alone in ${alone} [@fergusson2023].\n`;
    expectSilent(lymphoma('47%', '64%'));
    assert.match(expectFinding(lymphoma('64%', '47%'), 'contradicts-dataset', '47%').message, /reports complete remission: 64%.*swapped/);
  });

  it('reads the therapy of the number\'s own words before a scope the sentence opens with', () => {
    const text = (nhl: string) => `In a meta-analysis of CD22 and CD19/CD22 products, the pooled best CR with CD22 CAR T cells alone was ${nhl}\\% in non-Hodgkin lymphoma \\citep{fergusson2023}.\n`;
    expectSilent(text('64'), 'latex');
    assert.match(expectFinding(text('46'), 'contradicts-dataset', '46', 'latex').message, /reports complete remission: 64%/);
  });

  it('ends a sentence at a pandoc inline footnote after its full stop', () => {
    const text = (nhl: string) => `Dual CD19/CD22 products gave a best CR of 90%.^[Fergusson et al., Front Immunol 2023.] The best CR with CD22 CAR T cells alone in NHL was ${nhl} [@fergusson2023].\n`;
    expectSilent(text('64%'));
    assert.match(expectFinding(text('46%'), 'contradicts-dataset', '46%').message, /reports complete remission: 64%/);
  });

  it('reads the group a participle names after the noun ("the 11 CR patients bridged to transplantation")', () => {
    const text = (n: string) => `Of the ${n} CR patients bridged to transplantation, 8 remained in remission [@pan2019].\n`;
    // 11 is Pan's number of patients bridged, not Fry's 11 remissions at the higher dose.
    expectSilent(text('11'));
    assert.match(expectFinding(text('12'), 'contradicts-dataset', '12 CR patients').message, /reports CR patients bridged to transplant: 11/);
  });

  it('reads what a counted subject "were" as what it counts, and a count out of a group as a part of it', () => {
    expectSilent('Consolidation mattered: seven CR patients received no further treatment and eleven were bridged to transplantation [@pan2019].\n');
    expectFinding('Of the 7 patients who received no further treatment, 5 were still in CR at last follow-up (Pan et al., 2019).\n', 'contradicts-dataset', '5');
    // A count out of the group bridged is a part of it, not its size.
    expectSilent('Of the 11 CR patients bridged to transplantation, 8 remained in remission [@pan2019].\n');
  });

  it('reads a time said in the words of remaining in remission as how long the remission lasted', () => {
    const text = (high: string) => `Eight of the 11 CR patients bridged to transplantation remained in remission at 4.6 to ${high} months after transplantation [@pan2019].\n`;
    expectSilent(text('13.3'));
    assert.match(expectFinding(text('18.3'), 'contradicts-dataset', '4.6 to 18.3 months').message, /4\.6-13\.3 months/);
  });

  it('does not take a whole from the sentence before when this sentence counts more than it', () => {
    const text = 'In the NCI trial [@fry2018], CRS occurred in 16 of 21 patients (76%). In the updated cohort, CRS occurred in 50 participants (86.2%) and HLH-like manifestations in 19 (32.8%) [@shah2020].\n';
    expectSilent(text);
    // With nothing in between to say otherwise, the whole before is still the count's.
    expectFinding('Twenty-one patients were treated [@fry2018]. CRS occurred in 16 (71%).\n', 'arithmetic-inconsistency', '16 (71%)');
  });

  it('names a ratio\'s estimate outside its interval as a ratio ("a hazard ratio for relapse of 0.48")', () => {
    const f = expectFinding('Low CD22 density carried a hazard ratio for relapse of 0.48 (95% CI 0.52-0.91).\n', 'arithmetic-inconsistency', '0.48');
    assert.equal(f.message, 'The estimate 0.48 lies outside its own 95% CI (0.52-0.91).');
  });
});

describe('arithmetic-inconsistency', () => {
  it('flags a median outside its own interquartile range or range', () => {
    const f = expectFinding('In our cohort, median follow-up was 14.2 months (IQR 15.1-22.8).\n', 'arithmetic-inconsistency', '14.2 months', 'plaintext');
    assert.equal(f.message, 'The median 14.2 months lies outside its own interquartile range (15.1-22.8).');
    expectFinding('The median age was 12 years (range 14-30).\n', 'arithmetic-inconsistency', '12 years', 'plaintext');
    expectSilent('In our cohort, median follow-up was 18.2 months (IQR 15.1-22.8); median age 13 years (range, 7-30).\n', 'plaintext');
    // The spread named after a comma or a semicolon, as often as in brackets.
    expectFinding('Our cohort had a median age of 32 years, range 7-30.\n', 'arithmetic-inconsistency', '32 years', 'plaintext');
    expectFinding('Median follow-up was 9 months; IQR 10-20.\n', 'arithmetic-inconsistency', '9 months', 'plaintext');
    expectSilent('Median follow-up was 14 months, range 2-30.\n', 'plaintext');
  });

  it('reads a median\'s range as the range of what the median is of, not of the endpoint named after it', () => {
    expectSilent('Median follow-up was 14 months (range 2-30), and CR was 73% [@fry2018].\n');
    expectSilent('Median follow-up was 14 months, range 2-30, and CR was 73% [@fry2018].\n');
    // A median age's range is an age range.
    expectFinding('The median age was 19 years (range 7-35) [@fry2018].\n', 'contradicts-dataset', '7-35');
    expectSilent('The median age was 19 years (range 7-30) [@fry2018].\n');
  });

  it('flags a percentage no rounding of count/total gives, and offers the right one', () => {
    const text = 'Responses were seen in 11 of 15 patients (75%).\n';
    const f = expectFinding(text, 'arithmetic-inconsistency', '75%', 'plaintext');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /73/);
  });

  it('offers the cited work\'s count when the percent is the work\'s and the count the slip, in words if written in words', () => {
    const text = 'At the highest dose, twelve of fifteen patients (73%) reached CR [@fry2018].\n';
    const f = expectFinding(text, 'arithmetic-inconsistency', 'twelve');
    assert.equal(f.message, '12/15 is 80.0%, not 73%; Fry et al. 2018 (fry2018) reports 73% (11/15): did you mean 11 of 15?');
    const fix = f.fixes!.find((x) => x.preferred)!;
    const fixed = text.slice(0, fix.edits[0]!.span.start) + fix.edits[0]!.newText + text.slice(fix.edits[0]!.span.end);
    assert.equal(fixed, 'At the highest dose, eleven of fifteen patients (73%) reached CR [@fry2018].\n');
    assert.equal(findingsOf(fixed, 'markdown').filter((x) => x.severity === 'error' || x.severity === 'warning').length, 0);
  });

  it('offers the cited work\'s denominator when the count and percent are the work\'s and the whole the slip', () => {
    const text = 'CR was reached by 73% (11/21) of patients at the top dose [@fry2018].\n';
    const f = expectFinding(text, 'arithmetic-inconsistency', '73%');
    assert.match(f.message, /^11\/21 is 52\.4%, not 73%; Fry et al\. 2018 \(fry2018\) reports 73% \(11\/15\): did you mean 11 of 15\?$/);
    const fix = f.fixes!.find((x) => x.preferred)!;
    assert.equal(text.slice(0, fix.edits[0]!.span.start) + fix.edits[0]!.newText + text.slice(fix.edits[0]!.span.end), text.replace('11/21', '11/15'));
  });

  it('flags an estimate outside its own confidence interval', () => {
    const f = expectFinding('The response rate was 42% (95% CI, 50-81%).\n', 'arithmetic-inconsistency', '42%');
    assert.equal(f.message, 'The estimate 42% lies outside its own 95% CI (50-81%).');
  });

  it('still compares an estimate outside its interval with the dataset, which says which number is wrong', () => {
    const text = 'With CD19/CD22 CAR T cells, pooled CR in NHL was 74% (95% CI 34-61) [@fergusson2023].\n';
    expectFinding(text, 'arithmetic-inconsistency', '74%');
    assert.match(expectFinding(text, 'contradicts-dataset', '74%').message, /reports complete remission: 47%/);
  });

  it('reads "24/30 evaluable (80%)" as one count with its percent, so a whole from another cohort shows', () => {
    expectSilent('CR/CRi on day 30 was 24/30 evaluable (80%) (Pan et al., 2019).\n');
    const f = expectFinding('CR/CRi on day 30 was 24/34 evaluable (80%), i.e. 70.5% of all enrolled (Pan et al., 2019).\n', 'arithmetic-inconsistency', '24/34 evaluable (80%)');
    assert.match(f.message, /did you mean 24 of 30\?/);
  });

  it('compares a clause\'s subject count larger than the whole its sentence gave ("treated 21 patients; 71 had ...")', () => {
    const f = expectFinding('The trial treated 21 patients; 71 had prior CD19-directed immunotherapy [@fry2018].\n', 'contradicts-dataset', '71');
    assert.match(f.message, /reports previously treated with CD19-directed therapy: 17 of 21/);
    expectSilent('The trial treated 21 patients; 17 had prior CD19-directed immunotherapy [@fry2018].\n');
    // "had failed CD19 CAR T cells": prior CD19-directed therapy.
    expectFinding('The Beijing trial enrolled 34 patients; 43 had failed CD19 CAR T cells [@pan2019].\n', 'contradicts-dataset', '43');
    // Not a count whose own whole the sentence gave as a subject count just before it.
    expectSilent('Pan et al.: 7 CR patients got no further treatment, 3 stayed in remission; 11 went to transplant, 8 stayed in remission.\n');
    // Out of the group its clause opens with, however many it says.
    assert.equal(expectFinding('Of 15 patients, 17 achieved complete remission [@fry2018].\n', 'arithmetic-inconsistency', '17').message, '17 of 15: the part is larger than the whole.');
  });

  it('offers no correction of an estimate that is the work\'s figure for another therapy, given with that figure\'s interval', () => {
    const text = 'Fergusson et al. (2023) pooled a best CR of 68% (95% CI 53-81) for CD22 CAR T cells alone in NHL.\n';
    const f = expectFinding(text, 'contradicts-dataset', '68% (95% CI 53-81)');
    assert.match(f.message, /is the disease the slip\?$/);
    assert.deepEqual(f.fixes ?? [], []);
  });

  it('flags a part larger than its whole', () => {
    expectFinding('Relapse occurred in 17 of 15 patients.\n', 'arithmetic-inconsistency', '17');
  });

  it('flags a range written backwards', () => {
    expectFinding('Remission rates ranged from 90-70% across trials.\n', 'arithmetic-inconsistency', '90');
  });

  it('calls a percent rounded up from its count a slip (77% for 16/21), a truncated one a rounding', () => {
    const f = expectFinding('CRS occurred in 16 of 21 patients (77%).\n', 'arithmetic-inconsistency', '77%', 'plaintext');
    assert.match(f.message, /did you mean 76%\?/);
    expectFinding('CR or CRi was reached in 24 of 34 patients (70%).\n', 'rounding', '70%', 'plaintext');
    // A percent to a decimal that exactly one other count of the whole gives: the count may be the slip. Its fix is
    // offered beside the percent's, neither applied by "Fix all"; a count the work confirms keeps only the percent's.
    const text = 'Shah et al. (2020) report CRS in 45 of 58 participants (86.2%).\n';
    const count = expectFinding(text, 'arithmetic-inconsistency', '45 of 58');
    assert.match(count.message, /did you mean 77\.6%\? Or is the count 50 \(50\/58 is 86\.2%\)\?$/);
    assert.deepEqual(count.fixes?.map((f) => [f.title, !!f.preferred]), [['Change to 77.6% (45/58)', false], ['Change the count to 50 (50/58 is 86.2%)', false]]);
    const table = '| CRS | n/N (%) |\n|---|---|\n| Grade 1 | 9/21 (47.6) |\n\n: CRS in the NCI trial [@fry2018]\n';
    const confirmed = expectFinding(table, 'arithmetic-inconsistency', '9/21 (47.6)');
    assert.doesNotMatch(confirmed.message, /Or is the count/);
    assert.equal(preferredFixOf(table, confirmed), table.replace('(47.6)', '(42.9)'));
    const transposed = expectFinding('HLH-like manifestations occurred in 19/58 (38.2%).\n', 'arithmetic-inconsistency', '19/58');
    assert.equal(transposed.fixes?.length, 1);
    // A whole number given a decimal it does not have ("73.0" for 73.3 in a table of one-decimal percents).
    const padded = expectFinding('| Endpoint | n/N (%) |\n|---|---|\n| CR | 11/15 (73.0) |\n', 'arithmetic-inconsistency', '11/15 (73.0)');
    assert.match(padded.message, /11\/15 is 73\.3%, not the whole number 73% given a decimal, 73\.0%; did you mean 73\.3%\?/);
    assert.equal(preferredFixOf('| Endpoint | n/N (%) |\n|---|---|\n| CR | 11/15 (73.0) |\n', padded), '| Endpoint | n/N (%) |\n|---|---|\n| CR | 11/15 (73.3) |\n');
    // Cited: still "73.3", not the work's whole "73".
    const cited = '## Fry et al. 2018 [@fry2018]\n\n| Endpoint | n/N (%) |\n|---|---|\n| CR | 11/15 (73.0) |\n';
    assert.equal(preferredFixOf(cited, expectFinding(cited, 'arithmetic-inconsistency', '11/15 (73.0)')), cited.replace('(73.0)', '(73.3)'));
  });

  it('flags grade subgroups that add up to more than the patients with the event', () => {
    const f = expectFinding('CRS occurred in 36/42 (85.7%): grade 1 in 20, grade 2 in 12 and grade 3 in 6.\n', 'arithmetic-inconsistency', 'grade', 'plaintext');
    assert.equal(f.message, 'These grade subgroups add up to 38, more than the 36 patients with the event (36 of 42).');
    assert.ok(!findingsOf('CRS occurred in 36/42 (85.7%): grade 1 in 20, grade 2 in 10 and grade 3 in 6.\n', 'plaintext').some((x) => x.code === 'arithmetic-inconsistency'));
  });

  it('flags a whole that is not the sum of the parts written beside it, and offers the sum without preferring it', () => {
    const sums = (text: string, format: DocumentFormat = 'markdown') => findingsOf(text, format).filter((f) => f.code === 'arithmetic-inconsistency');
    const text = 'Across the two trials, 57 patients (21 + 34) were treated.\n';
    const f = expectFinding(text, 'arithmetic-inconsistency', '57');
    assert.equal(f.message, '21 + 34 is 55, not 57.');
    assert.equal(f.fixes?.length, 1);
    assert.ok(!f.fixes![0]!.preferred);
    assert.equal(applyTextEdits(text, f.fixes![0]!.edits), 'Across the two trials, 55 patients (21 + 34) were treated.\n');
    assert.deepEqual(sums('The trials enrolled 21 + 34 = 57 patients.\n').map((x) => x.message), ['21 + 34 is 55, not 57.']);
    assert.deepEqual(sums('Responses were seen in 36 patients (21 CR + 14 CRi).\n').map((x) => x.message), ['21 + 14 is 35, not 36.']);
    assert.deepEqual(sums('Remission in 57 patients~(21 + 34) overall.\n', 'latex').map((x) => x.message), ['21 + 34 is 55, not 57.']);
    // Against the nearer of a count and its whole; a whole the cited work confirms is no slip (no fix to it).
    assert.deepEqual(sums('Overall, 16 of 21 (9 + 6) patients had CRS.\n').map((x) => x.message), ['9 + 6 is 15, not 16. The whole is Fry et al. 2018 (fry2018)\'s figure: is a part the slip?']);
    assert.deepEqual(sums('In our audit, 35 of 45 (11 + 23) patients responded.\n').map((x) => x.message), ['11 + 23 is 34, not 35.']);
    const confirmed = sums('CRS occurred in 16 patients (9 + 8) [@fry2018].\n');
    assert.deepEqual(confirmed.map((x) => [x.message, x.fixes?.length ?? 0]), [['9 + 8 is 17, not 16. The whole is Fry et al. 2018 (fry2018)\'s figure: is a part the slip?', 0]]);
    expectSilent('16 of 21 (9 + 7) patients had CRS [@fry2018].\n');
    expectSilent('Grade 1 CRS was seen in 9 patients and grade 2 CRS in 7, so 16 of 21 (9 + 7) patients had CRS [@fry2018].\n');
    expectSilent('The two trials treated 55 patients (21 + 34) [@fry2018; @pan2019].\n');
    // Sums that add up, to the count of "35 of 45" as well; labels, grades and designs are not wholes.
    for (const text of [
      'In total 55 patients (21 + 34) were treated.\n',
      'Complete remission was reached in 35 of 45 (11 + 24) patients.\n',
      'Of 58 patients, 35/45 (11 + 24) responded.\n',
      'A 3 + 3 design was used; cohort 2 (3 + 3) was expanded.\n',
      'Grade 1 (12 + 3) and grade 1 + 2 = 15 events were mild.\n',
      'The CD4+ (12 + 3) subset was small.\n',
      'Responses were 57% (21 + 36) overall.\n',
    ]) {
      assert.deepEqual(sums(text).map((x) => x.message), [], text);
    }
  });

  it('reads the event count before the grades or as their total, graded ranges, and LaTeX ties', () => {
    const sum = (text: string, format: 'markdown' | 'latex' = 'markdown') => findingsOf(text, format).filter((f) => f.code === 'arithmetic-inconsistency').map((f) => f.message);
    assert.deepEqual(sum('CRS: grade 1 in 10, grade 2 in 7, total 16 of 21.\n'), ['These grade subgroups add up to 17, more than the 16 patients with the event (16 of 21).']);
    assert.deepEqual(sum('CRS happened at 50 pts: grade 1-2 at 45 pts and grade 3-4 at 8 pts.\n'), ['These grade subgroups add up to 53, more than the 50 patients with the event.']);
    assert.deepEqual(sum('CRS occurred in 16 patients (grade~1 in 9, grade~2 in 9).\n', 'latex'), ['These grade subgroups add up to 18, more than the 16 patients with the event.']);
    // The grade a count had, said after it.
    assert.deepEqual(sum('CRS occurred in 50 of 58 patients; 45 (90%) had grade 1-2 events while 7 had grade 3-4 CRS.\n'), ['These grade subgroups add up to 52, more than the 50 patients with the event (50 of 58).']);
    assert.deepEqual(sum('CRS occurred in 50 of 58 patients; 45 (90%) had grade 1-2 events while 5 had grade 3-4 CRS.\n'), []);
    // Subgroups that fit, a cohort named first (not the event), and overlapping grades are not reported.
    assert.deepEqual(sum('Of the 58 patients, 50 had CRS: grade 1-2 in 45 and grade 3 in 5.\n'), []);
    assert.deepEqual(sum('In 21 patients, grade 1 CRS occurred in 9 and grade 2 in 7.\n'), []);
    assert.deepEqual(sum('CRS occurred in 50 patients, grade 1-2 in 45 patients and grade 2 in 8 patients.\n'), []);
  });

  it('reads the terse grade forms of slides and notes ("gr 1: 9 · gr 2: 8", "grade 1: 9")', () => {
    for (const text of ['- CRS: 16/21, gr 1-2 only (gr 1: 9 · gr 2: 8) [@fry2018]\n', 'CRS occurred in 16 of 21 patients (grade 1: 9; grade 2: 8) [@fry2018].\n']) {
      const found = findingsOf(text);
      assert.ok(found.some((f) => f.code === 'arithmetic-inconsistency' && /add up to 17, more than the 16/.test(f.message)), JSON.stringify(found));
      assert.ok(found.some((f) => f.code === 'contradicts-dataset' && f.at === '8' && /reports grade 2 CRS: 7 patients/.test(f.message)), JSON.stringify(found));
    }
    expectSilent('CRS occurred in 16 of 21 patients (grade 1: 9; grade 2: 7) [@fry2018].\n');
  });

  it('reads mild, moderate and severe as grades of the event the clause names', () => {
    // Mild is grade 1, moderate grade 2 (CTCAE, Lee criteria): counts of the event's grades, not its total.
    expectSilent('CRS was mild in 9 patients and moderate in 7 patients, with no severe CRS [@fry2018].\n');
    expectSilent('Moderate CRS developed in 7 patients [@fry2018].\n');
    const f = expectFinding('CRS was mild in 10 patients and moderate in 7 patients [@fry2018].\n', 'contradicts-dataset', '10 patients');
    assert.match(f.message, /reports grade 1 CRS: 9 patients/);
    const sum = findingsOf('CRS occurred in 16 of 21 patients: mild in 9 and moderate in 9.\n', 'markdown').filter((x) => x.code === 'arithmetic-inconsistency');
    assert.deepEqual(sum.map((x) => x.message), ['These grade subgroups add up to 18, more than the 16 patients with the event (16 of 21).']);
    // A grade or severity named after another event is that event's: neurotoxicity's, not CRS's grade 1 or severe CRS.
    expectSilent('Neurotoxicity was grade 1 in 4 patients and grade 2 in 2 patients [@fry2018].\n');
    expectSilent('The neurotoxicity was severe in 3% of patients (95% CI 1-6) [@fergusson2023].\n');
    expectFinding('The neurotoxicity was severe in 6% of patients [@fergusson2023].\n', 'contradicts-dataset', '6%');
  });

  it('flags a percent of a small whole that no count of it gives ("73% of the 21 patients")', () => {
    const f = expectFinding('In the NCI trial 73% of the 21 treated patients achieved CR [@fry2018].\n', 'arithmetic-inconsistency', '73%');
    // The cited work's 73% is of another whole: the message says so.
    assert.equal(f.message, '73% of 21 is 15.3: no count of 21 gives 73% (15 is 71.4%, 16 is 76.2%). Fry et al. 2018 (fry2018) reports 73% (11/15) for patients receiving >= 1 x 10^6 CD22-CAR T cells/kg: a whole from another cohort?');
    assert.equal(expectFinding('In our clinic 73% of the 21 treated patients achieved CR.\n', 'arithmetic-inconsistency', '73%').message, '73% of 21 is 15.3: no count of 21 gives 73% (15 is 71.4%, 16 is 76.2%).');
    // Counts that give it (truncated too), hedges and bounds are fine.
    expectSilent('CR was reached in 70.5% of all 34 enrolled patients [@pan2019]; CRS occurred in 76% of the 21 patients [@fry2018].\n');
    expectSilent('About 75% of the 21 patients had CRS, and more than 70% of 15 reached CR.\n');
    // Rounded up is a slip here too, as with a count and its percent; the whole may end the phrase ("of all 34").
    expectFinding('Remission in 77% of the 21 patients.\n', 'arithmetic-inconsistency', '77%');
    expectFinding('Remission in 80% of the 34 patients.\n', 'arithmetic-inconsistency', '80%');
    expectSilent('CR/CRi on day 30 in 24 of 30 evaluable (80%), i.e. 70.5% of all 34 [@pan2019].\n');
    expectSilent('CR/CRi on day 30 in 24 of 30 evaluable (80%), i.e. 70.5% of all 34 enrolled [@pan2019].\n');
  });

  it('works on LaTeX percent signs', () => {
    expectFinding('CR in 11 of 15 patients (75\\%).\n', 'arithmetic-inconsistency', '75', 'latex');
  });

  it('reads a bare count with its percent as out of the earlier whole the percent fits, a subgroup\'s or the cohort\'s', () => {
    expectSilent('CRS developed in 50 of 58 (86.2%) and was grade 1-2 in 45 (90%).\n');
    const eleven = findingsOf('Of 24 of 30 patients in CR, three relapsed; of the eleven bridged to transplant, eight (72%) stayed in remission.\n', 'markdown');
    assert.deepEqual(eleven.filter((f) => f.code !== 'unsupported-statistic').map((f) => `${f.code}: ${f.message}`), ['rounding: 72% is 72.73% truncated; rounded half up it is 73% (8/11).']);
    // No earlier whole fits: the cohort just named is still the count's.
    expectFinding('Of the 21 patients treated, 16 (80%) had CRS.\n', 'arithmetic-inconsistency', '80%');
  });
});

describe('rounding', () => {
  it('says a truncated percentage is truncated, as information', () => {
    const f = expectFinding('CR or CRi was reached in 24 of 34 patients (70.5%).\n', 'rounding', '70.5');
    assert.equal(f.severity, 'information');
    assert.match(f.message, /truncat/);
  });
});

describe('unknown-citation', () => {
  it('flags a pandoc key that is nowhere', () => {
    const f = expectFinding('CAR T cells are promising [@nobody2031].\n', 'unknown-citation', 'nobody2031');
    assert.equal(f.severity, 'warning');
  });

  it('counts a plain-text reference entry that runs over several lines, each ending in a full stop, once', () => {
    const text = 'CR was seen in 73% of patients [1], as reviewed [3].\n\nReferences\n\n1. Fry TJ, et al. CD22-targeted CAR T cells induce remission. Nat Med.\n   2018;24(1):20-28. doi:10.1038/nm.4441.\n   PMID: 29155426.\n2. Pan J, et al. CD22 CAR T-cell therapy. Leukemia.\n   2019;33:2854-2866.\n';
    const f = expectFinding(text, 'unknown-citation', '3', 'plaintext');
    assert.equal(f.message, "[3] has no entry in this document's reference list (it has 2).");
  });

  it('names the dataset identifier a typing slip away from an unknown PMID or NCT number (a warning, with a fix)', () => {
    const nct = expectFinding('In NCT02315621, CR was 73% (11/15).\n', 'unknown-citation', 'NCT02315621', 'plaintext');
    assert.equal(nct.severity, 'warning');
    assert.match(nct.message, /^NCT02315621 is not in .*has NCT02315612: did you mean it\?$/);
    assert.equal(nct.fixes?.[0]?.edits[0]?.newText, 'NCT02315612');
    assert.match(expectFinding('In the abstract (PMID 31110271), CR was 80% (24/30).\n', 'unknown-citation', '31110271', 'plaintext').message, /Pan et al\. 2019 \(pan2019\) has 31110217/);
    // Written among a pandoc citation's keys too; the number is still the key's work's.
    const inBracket = findingsOf('One-year LFS was 71.6% [@pan2019; PMID 31110271].\n', 'markdown');
    assert.deepEqual(inBracket.map((f) => `${f.code}@${f.at}`), ['unknown-citation@31110271']);
    const unknown = expectFinding('See NCT01234567.\n', 'unknown-citation', 'NCT01234567', 'plaintext');
    assert.equal(unknown.severity, 'information');
  });

  it("flags a reference-list entry whose identifier is not the work its first author and year name, with a fix", () => {
    const entry = (rest: string) => `CRS occurred in 16 of 21 patients [1].\n\nReferences\n\n1. Fry TJ, Shah NN, et al. CD22-targeted CAR T cells induce remission in B-ALL. Nat Med. 2018;24:20-28. ${rest}\n`;
    const text = entry('doi:10.1038/nm.4414. PMID: 29155462.');
    const doi = expectFinding(text, 'unknown-citation', '10.1038/nm.4414', 'plaintext');
    assert.equal(doi.severity, 'warning');
    assert.match(doi.message, /^Reference 1 names Fry et al\. 2018 \(fry2018\) by its first author and year, but its DOI 10\.1038\/nm\.4414 is not that work's 10\.1038\/nm\.4441: a typing slip\?$/);
    const fix = doi.fixes?.[0]?.edits[0];
    assert.ok(fix);
    assert.equal(text.slice(0, fix.span.start) + fix.newText + text.slice(fix.span.end), entry('doi:10.1038/nm.4441. PMID: 29155462.'));
    assert.match(expectFinding(text, 'unknown-citation', '29155462', 'plaintext').message, /PMID 29155462 is not that work's 29155426/);
    // Another dataset work's DOI pasted into the entry: the numbers cited to it would be checked against that work.
    const pasted = expectFinding(entry('doi:10.1038/s41375-019-0488-7.'), 'unknown-citation', '10.1038/s41375-019-0488-7', 'plaintext');
    assert.match(pasted.message, /its DOI 10\.1038\/s41375-019-0488-7 is Pan et al\. 2019 \(pan2019\)'s; Fry et al\. 2018 \(fry2018\) has 10\.1038\/nm\.4441\.$/);
    // The work's own identifiers, and one that is neither a slip of them nor another work's (a different paper by the
    // same author that year, perhaps), are not reported; nor is an entry whose author and year name no dataset work.
    expectSilent(entry('doi:10.1038/nm.4441. PMID: 29155426. NCT02315612.'), 'plaintext');
    expectSilent(entry('doi:10.1182/blood-2018-99-117.'), 'plaintext');
    expectSilent('CR in 90% [1].\n\nReferences\n\n1. Maude SL, et al. Tisagenlecleucel in children and young adults with B-cell lymphoblastic leukemia. N Engl J Med. 2018;378:439-448. doi:10.1056/NEJMoa1709866.\n', 'plaintext');
    // An unnumbered list, entries on one line each with no full stop at their end, an author list wrapped over two.
    const unnumbered = 'CRS in 16 of 21 patients (Fry et al., 2018).\n\nReferences\nFry TJ, Shah NN, Orentas RJ, Qin H, Yuan CM,\nMartin S, et al. Nat Med. 2018;24:20-28. doi:10.1038/nm.4441\nPan J, Niu Q, Deng B, et al. Leukemia. 2019. PMID 31110271\nMaude SL, et al. N Engl J Med. 2018;378:439-448\n';
    assert.match(expectFinding(unnumbered, 'unknown-citation', '31110271', 'plaintext').message, /^Reference 2 names Pan et al\. 2019/);
    // An identifier whose label ends a hard-wrapped line.
    expectFinding('CRS in 16 of 21 patients [1].\n\nReferences\n1. Fry TJ, Shah NN, et al. CD22-targeted CAR T cells. Nat Med. 2018;24:20-28. PMID:\n   29155462.\n', 'unknown-citation', '29155462', 'plaintext');
    // Markdown's numbered list and LaTeX's \bibitem are reference lists too.
    expectFinding('CRS in 16 of 21 patients [1].\n\n## References\n\n1. Fry TJ, et al. Nat Med. 2018;24:20-28. PMID: 29155462.\n', 'unknown-citation', '29155462');
    expectFinding('CRS in 16 of 21 patients \\cite{f}.\n\\begin{thebibliography}{9}\n\\bibitem{f} Fry TJ, et al. Nat Med. 2018;24:20--28. PMID: 29155462.\n\\end{thebibliography}\n', 'unknown-citation', '29155462', 'latex');
  });

  it("reads \\cite{key} of a thebibliography list's \\bibitem{key} as the work that entry names", () => {
    const text = (count: number) =>
      `CRS occurred in ${count} of 21 patients \\cite{FryNatMed}.\n\\begin{thebibliography}{9}\n\\bibitem{FryNatMed} Fry TJ, Shah NN, et al. CD22-targeted CAR T cells. Nat Med. 2018;24:20--28.\n\\end{thebibliography}\n`;
    expectSilent(text(16), 'latex');
    const f = expectFinding(text(18), 'contradicts-dataset', '18', 'latex');
    assert.match(f.message, /^Fry et al\. 2018 \(fry2018\) reports cytokine release syndrome \(any grade\): 16 of 21/);
    // A key with no \bibitem (and in no bibliography) is still unknown.
    expectFinding('CRS in 16 of 21 patients \\cite{smith}.\n\\begin{thebibliography}{9}\n\\bibitem{FryNatMed} Fry TJ, et al. Nat Med. 2018.\n\\end{thebibliography}\n', 'unknown-citation', 'smith', 'latex');
  });

  it('names the known key a typing slip away, with a fix that writes it in place of the slip', () => {
    const text = 'CRS occurred in 16 of 21 patients [@fry2017].\n';
    const f = expectFinding(text, 'unknown-citation', 'fry2017');
    assert.match(f.message, /did you mean @fry2018\?/);
    const fix = f.fixes?.[0];
    assert.ok(fix);
    const fixed = text.slice(0, fix.edits[0]!.span.start) + fix.edits[0]!.newText + text.slice(fix.edits[0]!.span.end);
    assert.equal(fixed, 'CRS occurred in 16 of 21 patients [@fry2018].\n');
    // Nothing known is near: no guess.
    assert.doesNotMatch(expectFinding('As shown [@nobody2031].\n', 'unknown-citation', 'nobody2031').message, /did you mean/);
    // LaTeX writes keys without the @.
    const latex = expectFinding('CR was 68\\% \\citep{fergusonn2023}.\n', 'unknown-citation', 'fergusonn2023', 'latex');
    assert.match(latex.message, /^fergusonn2023 is in neither .*did you mean fergusson2023\?$/);
    // With a bibliography that holds the same work under the writer's own key, the guess is that key, once.
    const bib = '@article{Shah2020, title={CD4/CD8 T-cell selection}, author={Shah, Nirali N.}, journal={J Clin Oncol}, year={2020}, doi={10.1200/JCO.19.03279}}\n';
    const withBib = findingsOf('The update \\citet{Shah2019} infused 58.\n', 'latex', contextFor({ bibliography: { file: '/tmp/thesis.bib', text: bib } }));
    assert.match(withBib.find((x) => x.code === 'unknown-citation')?.message ?? '', /did you mean Shah2020\?$/);
  });

  it('notes an author-year citation a year off from the same author\'s paper in the dataset, and only that', () => {
    const text = 'CR was reached in 73% of patients at the higher doses (Pan et al., 2019; Fry et al., 2017).\n';
    const f = expectFinding(text, 'unknown-citation', 'Fry', 'plaintext');
    assert.equal(f.severity, 'information');
    assert.match(f.message, /cite it as 2018/);
    const edit = f.fixes?.[0]?.edits[0];
    assert.ok(edit);
    assert.equal(text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end), text.replace('Fry et al., 2017', 'Fry et al., 2018'));
    assert.ok(!findingsOf('CAR T cells were first given in 2010 (Kochenderfer et al., 2010).\n', 'plaintext').some((x) => x.code === 'unknown-citation'));
    assert.ok(!findingsOf('An early report (Fry et al., 2012) described the construct.\n', 'plaintext').some((x) => x.code === 'unknown-citation'));
    // The draft's own reference list names that year's paper: another paper, not the dataset's a year off.
    const zuma = 'ZUMA-3 reported CR or CRi in 39 of 55 adults (71%) (Shah et al., 2021).\n\nReferences\n1. Shah BD, Ghobadi A, Oluwole OO, et al. Lancet. 2021;398:491-502.\n';
    assert.ok(!findingsOf(zuma, 'plaintext').some((x) => x.code === 'unknown-citation'));
  });

  it('flags a LaTeX key that is nowhere', () => {
    expectFinding('CAR T cells are promising \\cite{fry2018,nobody2031}.\n', 'unknown-citation', 'nobody2031', 'latex');
  });

  it('flags a numbered marker past the end of the reference list', () => {
    const text = 'CD22 is retained after CD19 loss [3].\n\nReferences\n1. Fry TJ et al. Nat Med. 2018. doi:10.1038/nm.4441\n2. Pan J et al. Leukemia. 2019. doi:10.1038/s41375-019-0488-7\n';
    expectFinding(text, 'unknown-citation', '3', 'plaintext');
  });

  it('resolves a user bibliography key linked by DOI', async () => {
    const bib = '@article{shahCD4CD8Selection2020, title={CD4/CD8 T-cell selection}, author={Shah, Nirali N.}, journal={J Clin Oncol}, year={2020}, doi={10.1200/JCO.19.03279}}\n';
    const ctx = contextFor({ bibliography: { file: '/tmp/refs.bib', text: bib } });
    const findings = findingsOf('Updated results were reported [@shahCD4CD8Selection2020].\n', 'markdown', ctx);
    assert.deepEqual(findings.filter((f) => f.code === 'unknown-citation'), []);
  });
});

describe('unsupported-statistic', () => {
  it('hints at a number that matches a known fact but cites nothing, naming the reference', () => {
    const f = expectFinding('A pooled analysis found complete remission in 68% of B-ALL patients given CD22 CAR T cells.\n', 'unsupported-statistic', '68%');
    assert.equal(f.severity, 'hint');
    assert.equal(f.reference, 'fergusson2023');
  });

  it('says nothing of a number the text gives to a work outside the dataset, whatever fact it equals', () => {
    const quiet = (text: string, format: DocumentFormat = 'markdown') =>
      assert.deepEqual(findingsOf(text, format).filter((f) => f.code !== 'unknown-citation').map((f) => `${f.code}: ${f.message}`), []);
    quiet('In ELIANA, CRS occurred in 16 of 21 patients (Maude et al., 2018).\n', 'plaintext');
    quiet('Tisagenlecleucel gave CRS in 77% of patients [@maude2018].\n');
    // Named beside the dataset's work, the number is still checked against it.
    expectFinding('CRS occurred in 16 of 21 patients [@fry2018; @maude2018], and grade 1 CRS in 10 [@fry2018].\n', 'contradicts-dataset', '10');
  });

  it('reads a marker glued after a full stop as its sentence\'s, and hints at the next sentence\'s uncited number', () => {
    const list = '\n\n**References**\n\n1. Fry TJ, et al. CD22-targeted CAR T cells induce remission in B-ALL. Nat Med. 2018. doi:10.1038/nm.4441\n';
    for (const marker of ['^1^', '[1]', '<sup>1</sup>', '1', '¹']) {
      const text = `CRS occurred in 16 of 21 patients.${marker} A meta-analysis reported best complete response in 68% of ALL patients treated with CD22 CAR T cells.${list}`;
      const findings = findingsOf(text, 'markdown');
      assert.deepEqual(findings.map((f) => f.code), ['unsupported-statistic'], `${marker}: ${JSON.stringify(findings.map((f) => f.message))}`);
      assert.match(findings[0]!.message, /Fergusson.*the paragraph cites Fry/);
      expectFinding(text.replace('16 of 21', '17 of 21'), 'contradicts-dataset', '17 of 21');
    }
  });

  it('gives no hint for numbers the dataset knows nothing about', () => {
    const findings = findingsOf('The clinic saw 412 patients with asthma last year, 38% of them children.\n', 'plaintext');
    assert.deepEqual(findings.map((f) => f.code), []);
  });
});

describe('supported numbers stay silent', () => {
  it('a correct complete-remission figure with its citation', () => {
    expectSilent('CD22-CAR T cells induced complete remission in 73% (11/15) of patients receiving at least 1 × 10^6 cells/kg [@fry2018].\n');
  });

  it('a correct number with a different denominator (evaluable vs enrolled)', () => {
    expectSilent('CR/CRi was reached in 24 of 30 evaluable patients (80%), 70.5% of all 34 enrolled [@pan2019].\n');
  });

  it('a different trial\'s number, cited to that trial', () => {
    expectSilent('With CD19-directed CAR T cells, complete remission was reached in 81% of children (Maude et al., 2018), compared with 73% (11/15) for CD22-CAR T cells (Fry et al., 2018).\n');
  });

  it('a number in a quote block from another study', () => {
    expectSilent('As another group wrote:\n\n> In our cohort, complete remission was reached in 60% (9/15) of patients.\n');
  });

  it('a number a sentence says belongs to another study, in a paragraph citing ours', () => {
    expectSilent('Fry et al. (2018) treated 21 patients. A separate adult trial reported complete remission in 60% of its patients.\n');
  });

  it('a number set against the cited one (versus, compared with), and a clause about a trial the dataset does not know', () => {
    expectSilent('Median remission duration was 6 months [@fry2018], versus 12 months with CD19 CAR T cells.\n');
    expectSilent('In the ELIANA trial of tisagenlecleucel, 81% achieved remission; CD22 CAR T cells gave 73% at the higher dose [@fry2018].\n');
    // The cited number itself is still checked, and a trial the dataset knows is not another trial.
    expectFinding('Median remission duration was 9 months [@fry2018], versus 12 months with CD19 CAR T cells.\n', 'contradicts-dataset', '9 months');
    expectFinding('In the NCI trial, CR was 80% at the higher dose [@fry2018].\n', 'contradicts-dataset', '80%');
  });

  it('a trial named by its acronym alone, and a number set above or likened to the cited one', () => {
    expectSilent('In ELIANA, the 3-month remission rate was 81%, while Fry et al. [@fry2018] reported 73%.\n');
    expectSilent('ELIANA reported 81% remission at 3 months; the NCI CD22 trial reached 73% at the higher dose [@fry2018].\n');
    expectSilent('The CR rate was 81% at 3 months, far above the 73% of the NCI trial [@fry2018].\n');
    expectSilent('Our pooled best CR in B-ALL with CD19/CD22 CAR T cells was 88%, in line with 90% [@fergusson2023].\n');
    expectSilent('Our pooled best CR in B-ALL with CD19/CD22 CAR T cells was 88%, compared with 90% in the earlier meta-analysis [@fergusson2023].\n');
    // Words the vocabulary knows are not trials; the cited number is still checked.
    expectFinding('In B-ALL, CR was 78% with CD22 alone [@fergusson2023].\n', 'contradicts-dataset', '78%');
    expectFinding('In ELIANA, remission was 81%, while Fry et al. [@fry2018] reported 75%.\n', 'contradicts-dataset', '75%');
  });

  it('a number whose own citation is outside the dataset is not the sentence\'s other work\'s, even nearly', () => {
    const findings = findingsOf('The CRS rate with CD22 CAR T cells (16 of 21, 76%) [@fry2018] was similar to the 77% in ELIANA [@maude2018].\n', 'markdown');
    assert.deepEqual(findings.filter((f) => f.code !== 'unknown-citation'), []);
  });

  it("the writer's own series, in a paragraph citing a trial", () => {
    expectSilent('Patients received 1 × 10^6 CD22-CAR T cells per kilogram [@fry2018].\nA third of patients (33%) in our institutional series developed CRS.\n');
  });

  it('numbers in code blocks, inline code and LaTeX comments', () => {
    expectSilent('Grade 1 CRS occurred in nine patients [@fry2018].\n\n```\nGrade 1 CRS occurred in 12 patients [@fry2018].\n```\n\nAlso `12 patients`.\n');
    expectSilent('Grade 1 CRS occurred in nine patients \\cite{fry2018}.\n% Grade 1 CRS occurred in 12 patients \\cite{fry2018}.\n', 'latex');
  });
});

describe('quoted lines', () => {
  it('offers no citation for a number in a quoted line of a reply, which is someone else\'s words', () => {
    const quoted = findingsOf('On Tue, Marta wrote:\n> I have CR 73% (11/15) at the higher dose.\n\nYes, that is right.\n', 'plaintext');
    assert.ok(!quoted.some((f) => f.code === 'unsupported-statistic'));
    const own = findingsOf('I have CR 73% (11/15) at the higher dose.\n', 'plaintext');
    assert.ok(own.some((f) => f.code === 'unsupported-statistic'));
  });
});

describe('suppression comments', () => {
  it('silences the next line in Markdown', () => {
    const text = '<!-- trial-lens-disable-next-line contradicts-dataset -->\nGrade 1 CRS was seen in 12 patients [@fry2018].\n';
    assert.deepEqual(findingsOf(text).filter((f) => f.code === 'contradicts-dataset'), []);
  });

  it('the Markdown fix for a line inside a paragraph ends the line above, so the paragraph stays one', async () => {
    const { disableLineEdit } = await import('../../server/src/core/edit');
    const { applyTextEdits } = await import('../../server/src/core/edit');
    const text = 'In the NCI trial [@fry2018], CD22 CAR T cells were given to 21 patients  \nand grade 1 CRS was seen in 12 of them.\n';
    const lineStarts = [0, text.indexOf('and grade')];
    const edit = disableLineEdit(text, 'markdown', lineStarts, text.indexOf('12'), 'contradicts-dataset');
    assert.ok(edit);
    const after = applyTextEdits(text, [edit]);
    // Before the hard line break's two spaces; the line it silences is untouched.
    assert.equal(after, 'In the NCI trial [@fry2018], CD22 CAR T cells were given to 21 patients <!-- trial-lens-disable-next-line contradicts-dataset -->  \nand grade 1 CRS was seen in 12 of them.\n');
    assert.ok(findingsOf(text).some((f) => f.code === 'contradicts-dataset'));
    assert.deepEqual(findingsOf(after).map((f) => f.code), []);
    // The first line of a paragraph still gets a comment line above it.
    const first = disableLineEdit('Grade 1 CRS was seen in 12 patients [@fry2018].\n', 'markdown', [0], 20, 'contradicts-dataset');
    assert.deepEqual(first, { span: { start: 0, end: 0 }, newText: '<!-- trial-lens-disable-next-line contradicts-dataset -->\n' });
  });

  it('the Markdown fix for a list item or quote line ends the line above, so the list or quote stays one; a cited sentence there keeps its citation', async () => {
    const { disableLineEdit, applyTextEdits } = await import('../../server/src/core/edit');
    for (const text of ['In the NCI trial [@fry2018]:\n\n- CRS in 16 of 21 patients\n- median remission 9 months\n', '> In the NCI trial [@fry2018], CRS was seen in 16 of 21 patients\n> and the median remission lasted 9 months.\n']) {
      const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)].filter((o) => o < text.length);
      const edit = disableLineEdit(text, 'markdown', lineStarts, text.indexOf('9 months'), 'contradicts-dataset');
      assert.ok(edit);
      const after = applyTextEdits(text, [edit]);
      assert.equal(after.split('\n').length, text.split('\n').length, after);
      assert.deepEqual(findingsOf(after).filter((f) => f.at.startsWith('9')).map((f) => f.code), []);
    }
    // A comment after a cited sentence does not take its citation to the next line's numbers.
    const after = 'CRS occurred in 16 of 21 patients [@fry2018]. <!-- trial-lens-disable-next-line unsupported-statistic -->\nPooled CR with CD19/CD22 CAR T cells in B-ALL was 90%.\n';
    assert.deepEqual(findingsOf(after).map((f) => f.code), []);
  });

  it('silences the next line in LaTeX, only for the named code', () => {
    const text = '% trial-lens-disable-next-line arithmetic-inconsistency\nGrade 1 CRS was seen in 12 patients \\cite{fry2018}.\n';
    assert.equal(findingsOf(text, 'latex').filter((f) => f.code === 'contradicts-dataset').length, 1);
  });
});

describe('correct drafts read as their writers meant them', () => {
  it('reads a proportion after a count ("16 of 21 (0.76)") as its share, and corrects it as a proportion', () => {
    expectSilent('CRS occurred in 16 of 21 patients (0.76) [@fry2018].\n');
    const f = expectFinding('CRS occurred in 16 of 21 patients (0.86) [@fry2018].\n', 'arithmetic-inconsistency', '16 of 21');
    assert.match(f.message, /no rounding makes 0\.86; did you mean 0\.76\?/);
    assert.deepEqual(f.fixes?.[0]?.edits.map((e) => e.newText), ['0.76']);
  });

  it('reads "bridged to allogeneic transplantation" as bridged to transplant, and "two of our 7" as a count of 7', () => {
    expectSilent('CR or CRi was achieved in 24 of 30 evaluable patients [@pan2019]. Of the responders, seven received no further therapy and eleven were bridged to allogeneic transplantation [@pan2019].\n');
    expectSilent('CRS occurred in 6 of 7. Two of our 7 patients (29%) had HLH.\n', 'plaintext');
  });

  it('reads a supplementary table\'s caption ("Table S4.") as its citation, and lay words for severe neurotoxicity', () => {
    const table = 'Table S4. Pooled best CR in Fergusson et al. 2023 [@fergusson2023].\n\n| Therapy | Disease | CR (%) |\n|---|---|---|\n| CD22 | B-ALL | 68 |\n';
    assert.deepEqual(findingsOf(table, 'markdown'), []);
    expectSilent('Severe CRS occurred in 6% and severe neurological side effects in 3% [@fergusson2023].\n');
    expectFinding('Severe CRS occurred in 6% and severe neurological side effects in 5% [@fergusson2023].\n', 'contradicts-dataset', '5%');
  });

  it('reads a sum over the works a sentence names as none of theirs', () => {
    expectSilent('The NCI trial treated 21 patients and the Beijing trial 34, a total of 55 patients across the two trials.\n', 'plaintext');
    expectSilent('Across both trials, 35/45 (78%) reached remission [@fry2018; @pan2019].\n');
    expectSilent('Together, the NCI [1] and Beijing [2] trials treated 55 patients.\n\nReferences\n1. Fry TJ, et al. Nat Med. 2018;24(1):20-28.\n2. Pan J, et al. Leukemia. 2019.\n', 'plaintext');
    // Each work's own number is still checked.
    expectFinding('The NCI trial treated 25 patients and the Beijing trial 34 [@fry2018; @pan2019].\n', 'contradicts-dataset', '25 patients');
  });

  it('gives numbers "respectively" to the works named in turn, by author or by name', () => {
    expectSilent('Response rates of 73% and 80% were reported by Fry et al. and Pan et al., respectively.\n', 'plaintext');
    const swapped = findingsOf('Response rates of 80% and 73% were reported by Fry et al. and Pan et al., respectively.\n', 'plaintext');
    assert.deepEqual(swapped.map((f) => `${f.code}@${f.at}`), ['contradicts-dataset@80%', 'citation-mismatch@73%']);
  });

  it('reads a number of "trials such as" a work as the trials\', not that work\'s', () => {
    expectSilent('In trials such as the Beijing trial, the pooled CR rate was 66%.\n', 'plaintext');
    expectFinding('In the Beijing trial, the CR rate was 66%.\n', 'contradicts-dataset', '66%', 'plaintext');
  });
});

describe('another trial\'s number beside a cited one', () => {
  it('reads a number set against the cited one, or named for a trial the dataset does not know, as that trial\'s', () => {
    expectSilent('In contrast to the 81\\% remission rate reported for tisagenlecleucel in ELIANA, the NCI CD22 trial reached complete remission in 73\\% of patients at the active dose \\citep{fry2018}.\n', 'latex');
    expectSilent('The Beijing group achieved CR/CRi in 80\\% of evaluable patients, against 71\\% in ZUMA-3 \\citep{pan2019}.\n', 'latex');
    expectSilent('Severe CRS was far less common than the 24\\% seen with brexucabtagene autoleucel in ZUMA-3: the pooled rate was 6\\% \\citep{fergusson2023}.\n', 'latex');
    expectSilent('The pooled CD22-alone CR of 68\\% \\citep{fergusson2023} is lower than the 80\\% pooled CR reported for CD19 CAR T cells in an earlier study \\citep{anagnostou2020}.\n\n\\begin{thebibliography}{9}\n\\bibitem{anagnostou2020} Anagnostou T, et al. Lancet Haematol. 2020.\n\\end{thebibliography}\n', 'latex');
    // Nor near one of the cited work's numbers.
    const near = findingsOf('CRS occurred in 16 of 21 patients (76\\%) in the NCI trial \\citep{fry2018}, compared with 77\\% in ELIANA.\n', 'latex');
    assert.deepEqual(near, []);
    // The cited number is still checked.
    expectFinding('In contrast to the 81\\% remission rate reported for tisagenlecleucel in ELIANA, the NCI CD22 trial reached complete remission in 75\\% of patients at the active dose \\citep{fry2018}.\n', 'contradicts-dataset', '75', 'latex');
  });

  it('reads no text LaTeX switches off or track changes strike out', () => {
    expectSilent('\\iffalse\nGrade~1 CRS occurred in 12 patients \\citep{fry2018}.\n\\fi\n', 'latex');
    expectSilent('The pooled rate of severe CRS was \\deleted{9\\%}\\added{6\\%} \\citep{fergusson2023}.\n', 'latex');
    expectSilent('Grade~1 CRS occurred in \\sout{12} nine patients \\citep{fry2018}.\n', 'latex');
    expectFinding('Grade~1 CRS occurred in \\deleted{9}\\added{12} patients \\citep{fry2018}.\n', 'contradicts-dataset', '12', 'latex');
  });
});

describe('the right count of the wrong whole', () => {
  it('says so when the count is the cited work\'s and the whole one it reports for no cohort, and offers its whole', () => {
    const f = expectFinding('In the NCI trial, CR was seen in 5 of 6 patients with CD19-dim or CD19-negative disease [@fry2018].\n', 'contradicts-dataset', '5 of 6');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /reports complete remission: 5 of 5 .*the draft says 5 of 6 patients; Fry et al. 2018 \(fry2018\) reports no cohort of 6: did you mean 5 of 5\?$/);
    assert.deepEqual(f.fixes?.[0]?.edits.map((e) => e.newText), ['5']);
    expectFinding('CR or CRi was achieved in 24 of 31 evaluable patients on day 30 [@pan2019].\n', 'contradicts-dataset', '24 of 31');
    // A whole the work reports for a cohort is that cohort's (24 of 34 enrolled), and the right whole is silent.
    expectSilent('CR or CRi was achieved in 24 of 34 enrolled patients [@pan2019].\n');
    expectSilent('In the NCI trial, CR was seen in 5 of 5 patients with CD19-dim or CD19-negative disease [@fry2018].\n');
  });
});

describe('probe drafts: lead-ins, stressed counts, own columns, shares', () => {
  it('reads a lead-in hard-wrapped over two lines as leading in to the list', () => {
    const text = (cr: string) => `\\citet{fergusson2023} reviewed CD22 CAR T cells. Their\nmain estimates were:\n\\begin{itemize}\n  \\item B-ALL, CD22 alone: CR ${cr}\\%;\n\\end{itemize}\n`;
    assert.deepEqual(findingsOf(text('68'), 'latex'), []);
    expectFinding(text('78'), 'contradicts-dataset', '78', 'latex');
  });

  it('reads a count stressed by "only" as its clause\'s subject', () => {
    expectFinding('Of the 7 patients in CR who received no further treatment, only 4 remained in remission [@pan2019].\n', 'contradicts-dataset', '4');
    expectSilent('Of the 7 patients in CR who received no further treatment, only 3 remained in remission [@pan2019].\n');
  });

  it('reads a table column headed as the writer\'s own ("This review") as no work\'s', () => {
    const table = (own: string, theirs: string) => `| Outcome | This review, % | Fergusson 2023 [@fergusson2023], % |\n|---|---|---|\n| Best CR, B-ALL, CD22 alone | ${own} | ${theirs} |\n`;
    assert.deepEqual(findingsOf(table('71', '68'), 'markdown'), []);
    expectFinding(table('71', '78'), 'contradicts-dataset', '78');
  });

  it('reads a proportion of a whole ("0.75 of all 34 enrolled") as a share', () => {
    expectFinding('CR/CRi at day 30 was achieved in 0.75 of all 34 enrolled patients [@pan2019].\n', 'contradicts-dataset', '0.75');
    expectSilent('CR/CRi at day 30 was achieved in 0.705 of all 34 enrolled patients [@pan2019].\n');
  });
});

describe('probe drafts: what a time is counted from, cohorts in apposition, messages', () => {
  it('reads "remission duration after CR" as the duration, not CR', () => {
    expectFinding('Median remission duration after CR was 9 months [@fry2018].\n', 'contradicts-dataset', '9 months');
    expectSilent('Median remission duration after CR was 6 months [@fry2018].\n');
  });

  it('reads "the NCI experience, with 58 participants" as a cohort size', () => {
    expectFinding('The NCI experience, with 58 participants, found that CD4/CD8 selection increased potency [@fry2018].\n', 'contradicts-dataset', '58 participants');
  });

  it('says a value once, and for whom where the cited work\'s figure is for another disease', () => {
    const once = expectFinding('The CR/CRi rate was 70.5% (24/32) [@pan2019].\n', 'arithmetic-inconsistency', '70.5%');
    assert.doesNotMatch(once.message, /70\.5% and 70\.5%/);
    const other = expectFinding('A meta-analysis estimated a pooled best CR rate of 47% in non-Hodgkin lymphoma [@pan2019].\n', 'citation-mismatch', '47%');
    assert.match(other.message, /which reports 70\.5% \(24\/34\) \(all 34 enrolled patients\)/);
    // A figure whose origin was not found is not offered as what the cited work reports, nor makes the mismatch an error.
    const unverified = expectFinding('A meta-analysis estimated a pooled best CR rate of 47% in non-Hodgkin lymphoma [@shah2020].\n', 'citation-mismatch', '47%');
    assert.doesNotMatch(unverified.message, /which reports/);
    assert.equal(unverified.severity, 'information');
  });
});

describe('tables: a column of cohort sizes', () => {
  it('reads bare numbers under "n" or "Patients" as how many each row\'s trial treated', () => {
    const table = (n: string) => `| Trial | n | CR |\n|---|---|---|\n| Fry 2018 [@fry2018] | 21 | 73% (11/15) |\n| Pan 2019 [@pan2019] | ${n} | 80% (24/30) |\n`;
    expectSilent(table('34'));
    expectFinding(table('43'), 'contradicts-dataset', '43');
    expectFinding('\\begin{tabular}{lrl}\nTrial & $n$ & Response \\\\\n\\citet{pan2019} & 43 & CR/CRi 80\\% (24/30) \\\\\n\\end{tabular}\n', 'contradicts-dataset', '43', 'latex');
    // In "n | %" the n is the percent's count, not a cohort.
    expectSilent('| Outcome | n | % |\n|---|---|---|\n| CRS [@fry2018] | 16 | 76 |\n');
  });
});

describe('probe drafts: pairs, predicates, superscripts', () => {
  it('pairs two numbers with two endpoints listed before them, without "respectively"', () => {
    expectSilent('Severe CRS and severe ICANS occurred in 6% and 3% (Fergusson et al., 2023).\n', 'plaintext');
    const swapped = findingsOf('Severe CRS and severe ICANS occurred in 3% and 6% (Fergusson et al., 2023).\n', 'plaintext').filter((f) => f.code === 'contradicts-dataset');
    assert.equal(swapped.length, 2);
  });

  it('reads "21 patients were treated" as how many were treated, and "Eight patients bridged ... remained in remission" as remissions', () => {
    expectSilent('In the trial (Fry et al., 2018), 21 patients were treated and complete remission was obtained in 73% (11/15).\n', 'plaintext');
    expectSilent('Eight patients bridged to transplantation remained in remission (Pan et al., 2019).\n', 'plaintext');
  });

  it('ends a sentence at a superscript marker after a hyphenated word, and pairs a count with words in its brackets', () => {
    const text = 'Fergusson et al. pooled CD22 and CD19/CD22 studies in a meta-analysis.³ With CD22 CAR T cells alone, the complete remission rate in B-ALL was 68%.³\n\nReferences\n3. Fergusson NJ, Adeel K, Kekre N, Atkins H, Hay KA. A systematic review and meta-analysis of CD22 CAR T-cells. Front Immunol. 2023;14:1178403.\n';
    expectSilent(text, 'plaintext');
    expectFinding('In our cohort, the CR rate was 83% (24/30 evaluable patients) at day 30.\n', 'arithmetic-inconsistency', '83%', 'plaintext');
  });
});

describe('probe drafts: remissions said other ways, wholes cited next door', () => {
  it('reads "9 are in continued remission" and a count before its time range as counted remissions', () => {
    expectFinding('Of the 11 patients bridged to transplantation, 9 are in continued remission [@pan2019].\n', 'contradicts-dataset', '9');
    expectSilent('Of the 11 patients bridged to transplantation, 8 are in continued remission [@pan2019].\n');
    expectFinding('Three remained in remission, whereas nine of the eleven bridged to transplantation remained in remission at 4.6-13.3 months (Pan et al., 2019).\n', 'contradicts-dataset', 'nine', 'plaintext');
  });

  it('reads a whole wrong for the paragraph\'s one work, cited in the next sentence', () => {
    expectFinding('CR was achieved in 5 of 6 patients with CD19-dim or CD19-negative B-ALL. Relapse was linked to reduced CD22 site density (Fry et al., 2018).\n', 'contradicts-dataset', '5 of 6', 'plaintext');
  });
});

describe('bounds', () => {
  it('offers no citation for a bound a cited figure satisfies ("below 10%")', () => {
    const findings = findingsOf('Severe CRS occurred in 6% [@fergusson2023].\n\nWe will test whether anakinra prophylaxis lowers the rate of grade ≥3 CRS below 10%.\n', 'markdown');
    assert.deepEqual(findings.map((f) => f.code), []);
  });
});

describe('a table of counts out of one cohort', () => {
  it('reads bare counts under "Patients (n = 21)" as counts of 21, of what the row labels\' header names', () => {
    const table = (g1: string, g2: string, any: string) =>
      `Cytokine release syndrome in the NCI trial [@fry2018]:\n\n| CRS grade | Patients (n = 21) |\n|---|---|\n| Grade 1 | ${g1} |\n| Grade 2 | ${g2} |\n| Any grade | ${any} |\n`;
    expectSilent(table('9', '7', '16'));
    assert.match(expectFinding(table('12', '7', '16'), 'contradicts-dataset', '12').message, /reports grade 1 CRS: 9 patients .*the draft says 12 of 21/);
    assert.match(expectFinding(table('9', '7', '15'), 'contradicts-dataset', '15').message, /reports cytokine release syndrome \(any grade\): 16 of 21/);
  });

  it('reads a row labelled only by its grade as a grade of the event the labels\' header names', () => {
    const table = (row: string) => `## Cytokine release syndrome in the NCI trial (Fry et al., 2018)\n\n| CRS | n/N (%) |\n|---|---|\n${row}\n| Grade 1 | 9/21 (42.9) |\n| Grade 2 | 7/21 (33.3) |\n`;
    expectSilent(table('| Any grade | 16/21 (76.2) |'));
    expectFinding(table('| Any grade | 15/21 (71.4) |'), 'contradicts-dataset', '15/21 (71.4)');
  });
});

describe('a table\'s source note', () => {
  it('reads the citation of a "Source:" line under a table as the table\'s', () => {
    const table = (cr: string) => `| Product | Disease | Pooled best CR |\n|---|---|---|\n| CD22 alone | NHL | ${cr} |\n\nSource: Fergusson et al. (2023).\n`;
    assert.deepEqual(findingsOf(table('64%'), 'markdown'), []);
    expectFinding(table('74%'), 'contradicts-dataset', '74%');
  });

  it('reads a pandoc caption under a table (": ..." or "Table: ...") as the table\'s', () => {
    for (const caption of [': Best complete response, pooled [@fergusson2023]', 'Table: Best complete response, pooled [@fergusson2023]']) {
      const table = (cr: string) => `| Product | Disease | Pooled best CR |\n|---|---|---|\n| CD22 alone | NHL | ${cr} |\n\n${caption}\n`;
      assert.deepEqual(findingsOf(table('64%'), 'markdown'), []);
      expectFinding(table('74%'), 'contradicts-dataset', '74%');
    }
  });
});

describe('probe drafts: another product, quotations, disputed claims', () => {
  it('reads a CD19 product named by name as another therapy than the CD22 trials\'', () => {
    assert.deepEqual(findingsOf('CRS occurred in 77% of patients treated with tisagenlecleucel.\n', 'markdown'), []);
    expectSilent('The overall remission rate with tisagenlecleucel was 81% within 3 months. The CD22 CAR meta-analysis pooled 68% in B-ALL [@fergusson2023].\n');
  });

  it('reads quoted and disputed figures as someone else\'s words', () => {
    const quoted = expectFinding('The authors write that "CR was 80% in the NCI trial" [@fry2018].\n', 'contradicts-dataset', '80%');
    assert.equal(quoted.severity, 'information');
    assert.match(quoted.message, /^In a quotation: /);
    expectSilent('The authors state that CR was 80% in the NCI trial; Fry et al. actually reported 73% (11/15) [@fry2018].\n');
    expectSilent('The Discussion claims a median remission duration of 12 months for the NCI CD22-CAR. Fry et al. report a median of 6 months [@fry2018].\n');
  });

  it('reads a disease the sentence says the number is not for as not its, and "N days after infusion" as no CRS onset', () => {
    expectSilent('The 47% CR for CD19/CD22 CAR T cells applies to NHL (n = 137), not specifically to LBCL [@fergusson2023].\n');
    expectSilent('Patients are asked to stay near the treatment centre for 28 days after infusion. In the NCI trial, CRS began 5 days after infusion [@fry2018].\n');
    expectSilent('Up to 90% of children with B-ALL are cured, whereas fewer than 50% of adults survive [@fry2018].\n');
  });

  it('gives each of two therapies joined by "and" its own number, and a subset its own group', () => {
    expectSilent('CD22 CAR T cells alone gave a best CR of 68% in B-ALL and CD19/CD22 products 90% [@fergusson2023].\n');
    expectSilent('The same 24 responders are 70.5% of all 34 enrolled patients [@pan2019].\n');
    expectSilent('The 17 patients previously treated with CD19-directed immunotherapy were among the 21 enrolled [@fry2018].\n');
  });
});

describe('probe drafts: own work before, table rows', () => {
  it('reads an uncited sentence after one about the writer\'s own work as theirs, and a citation between their words and a number as the number\'s', () => {
    expectSilent('Our pilot (n = 12) produced CR in 10 of 12. CRS occurred in 9 patients. In the NCI trial (Fry et al., 2018), CRS was largely low grade.\n');
    expectFinding('Toxicity in our cohort compares favourably with Fergusson et al. (2023), who found severe CRS in 9% of patients.\n', 'contradicts-dataset', '9%');
  });

  it('reads a table row\'s citation as that row\'s only, its number read before the citation in its cell', () => {
    const table = (cr: string) => `| Study | Population | Best CR, % (95% CI) |\n|:------|:-----------|--------------------:|\n| Meta-analysis, CD22 | B-ALL | ${cr} (53-81) [@fergusson2023] |\n| Beijing | r/r B-ALL | 80 |\n`;
    assert.deepEqual(findingsOf(table('68'), 'markdown').filter((f) => f.severity === 'error' || f.severity === 'warning'), []);
    expectFinding(table('78'), 'contradicts-dataset', '78');
  });
});

describe('a citation before "and"', () => {
  it('leaves a number after "and" to the citation after it', () => {
    expectSilent('Our CR rate of 78% is in keeping with the 73% reported at doses of at least 1 × 10^6 cells/kg in the NCI trial [@fry2018] and the 80% CR/CRi among evaluable patients in the Beijing trial [@pan2019].\n');
  });
});

describe('the writers\' own number set beside a cited one', () => {
  it('reads the number the writers compare theirs with as the cited work\'s', () => {
    expectFinding('Our CR rate is consistent with the 73% (11/15) reported by Pan et al. (2019) at doses of at least 1 x 10^6 cells/kg.\n', 'citation-mismatch', '73%', 'plaintext');
    expectSilent('Our CR rate of 78% is consistent with the 73% (11/15) reported by Fry et al. (2018) at doses of at least 1 x 10^6 cells/kg.\n', 'plaintext');
  });
});

describe('probe drafts: numbers written the ways experts write them', () => {
  it('reads the any-grade total as CRS when its grades are given in brackets before it or after it in words', () => {
    expectSilent('CRS (grade 2 in 7) occurred in 16 of 21 patients [@fry2018].\n');
    expectSilent('CRS was common and occurred in 16 of 21 patients, grade 1 in nine and grade 2 in seven (Fry et al., 2018).\n');
    expectFinding('CRS (grade 1 in 9 patients, grade 2 in 5) occurred in 16 of 21 patients [@fry2018].\n', 'contradicts-dataset', '5');
  });

  it('counts "Nine patients had X and eight had Y" as two groups, not eight of nine', () => {
    const f = expectFinding('Nine patients had grade 1 CRS and eight had grade 2 CRS [@fry2018].\n', 'contradicts-dataset', 'eight');
    assert.match(f.message, /reports grade 2 CRS: 7 patients/);
    assert.doesNotMatch(f.message, /eight of 9/);
    expectSilent('Nine patients had grade 1 CRS and 7 had grade 2 CRS [@fry2018].\n');
  });

  it('reads "12 of 21 overall (57%)" as one count with its percent, of another whole than the cited 11 of 15', () => {
    expectSilent('Of the 21 patients treated, 12 of 21 overall (57%) achieved complete remission [@fry2018].\n');
  });

  it('says when a count and whole are the cited work\'s figure for another endpoint', () => {
    const f = expectFinding('In the NCI phase 1 trial, CRS occurred in 11 of 15 patients (73%) [@fry2018].\n', 'citation-mismatch', '11 of 15');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /16 of 21/);
    assert.match(f.message, /complete remission/);
    expectSilent('Complete remission was achieved in 73% (11/15) of patients [@fry2018].\n');
  });

  it('reads a median follow-up as no remission duration', () => {
    expectSilent('At a median follow-up of 9 months, remission lasted a median of 6 months [@fry2018].\n');
    expectSilent('After a median follow-up of 9 months, the median remission duration was 6 months [@fry2018].\n');
    expectFinding('At a median follow-up of 9 months, remission lasted a median of 8 months [@fry2018].\n', 'contradicts-dataset', '8 months');
  });

  it('reads "four out of five" as a count of five, and those who "did not achieve" an endpoint as none of its count', () => {
    expectSilent('Four out of five evaluable patients achieved CR or CRi by day 30 [@pan2019].\n');
    expectSilent('Four of the 15 patients who received at least 1 × 10^6 cells/kg did not achieve complete remission [@fry2018].\n');
    expectSilent('Twenty percent of evaluable patients did not achieve CR or CRi by day 30 [@pan2019].\n');
  });

  it('takes a CI written in whole numbers as the work\'s rounded, and still flags a wrong bound', () => {
    expectSilent('One-year leukemia-free survival was 72% (95% CI 44-99) (Pan et al., 2019).\n');
    expectFinding('One-year leukemia-free survival was 72% (95% CI 44-90) (Pan et al., 2019).\n', 'contradicts-dataset', '44-90');
  });

  it('reads "8 of them" as of the group named just before, not the cohort before that', () => {
    const f = expectFinding('Pan et al. enrolled 34 patients. Eleven were bridged to transplantation and 8 of them (82%) remained in remission.\n', 'arithmetic-inconsistency', '8 of them');
    assert.match(f.message, /8\/11/);
  });
});

describe('probe drafts: citations that close another number\'s clause, lists without a heading, a contrast', () => {
  it('reads a citation right after an earlier number, before "and" and a clause of its own, as that number\'s', () => {
    const text = 'Complete remission was seen in 73% (11/15) [@fry2018] and a pooled analysis found a 68% complete response rate with CD22 CAR T cells alone.\n';
    expectSilent(text);
    const hint = expectFinding(text, 'unsupported-statistic', '68%');
    assert.match(hint.message, /its clause cites nothing \(the sentence cites Fry et al\. 2018 \(fry2018\) for another number\)/);
    expectSilent('Complete remission was seen in 73\\% (11/15)~\\cite{fry2018}, while a pooled analysis found a 68\\% complete response rate with CD22 CAR T cells alone.\n', 'latex');
  });

  it('gives "a 68% complete response rate with CD22 CAR T cells alone" its own therapy beside a dual-target figure', () => {
    expectSilent('CD22 CAR T cells were tested in children (Fry et al., 2018).\nA pooled analysis found a 68% complete response rate with CD22 CAR T cells alone and a 90% CR rate when combined with CD19-targeting (dual CAR T-cells) (Fergusson et al., 2023).\n');
  });

  it('reads a numbered list of references under no heading, or under "References" on the line before, as the reference list', () => {
    expectSilent('Complete remission was seen in 73% (11/15) at higher doses [2].\n\n1. Pan J, et al. CD22 CAR T-cell therapy in refractory or relapsed B acute lymphoblastic leukemia. Leukemia. 2019.\n2. Fry TJ, Shah NN, Orentas RJ, et al. CD22-targeted CAR T cells induce remission in B-ALL. Nat Med. 2018;24(1):20-28.\n');
    expectSilent('CR/CRi was reached in 24 of 30 evaluable patients (80%) [1].\n\nReferences\n[1] Pan J, et al. CD22 CAR T-cell therapy in refractory or relapsed B acute lymphoblastic leukemia. Leukemia. 2019.\n');
    // A numbered plan is no reference list.
    expectFinding('Our plan has three steps.\n\n1. Enroll 20 patients with relapsed B-ALL in 2025.\n2. Smith reported CR in 73% (11/15) in 2018.\n', 'unsupported-statistic', '73%');
  });

  it('reads an uncited sentence that opens "By contrast," as not about the work cited before it', () => {
    expectSilent('Median remission duration was 6 months (Fry et al., 2018). By contrast, CD19 CAR T cells give a median remission duration of 12 months.\n');
    expectFinding('Median remission duration was 6 months (Fry et al., 2018). The median remission duration was 12 months.\n', 'contradicts-dataset', '12 months');
  });
});

describe('a reference list run together in one paragraph, as a PDF or an e-mail leaves it', () => {
  const list = 'References: [1] Fry TJ, Shah NN, Orentas RJ, et al. CD22-targeted CAR T cells induce remission in B-ALL. Nat Med. 2018;24(1):20-28. [2] Pan J, Niu Q, Deng B, et al. CD22 CAR T-cell therapy in refractory or relapsed B acute lymphoblastic leukemia. Leukemia. 2019;33:2854-2866.\n';
  it('reads each entry of "References: [1] Fry TJ ... 2018. [2] Pan J ... 2019." and checks the numbers cited to them', () => {
    for (const format of ['markdown', 'plaintext'] as const) {
      expectSilent(`Complete remission was reached in 73% (11/15) of patients [1], and CR or CRi in 80% (24/30) of evaluable patients [2].\n\n${list}`, format);
      // The entries are the document's list: [2] is Pan's, so Pan's figure cited to [1] is another work's.
      expectFinding(`CR or CRi was reached in 80% (24/30) of evaluable patients [1].\n\n${list}`, 'citation-mismatch', '80%', format);
    }
  });

  it('reads such a list with no title, and entries run on over wrapped lines', () => {
    const untitled = '[1] Fry TJ, Shah NN, Orentas RJ, et al. CD22-targeted CAR T cells induce remission\nin B-ALL. Nat Med. 2018;24(1):20-28. [2] Pan J, Niu Q, Deng B, et al. CD22 CAR T-cell therapy in\nrefractory or relapsed B acute lymphoblastic leukemia. Leukemia. 2019;33:2854-2866.\n';
    expectFinding(`CR or CRi was reached in 80% (24/30) of evaluable patients [1].\n\n${untitled}`, 'citation-mismatch', '80%');
    const entries = recognizeBlocks(`Text.\n\n${untitled}`, 'markdown');
    assert.deepEqual(entries.blocks.map((b) => b.findings?.reference?.number).filter((n) => n !== undefined), [1, 2]);
  });

  it('leaves numbered prose run together in one paragraph as prose, its numbers checked', () => {
    // "1. Fry et al. (2018) reported ... 2. Pan et al. ...": points of an argument, not entries of a list.
    expectFinding('1. Fry et al. (2018) reported CR or CRi in 80% (24/30) of evaluable patients. 2. Pan et al. (2019) enrolled 34 patients.\n', 'citation-mismatch', '80%');
  });
});

describe('probe drafts: a citation after the full stop, intervals written in words or brackets', () => {
  it('reads "... doses. [@pan2019]" at a line\'s end as the sentence\'s citation', () => {
    expectFinding('Complete remission was seen in 73% (11/15) at higher doses. [@pan2019]\nMedian CAR T persistence was 28 days.\n', 'citation-mismatch', '73%');
  });

  it('reads "95 per cent CI", "95 percent CI" and "95% CI [a, b]" as intervals', () => {
    expectFinding('One-year leukemia-free survival was 71.6 per cent (95 per cent CI 44.2 to 89.0) [@pan2019].\n', 'contradicts-dataset', '89.0');
    expectFinding('One-year leukemia-free survival was 71.6% (95 percent CI 44.2–89.0) [@pan2019].\n', 'contradicts-dataset', '89.0');
    expectFinding('One-year leukemia-free survival was 71.6% (95% CI [44.2, 89.0]) [@pan2019].\n', 'contradicts-dataset', '89.0');
    expectSilent('One-year leukemia-free survival was 71.6% (95% CI [44.2, 99.0]) [@pan2019].\n');
    expectSilent('One-year leukemia-free survival was 71.6 per cent (95 per cent CI 44.2 to 99.0) [@pan2019].\n');
  });
});

describe('probe drafts: a percent restated as a count, a plain-text list item wrapped', () => {
  it('pairs "73%, i.e. 11 of 21 patients" as one statistic whose arithmetic is checked', () => {
    expectFinding('Complete remission was 73%, i.e. 11 of 21 patients.\n', 'arithmetic-inconsistency', '11 of 21');
    expectSilent('Complete remission was 73%, i.e. 11 of 15 patients [@fry2018].\n');
  });

  it('reads a plain-text list item\'s wrapped line as the item\'s, citation and all', () => {
    expectFinding('2) Beijing Boren trial [2]. 34 patients.\nOne-year leukemia-free survival 71.6% (95% CI 44.2-99.9).\n\nReferences\n[2] Pan J, et al. CD22 CAR T-cell therapy in refractory or relapsed B acute lymphoblastic leukemia. Leukemia. 2019.\n', 'contradicts-dataset', '99.9', 'plaintext');
    const item = '3) Meta-analysis [3]. Best CR pooled at 68% for CD22 alone in ALL.\nSevere CRS 6%, severe ICANS 3%.\n\nReferences\n[3] Fergusson NJ, et al. A systematic review and meta-analysis of CD22 CAR T-cells alone or in combination with CD19 CAR T-cells. Front Immunol. 2023;14:1178403.\n';
    expectSilent(item, 'plaintext');
    assert.deepEqual(codesOf(item, 'plaintext'), []);
  });
});

describe('probe drafts: units in a table\'s header', () => {
  it('reads bare numbers under "Patients (n)" as cohort sizes and under "Median remission (months)" as times', () => {
    expectFinding('| Study | Patients (n) |\n|---|---|\n| Fry 2018 [@fry2018] | 23 |\n', 'contradicts-dataset', '23');
    expectFinding('| Study | Patients (n) | CR, n/N (%) | Median remission (months) |\n|---|---|---|---|\n| @fry2018 | 21 | 11/15 (73) | 9 |\n', 'contradicts-dataset', '9');
    expectSilent('| Study | Patients (n) | CR, n/N (%) | Median remission (months) |\n|---|---|---|---|\n| @fry2018 | 21 | 11/15 (73) | 6 |\n');
  });
});

describe('probe drafts: citation forms', () => {
  it('reads pandoc\'s braced key "[@{pan2019}]" and three authors named in full "(Fry, Shah, and Orentas 2018)"', () => {
    expectFinding('Complete remission was seen in 73% (11/15) at higher doses [@{pan2019}].\n', 'citation-mismatch', '73%');
    expectFinding('Complete remission was seen in 24 of 30 evaluable patients (80%) (Fry, Shah, and Orentas 2018).\n', 'citation-mismatch', '24 of 30');
    expectSilent('Complete remission was seen in 73% (11/15) at higher doses (Fry, Shah, and Orentas 2018).\n');
  });
});

describe('probe drafts: a count out of a group the words name', () => {
  it('reads "4 of 7 who received no further treatment" as remissions among them, after "remained in remission"', () => {
    expectFinding('Eight of 11 transplanted patients remained in remission, compared with 4 of 7 who received no further treatment (Pan et al., 2019).\n', 'contradicts-dataset', '4 of 7');
    expectSilent('Eight of 11 transplanted patients remained in remission, compared with 3 of 7 who received no further treatment (Pan et al., 2019).\n');
  });
});

describe('probe drafts: careful experts', () => {
  it('reads "95%-CI" as an interval\'s label, "the 30 who could be evaluated" as a group, a graded term\'s own event, and the writers\' own product or number', () => {
    expectFinding('The 1-year leukemia-free survival was 76.1% (95%-CI 44.2-99.0) (Pan et al., 2019).\n', 'contradicts-dataset', '76.1%');
    assert.deepEqual(alarmsOf('The 1-year leukemia-free survival was 71.6% (95%-CI 44.2-99.0) (Pan et al., 2019).\n'), []);
    expectSilent('In the Beijing trial, all 34 patients had failed CD19 CAR T cells, and day-30 CR/CRi was 80% among the 30 who could be evaluated [@pan2019].\n');
    expectSilent('Severe CRS (grade ≥3) occurred in 6% and ICANS in 16% [@fergusson2023].\n');
    expectSilent('The pooled CR of 90% for CD19/CD22 CAR T cells against 68% for CD22 alone [@fergusson2023] suggests that our single-antigen product, at 78%, sits between the two.\n');
    expectSilent('Their 1-year leukaemia-free survival of 71.6% [@pan2019] is similar to our 68% (95% CI 49–82).\n');
  });
});

describe('probe drafts: another trial\'s own number', () => {
  it('reads "ELIANA\'s 81%" as that trial\'s, not the cited one\'s', () => {
    expectSilent('In the NCI anti-CD22 trial, 73% of patients given ≥1 × 10^6 cells/kg entered complete remission [@fry2018], a rate close to ELIANA\'s 81%.\n');
  });
});

describe('probe drafts: the writers\' own series beside a cited one, and lists without "respectively"', () => {
  it('reads a severity said of the whole event, then a clause on, as no subgroup\'s', () => {
    expectSilent('Cytokine release syndrome was frequent but mild in that trial: it occurred in 16 of the 21 patients (76%) [@fry2018].\n');
    expectSilent('CRS was mild, occurring in 16 of 21 patients [@fry2018].\n');
    // The severity said of the count itself is still its grade.
    expectFinding('CRS was mild in 16 patients [@fry2018].\n', 'contradicts-dataset', '16');
  });

  it('pairs two grades with two numbers, and gives a list of grades after a number to the list\'s own numbers', () => {
    expectSilent('Grade 1 and grade 2 CRS were seen in nine and seven of the 21 patients treated [@fry2018].\n');
    const swapped = findingsOf('Grade 1 and grade 2 CRS were seen in seven and nine of the 21 patients treated [@fry2018].\n');
    assert.deepEqual(swapped.map((f) => f.at), ['seven', 'nine of the 21 patients']);
    assert.ok(swapped.every((f) => /swapped/.test(f.message)), JSON.stringify(swapped));
    expectSilent('CRS occurred in 16 of the 21 patients (76%), with grade 1 and grade 2 CRS in nine and seven patients, respectively [@fry2018].\n');
  });

  it('gives a number the words call the meta-analysis\'s to the pooled work among several cited', () => {
    expectSilent('Complete remission was reported in both the NCI trial (11/15) and the meta-analysis (68%) [@fry2018; @fergusson2023].\n');
    const f = expectFinding('Complete remission was reported in both the NCI trial (11/15) and the meta-analysis (78%) [@fry2018; @fergusson2023].\n', 'contradicts-dataset', '78%');
    assert.match(f.message, /^Fergusson et al\. 2023/);
  });

  it('reads an uncited sentence after one that opens on the writers\' own work, citing only what it is compared with, as theirs', () => {
    expectSilent('In our pilot, 9 of 12 children (75%) reached CR by day 28, similar to the NCI experience (11/15) [@fry2018]. CRS was grade 1 in 6 and grade 2 in 2.\n');
    // Pointing back at the cited trial makes it the trial's again.
    expectFinding('In our pilot, 9 of 12 children (75%) reached CR by day 28, similar to the NCI experience (11/15) [@fry2018]. In that trial, CRS was grade 1 in 6 and grade 2 in 2.\n', 'contradicts-dataset', '6');
  });

  it('reads a citation past a semicolon, in a clause that opens on the cited work, as that clause\'s', () => {
    expectSilent('Toxicity in our series was lower than in the NCI trial. CRS occurred in 20 of 32 patients (63%), of grade 1 in 14 and grade 2 in 6, with no grade 3 or higher events; Fry et al. observed CRS in 16 of 21 patients (76%), nine with grade 1 and seven with grade 2 [@fry2018].\n');
    expectFinding('CRS occurred in 20 of 32 patients; the NCI trial observed CRS in 16 of 21 patients (70%) [@fry2018].\n', 'arithmetic-inconsistency', '16 of 21 patients (70%)');
    // Without a work opening the clause, the citation is the sentence's.
    expectFinding('CRS occurred in 16 of 21 patients (76%), of grade 1 in 9 and grade 2 in 6; complete remission was seen in 11 of 15 [@fry2018].\n', 'contradicts-dataset', '6');
  });

  it('reads a count\'s percent against an earlier stated whole it fits, when the last one stated does not', () => {
    expectSilent('CRS occurred in 20 of 32 patients in our series; Fry et al. observed CRS in 16 of 21 patients (76%) [@fry2018]. In our cohort, severe ICANS occurred in one patient (3%).\n');
    // A percent no stated whole gives is still reported.
    expectFinding('CRS occurred in 20 of 32 patients in our series; Fry et al. observed CRS in 16 of 21 patients (76%) [@fry2018]. In our cohort, severe ICANS occurred in one patient (7%).\n', 'arithmetic-inconsistency', 'one patient (7%)');
  });

  it('reads the writers\' own work across a line break ("our\\nsingle-antigen product")', () => {
    expectSilent('The pooled CR of 90% for CD19/CD22 CAR T cells against 68% for CD22 alone [@fergusson2023] suggests that our\nsingle-antigen product, at 78%, sits between the two.\n');
  });

  it('adds up grades per clause when a semicolon starts another count out of a total, and across one otherwise', () => {
    const sums = (text: string) => findingsOf(text).filter((f) => f.code === 'arithmetic-inconsistency').map((f) => f.message);
    assert.deepEqual(sums('CRS occurred in 20 of 32 patients, grade 1 in 14 and grade 2 in 6; in the other arm CRS occurred in 16 of 21 patients, grade 1 in 9 and grade 2 in 7.\n'), []);
    assert.deepEqual(sums('CRS occurred in 16 of 21 patients; grade 1 in 9 and grade 2 in 9.\n'), ['These grade subgroups add up to 18, more than the 16 patients with the event (16 of 21).']);
  });
});

describe('probe drafts: fixes that must not write new slips, and hard-wrapped text', () => {
  it('corrects the percent, not the whole, where the words name the whole as written ("24 of 30 evaluable patients (70.5%)")', () => {
    const f = expectFinding('In the Beijing cohort, CR or CRi on day 30 was achieved in 24 of 30 evaluable patients (70.5%) [@pan2019].\n', 'arithmetic-inconsistency', '24 of 30 evaluable patients (70.5%)');
    assert.doesNotMatch(f.message, /24 of 34/);
    const preferred = f.fixes?.find((x) => x.preferred);
    assert.ok(preferred && preferred.edits.every((e) => /^80(?:\.0)?%$/.test(e.newText)), JSON.stringify(f.fixes));
    // Words for all enrolled keep the whole as the slip.
    const g = expectFinding('CR/CRi was 70.5% (24/30) among all enrolled patients [@pan2019].\n', 'arithmetic-inconsistency', '70.5% (24/30)');
    assert.match(g.message, /did you mean 24 of 34\?/);
  });

  it('does not prefer a corrected size that a count out of it would exceed, and asks whether the citation is the slip', () => {
    const f = expectFinding('The NCI anti-CD22 CAR trial infused 58 participants, 51 of whom had prior CD19-targeted therapy [@fry2018].\n', 'contradicts-dataset', '58 participants');
    assert.match(f.message, /"51 of whom" counts out of this number and would exceed 21: is the citation the slip\?/);
    assert.ok(f.fixes?.every((x) => !x.preferred), JSON.stringify(f.fixes));
    // A count that still fits keeps the correction preferred.
    const g = expectFinding('The NCI trial infused 25 participants, 17 of whom had prior CD19-targeted therapy [@fry2018].\n', 'contradicts-dataset', '25 participants');
    assert.ok(g.fixes?.some((x) => x.preferred), JSON.stringify(g.fixes));
  });

  it('reads a count out of the fact\'s own whole as that whole\'s, whatever cohort the sentence names first', () => {
    expectSilent('It enrolled 34 patients and CR was 80% (24/30) [@pan2019].\n');
    expectFinding('Among the 34 enrolled patients, CR was 80% [@pan2019].\n', 'contradicts-dataset', '80%');
  });

  it('offers to swap two sizes given to each other\'s works, not to rewrite one of them or its citation', () => {
    const found = findingsOf('The NCI trial and the Beijing study enrolled 34 and 21 patients, respectively [@fry2018; @pan2019].\n');
    assert.equal(found.length, 2, JSON.stringify(found));
    for (const f of found) {
      assert.match(f.message, /are the two swapped\?$/);
      const preferred = f.fixes?.filter((x) => x.preferred) ?? [];
      assert.deepEqual(preferred.map((x) => x.edits.map((e) => e.newText)), [['21', '34']]);
    }
    expectSilent('The NCI trial and the Beijing study enrolled 21 and 34 patients, respectively [@fry2018; @pan2019].\n');
  });

  it('reads "them" as a smaller group before the count when there is no larger one, and says the part is larger', () => {
    expectFinding('In the NCI trial, 21 patients were treated, and 25 of them developed CRS [@fry2018].\n', 'arithmetic-inconsistency', '25 of them');
    expectSilent('Of 21 patients, 5 had a prior transplant and 17 of them had prior CD19-directed therapy [@fry2018].\n');
  });

  it('says when the number is the work\'s median but the draft calls it a mean, and offers the word', () => {
    const f = expectFinding('Responses were short-lived: the mean remission duration was 6 months [@fry2018].\n', 'contradicts-dataset', 'mean');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /reports remission duration: median 6 months .*; the draft calls it a mean: did you mean "median"\?$/);
    assert.deepEqual(f.fixes?.map((x) => [x.preferred, x.edits.map((e) => e.newText)]), [[true, ['median']]]);
    expectSilent('Responses were short-lived: the median remission duration was 6 months [@fry2018].\n');
  });

  it('says whose a median\'s range with decimals is when it is another work\'s', () => {
    const f = expectFinding('Median remission duration was 6 months (range 4.6-13.3) [@fry2018].\n', 'citation-mismatch', '4.6-13.3');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /^4\.6-13\.3 is Pan et al\. 2019 \(pan2019\)'s number/);
    expectSilent('Of the 11 bridged to transplant, 8 remained in remission at 4.6 to 13.3 months [@pan2019].\n');
  });

  it('says which dataset paper an author-year citation with a wrong year is, when its sentence gives that paper\'s figure', () => {
    const f = expectFinding('As Pan et al. (2021) reported, CR or CRi was achieved in 24 of 30 evaluable patients (80%) on day 30.\n', 'unknown-citation', 'Pan');
    assert.match(f.message, /24 of 30 evaluable patients \(80%\) in this sentence is Pan et al\. 2019 \(pan2019\)'s figure/);
    assert.equal(f.fixes?.[0]?.edits[0]?.newText, '2019');
    // Numbers that are not the paper's say nothing of which paper it is.
    assert.ok(!findingsOf('As Pan et al. (2021) reported, CR was achieved in 12 of 20 patients (60%).\n').some((x) => x.code === 'unknown-citation'));
  });

  it('reads a citation broken over two lines, and a numbered line inside a paragraph as the paragraph\'s', () => {
    expectSilent('Complete remission was seen in 73%\n(11/15) at higher doses [@pan2019;\n@fry2018].\n');
    expectFinding('CRS (grade 1 in 9 patients, grade 2 in\n5) occurred in 16 of 21 patients\n[@fry2018].\n', 'contradicts-dataset', '5');
    // A list that starts at 1 may still interrupt a paragraph.
    const items = findingsOf('Key results:\n1. CR 80% (24/30) [@pan2019]\n2. CR 73% (11/15) [@pan2019]\n');
    assert.ok(items.some((f) => f.code === 'citation-mismatch' && f.at === '73% (11/15)'), JSON.stringify(items));
  });
});

/** The preferred fix of `finding` turns `text` into `expected`, which then checks clean. */
function expectFixedClean(text: string, finding: Parameters<typeof preferredFixOf>[1], expected: string, format: DocumentFormat = 'markdown'): void {
  const fixed = preferredFixOf(text, finding);
  assert.equal(fixed, expected);
  expectSilent(fixed, format);
}

function preferredFixOf(text: string, finding: { fixes?: Array<{ preferred?: boolean; edits: Array<{ span: { start: number; end: number }; newText: string }> }> }): string {
  const fix = finding.fixes?.find((f) => f.preferred);
  assert.ok(fix, 'expected a preferred fix');
  return applyTextEdits(text, fix.edits);
}

describe('probe drafts: groups listed after their numbers, a group named after "against", "n =" beside a count', () => {
  it('pairs "Seven and eleven CR patients received no further treatment or were bridged to transplantation, respectively"', () => {
    for (const group of ['CR patients', 'patients in CR']) {
      expectSilent(`Seven and eleven ${group} received no further treatment or were bridged to transplantation, respectively [@pan2019].\n`);
      const swapped = `Eleven and seven ${group} received no further treatment or were bridged to transplantation, respectively [@pan2019].\n`;
      const f = expectFinding(swapped, 'contradicts-dataset', 'Eleven');
      assert.match(f.message, /are the two swapped\?/);
      // The swap keeps the sentence's capital where it was.
      assert.equal(preferredFixOf(swapped, f), `Seven and eleven ${group} received no further treatment or were bridged to transplantation, respectively [@pan2019].\n`);
    }
  });

  it('reads "..., against 3 of 11 who had no further treatment" as that group\'s, not the transplanted group\'s before it', () => {
    expectSilent('Eight of 11 patients bridged to transplant were still in remission, against 3 of 7 who had no further treatment [@pan2019].\n');
    const text = 'Eight of 11 patients bridged to transplant were still in remission, against 3 of 11 who had no further treatment [@pan2019].\n';
    const f = expectFinding(text, 'contradicts-dataset', '3 of 11');
    assert.match(f.message, /3 of 7/);
    assert.match(preferredFixOf(text, f), /against 3 of 7 who had no further treatment/);
  });

  it('corrects "n = 21" beside a count of 15 to the count\'s whole, not its numerator', () => {
    const text = 'Complete remission was reached in 11/15 (73%; n = 21 at ≥1 × 10^6 cells/kg) [@fry2018].\n';
    const f = expectFinding(text, 'contradicts-dataset', 'n = 21');
    assert.match(preferredFixOf(text, f), /\(73%; n = 15 at/);
    expectSilent('Complete remission was reached in 11/15 (73%; n = 15 at ≥1 × 10^6 cells/kg) [@fry2018].\n');
  });
});

describe('probe drafts: a wrong bound of an interval is corrected in the interval\'s own writing', () => {
  it('offers the work\'s bounds as a percent, as a proportion, and with a decimal comma', () => {
    const cases: Array<[string, string]> = [
      ['One-year leukemia-free survival was 71.6% (95% CI 44.2–90.0) [@pan2019].\n', 'One-year leukemia-free survival was 71.6% (95% CI 44.2–99.0) [@pan2019].\n'],
      ['One-year leukemia-free survival was 0.716 (95% CI: 0.442 - 0.900) [@pan2019].\n', 'One-year leukemia-free survival was 0.716 (95% CI: 0.442 - 0.990) [@pan2019].\n'],
      ['One-year leukemia-free survival was 71.6% (95% CI 41.2-99.0) [@pan2019].\n', 'One-year leukemia-free survival was 71.6% (95% CI 44.2-99.0) [@pan2019].\n'],
      ['One-year leukemia-free survival was 71,6% (95% CI 44,2–90,0) [@pan2019].\n', 'One-year leukemia-free survival was 71,6% (95% CI 44,2–99,0) [@pan2019].\n'],
    ];
    for (const [slip, right] of cases) {
      const f = expectFinding(slip, 'contradicts-dataset', 'CI');
      const fixed = preferredFixOf(slip, f);
      assert.equal(fixed, right);
      expectSilent(fixed);
    }
  });
});

describe('probe drafts: a figure with its interval given to an endpoint the work does not report', () => {
  it('says "1-year overall survival was 71.6% (95% CI 44.2-99.0)" is Pan\'s leukemia-free survival, and fixes the words', () => {
    const text = 'The 1-year overall survival was 71.6% (95% CI 44.2–99.0) (Pan et al., 2019).\n';
    const f = expectFinding(text, 'citation-mismatch', '71.6%');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /no overall survival from Pan et al\. 2019.*is its leukemia-free survival/);
    assert.equal(preferredFixOf(text, f), 'The 1-year leukemia-free survival was 71.6% (95% CI 44.2–99.0) (Pan et al., 2019).\n');
    // Without the interval the percent alone is not telling enough to say so.
    expectSilent('The 1-year overall survival was 71.6% (Pan et al., 2019).\n');
  });
});

describe('probe drafts: a pooled figure given to the other antigen', () => {
  it('offers to change the antigen the sentence names when the work reports the figure for the other one', () => {
    const text = 'Roughly two in three people with ALL (68%) had a complete response to CD19 CAR T cells alone (Fergusson et al., 2023).\n';
    const f = expectFinding(text, 'contradicts-dataset', '68%');
    expectFixedClean(text, f, 'Roughly two in three people with ALL (68%) had a complete response to CD22 CAR T cells alone (Fergusson et al., 2023).\n');
  });
});

describe('probe drafts: a proportion with its count', () => {
  it('checks "0.78 (11/15)" as it checks "78% (11/15)", and corrects it as a proportion', () => {
    const text = 'The CR proportion at the higher doses was 0.78 (11/15) [@fry2018].\n';
    const f = expectFinding(text, 'arithmetic-inconsistency', '0.78 (11/15)');
    expectFixedClean(text, f, 'The CR proportion at the higher doses was 0.73 (11/15) [@fry2018].\n');
    expectSilent('The CR proportion at the higher doses was 0.733 (11 of 15) [@fry2018].\n');
  });
});

describe('probe drafts: a figure known by its interval alone', () => {
  it('reads which figure a percent is by the one interval the cited work gives it, where the words name no outcome', () => {
    const text = 'Among those bridged to transplant, the figure was 76.1% (95% CI 44.2-99.0) [@pan2019].\n';
    const f = expectFinding(text, 'contradicts-dataset', '76.1%');
    assert.match(f.message, /leukemia-free survival: 71\.6%/);
    expectFixedClean(text, f, 'Among those bridged to transplant, the figure was 71.6% (95% CI 44.2-99.0) [@pan2019].\n');
    expectFinding('The 1-year figure was 72.6% (95% CI 44.2-99.0) [@pan2019].\n', 'citation-mismatch', '72.6%');
    // An interval the cited work does not give leaves the number unread, as before.
    expectSilent('The 1-year figure was 76.1% (95% CI 51.0-99.0) [@pan2019].\n');
  });
});

describe('probe drafts: two numbers side by side with their two therapies', () => {
  it('pairs "90% vs 68% for CD19/CD22 vs CD22 alone" as "respectively" would, and finds the swap', () => {
    expectSilent('Pooled best CR was 90% vs 68% for CD19/CD22 vs CD22 alone in B-ALL (Fergusson et al., 2023).\n');
    expectSilent('Pooled best CR in B-ALL was 90% and 68% for CD19/CD22 and CD22 alone (Fergusson et al., 2023).\n');
    const swapped = 'Pooled best CR was 68% vs 90% for CD19/CD22 vs CD22 alone in B-ALL (Fergusson et al., 2023).\n';
    assert.match(expectFinding(swapped, 'contradicts-dataset', '68%').message, /are the two swapped\?/);
    expectFinding(swapped, 'contradicts-dataset', '90%');
  });

  it('reads "when CD19 and CD22 were targeted together" as dual targeting', () => {
    expectSilent('About 68 per cent of people with B-ALL treated with CD22 CAR T cells alone had a complete response, compared with 90 per cent when CD19 and CD22 were targeted together (Fergusson et al., 2023).\n');
    expectFinding('About 90 per cent of people with B-ALL treated with CD22 CAR T cells alone had a complete response, compared with 68 per cent when CD19 and CD22 were targeted together (Fergusson et al., 2023).\n', 'contradicts-dataset', '68 per cent');
  });
});

describe('probe drafts: one citation of two works, and the evaluable called enrolled', () => {
  it('gives the number to the cited work its own clause names', () => {
    const text = 'The NCI phase 1 trial treated 21 children and adults, whereas the Beijing study enrolled 30 patients (Fry et al., 2018; Pan et al., 2019).\n';
    const f = expectFinding(text, 'contradicts-dataset', '30 patients');
    assert.match(f.message, /^Pan et al\. 2019/);
    expectFixedClean(text, f, text.replace('30 patients', '34 patients'));
  });

  it('says when the patients a work evaluated are called all it enrolled, and not when the words say evaluated', () => {
    const f = expectFinding('The Beijing study enrolled 30 patients (Pan et al., 2019).\n', 'contradicts-dataset', '30 patients');
    assert.match(f.message, /evaluable patients.*not all it enrolled/);
    expectSilent('The Beijing study evaluated 30 patients (Pan et al., 2019).\n');
    expectSilent('Of the 34 patients enrolled, 30 were evaluable (Pan et al., 2019).\n');
    expectSilent('Fry et al. enrolled 15 patients at the higher dose [@fry2018].\n');
  });
});

describe('probe drafts: a figure given for another time than the work measured it at', () => {
  it('says so at the time, and corrects it in the draft\'s own writing', () => {
    const text = 'The 2-year leukaemia-free survival was 71,6 % (95 % CI 44,2–99,0) (Pan et al., 2019).\n';
    const f = expectFinding(text, 'contradicts-dataset', '2-year');
    assert.match(f.message, /at 1 year; the draft says "2-year"/);
    expectFixedClean(text, f, text.replace('2-year', '1-year'));
    assert.equal(preferredFixOf('- CR/CRi day 28: 80% (24/30 evaluable) (Pan 2019)\n', expectFinding('- CR/CRi day 28: 80% (24/30 evaluable) (Pan 2019)\n', 'contradicts-dataset', 'day 28')), '- CR/CRi day 30: 80% (24/30 evaluable) (Pan 2019)\n');
    assert.equal(preferredFixOf('LFS was 71.6% at 2 years [@pan2019].\n', expectFinding('LFS was 71.6% at 2 years [@pan2019].\n', 'contradicts-dataset', '2 years')), 'LFS was 71.6% at 1 year [@pan2019].\n');
    // The same time in other units, and a time that is not when the figure was measured, are left alone.
    expectSilent('LFS at 12 months was 71.6% [@pan2019].\n');
    expectSilent('After a median follow-up of 2 years, LFS was 71.6% [@pan2019].\n');
  });
});

describe('probe drafts: a whole from another cohort, "them" in the same sentence, a subgroup with no endpoint words', () => {
  it('corrects the whole of a percent the work gives for another whole', () => {
    const text = 'CR/CRi on day 30: 24/30 evaluable (80%), i.e. 70.5% of all 30 [@pan2019].\n';
    const f = expectFinding(text, 'arithmetic-inconsistency', '70.5% of all 30');
    assert.match(f.message, /70\.5% \(24\/34\) for all enrolled patients/);
    assert.deepEqual(findingsOf(text).filter((x) => x.severity === 'error').map((x) => x.code), [], 'no contradiction beside it');
    expectFixedClean(text, f, text.replace('of all 30', 'of all 34'));
  });

  it('reads "them" as the smaller group of its own sentence before a cohort stated earlier', () => {
    const text = 'Of 34 patients, 24 of 30 evaluable (80%) reached CR or CRi on day 30 [@pan2019]. Seven CR patients received no further treatment, and 8 of them remained in remission [@pan2019].\n';
    assert.match(expectFinding(text, 'arithmetic-inconsistency', '8 of them').message, /8 of 7/);
    expectSilent(text.replace('8 of them', '3 of them'));
  });

  it('finds a count of its whole given to the other antigen\'s subgroup, with no endpoint words', () => {
    const f = expectFinding('5 of 5 with CD22-dim or CD22-negative disease responded (Fry et al., 2018).\n', 'contradicts-dataset', '5 of 5');
    assert.match(f.message, /CD19-dim or CD19-negative\?/);
    expectSilent('5 of 5 with CD19-dim or CD19-negative disease responded (Fry et al., 2018).\n');
  });
});

describe('probe drafts: a whole percent corrected as the work prints it', () => {
  it('writes "80%", not "80.0%", for a percent the work prints whole', () => {
    const text = 'Of 34 patients, 24 of 30 evaluable (70.5%) reached CR or CRi on day 30 [@pan2019].\n';
    const fixed = preferredFixOf(text, expectFinding(text, 'arithmetic-inconsistency', '24 of 30 evaluable (70.5%)'));
    assert.equal(fixed, text.replace('70.5%', '80%'));
    expectSilent(fixed);
    // A figure with decimals keeps the draft's.
    assert.equal(preferredFixOf('The 1-year LFS was 76.1% [@pan2019].\n', expectFinding('The 1-year LFS was 76.1% [@pan2019].\n', 'contradicts-dataset', '76.1%')), 'The 1-year LFS was 71.6% [@pan2019].\n');
  });
});

describe('probe drafts: a figure given to another grade range of its event', () => {
  it('says when the number is the work\'s figure for a nested grade range, and fixes the grade', () => {
    const text = 'Grade ≥ 2 CRS occurred in a pooled 6% (95% CI 3–9) of patients (Fergusson et al., 2023).\n';
    const f = expectFinding(text, 'contradicts-dataset', '6%');
    assert.match(f.message, /severe CRS.*grade 2 or higher: is the grade right\?/);
    expectFixedClean(text, f, text.replace('Grade ≥ 2', 'Grade ≥ 3'));
    expectSilent('Severe (grade ≥3) CRS occurred in 6% of patients (Fergusson et al., 2023).\n');
  });
});

describe('probe drafts: a number that is the work\'s figure for the other therapy', () => {
  it('asks whether the therapy is the slip, and leaves the number\'s correction out of "Fix all"', () => {
    const text = '| Outcome | Therapy | N | CR (95% CI) | Source |\n|---|---|---|---|---|\n| Best complete remission, NHL | CD19/CD22 | 28 | 64% (46 to 81) | Fergusson 2023 |\n';
    const f = expectFinding(text, 'contradicts-dataset', '64%');
    assert.match(f.message, /its figure for patients with non-Hodgkin lymphoma treated with CD22 CAR T cells alone.*is the therapy the slip\?/);
    assert.ok(!f.fixes?.some((x) => x.preferred), 'no preferred fix');
    // A number that is no figure of the work is corrected as before.
    const other = 'Pooled best CR in B-ALL was 75% with CD22 CAR T cells alone (Fergusson et al., 2023).\n';
    assert.equal(preferredFixOf(other, expectFinding(other, 'contradicts-dataset', '75%')), other.replace('75%', '68%'));
  });
});

describe('probe drafts: counts of a group named without its size', () => {
  it('reads "Of the patients given no further therapy, 8 remained in remission" as that group\'s count', () => {
    expectSilent('Of the patients given no further therapy, 3 remained in remission [@pan2019].\n');
    expectSilent('Among those bridged to transplantation, 8 remained in remission [@pan2019].\n');
    assert.match(expectFinding('Of the patients given no further therapy, 8 remained in remission [@pan2019].\n', 'contradicts-dataset', '8').message, /3 of 7/);
    assert.match(expectFinding('Among those bridged to transplantation, 3 remained in remission [@pan2019].\n', 'contradicts-dataset', '3').message, /8 of 11/);
  });

  it('counts "twelve were bridged", "Twelve of the CR patients were bridged" and "12 patients in CR were bridged"', () => {
    for (const [wrong, right] of [
      ['Of the CR patients in the Beijing cohort, twelve were bridged to transplantation [@pan2019].\n', 'twelve'],
      ['Twelve of the CR patients were bridged to transplantation [@pan2019].\n', 'Twelve'],
      ['12 of the patients in CR were bridged to transplantation [@pan2019].\n', '12'],
      ['Twelve patients in CR were bridged to transplantation [@pan2019].\n', 'Twelve'],
    ] as const) {
      assert.match(expectFinding(wrong, 'contradicts-dataset', right).message, /11 patients/);
      expectSilent(wrong.replace(right, right === '12' ? '11' : right === 'twelve' ? 'eleven' : 'Eleven'));
    }
    // "Of note" names no group; a count of two outcomes joined is neither's.
    expectSilent('Of note, 12 were excluded from the analysis [@pan2019].\n');
    expectSilent('Pan and colleagues [@pan2019] enrolled 34 patients. Of the CR patients, 18 were bridged to transplantation or received no further treatment.\n');
  });

  it('gives a term said of one count to that count, not to a count beside it', () => {
    expectSilent('In the Beijing cohort [@pan2019], 34 patients were treated, 30 were evaluated, and 24 achieved CR or CRi.\n');
    expectSilent('Pan and colleagues [@pan2019] enrolled 34 patients; 24 achieved CR or CRi. Of these, 11 were bridged to transplantation, 7 received no further treatment and 6 are not described.\n');
    expectSilent('Fry et al. [@fry2018] treated 21 patients, 17 of whom had received CD19-directed immunotherapy; 4 were CD19-naive.\n');
    // The count whose term it is is still checked.
    expectFinding('In the Beijing cohort [@pan2019], 34 patients were treated, 30 were evaluated, and 23 achieved CR or CRi.\n', 'contradicts-dataset', '23');
  });

  it('reads "9 of the 16 patients with CRS (56%) had grade 1" as one count of grade 1 with its percent', () => {
    expectSilent('Fry et al. [@fry2018]: 9 of the 16 patients with CRS (56%) had grade 1.\n');
    expectFinding('Fry et al. [@fry2018]: 9 of the 16 patients with CRS (56%) had grade 2.\n', 'contradicts-dataset', '9 of the 16');
  });

  it('gives "24 of 30 ... achieved CR" to the work\'s CR/CRi, and leaves a count\'s own cohort words to it', () => {
    expectFinding('Of 30 evaluable patients, 23 achieved CR [@pan2019].\n', 'contradicts-dataset', '23');
    expectSilent('Of 30 evaluable patients, 24 achieved CR [@pan2019].\n');
    // What the verb says happened to them, not the remission that names the group.
    expectSilent('CR or CRi was achieved in 24 of 30 evaluable patients, 70.5% of all 34 enrolled. Of the patients in remission, seven received no further treatment and eleven were bridged to allogeneic transplantation [@pan2019].\n');
  });
});

describe('probe drafts: thread numbers, boxes, aligned plain-text tables', () => {
  it('does not read a thread\'s "5/8" as five of eight patients', () => {
    expectSilent('5/8 Toxicity was mostly mild: CRS in 16 of 21 patients, grade 1 in 9 and grade 2 in 7 (Fry et al., 2018).\n', 'plaintext');
    assert.match(expectFinding('16/21 patients had CRS, grade 1 in 9 and grade 2 in 9 (Fry et al., 2018).\n', 'contradicts-dataset', '9', 'plaintext').message, /7/);
  });

  it('checks a Markdown box or a table in a block quote as the writer\'s own text', () => {
    const box = '> **Box 1 | Key numbers**\n>\n> Pooled across studies, CD22 CAR T cells alone gave a best CR of 64% in B-ALL [@fergusson2023].\n';
    assert.equal(expectFinding(box, 'contradicts-dataset', '64%').severity, 'error');
    assert.equal(expectFinding('> **Box 2.** Trials at a glance\n>\n> | Study | Patients | CR |\n> |---|---:|---|\n> | Fry 2018 [@fry2018] | 21 | 11/15 (78%) |\n', 'arithmetic-inconsistency', '11/15').severity, 'warning');
    // A reviewer's table or "Key findings", quoted to be answered, are theirs.
    assert.equal(expectFinding('Reviewer 1 pasted this table:\n\n> | Trial | CR |\n> |---|---|\n> | Fry 2018 | 73% (11/21) |\n', 'arithmetic-inconsistency', '73%').severity, 'information');
    assert.ok(!alarmsOf('Reviewer 3 wrote:\n\n> Key findings\n> Pan et al. report CR in 80% of 34 enrolled patients.\n', 'markdown').length);
    // A quotation of someone else's words is still said as theirs.
    assert.equal(expectFinding('> The authors state that CD22 CAR T cells alone gave a best CR of 64% in B-ALL [@fergusson2023].\n', 'contradicts-dataset', '64%').severity, 'information');
  });

  it('reads rows of columns lined up by spaces as a table\'s rows, each with its own therapy and disease', () => {
    const table =
      'Study           Antigen     Disease  N     Outcome            Result                 Source\n' +
      'Fergusson 2023  CD19/CD22   NHL      137   Best CR, pooled    47% (95% CI 34-61)     PMID 37180149\n' +
      'Fergusson 2023  CD22        NHL      28    Best CR, pooled    64% (95% CI 46-81)     PMID 37180149\n' +
      'Fergusson 2023  CD22        B-ALL    116   Best CR, pooled    68% (95% CI 53-81)     PMID 37180149\n';
    expectSilent(table, 'plaintext');
    expectFinding(table.replace('B-ALL    116', 'NHL      116'), 'contradicts-dataset', '68%', 'plaintext');
    // A table whose header row is indented over the row labels, one study per column.
    expectSilent('           Fry 2018 [@fry2018]   Pan 2019 [@pan2019]\nCR rate    73%                   80%\n', 'plaintext');
    // Typed prose with two spaces after its sentences is no table, nor justified prose.
    assert.equal(recognizeBlocks('CR was 73% (11/15).  CRS occurred in 16 of 21.  Grade 1 in 9.\n', 'plaintext').blocks[0]!.kind, 'paragraph');
    assert.equal(recognizeBlocks('Fry  et  al.  (2018)  reported  CR  in  73%  (11/15)  of  those  treated.\n', 'plaintext').blocks[0]!.kind, 'paragraph');
  });
});

describe('probe drafts: which number a fix changes', () => {
  it('corrects the percent of "24 of 30 patients (70.5%) who could be evaluated", not its whole', () => {
    const text = 'CR or CRi was reached in 24 of 30 patients (70.5%) who could be evaluated on day 30 [@pan2019].\n';
    const f = expectFinding(text, 'arithmetic-inconsistency', '24 of 30');
    assert.ok(!/did you mean 24 of 34/.test(f.message), f.message);
    // As the work prints it.
    expectFixedClean(text, f, text.replace('70.5%', '80%'));
  });

  it('reads "24 of the 34 who could be evaluated" as evaluable patients given the enrolled whole', () => {
    const text = 'In the Beijing study, 24 of the 34 who could be evaluated reached remission by day 30 (Pan et al., 2019).\n';
    assert.match(expectFinding(text, 'contradicts-dataset', '24 of the 34').message, /for evaluable patients it reports 80% \(24\/30\)/);
    expectSilent(text.replace('of the 34', 'of the 30'));
  });

  it('corrects the whole of "3 of 11 CR patients who received no further treatment"', () => {
    const text = 'Only 3 of 11 CR patients who received no further treatment remained in remission [@pan2019].\n';
    const f = expectFinding(text, 'contradicts-dataset', '3 of 11');
    assert.match(f.message, /did you mean 3 of 7\?/);
    expectFixedClean(text, f, text.replace('of 11', 'of 7'));
  });

  it('names the work whose figure "70.5%" is when the citation is the slip', () => {
    const text = 'Among all 34 enrolled patients, the same 24 remissions are 70.5% [@fry2018].\n';
    assert.match(expectFinding(text, 'citation-mismatch', '70.5%').message, /matches Pan et al\. 2019/);
    expectSilent(text.replace('fry2018', 'pan2019'));
  });

  it('asks about the grade when the work\'s grades account for every patient with the event', () => {
    const text = 'CRS occurred in 16 of 21 patients; grade 1 CRS was seen in 9 patients and grade 3 CRS in 7 patients [@fry2018].\n';
    const f = expectFinding(text, 'contradicts-dataset', '7 patients');
    assert.match(f.message, /grade 2 CRS.*is the grade right\?/);
    expectFixedClean(text, f, text.replace('grade 3', 'grade 2'));
  });

  it('reads a percent with its very interval as the work\'s figure, the work cited a sentence before', () => {
    const text = 'Beijing (Pan et al., Leukemia 2019): 34 enrolled. 1-yr OS 71.6% (95% CI 44.2-99.0).\n';
    assert.match(expectFinding(text, 'citation-mismatch', '71.6%', 'plaintext').message, /leukemia-free survival.*is the endpoint mixed up\?/);
    expectSilent(text.replace('OS', 'LFS'), 'plaintext');
  });

  it('does not call two numbers swapped when neither is the other\'s figure', () => {
    const text = 'In B-ALL, CD22 CAR T cells alone produced a pooled CR rate of 64% (95% CI 46-81; n = 28), and CD19/CD22 products a pooled CR rate of 47% (95% CI 34-61; n = 137) [@fergusson2023].\n';
    const f = expectFinding(text, 'contradicts-dataset', '64%');
    assert.ok(!/swapped/.test(f.message), f.message);
    assert.ok(!f.fixes?.some((x) => /^Swap/.test(x.title)));
    // Each number is the work's figure in NHL: the disease may be the slip, and "Fix all" leaves the numbers alone.
    assert.match(f.message, /its figure for patients with non-Hodgkin lymphoma .*is the disease the slip\?/);
    assert.ok(!f.fixes?.some((x) => x.preferred));
  });

  it('prefers correcting a percent whose digits are its count\'s in another order', () => {
    const text = 'In our series, 9 of 12 patients (57%) responded.\n';
    expectFixedClean(text, expectFinding(text, 'arithmetic-inconsistency', '9 of 12'), text.replace('57%', '75%'));
    const decimals = 'In our series, 19/58 (38.2%) had CD19-negative relapse.\n';
    expectFixedClean(decimals, expectFinding(decimals, 'arithmetic-inconsistency', '19/58'), decimals.replace('38.2%', '32.8%'));
    // Other digits leave the count as likely a slip as the percent.
    const other = 'In our series, 9 of 12 patients (70%) responded.\n';
    assert.ok(!expectFinding(other, 'arithmetic-inconsistency', '9 of 12').fixes?.some((f) => f.preferred));
  });

  it('corrects a denominator larger than any cohort of the work when the count is the work\'s', () => {
    const text = 'In the NCI trial, 21 children and young adults were treated and 17 of 34 had previously received CD19-directed immunotherapy [@fry2018].\n';
    expectFixedClean(text, expectFinding(text, 'contradicts-dataset', '17 of 34'), text.replace('17 of 34', '17 of 21'));
  });

  it('pairs two numbers with two diseases as "respectively" says', () => {
    expectSilent('With CD22 alone, CR was 68% and 64% in B-ALL and NHL respectively [@fergusson2023].\n');
    const swapped = 'With CD22 alone, CR was 64% and 68% in B-ALL and NHL respectively [@fergusson2023].\n';
    assert.match(expectFinding(swapped, 'contradicts-dataset', '64%').message, /are the two swapped\?/);
    // The diseases may come first, and "vs" pairs as "respectively" does.
    expectSilent('In B-ALL and NHL, CR with CD22 alone was 68% and 64%, respectively [@fergusson2023].\n');
    expectSilent('B-ALL vs NHL with CD22 alone: 68% vs 64% CR [@fergusson2023].\n');
    expectFinding('B-ALL vs NHL with CD22 alone: 64% vs 68% CR [@fergusson2023].\n', 'contradicts-dataset', '64%');
    expectFinding('In B-ALL and NHL, CR with CD22 alone was 64% and 68%, respectively [@fergusson2023].\n', 'contradicts-dataset', '64%');
  });

  it('reads the words of the number\'s own clause for its whole, not another clause\'s', () => {
    const text = 'Pan et al. reported CR or CRi in 24 of 30 patients (70.5%) who could be evaluated on day 30; the 70.5% refers to all 34 enrolled.\n';
    const f = expectFinding(text, 'arithmetic-inconsistency', '24 of 30');
    assert.ok(!/did you mean 24 of 34/.test(f.message), f.message);
  });
});

describe('probe drafts: whose number a clause gives', () => {
  it('gives a term in a later conjunct, before a percent of its own, to that percent', () => {
    expectSilent('Severe CRS was uncommon in pooled CD22-based trials (6%, 95% CI 3-9) and severe neurotoxicity rarer still (3%) [@fergusson2023].\n');
    expectSilent('Severe CRS was uncommon in pooled CD22-based trials (6\\%, 95\\% CI 3--9) and severe\nneurotoxicity rarer still (3\\%)~\\cite{fergusson2023}.\n', 'latex');
    expectFinding('Severe CRS was uncommon in pooled CD22-based trials (9%) and severe neurotoxicity rarer still (3%) [@fergusson2023].\n', 'contradicts-dataset', '9%');
  });

  it('gives numbers in a parenthesis right after a disease to that disease', () => {
    expectSilent('Dual targeting looks better in ALL (90% vs 68% pooled best CR), less clearly so in NHL, where CD22 alone gave 64% (95% CI 46-81) in 28 patients (Fergusson et al., 2023).\n');
    expectFinding('Dual targeting looks better in ALL (90% vs 64% pooled best CR), less clearly so in NHL, where CD22 alone gave 64% (95% CI 46-81) in 28 patients (Fergusson et al., 2023).\n', 'contradicts-dataset', '64%');
  });

  it('reads a number set against "a comparison with" the cited data as not the cited work\'s', () => {
    expectSilent('Five relapses among 14 responders by 12 months deserves a comparison with the Beijing data, where 1-year leukemia-free survival was 71.6% (95% CI 44.2-99.0) [@pan2019].\n');
  });

  it('gives a number to the narrative citation that opens its clause, not to the one heading the next clause', () => {
    expectSilent('@fry2018 reported a median remission duration of 6 months, and @pan2019 found that 8 of 11 patients bridged to transplant remained in remission.\n');
    expectSilent('\\textcite{fry2018} reported a median remission duration of 6 months, and \\textcite{pan2019}\nfound that 8 of 11 patients bridged to transplant remained in remission.\n', 'latex');
    expectFinding('@fry2018 reported a median remission duration of 9 months, and @pan2019 found that 8 of 11 patients bridged to transplant remained in remission.\n', 'contradicts-dataset', '9 months');
  });

  it('counts the group a clause before the semicolon names, and the group named right after a count', () => {
    expectSilent('- 7 CR patients had no further treatment; 3 stayed in remission (6, 6.6 and 14 months) [@pan2019]\n');
    expectFinding('- 7 CR patients had no further treatment; 8 stayed in remission (6, 6.6 and 14 months) [@pan2019]\n', 'contradicts-dataset', '8');
    expectSilent('In the Beijing data, 1-year leukemia-free survival was 71.6% (95% CI 44.2-99.0), mostly among the 11 patients bridged to transplant [@pan2019].\n');
    expectFinding('In the Beijing data, 1-year leukemia-free survival was 71.6% (95% CI 44.2-99.0), mostly among the 7 patients bridged to transplant [@pan2019].\n', 'contradicts-dataset', '7 patients');
  });

  it('reads the group named with its size after a percent as its whole ("80% CR or CRi among the 30 evaluable")', () => {
    expectSilent('In the Beijing trial, 80% CR or CRi among the thirty evaluable (Pan et al., 2019).\n');
    expectSilent('CR was 73% in the 15 patients given at least 1 x 10^6 cells/kg [@fry2018].\n');
    const text = 'In the Beijing trial, eighty percent CR or CRi among the thirty-four evaluable (Pan et al., 2019).\n';
    const f = expectFinding(text, 'arithmetic-inconsistency', 'eighty percent');
    assert.equal(applyTextEdits(text, f.fixes!.find((x) => x.preferred)!.edits), text.replace('thirty-four', 'thirty'));
  });

  it('reads "enrolled" in the number\'s own clause, not the evaluable of the next', () => {
    expectFinding('Pan et al. enrolled 30 patients, and 24 of 30 evaluable patients (80%) achieved CR or CRi [@pan2019].\n', 'contradicts-dataset', '30 patients');
    expectSilent('Pan et al. enrolled 34 patients, and 24 of 30 evaluable patients (80%) achieved CR or CRi [@pan2019].\n');
  });
});

describe('probe drafts: the second probe of the narrative citation, the breakdown and HTML readings', () => {
  it('reads an author with a citation beside it, opening the sentence, as its subject', () => {
    const tail = ' reported a median remission duration of 6 months, and Pan et al. [2] found that 8 of 11 patients bridged to transplant stayed in remission.\n\nReferences\n\n1. Fry TJ, et al. Nat Med. 2018;24(1):20-28. doi:10.1038/nm.4441\n2. Pan J, et al. Leukemia. 2019. doi:10.1038/s41375-019-0488-7\n';
    expectSilent(`Fry et al. [1]${tail}`);
    expectSilent('Fry and colleagues [@fry2018] reported a median remission duration of 6 months, and @pan2019 found that 8 of 11 patients bridged to transplant stayed in remission.\n');
    expectSilent('[@fry2018] reported a median remission duration of 6 months, and @pan2019 found that 8 of 11 patients bridged to transplant stayed in remission.\n');
    expectFinding(`Fry et al. [1]${tail.replace('6 months', '9 months')}`, 'contradicts-dataset', '9 months');
  });

  it('reads a term after "for" right after a number as what it measures', () => {
    expectSilent('Rates were 6% for severe CRS and 3% for severe ICANS [@fergusson2023].\n');
    expectFinding('Rates were 6% for severe CRS and 6% for severe ICANS [@fergusson2023].\n', 'contradicts-dataset', '6%');
  });

  it('does not give a number past another citation to the subject\'s', () => {
    const f = findingsOf('@fry2018 reported a median remission duration of 6 months and @pan2019 a median CAR T persistence of 28 days.\n', 'markdown');
    assert.ok(!f.some((x) => x.at.includes('28 days')), JSON.stringify(f.map((x) => x.message)));
  });

  it('asks whether citations are swapped, not numbers, when the two are of different kinds', () => {
    const text = '@pan2019 reported a median remission duration of 6 months, and @fry2018 found that 8 of 11 patients bridged to transplant stayed in remission.\n';
    for (const f of findingsOf(text, 'markdown').filter((x) => x.code === 'citation-mismatch')) {
      assert.match(f.message, /are their citations swapped\?/);
      assert.ok(!(f.fixes ?? []).some((x) => /^Swap/.test(x.title)), 'no fix trades a duration for a count');
    }
  });

  it('reads a breakdown opening right after a number as its parts, not the number\'s endpoint', () => {
    const cell = (whole: string) => `<table>\n<tr><th>Trial</th><th>CRS</th></tr>\n<tr><td>NCI [@fry2018]</td><td>${whole} (grade 1, n = 9; grade 2, n = 7)</td></tr>\n</table>\n`;
    expectSilent(cell('16/21'));
    expectSilent('| Trial | CRS |\n|---|---|\n| NCI [@fry2018] | 16/21 (grade 1, n = 9; grade 2, n = 7) |\n');
    expectFinding(cell('16/21').replace('n = 9', 'n = 12'), 'contradicts-dataset', 'n = 12');
    expectSilent('CRS developed in 16 of 21 patients (n = 9 grade 1, n = 7 grade 2) [@fry2018].\n'.replace(', n = 7 grade 2', ''));
  });

  it('keeps a Markdown list inside an HTML <div> as lines, and a suppression above a row of several lines for the row', () => {
    expectSilent('<div class="column">\n- 21 patients treated [@fry2018]\n- 17 of 21 CD19-pretreated [@fry2018]\n- CR 73% (11/15) at the higher doses [@fry2018]\n</div>\n');
    const row = '<table>\n<tr><th>Study</th><th>Patients</th></tr>\n<!-- trial-lens-disable-next-line contradicts-dataset -->\n<tr>\n  <td>Fry et al., 2018</td>\n  <td>17</td>\n</tr>\n</table>\n';
    expectSilent(row);
    expectFinding(row.replace('<!-- trial-lens-disable-next-line contradicts-dataset -->\n', ''), 'contradicts-dataset', '17');
  });
});

describe('probe drafts: a reference written out in a sentence', () => {
  it('says when its DOI and PMID side by side are two works\', and fixes the one whose work the author does not name', () => {
    const text = '6. Reference 15 should read: Shah NN, Highfill SL, Shalabi H, et al. J Clin Oncol.\n   2020;38(17):1938-1950. doi:10.1200/JCO.19.03279. PMID: 31110217.\n';
    const f = expectFinding(text, 'unknown-citation', '31110217');
    assert.match(f.message, /Shah et al\. 2020.*Pan et al\. 2019/);
    assert.equal(applyTextEdits(text, f.fixes![0]!.edits), text.replace('31110217', '32286905'));
    expectSilent(text.replace('31110217', '32286905'));
    // Two works' identifiers in one sentence, each beside its own work, are not one reference.
    expectSilent('As Fry et al. showed (doi:10.1038/nm.4441), unlike the Beijing trial (PMID 31110217), remissions were common.\n', 'plaintext');
  });
});

describe('probe drafts: HTML in Markdown', () => {
  const table = (patients: string, efficacy: string) =>
    [
      '<table>',
      '<tr><th>Target</th><th>Study</th><th>Patients</th><th>Efficacy</th></tr>',
      `<tr><td>CD22</td><td>Fry et al., 2018</td><td>${patients}</td><td>${efficacy}</td></tr>`,
      '</table>',
      '',
    ].join('\n');

  it('checks an HTML table\'s cells under their headers, as a pipe table\'s', () => {
    expectSilent(table('21', 'CR 73% (11/15)'));
    expectFinding(table('17', 'CR 73% (11/15)'), 'contradicts-dataset', '17');
    const text = table('21', 'CR 37% (11/15)');
    const f = expectFinding(text, 'arithmetic-inconsistency', '37%');
    // The fix changes the number, not the tags around it.
    assert.equal(applyTextEdits(text, f.fixes![0]!.edits), table('21', 'CR 73% (11/15)'));
  });

  it('honours a suppression directive on a line of its own inside an HTML table', () => {
    const text = table('17', 'CR 73% (11/15)').replace('<tr><td>CD22', '<!-- trial-lens-disable-next-line contradicts-dataset -->\n<tr><td>CD22');
    expectSilent(text);
  });

  it('reads a character reference that is no character as text, without failing', () => {
    expectFinding('<p>Odd &#xFFFFFF; and &#0; here: CR 37% (11/15) &ge; target [@fry2018].</p>\n', 'arithmetic-inconsistency', '37%');
  });

  it('reads an HTML paragraph as prose, and leaves scripts, comments and attributes alone', () => {
    expectFinding('<p>Complete remission occurred in 37% (11/15) of patients at the higher doses (Fry et al., 2018).</p>\n', 'arithmetic-inconsistency', '37%');
    expectSilent('<div align="center"><img src="cr.png" alt="CR 37% (11/15)"></div>\n\n<!-- CR 37% (11/15) -->\n\n<script>const cr = "37% (11/15)";</script>\n');
  });
});

describe('probe drafts: the adversarial probe\'s readings left from the round before', () => {
  it('reads patients "evaluable for response" as a group, not as responders', () => {
    expectSilent('Of 34 enrolled patients, 30 were evaluable for response [@pan2019].\n');
    expectSilent('Of the 34 enrolled, 30 were evaluable and 24 of them reached CR or CRi by day 30 [@pan2019].\n');
    expectFinding('Of the 34 enrolled, 30 were evaluable and 26 of them reached CR or CRi by day 30 [@pan2019].\n', 'contradicts-dataset', '26');
  });

  it('gives each of two numbers set against each other its own therapy, in order', () => {
    expectSilent('Best CR in ALL (90% vs 68%) favoured CD19/CD22 [@fergusson2023].\n');
    expectSilent('Best CR in ALL (90% vs 68%) favoured CD19/CD22 over CD22 alone, but not in NHL (47% vs 64%) [@fergusson2023].\n');
    expectSilent('For CD22 alone versus CD19/CD22, best CR in ALL (68% vs 90%) contrasted with NHL (64% vs 47%) [@fergusson2023].\n');
    expectFinding('Best CR in ALL (86% vs 68%) favoured CD19/CD22 [@fergusson2023].\n', 'contradicts-dataset', '86%');
    expectFinding('Best CR in ALL (90% vs 60%) favoured CD19/CD22 over CD22 alone [@fergusson2023].\n', 'contradicts-dataset', '60%');
    expectFinding('For CD22 alone versus CD19/CD22, best CR in ALL (68% vs 90%) contrasted with NHL (64% vs 57%) [@fergusson2023].\n', 'contradicts-dataset', '57%');
  });

  it('reads a narrative citation after a short opening, or heading the next clause without "and", as its clause\'s', () => {
    const rest = ' the median remission lasted 6 months, and @pan2019 found that 8 of 11 patients bridged to transplant stayed in remission.\n';
    expectSilent(`As @fry2018 reported,${rest}`);
    expectSilent(`In the NCI trial, @fry2018 reported that${rest}`);
    expectSilent('According to Fry et al. (2018), the median remission lasted 6 months, and Pan et al. (2019) found that 8 of 11 patients bridged to transplant stayed in remission.\n', 'plaintext');
    expectFinding(`As @fry2018 reported,${rest.replace('6 months', '9 months')}`, 'contradicts-dataset', '9 months');
    expectSilent('@fry2018 treated 21 patients, @pan2019 enrolled 34, and @shah2020 infused 58.\n');
    expectSilent('@fry2018 reported a median remission duration of 6 months and @pan2019 a median CAR T persistence of 28 days.\n');
  });

  it('reads "n = 7 grade 2" as the count of grade 2', () => {
    expectSilent('CRS developed in 16 of 21 patients (n = 9 grade 1, n = 7 grade 2) [@fry2018].\n');
    expectFinding('CRS developed in 16 of 21 patients (n = 9 grade 1, n = 8 grade 2) [@fry2018].\n', 'contradicts-dataset', 'n = 8');
  });

  it('reads lay words for neurotoxicity, a manuscript\'s own numbers and a table row about another trial', () => {
    expectSilent('Across many trials, severe CRS affected about 6% of patients and severe nerve side effects about 3% [@fergusson2023].\n');
    expectSilent('Of the 14 responders in this manuscript, 6 went to transplant. In Beijing, 8 of 11 bridged patients stayed in remission [@pan2019].\n');
    const rows = '| Trial | Patients | CRS |\n|---|---|---|\n| ELIANA | 75 | 77% |\n| NCI | 21 | 77% |\n';
    const flagged = findingsOf(rows, 'markdown').filter((f) => f.code === 'rounding').map((f) => rows.slice(0, f.span.start).split('\n').length);
    assert.deepEqual(flagged, [4], 'the NCI row, not the ELIANA one');
  });
});

describe('probe drafts: new genres (press release, chat log, tracked changes, committee text)', () => {
  it('gives a therapy named after "in B-ALL with" to the number before it', () => {
    expectSilent('The best complete response rate was 68% (95% CI 53–81) in B-ALL with CD22 CAR T cells alone and 90% (95% CI 84–95) for combined CD19/CD22 products [@fergusson2023].\n');
    expectFinding('The best complete response rate was 86% (95% CI 53–81) in B-ALL with CD22 CAR T cells alone and 90% (95% CI 84–95) for combined CD19/CD22 products [@fergusson2023].\n', 'contradicts-dataset', '86%');
  });

  it('reads a line that closes the parenthesis of the line before as its continuation, not a numbered item', () => {
    const text = 'The company also presented a meta-analysis (Fergusson et al. 2023). Best complete response\nin B-ALL was 68% (95% CI 53 to 81) with CD22 CAR T cells alone (n=116) and 90% (95% CI 84 to\n95) with CD19/CD22 products (n=297).\n';
    expectSilent(text, 'plaintext');
  });

  it('reads each message of a chat log on its own', () => {
    const text = '[08:58] Tom B: CRS 16 of 21 in Fry, grade 1 in 9 and grade 2 in 7\n[08:58] Tom B: the JCO update (Shah et al. 2020) has 58 pts: CRS 50/58 (86.2%)\n';
    assert.deepEqual(findingsOf(text, 'plaintext').filter((f) => f.severity !== 'hint' && f.at.includes('16 of 21')), []);
  });

  it('reads CriticMarkup with the changes accepted, and fixes only the accepted text', () => {
    expectSilent('CR or CRi was {~~70.5%~>80%~~} of the 30 evaluable patients [@pan2019].\n');
    expectSilent('One-year LFS was {--76.1% --}71.6% (95% CI 44.2-99.0) after transplant [@pan2019].\n');
    expectSilent('Of the 21 patients, 17 had prior CD19-directed therapy [@fry2018].{>>KL: 15 was the high-dose group, not prior CD19<<}\n');
    expectSilent('{++In NHL, CD19/CD22 gave 47% and CD22 alone 64% [@fergusson2023].++} Severe CRS occurred in 6% [@fergusson2023].\n');
    const text = 'CR or CRi was {~~70.5%~>85%~~} of the 30 evaluable patients [@pan2019].\n';
    const f = expectFinding(text, 'contradicts-dataset', '85%');
    assert.equal(applyTextEdits(text, f.fixes![0]!.edits), text.replace('85%', '80%'));
  });

  it('reads a journal after the year of an author-year citation, and another journal as another paper', () => {
    const cited = expectFinding('Cytokine release syndrome occurred in 17 of 21 patients (Fry et al. 2018, Nat Med).\n', 'contradicts-dataset', '17 of 21', 'plaintext');
    assert.match(cited.message, /Fry et al\. 2018/);
    const f = findingsOf('Brexu-cel gave CR/CRi in 71% of 55 adults and CR in 56% (Shah et al. 2021, Lancet).\n', 'plaintext');
    assert.deepEqual(f.filter((x) => x.severity !== 'hint').map((x) => x.code), []);
  });

  it('reads "enrolled 34" without its noun as a count of patients', () => {
    expectSilent('@fry2018 treated 21 patients, and @pan2019 enrolled 34.\n');
    expectFinding('@fry2018 treated 21 patients, and @pan2019 enrolled 43.\n', 'contradicts-dataset', '43');
    expectSilent('Cells were infused 3, 7 and 14 days after lymphodepletion [@fry2018].\n');
  });
});

describe('probe drafts: what the new genres\' slips taught', () => {
  it('gives the therapy a pair of numbers is set against to the second of them', () => {
    expectSilent('- Dual targeting reaches higher pooled CR rates than CD22 alone in B-ALL (90% vs 68%; Fergusson 2023)\n');
    expectFinding('- Dual targeting reaches higher pooled CR rates than CD22 alone in B-ALL (90% vs 60%; Fergusson 2023)\n', 'contradicts-dataset', '60%');
  });

  it('reads "21 treated," as a cohort, the whole of the counts after it', () => {
    expectSilent('NCI first (Fry et al. 2018, Nat Med): 21 treated, 17 had prior CD19-directed immunotherapy\n', 'plaintext');
    expectFinding('NCI first (Fry et al. 2018, Nat Med): 21 treated, 15 had prior CD19-directed immunotherapy\n', 'contradicts-dataset', '15', 'plaintext');
    // Not inside a clause, where it may be denied.
    expectSilent('Use 73% (11/15): that is the CR rate at >= 1x10^6 CD22-CAR T cells/kg, not among all 34 treated (Fry et al., 2018).\n', 'plaintext');
  });

  it('counts what the patients "who had no further treatment" did next, out of their own group', () => {
    expectSilent('By contrast, only 3 of the 7 patients who had no further treatment stayed in remission [@pan2019].\n');
    expectFinding('By contrast, only 3 of the 11 patients who had no further treatment stayed in remission [@pan2019].\n', 'contradicts-dataset', '3 of the 11');
  });
});

describe('probe drafts: a German paragraph', () => {
  it('gives each therapy named before a number its number', () => {
    const text = 'In der Metaanalyse lag die beste CR-Rate bei B-ALL unter CD22-CAR-T-Zellen allein bei 68 % (95-%-KI: 53–81; n = 116) und unter CD19/CD22-Produkten bei 90 % (95-%-KI: 84–95; n = 297) [@fergusson2023].\n';
    expectSilent(text);
    expectFinding(text.replace('allein bei 68 %', 'allein bei 86 %'), 'contradicts-dataset', '86 %');
  });
});

describe('probe drafts: Quarto raw HTML', () => {
  it('reads a ```{=html} block as the HTML it shows, and a cohort named by its participle in a cell', () => {
    const text = '```{=html}\n<table>\n<tr><th>Study</th><th>Patients</th><th>CR</th></tr>\n<tr><td>Pan et al., 2019</td><td>34 enrolled</td><td>24/30 evaluable (80%)</td></tr>\n</table>\n```\n\nSource: [@pan2019].\n';
    expectSilent(text);
    expectFinding(text.replace('34 enrolled', '43 enrolled'), 'contradicts-dataset', '43 enrolled');
    expectFinding(text.replace('(80%)', '(70%)'), 'arithmetic-inconsistency', '70%');
    // Other fenced code stays code.
    expectSilent(text.replace('{=html}', 'html').replace('34 enrolled', '43 enrolled'));
  });
});

describe('probe drafts: HTML tables with spans, two header rows and a note under them', () => {
  it('keeps each cell of a row under a rowspan in its column, with the spanning label', () => {
    const table = (nhl: string) =>
      `<table>\n<caption>Best CR by product and disease [@fergusson2023]</caption>\n<tr><th>Product</th><th>Disease</th><th>n</th><th>Best CR</th></tr>\n<tr><td rowspan="2">CD22 alone</td><td>ALL</td><td>116</td><td>68%</td></tr>\n<tr><td>NHL</td><td>28</td><td>${nhl}</td></tr>\n<tr><td rowspan="2">CD19/CD22</td><td>ALL</td><td>297</td><td>90%</td></tr>\n<tr><td>NHL</td><td>137</td><td>47%</td></tr>\n</table>\n`;
    expectSilent(table('64%'));
    const f = expectFinding(table('60%'), 'contradicts-dataset', '60%');
    assert.match(f.message, /reports complete remission: 64%/);
  });

  it('reads a column\'s therapy from the header row under a spanning one, and a short citing line under the table as its note', () => {
    const table = (all: string) =>
      `<table>\n<tr><th rowspan="2">Disease</th><th colspan="2">Best CR (95% CI)</th></tr>\n<tr><th>CD22 alone</th><th>CD19/CD22</th></tr>\n<tr><td>ALL</td><td>68% (53&ndash;81)</td><td>${all} (84&ndash;95)</td></tr>\n<tr><td>NHL</td><td>64% (46&ndash;81)</td><td>47% (34&ndash;61)</td></tr>\n</table>\n\nPooled estimates [@fergusson2023].\n`;
    assert.deepEqual(findingsOf(table('90%'), 'markdown').map((f) => `${f.code}@${f.at}`), []);
    const f = expectFinding(table('86%'), 'contradicts-dataset', '86%');
    assert.match(f.message, /the draft says 86% \(84–95\)/);
  });
});

describe('probe drafts: the adversarial probe of this round\'s readings', () => {
  it('reads a therapy set against by an opening ("Compared with CD22 alone, CD19/CD22 ...") as the second number\'s', () => {
    expectSilent('Compared with CD22 alone, CD19/CD22 gave a higher best CR in ALL (90% vs 68%) [@fergusson2023].\n');
    expectSilent('Unlike CD22 alone, CD19/CD22 reached a best CR of 90% in ALL (vs 68%) [@fergusson2023].\n');
    expectFinding('Compared with CD22 alone, CD19/CD22 gave a higher best CR in ALL (86% vs 68%) [@fergusson2023].\n', 'contradicts-dataset', '86%');
  });

  it('pairs two endpoints set against each other with two numbers', () => {
    expectSilent('Severe CRS vs severe ICANS: 6% vs 3% [@fergusson2023].\n');
    expectFinding('Severe CRS vs severe ICANS: 6% vs 5% [@fergusson2023].\n', 'contradicts-dataset', '5%');
  });

  it('leaves a count\'s term to the number it belongs to: past a semicolon, in a parenthesis with its own number, in the next conjunct', () => {
    expectSilent('Of 34 enrolled patients, 30 were evaluable for response; 24 of these 30 (80%) reached CR or CRi [@pan2019].\n');
    expectSilent('Of 21 treated (17 with prior CD19-directed immunotherapy), 73% of those at the higher doses reached CR [@fry2018].\n');
    expectFinding('Of 21 treated (17 with prior CD19-directed immunotherapy), 63% of those at the higher doses reached CR [@fry2018].\n', 'contradicts-dataset', '63%');
    expectSilent('[09:08] Tom B: 6%, and severe neurotoxicity 3% (Fergusson et al. 2023).\n', 'plaintext');
    expectSilent('With CD22 alone, 64% of NHL patients reached CR, with CD19/CD22 47% [@fergusson2023].\n');
  });

  it('reads "n = 9 grade 1" in LaTeX math and in a table cell under its header', () => {
    expectSilent('CRS occurred in 16 of 21 patients ($n = 9$ grade 1, $n = 7$ grade 2) \\parencite{fry2018}.\n', 'latex');
    const cell = (text: string) => `| Trial | CRS |\n|---|---|\n| NCI [@fry2018] | ${text} |\n`;
    expectSilent(cell('16/21 (n = 9 grade 1, n = 7 grade 2)'));
    expectFinding(cell('18/21 (n = 9 grade 1, n = 7 grade 2)'), 'contradicts-dataset', '18/21');
    expectFinding(cell('16/21 (n = 9 grade 1, n = 8 grade 2)'), 'contradicts-dataset', 'n = 8');
  });

  it('gives a citation after a comma and before a verb of its own to the next clause', () => {
    expectSilent('@fry2018 reported 16 of 21 patients with CRS, @pan2019 found a median persistence of 28 days.\n');
  });

  it('reads a line under an HTML table as a paragraph of its own, a note only when it says no more than its citation', () => {
    const table = '<table>\n<tr><th>Product</th><th>Disease</th><th>n</th><th>Best CR</th></tr>\n<tr><td>CD22 alone</td><td>ALL</td><td>116</td><td>68%</td></tr>\n</table>\n';
    expectSilent(`${table}See the NCI paper [@fry2018] for doses.\n`);
    expectFinding(`${table.replace('68%', '60%')}Pooled estimates [@fergusson2023].\n`, 'contradicts-dataset', '60%');
  });

  it('reads "serious" as severe, and a small hedged percent within a fifth of itself', () => {
    expectFinding('Serious CRS happened in 6% of patients and serious nerve problems in 6% [@fergusson2023].\n', 'contradicts-dataset', '6%');
    expectFinding('Severe CRS affected about 6% of patients and severe neurotoxicity about 5% [@fergusson2023].\n', 'contradicts-dataset', '5%');
    expectSilent('Severe CRS affected about 6% of patients and severe neurotoxicity about 3% [@fergusson2023].\n');
    expectFinding('All 21 treated patients were assessed for CRS, and 18 of 21 developed it [@fry2018].\n', 'contradicts-dataset', '18 of 21');
  });
});

describe('probe drafts: what the probes\' reruns showed', () => {
  it('reads the therapies set against each other in the pair\'s own part of a sentence', () => {
    expectSilent('Pooled best CR in ALL was 68\\% with CD22 alone and 90\\% with CD19/CD22 \\parencite{fergusson2023}; in NHL, best CR for CD22 alone versus CD19/CD22 was 64\\% versus 47\\% \\parencite{fergusson2023}.\n', 'latex');
    expectFinding('Pooled best CR in ALL was 68\\% with CD22 alone and 90\\% with CD19/CD22 \\parencite{fergusson2023}; in NHL, best CR for CD22 alone versus CD19/CD22 was 64\\% versus 57\\% \\parencite{fergusson2023}.\n', 'contradicts-dataset', '57', 'latex');
  });

  it('reads "n = 7 with no further treatment" as the size of that group', () => {
    const text = 'Of 24 in CR or CRi, n = 11 bridged to transplant (8 still in remission) and n = 7 with no further treatment (3 still in remission) [@pan2019].\n';
    expectSilent(text);
    expectFinding(text.replace('n = 7 with', 'n = 9 with'), 'contradicts-dataset', 'n = 9');
  });

  it('does not let a subject citation speak for a later clause that names another work', () => {
    expectSilent('Fry et al. (2018) treated 21 patients; the later Beijing cohort enrolled 34.\n', 'plaintext');
    expectSilent('Compared with NHL, B-ALL responded better: CR 90% vs 47% with CD19/CD22 [@fergusson2023].\n');
    expectFinding('Compared with NHL, B-ALL responded better: CR 90% vs 57% with CD19/CD22 [@fergusson2023].\n', 'contradicts-dataset', '57%');
  });
});

describe('tables named by their captions, and percents of a cohort size said beside them', () => {
  const rows = '| Therapy | ALL | NHL |\n|---|---|---|\n| CD19/CD22 | 90% | 47% |\n| CD22 alone | 68% | 64% |\n';
  it('reads the outcome a caption above or under a table names, when its rows and columns name none', () => {
    expectSilent(`Table 2. Best CR, pooled [@fergusson2023]\n\n${rows}`);
    expectFinding(`Table 2. Best CR, pooled [@fergusson2023]\n\n${rows.replace('90%', '80%')}`, 'contradicts-dataset', '80%');
    expectFinding(`${rows.replace('68%', '58%')}\n: Best complete remission, pooled [@fergusson2023]\n`, 'contradicts-dataset', '58%');
    const latex = '\\begin{table}\n\\caption{Complete remission by disease \\citep{fergusson2023}}\n\\begin{tabular}{lcc}\nTherapy & ALL & NHL \\\\\nCD19/CD22 & 80\\% & 47\\% \\\\\n\\end{tabular}\n\\end{table}\n';
    expectFinding(latex, 'contradicts-dataset', '80', 'latex');
  });

  it('reads no outcome from a caption that names two', () => {
    expectSilent(`Table 2. Best CR and severe CRS, pooled [@fergusson2023]\n\n${rows.replace('90%', '80%')}`);
  });

  it('does not hold a percent of a cohort size said beside it against a fact of another cohort', () => {
    expectSilent('Among the 21 patients treated, CR was 57% [@fry2018].\n');
    expectSilent('Table 1. Complete remission\n\n| Trial | Patients | CR |\n|---|---|---|\n| NCI phase 1 [@fry2018] | 21 | 57% |\n');
    // 75% is no share of 21 patients; 80% of 34 enrolled is Pan's 80% of 30 evaluable.
    expectFinding('Among the 21 patients treated, CR was 75% [@fry2018].\n', 'contradicts-dataset', '75%');
    expectFinding('Of the 34 patients enrolled, CR was 80% [@pan2019].\n', 'contradicts-dataset', '80%');
  });
});

describe('French, Spanish and German drafts', () => {
  it('reads counts written "16 des 21", "19 patients sur 58" and "16 von 21"', () => {
    expectSilent('Un syndrome de relargage cytokinique est survenu chez 16 des 21 patients (76 %) : de grade 1 chez 9 et de grade 2 chez 7 [@fry2018].\n');
    expectFinding('À Pékin, une RC ou RCi a été obtenue chez 24 des 34 patients évaluables (80 %) [@pan2019].\n', 'arithmetic-inconsistency', '24 des 34');
    expectFinding('Ein CRS trat bei 14 von 21 Patienten auf [@fry2018].\n', 'contradicts-dataset', '14 von 21');
  });

  it('reads "IC à 95 %" as an interval\'s level, not a result, and the outcomes\' and diseases\' French names', () => {
    expectSilent('Le SRC sévère (grade ≥ 3) concernait 6 % des patients (IC à 95 % : 3–9) et l\'ICANS sévère 3 % [@fergusson2023].\n');
    expectFinding('La survie sans leucémie à 1 an était de 71,6 % (IC à 95 % : 44,2–90,0) [@pan2019].\n', 'contradicts-dataset', '71,6');
    expectFinding('Dans la LAL-B, le taux de RC était de 64 % (n = 116) avec les CAR-T anti-CD22 seuls [@fergusson2023].\n', 'contradicts-dataset', '64 %');
  });
});

describe('probe drafts: regulatory, model and protocol texts, and dual targeting in words', () => {
  it('reads an applicant\'s or sponsor\'s cohort as not the cited work\'s, and a model\'s cohort and a pause rule as design', () => {
    expectSilent('The Applicant\'s cohort enrolled 62 patients, of whom 55 were infused; CR/CRi was reported in 41 of 55 (74.5%). This lies below the 80% evaluable-patient rate of the Beijing study [@pan2019].\n');
    expectSilent('In the base case, 68% of the modelled cohort of 1,000 patients (680) enter remission, using the median remission of 6 months [@fry2018].\n');
    expectSilent('Enrolment will pause if grade ≥3 CRS occurs in more than 3 of the first 10 patients (30%), five times the pooled 6% [@fergusson2023].\n');
  });

  it('reads "combining CD19 and CD22" as the dual-targeted therapy', () => {
    expectSilent('- Combining CD19 and CD22 targets: remission in about 9 in 10 B-ALL patients (90%) versus about 2 in 3 (68%) with CD22 alone [@fergusson2023].\n');
    expectFinding('Combined CD19 and CD22 CAR T cells reached CR in 80% of B-ALL patients [@fergusson2023].\n', 'contradicts-dataset', '80%');
  });

  it('corrects a number written in groups of thousands whole', () => {
    const text = 'The NCI trial treated 1{,}021 patients \\cite{fry2018}.\n';
    const f = expectFinding(text, 'contradicts-dataset', '1{,}021', 'latex');
    expectFixedClean(text, f, text.replace('1{,}021', '21'), 'latex');
  });
});

describe('probe drafts: footnotes beside a reference list, a count that slipped, a rate that restates a number', () => {
  it('reads a footnote defined under a numbered reference list as what its mark cites', () => {
    expectFinding('CR/CRi at day 30 was 80% among the 30 evaluable patients (24/30).[^1]\n\n## References\n\n1. Fry TJ, et al. Nat Med. 2018;24:20-28.\n\n[^1]: Fry TJ, et al. Nat Med 2018 (PMID 29155426).\n', 'citation-mismatch', '24/30');
  });

  it('names the cited work\'s one figure with the same percent and count when the words name no outcome', () => {
    const text = 'Fry et al. report 73% (11/16) without an interval [@fry2018].\n';
    const f = expectFinding(text, 'arithmetic-inconsistency', '73% (11/16)');
    assert.match(f.message, /did you mean 11 of 15\?/);
    expectFixedClean(text, f, text.replace('11/16', '11/15'));
  });

  it('checks a rate in round terms against the number it restates', () => {
    expectFinding('In the NCI update, 19 of 58 patients (32.8%), roughly 1 in 4, developed HLH-like features.\n', 'arithmetic-inconsistency', '1 in 4');
    expectSilent('In the NCI update, 19 of 58 patients (32.8%), roughly 1 in 3, developed HLH-like features.\n');
    expectSilent('CRS occurred in 16 of 21 patients (76%), about three in four [@fry2018].\n');
    expectSilent('Severe ICANS was rare, 18%, about one in five.\n');
  });
});

describe('probe drafts: Chinese text, full-width signs, a bold line over a list, any-grade figures listed', () => {
  it('reads full-width percent signs and brackets, and checks the arithmetic of Chinese text', () => {
    expectFinding('- 剂量 ≥1×10⁶ CAR-T 细胞/kg 组的完全缓解（CR）率为 75％（11/15）[@fry2018]。\n', 'arithmetic-inconsistency', '75％（11/15）');
    expectSilent('- 第 30 天可评估患者中，24 例（24/30，80％）达到 CR 或 CRi，占全部入组患者的 70.5％ [@pan2019]。\n');
  });

  it('says what a Chinese sentence\'s numbers seem to contradict only as information', () => {
    const found = findingsOf('- 11 例 CR 患者桥接移植，其中 8 例持续缓解；1 年无白血病生存率为 71.6％（95％ CI：44.2～99.0）[@pan2019]。\n');
    assert.ok(found.every((f) => f.severity !== 'error' && f.severity !== 'warning'), JSON.stringify(found));
  });

  it('reads a bold line that cites as the lead-in of the list under it', () => {
    const lead = '**The Beijing study (Pan et al., 2019)** [@pan2019]\n\n';
    expectSilent(`${lead}- CR or CRi in 24 of 30 evaluable patients (80%).\n- 1-year LFS 71.6%.\n`);
    expectFinding(`${lead}- CR or CRi in 24 of 30 evaluable patients (80%).\n- 1-year LFS 61.6%.\n`, 'contradicts-dataset', '61.6%');
  });

  it('reads figures listed after "any-grade" as any grade', () => {
    expectSilent('Severe CRS (grade 3 or higher) affected 6% of patients (95% CI 3-9) and severe ICANS 3%, with any-grade frequencies of 87% and 16% respectively [@fergusson2023].\n');
    expectSilent('Le SRC sévère (grade ≥ 3) concernait 6 % des patients (IC à 95 % : 3–9) et l\'ICANS sévère 3 %, pour des fréquences tous grades de 87 % et de 16 % respectivement [@fergusson2023].\n');
  });
});

describe('probe drafts: grades named by a table\'s headers', () => {
  it('gives a row\'s event the grades its column\'s or its labels\' header names', () => {
    const table = '| Event | Any grade, % | Grade 3 or higher, % |\n|---|---|---|\n| CRS | 87 | 6 |\n| ICANS | 16 | 3 |\n\nSource: [@fergusson2023]\n';
    expectSilent(table);
    expectFinding(table.replace('| 16 | 3 |', '| 16 | 6 |'), 'contradicts-dataset', '6');
    const latex = '\\begin{tabular}{lc}\\toprule\nEvent (grade $\\geq$3) & Pooled \\% \\cite{fergusson2023} \\\\\\midrule\nCRS & 6 \\\\\nICANS & 3 \\\\\n\\bottomrule\\end{tabular}\n';
    expectSilent(latex, 'latex');
    expectFinding(latex.replace('ICANS & 3', 'ICANS & 16'), 'contradicts-dataset', '16', 'latex');
  });
});

describe('probe drafts: a cited figure inside a design\'s rule', () => {
  it('checks a figure called the published one and cited right after it, whatever rule its clause sets', () => {
    const text = 'Safety stopping rule: enrolment will pause if grade ≥3 CRS occurs in more than 3 of the first 10 patients (30%), a rate five times the pooled 6% [@fergusson2023].\n';
    expectSilent(text);
    expectFinding(text.replace('pooled 6%', 'pooled 9%'), 'contradicts-dataset', '9%');
  });
});

describe('probe drafts: the adversarial probe of this round\'s readings', () => {
  it('gives a grade said once after a list of events to each event paired with a number', () => {
    expectSilent('CRS and ICANS at grade ≥3 were 6% and 3% [@fergusson2023].\n');
    expectSilent('CRS and ICANS at grade 3 or higher were 6% and 3%, respectively [@fergusson2023].\n');
    expectFinding('CRS and ICANS at grade ≥3 were 6% and 6% [@fergusson2023].\n', 'contradicts-dataset', '6%');
  });

  it('does not read a rate of the patients without the outcome, or one past a semicolon, as a restatement', () => {
    expectSilent('CRS occurred in 16 of 21 patients (76%); one in four did not develop CRS [@fry2018].\n');
    expectSilent('CRS occurred in 16 of 21 patients (76%); about 1 in 3 of all patients had grade 2 CRS [@fry2018].\n');
  });

  it('checks a pooled figure named with its outcome in a model\'s assumptions', () => {
    expectFinding('In a modeled cohort, the pooled severe CRS rate of 9% [@fergusson2023] was assumed.\n', 'contradicts-dataset', '9%');
    expectSilent('In a modeled cohort, the pooled severe CRS rate of 6% [@fergusson2023] was assumed.\n');
  });

  it('says nothing of a percent copied as the cited work prints it, truncated', () => {
    expectSilent('CR or CRi among all enrolled: 70.5% (24/34) [@pan2019].\n');
    assert.ok(codesOf('CR among all enrolled: 70.5% (24/34).\n').some((c) => c.startsWith('rounding@')));
  });

  it('reads a number written right after a Chinese or Japanese character', () => {
    expectFinding('完全寛解率は73％（11／16）であった [@fry2018]。\n', 'arithmetic-inconsistency', '73％（11／16）');
    expectSilent('CRS发生率为76％（16/21）[@fry2018]。\n');
  });
});

