// Which stretches of prose the injection grammar colours as statistics, in the real host grammars.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spans, STATISTIC } from './tokenize';

const MD = 'text.html.markdown';
const LATEX = 'text.tex.latex';
const PLAIN = 'text.plain';

const stats = (host: string, text: string) => spans(host, text, STATISTIC);

describe('statistics: percentages', () => {
  it('marks plain, spaced, ranged and compared percentages', async () => {
    assert.deepEqual(await stats(PLAIN, 'CR in 73%, then 70.5 % of 34, 70-90%, 70–90 %, 70% to 90% and ≥ 50%.'), [
      '73%',
      '70.5 %',
      '70-90%',
      '70–90 %',
      '70% to 90%',
      '≥ 50%',
    ]);
  });

  it('marks a LaTeX escaped percent and a LaTeX en-dash range', async () => {
    assert.deepEqual(await stats(LATEX, 'remission in 73\\% and 70--90\\% of cases'), ['73\\%', '70--90\\%']);
  });

  it('keeps a bracketed interval with its estimate instead of reading it as citations', async () => {
    assert.deepEqual(await stats(PLAIN, 'CR 90% [84-95] in B-ALL'), ['90% [84-95]']);
  });

  it('marks the percentage of a count in parentheses separately from the count', async () => {
    assert.deepEqual(await stats(PLAIN, 'Of the 21 patients, 17 (85%) had received therapy.'), ['21 patients', '85%']);
  });
});

describe('statistics: counts', () => {
  it('marks ratios, "of" and "out of" counts, number words and n =', async () => {
    assert.deepEqual(
      await stats(PLAIN, 'CR in 11/15, 16 of 21, 6 out of 6, five of the 5, 24 of all 30; n = 21, N=116 and (n=3).'),
      ['11/15', '16 of 21', '6 out of 6', 'five of the 5', '24 of all 30', 'n = 21', 'N=116', 'n=3'],
    );
  });

  it('marks a count of patients with its noun', async () => {
    assert.deepEqual(await stats(PLAIN, 'We treated 34 patients and 30 evaluable patients; 21 children and adults.'), [
      '34 patients',
      '30 evaluable patients',
      '21 children',
    ]);
  });

  it('does not read "one of the", "3 of them" or a date as a count', async () => {
    assert.deepEqual(await stats(PLAIN, 'It is one of the best; 3 of them relapsed on 11/15/2020.'), []);
  });
});

describe('statistics: intervals, p-values, ratios', () => {
  it('marks confidence intervals in their usual spellings', async () => {
    assert.deepEqual(
      await stats(PLAIN, 'LFS 71.6% (95% CI, 44.2-99.0); 0.75 (95% CI: 0.60 - 0.88); 68% [95% CI 53-81]; 95% confidence interval 1.2 to 3.4'),
      ['71.6%', '95% CI, 44.2-99.0', '95% CI: 0.60 - 0.88', '68%', '95% CI 53-81', '95% confidence interval 1.2 to 3.4'],
    );
  });

  it('marks p-values, hazard and odds ratios', async () => {
    assert.deepEqual(await stats(PLAIN, 'antigen density p=0.02, P < .001, p = 3 × 10^-5, HR 0.45 and OR = 2.1'), [
      'p=0.02',
      'P < .001',
      'p = 3 × 10^-5',
      'HR 0.45',
      'OR = 2.1',
    ]);
  });

  it('marks siunitx quantities', async () => {
    assert.deepEqual(await stats(LATEX, 'CR in \\SI{73}{\\percent}, \\SIrange{70}{90}{\\percent} of \\num{21} at \\qty{1e6}{cells\\per\\kilo\\gram}'), [
      '\\SI{73}{\\percent}',
      '\\SIrange{70}{90}{\\percent}',
      '\\num{21}',
      '\\qty{1e6}{cells\\per\\kilo\\gram}',
    ]);
  });

  it('marks a p-value inside LaTeX math', async () => {
    assert.deepEqual(await stats(LATEX, 'significant ($p \\leq 0.05$)'), ['p \\leq 0.05']);
  });

  it('does not read a page locator as a p-value', async () => {
    assert.deepEqual(await stats(PLAIN, 'as shown on p. 4 of the paper'), []);
  });
});

