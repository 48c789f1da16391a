#!/usr/bin/env node
// Builds the injection grammars in syntaxes/ (see GRAMMARS) from the named regex fragments below.
// The JSON is what VS Code loads; this file is where the regexes are written and read.
//   node syntaxes/src/generate.mjs          rewrite the JSON files
//   node syntaxes/src/generate.mjs --check  exit 1 when a committed JSON file is out of date
//
// Regexes are Oniguruma (Ruby syntax), as vscode-textmate runs them. Rules kept here so that no
// pattern can backtrack catastrophically on a long line:
//   - no quantified group whose body can match the same text in two ways (no `(a+)+`, no `(a|a)*`);
//   - every repeated group starts with a literal separator (`,`, `/`, `;`) or is bounded (`{0,3}`);
//   - `[0-9]` rather than `\d` (Oniguruma's `\d` also takes non-ASCII digits).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SYNTAXES = join(dirname(fileURLToPath(import.meta.url)), '..');

export const SCOPES = {
  statistic: 'constant.numeric.statistic.trial-lens',
  antigen: 'entity.name.type.antigen.trial-lens',
  citation: 'entity.name.tag.citation.trial-lens',
};

const r = String.raw;
const alt = (...parts) => `(?:${parts.join('|')})`;

// ---- spacing and punctuation -------------------------------------------------------------
// One "space" between the parts of a statistic: ASCII space/tab, no-break and thin spaces, LaTeX `~` and `\,`.
const SPACE = r`(?:[ \t\x{00A0}\x{2009}\x{202F}~]|\\,)`;
const _ = `${SPACE}?`; // optional space
const __ = `${SPACE}{1,3}`; // required space (bounded)
// Hyphen, LaTeX `--`/`---`, Unicode dashes and minus, and the en dash read as Windows-1252 (`â€“`).
const DASH = alt('-{1,3}', r`[\x{2010}-\x{2015}\x{2212}]`, 'â€“');
const MINUS = alt('-', r`\x{2212}`, 'âˆ’');
const TIMES = alt('×', 'Ã—', r`\\times(?![A-Za-z])`, r`\$\\times\$`, '[xX*]');
// Comparison before a number: ASCII, Unicode, mojibake, LaTeX (bare or in `$…$`).
const CMP = alt('[<>]=?', '[≤≥≈]', 'â‰[¥¤]', r`\\[gl]eq?(?![A-Za-z])`, r`\$\\[gl]eq?\$`, r`\\text(?:greater|less)`);

// Everything below depends on the host: in TeX a bare `%` starts a comment, so no pattern may consume one
// (a percentage is `73\%` there), or the rest of the line would lose its comment scope.
function patternsFor(dialect) {
  const tex = dialect === 'tex';
  const NO_PCT = tex ? '%' : ''; // added to negated character classes

  // ---- numbers ------------------------------------------------------------------------------
  // A number may not continue a word, a decimal, a ratio, a superscript or a reference marker glued to a
  // word (`CAR22`, `v1.2`, `x/15`, `CD22-CAR22`); `#CART25` and `@key2` are not numbers either.
  const NUM_START = r`(?<![\p{L}\p{N}.,·/^#@\\]|[\p{L}\p{N}]-)`;
  // Start of a word. Not `\b`: Markdown's `_italic_` puts `_`, a word character, right before the word.
  const WORD_START = r`(?<![\p{L}\p{N}])`;
  const INT = alt('[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])', '[0-9]+');
  const DEC = alt(`${INT}(?:[.·][0-9]+)?`, '[.·][0-9]+');
  const NUM_END = r`(?![0-9]|[.,·][0-9])`;
  const PERCENT = alt(...(tex ? [] : ['%']), r`\\%`, `${_}percent\\b`, `${_}per${__}cent\\b`);
  const RANGE_SEP = alt(`${_}${DASH}${_}`, `${__}to${__}`);
  const NUMBER_WORD = r`(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)`;
  const YEAR = '(?:19|20)[0-9]{2}[a-z]?(?![0-9])';

  // ---- statistics ---------------------------------------------------------------------------
  const CI_LEVEL = `(?:9[059]|80)(?:\\.[0-9])?${_}(?:${PERCENT})`;
  const CI_WORD = alt('CI', r`C\.I\.`, `confidence${__}intervals?`, 'CrI');
  const CI_BOUNDS = `${DEC}${_}(?:${PERCENT})?(?:${RANGE_SEP}|${_}[,;]${_})${DEC}${_}(?:${PERCENT})?`;
  // `95% CI, 44.2-99.0`, `95% CI: 0.60 - 0.88`, `95% confidence interval [CI] 53 to 81`, `95% CI [84-95]`.
  const confidenceInterval = `${NUM_START}${CI_LEVEL}${_}${CI_WORD}(?:${_}\\[CI\\])?${_}[,:=]?${_}${alt(
    `\\[${_}${CI_BOUNDS}${_}\\]`,
    `\\(${_}${CI_BOUNDS}${_}\\)`,
    CI_BOUNDS,
  )}${NUM_END}`;

  // `73%`, `70.5 %`, `73\%`, `70-90%`, `70% to 90%`, `≥ 50%`, and a bracketed interval glued to it:
  // `90% [84-95]` is an estimate with its CI, not a percentage followed by citations 84 to 95.
  const percentage = `(?:${CMP}${_})?${NUM_START}${DEC}(?:${_}(?:${PERCENT})?${RANGE_SEP}${DEC})?${_}(?:${PERCENT})(?:${_}\\[${_}${CI_BOUNDS}${_}\\])?`;

  // `1 × 10^6`, `1x10^6`, `1 × 10⁶`, `1 × 10^{6}`, the flattened `1 × 106`, `10e6`, `1 million`, with an optional
  // unit tail such as `cells/kg`, `CD22-CAR T cells per kg` or `per kilogram of body weight`.
  const SUPERSCRIPT = '[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]{1,3}';
  const EXPONENT = alt(
    `\\^${_}\\{${_}${MINUS}?[0-9]{1,2}${_}\\}`,
    `\\^${_}${MINUS}?[0-9]{1,2}`,
    `\\\\textsuperscript\\{${_}${MINUS}?[0-9]{1,2}${_}\\}`,
    SUPERSCRIPT,
  );
  const PER_UNIT = alt('kg', 'kilograms?', 'm2', 'm²', r`m\^\{?2\}?`, 'patients?', 'infusions?', 'doses?');
  const PER = `${_}(?:/${_}|per${__})${PER_UNIT}(?![A-Za-z])`;
  const UNIT_WORDS = `((?:[\\w+-]{1,30}${__}){0,3}?)`; // captured so that an antigen inside (`CD22-CAR`) keeps its scope
  // `cells`, `T cells`, `T-cells`, `CAR T cells`, `CAR-T cells`, `CAR+ T-cells`, or just `CAR T`.
  const CAR = `CAR\\+?(?:${DASH}|${SPACE})?`;
  const CELLS = alt(`(?:(?:${CAR})?T(?:${DASH}|${SPACE})?|${CAR})?cells?`, `${CAR}T(?![A-Za-z])`);
  const DOSE_TAIL = alt(`${__}${UNIT_WORDS}${CELLS}(?:${PER})?`, PER);
  const doseCount = `(?:${CMP}${_})?${NUM_START}${alt(
    // a flattened exponent (`1 × 106`) only for the powers doses use, so `2 x 100` stays a plain product
    `${DEC}${_}${TIMES}${_}10${alt(EXPONENT, '(?:[3-9]|1[0-2])(?![0-9])')}`,
    `10${EXPONENT}`,
    `${DEC}[eE]${MINUS}?[0-9]{1,2}`,
    `${DEC}${__}(?:million|billion)`,
  )}(?![0-9])(?:${DOSE_TAIL})?`;
  // `25 mg/m2`, `30 mg/m²/day`, `2 Gy`.
  const doseMass = `${NUM_START}${DEC}(?:${RANGE_SEP}${DEC})?${_}(?:mg|mcg|µg|μg|g|mL|ml|Gy|cGy)(?:${_}/${_}(?:kg|m2|m²|m\\^\\{?2\\}?|d|day)){0,2}(?![A-Za-z0-9])`;

  // `11/15`, `19 / 58`; not dates (`11/15/2020`) nor parts of words or decimals.
  const ratio = `${NUM_START}${INT}${_}/${_}${INT}(?![0-9/]|[.,·][0-9]|[A-Za-z])`;
  // `11 of 15`, `6 out of 6`, `five of the 5`, `24 of all 30`.
  const countOf = `${NUM_START}(?:${INT}|\\b${NUMBER_WORD})${__}(?:of|out${__}of)${__}(?:(?:the|all|these|those)${__})?(?:${INT}|${NUMBER_WORD}\\b)${NUM_END}(?![A-Za-z])`;
  // siunitx: `\SI{73}{\percent}`, `\qty{1e6}{cells\per\kilo\gram}`, `\SIrange{70}{90}{\percent}`, `\num{21}`.
  const siunitx = r`\\(?:SI|qty|num|SIrange|qtyrange|numrange)\{[^{}\n%]{1,60}\}(?:\{(?:[^{}\n%]|\{[^{}\n%]{0,20}\}){1,60}\}){0,2}`;
  // `n = 21`, `N=116`, `n: 3`.
  const sampleSize = `${WORD_START}[nN]${_}[=:]${_}${INT}${NUM_END}`;
  // `p=0.02`, `P < .001`, `p = 3 × 10^-5`, `$p \leq 0.05$`.
  const pValue = `${WORD_START}[pP](?:${__}values?${__}(?:of|was|=))?${_}(?:=|${CMP})${_}${DEC}(?:${_}${TIMES}${_}10${EXPONENT})?${NUM_END}`;
  // `HR 0.45`, `OR = 2.1`, `RR: 1.3`.
  const ratioMeasure = `${WORD_START}(?:a?HR|OR|RR|IRR)${_}[=:]?${_}[0-9]+[.·][0-9]+`;
  // `grade ≥3`, `Grade 1`, `grade 1-2`, `grades 3 and 4`, `grade 3 or higher`, `grade III`, `grade 3+`.
  const GRADE_VALUE = alt('[0-5](?![0-9])', 'IV(?![A-Za-z])', 'V(?![A-Za-z])', 'I{1,3}(?![A-Za-z])');
  const grade = `${WORD_START}[Gg]rades?${_}(?:${CMP}${_})?${GRADE_VALUE}(?:${alt(RANGE_SEP, `${_}/${_}`, `${__}(?:and|or)${__}`)}${GRADE_VALUE})?(?:${_}\\+|${__}or${__}(?:higher|above|greater|more|worse))?`;
  // `21 patients`, `30 evaluable patients`, `21 children and adults`.
  const COHORT_NOUN = alt('patients?', 'participants?', 'subjects?', 'children', 'adults?', 'cases', 'individuals', 'recipients');
  const COHORT_ADJ = alt('evaluable', 'enrolled', 'infused', 'treated', 'consecutive', 'eligible', 'adult', 'pediatric', 'paediatric', 'young', 'additional', 'evaluated');
  const cohortCount = `${NUM_START}${INT}${__}(?:${COHORT_ADJ}${__}){0,2}${COHORT_NOUN}\\b`;
  // `6 months`, `4.6 to 13.3 months`, `7 to 30 years`, `1-year`, `28 days`, `day 30`.
  const DURATION_UNIT = alt('days?', 'weeks?', 'months?', 'years?', 'mo', 'yrs?', 'hours?', 'h');
  const duration = alt(
    `${NUM_START}${DEC}(?:${RANGE_SEP}${DEC})?(?:${__}|-)${DURATION_UNIT}(?![A-Za-z])`,
    `${WORD_START}[Dd]ay${__}\\+?[0-9]{1,3}${NUM_END}(?![A-Za-z])`, // not `Day 2025`
  );

  // ---- antigens -----------------------------------------------------------------------------
  // `CD19`, `CD79b`, `SIGLEC-2`, `Siglec-2`, `BL-CAM`, `Lyb-8`, `Leu-12`; with a state (`CD19dim`,
  // `CD19-negative`, `CD22+`, `CD19−`, `CD19$^{-}$`) and dual targets (`CD19/CD22`, `CD19/22`).
  const ANTIGEN_NAME = alt(
    'CD[0-9]{1,3}(?:[a-e](?![A-Za-z]))?(?![0-9])',
    '(?i:siglec)-?2(?![0-9])',
    'BL-CAM',
    'Ly[bB]-?8(?![0-9])',
    'Leu-?12(?![0-9])',
    'BCMA',
  );
  const ANTIGEN_STATE = alt(
    `${DASH}?(?:negative|positive|dim|bright|low|high|null|neg|pos|lo|hi)(?![A-Za-z])`,
    r`\$\^\{?[+\-\x{2212}]\}?\$`,
    r`\\textsuperscript\{[+\-\x{2212}]\}`,
    r`\^\{?[+\-\x{2212}]\}?\^?`,
    'âˆ’',
    r`[+\x{2212}]`,
    r`-(?![\w-])`,
  );
  // Each piece must end the word: `CD22x1` and `CD1234` are not antigens.
  const ANTIGEN_PIECE = `${ANTIGEN_NAME}(?:${ANTIGEN_STATE})?(?![A-Za-z0-9])`;
  const antigen = `(?<![\\p{L}\\p{N}\\\\])${ANTIGEN_PIECE}(?:${_}/${_}(?:${ANTIGEN_PIECE}|[0-9]{1,3}(?:${ANTIGEN_STATE})?(?![A-Za-z0-9])))*`;

  // ---- citations ----------------------------------------------------------------------------
  // LaTeX: `\cite{a,b}`, `\citep[p. 4]{x}`, `\parencite`, `\textcite`, `\autocite*`, `\footcite`, `\cites{a}{b}`.
  const latexCite = r`\\(?:[a-zA-Z]{0,8}?[cC]ite[a-zA-Z]{0,8}|nocite)\*?(?:\[[^\]\n${NO_PCT}]{0,200}\]){0,2}(?:\{[^{}\n${NO_PCT}]{0,500}\}){1,8}`;
  // Pandoc: `[@fry2018]`, `[see @fry2018, p. 4; -@shah2020]`; not a Markdown link `[@x](url)`.
  const PANDOC_KEY = r`(?:\{[^{}\n]{1,200}\}|[\p{L}0-9_](?:[\p{L}0-9_]|[:.#$&+?<>~/\-${NO_PCT ? '' : '%'}](?=[\p{L}0-9_])){0,200})`;
  const pandocBracketed = `\\[(?=[^\\[\\]\\n${NO_PCT}]{0,500}(?<![\\w.])-?@[\\p{L}0-9_{])[^\\[\\]\\n${NO_PCT}]{1,500}\\](?![(\\[:])`;
  const pandocBare = `(?<![\\w.@\\\\])-?@${PANDOC_KEY}`;
  // Numbered: `[1]`, `[2,3]`, `[1-3]`, `[1–3, 5]`, `[614]`; not `[1]: url` definitions nor `[1](url)` links.
  const numbered = `(?<!\\\\)\\[${_}[0-9]{1,3}(?:${_}(?:[,;]|${DASH})${_}[0-9]{1,3}){0,20}${_}\\](?![(\\[:])`;
  // Numbered in words: `(ref 1)`, `(refs. 2, 3)`, `(reference 4)`; and Markdown's superscript `^1^`, `^2,3^` after a
  // word or punctuation (after a digit it is an exponent: `10^6^`).
  const numberedNamed = `\\((?i:refs?\\.?|references?)${__}[0-9]{1,3}(?:${_}(?:[,;]|${DASH})${_}[0-9]{1,3}){0,20}${_}\\)`;
  const superscript = `(?<=[\\p{L}.,;:)\\]])\\^[0-9]{1,3}(?:(?:,|${DASH})[0-9]{1,3}){0,20}\\^`;
  // Author-year: `Fry et al. (2018)`, `Fry et al.`, `Fry and Shah (2018)`, `Fry (2018)`,
  // `(Fry et al., 2018)`, `(see Fry et al. 2018; Pan et al., 2019, p. 4)`.
  const SURNAME = `\\p{Lu}[\\p{L}'’\\-]{0,40}\\p{Ll}`;
  const ET_AL = alt(`${__}et${_}al\\.?`, `${__}(?:and|&)${__}${SURNAME}`);
  const LOCATOR = `(?:${_},${_}(?:pp?\\.${_})?[0-9]{1,5}(?:${DASH}[0-9]{1,5})?)?`;
  const AUTHOR_YEAR = `${SURNAME}(?:${ET_AL})?,?${__}${YEAR}(?:${_},${_}${YEAR}){0,5}${LOCATOR}`;
  const authorYearParenthetical = `\\((?:(?:see|e\\.g\\.|cf\\.|reviewed${__}in),?${__})?${AUTHOR_YEAR}(?:${_};${_}${AUTHOR_YEAR}){0,20}\\)`;
  const authorYearNarrative = `${WORD_START}${SURNAME}${alt(
    `${__}et${_}al\\.?(?:,?${__}\\(${YEAR}${LOCATOR}\\)|,${__}${YEAR})?`,
    `(?:${__}(?:and|&)${__}${SURNAME})?${__}\\(${YEAR}${LOCATOR}\\)`,
  )}`;
  // Identifiers: DOI (bare, `doi:` or doi.org URL), PMID, PMCID, ClinicalTrials.gov NCT number.
  const doi = `(?:\\b(?i:doi)${_}:${_}|\\bhttps?://(?:dx\\.)?doi\\.org/)?\\b10\\.[0-9]{4,9}/[^\\s"'<>\\[\\]{}${NO_PCT}]{0,300}[^\\s"'<>\\[\\]{}.,;:)${NO_PCT}]`;
  const pmid = `${WORD_START}PMID${_}:?${_}[0-9]{1,9}\\b`;
  const pmcid = `${WORD_START}(?:PMCID${_}:?${_})?PMC${_}[0-9]{1,9}\\b`;
  const nct = `${WORD_START}NCT${_}[0-9]{8}\\b`;

  // A URL is consumed without a scope, so that numbers in it are not statistics.
  const url = `\\b(?:https?://|www\\.)[^\\s<>"'\\])${NO_PCT}]{1,2000}`;

  return {
    siunitx, confidenceInterval, percentage, doseCount, doseMass, ratio, countOf, sampleSize, pValue,
    ratioMeasure, grade, cohortCount, duration, antigen, latexCite, pandocBracketed, pandocBare, numbered, numberedNamed,
    superscript, authorYearParenthetical, authorYearNarrative, doi, pmid, pmcid, nct, url,
  };
}