describe('statistics: doses', () => {
  it('marks cell doses in caret, superscript, flattened and word forms with their units', async () => {
    assert.deepEqual(
      await stats(PLAIN, 'Doses 1 × 10^6 cells/kg, 1x10^6/kg, 3 × 10⁶ CAR T cells/kg, 3 × 10^5 cells per kg and 10e6.'),
      ['1 × 10^6 cells/kg', '1x10^6/kg', '3 × 10⁶ CAR T cells/kg', '3 × 10^5 cells per kg', '10e6'],
    );
  });

  it('reads the flattened superscript of an extracted abstract as a dose', async () => {
    assert.deepEqual(await stats(PLAIN, 'receiving ≥1 × 106 CD22-CAR T cells per kg body weight'), [
      '≥1 × 106 CD22-CAR T cells per kg',
    ]);
    assert.deepEqual(await stats(PLAIN, 'a grid of 2 x 100 wells'), []);
  });

  it('marks the spellings of CAR T cells in a dose unit', async () => {
    assert.deepEqual(await stats(PLAIN, 'up to 1×10^6 CAR+ T-cells/kg, 2 x 10^6 CAR-T cells/kg and 3 x 10^5 T cells/kg'), [
      '1×10^6 CAR+ T-cells/kg',
      '2 x 10^6 CAR-T cells/kg',
      '3 x 10^5 T cells/kg',
    ]);
  });

  it('marks a dose written in words and a drug dose per body surface', async () => {
    assert.deepEqual(await stats(PLAIN, 'at least 1 million CD22-CAR T cells per kilogram after fludarabine 30 mg/m2/day'), [
      '1 million CD22-CAR T cells per kilogram',
      '30 mg/m2/day',
    ]);
  });

  it('marks a LaTeX dose with \\times and \\textsuperscript', async () => {
    assert.deepEqual(await stats(LATEX, 'at least 1~$\\times$~10\\textsuperscript{6} cells/kg'), [
      '1~$\\times$~10\\textsuperscript{6} cells/kg',
    ]);
  });
});

describe('statistics: grades and durations', () => {
  it('marks toxicity grades with comparisons, ranges and roman numerals', async () => {
    assert.deepEqual(
      await stats(PLAIN, 'Grade ≥3 CRS, grade 1-2, grades 3 and 4, grade 3 or higher, grade III and grade >= 3 ICANS.'),
      ['Grade ≥3', 'grade 1-2', 'grades 3 and 4', 'grade 3 or higher', 'grade III', 'grade >= 3'],
    );
  });

  it('marks a grade written with LaTeX \\geq', async () => {
    assert.deepEqual(await stats(LATEX, 'severe (grade $\\geq$3) CRS'), ['grade $\\geq$3']);
  });

  it('marks durations, ranges of durations and day time points', async () => {
    assert.deepEqual(await stats(PLAIN, 'aged 7 to 30 years; median 28 days; CR by day 30; remission 4.6 to 13.3 months.'), [
      '7 to 30 years',
      '28 days',
      'day 30',
      '4.6 to 13.3 months',
    ]);
  });
});

describe('statistics: what is not a statistic', () => {
  it('leaves years, phases, figure numbers, versions and hashtags alone', async () => {
    assert.deepEqual(await stats(PLAIN, 'In 2018 and 2019 the phase 1 trial (Figure 2, v1.2, #CART25) reported.'), []);
    assert.deepEqual(await stats(PLAIN, 'News for World Lymphoma Awareness Day 2025'), []);
  });

  it('leaves numbers glued to words and CD numbers alone', async () => {
    assert.deepEqual(await stats(PLAIN, 'CD22-CAR22 and CAR22 cells; CD19/CD22 and CD19/22 targets.'), []);
  });

  it('leaves the digits of identifiers, citations and URLs alone', async () => {
    assert.deepEqual(
      await stats(PLAIN, 'doi:10.1038/nm.4441, PMID 29155426, NCT02315612, [1-3], (Fry et al., 2018), https://x.org/73%/11/15'),
      [],
    );
  });

  it('marks statistics in Markdown prose around emphasis and in tables', async () => {
    assert.deepEqual(await stats(MD, 'CR in **73%** of patients, _11/15_.'), ['73%', '11/15']);
    assert.deepEqual(await stats(MD, '| arm | CR |\n| --- | --- |\n| CD22 | 73% (11/15) |'), ['73%', '11/15']);
  });
});