const MARKDOWN_PROSE = ['meta.paragraph.markdown', 'markup.heading.markdown', 'markup.table.markdown'];

/** The grammars this file writes: one injection for Markdown and plain text, one for TeX and LaTeX. */
export const GRAMMARS = [
  {
    file: 'trial-lens.injection.tmLanguage.json',
    scopeName: 'trial-lens.injection',
    dialect: 'prose',
    injectTo: ['text.html.markdown', 'text.plain'],
    // Markdown: only inside blocks of prose (paragraphs, also in lists and quotes; headings; tables), never at
    // block level, where a left-priority match at column 0 would stop the paragraph rule from starting.
    injectionSelector: [
      ...MARKDOWN_PROSE.map(
        (block) =>
          `L:text.html.markdown ${block} -markup.fenced_code -markup.inline.raw -markup.raw -meta.embedded -comment -markup.underline.link`,
      ),
      'L:text.plain',
    ].join(', '),
  },
  {
    file: 'trial-lens.latex-injection.tmLanguage.json',
    scopeName: 'trial-lens.injection.latex',
    dialect: 'tex',
    injectTo: ['text.tex.latex', 'text.tex'],
    injectionSelector: 'L:text.tex -comment -meta.embedded -markup.raw',
  },
];

export function buildGrammar({ scopeName, dialect, injectionSelector }) {
  const p = patternsFor(dialect);
  const stat = (match, comment) => ({ comment, match, name: SCOPES.statistic });
  const cite = (match, comment) => ({ comment, match, name: SCOPES.citation });
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: `Trial Lens: statistics, antigens and citations (${dialect === 'tex' ? 'TeX and LaTeX' : 'Markdown and plain text'})`,
    comment: 'GENERATED by syntaxes/src/generate.mjs; edit that file, then run it.',
    scopeName,
    // Left-priority injection: on a tie with the host grammar at the same position, ours wins (`\cite`, `[1]`).
    // Code, raw text, comments and embedded languages are left alone.
    injectionSelector,
    // Order matters on a tie at one position: identifiers and citations before numbers.
    patterns: [
      { include: '#citation' },
      { include: '#url' },
      { include: '#antigen' },
      { include: '#statistic' },
    ],
    repository: {
      citation: {
        patterns: [
          cite(p.doi, 'DOI: 10.1038/nm.4441, doi:10.1038/nm.4441, https://doi.org/10.1038/nm.4441'),
          cite(p.pmid, 'PMID: 29155426'),
          cite(p.pmcid, 'PMC5774642'),
          cite(p.nct, 'NCT02315612'),
          cite(p.latexCite, r`\cite{a,b}, \citep[p. 4]{x}, \parencite{x}, \textcite{x}, \autocite{x}`),
          cite(p.pandocBracketed, '[@fry2018], [see @fry2018, p. 4; @shah2020]'),
          cite(p.pandocBare, '@fry2018'),
          cite(p.numbered, '[1], [2,3], [1-3]'),
          cite(p.numberedNamed, '(ref 1), (refs. 2, 3)'),
          ...(dialect === 'tex' ? [] : [cite(p.superscript, '^1^, ^2,3^ after a word or punctuation')]),
          cite(p.authorYearParenthetical, '(Fry et al., 2018)'),
          cite(p.authorYearNarrative, 'Fry et al. (2018), Fry and Shah (2018), Fry (2018)'),
        ],
      },
      url: { match: p.url, comment: 'URLs: consumed without a scope so their digits stay unmarked' },
      antigen: {
        patterns: [{ match: p.antigen, name: SCOPES.antigen, comment: 'CD19, CD22, CD19/CD22, SIGLEC-2, BL-CAM, CD19dim, CD22+' }],
      },
      statistic: {
        patterns: [
          stat(p.confidenceInterval, '95% CI, 44.2-99.0'),
          {
            comment: '1 × 10^6 cells/kg, 1x10^6 CD22-CAR T cells per kg, 1 million cells',
            match: p.doseCount,
            name: SCOPES.statistic,
            captures: { 1: { patterns: [{ include: '#antigen' }] } },
          },
          stat(p.percentage, dialect === 'tex' ? '73\\%, 70--90\\%' : '73%, 70.5 %, 70-90%, 90% [84-95]'),
          stat(p.siunitx, r`\SI{73}{\percent}`),
          stat(p.doseMass, '25 mg/m2'),
          stat(p.ratio, '11/15'),
          stat(p.countOf, '11 of 15, 6 out of 6'),
          stat(p.sampleSize, 'n = 21'),
          stat(p.pValue, 'p=0.02'),
          stat(p.ratioMeasure, 'HR 0.45'),
          stat(p.grade, 'grade ≥3, grade 1-2'),
          stat(p.cohortCount, '21 patients'),
          stat(p.duration, '6 months, 7 to 30 years, day 30'),
        ],
      },
    },
  };
}

function main() {
  let stale = false;
  for (const spec of GRAMMARS) {
    const out = join(SYNTAXES, spec.file);
    const text = `${JSON.stringify(buildGrammar(spec), null, 2)}\n`;
    if (!process.argv.includes('--check')) {
      writeFileSync(out, text);
      continue;
    }
    let current = '';
    try {
      current = readFileSync(out, 'utf8');
    } catch {
      // missing file: reported below as out of date
    }
    if (current !== text) {
      process.stderr.write(`${spec.file} is out of date: run node syntaxes/src/generate.mjs\n`);
      stale = true;
    }
  }
  if (stale) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
