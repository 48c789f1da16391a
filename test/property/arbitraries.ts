/**
 * Generators for the reliability property tests: random Unicode, adversarial mixes of the characters the recognizer
 * reacts to (digit runs, slashes, parentheses, `CD`, `\cite{`, `$`, `[@`, nested quotes and lists, lone surrogates,
 * NUL, CRLF, BOM, `%`, `×10^`), realistic drafts built from statistic and citation fragments, and big hostile files.
 */
import fc from 'fast-check';
import type { DocumentFormat } from '../../server/src/core/types';

export const FORMATS: readonly DocumentFormat[] = ['markdown', 'latex', 'plaintext'];

/** Pieces the recognizer treats specially, and the characters that break naive offset arithmetic. */
export const HOSTILE_PIECES: readonly string[] = [
  '0', '1', '7', '9', '.', ',', '/', '(', ')', '[', ']', '{', '}', '%', '\\%', '$', '$$', '×10^', ' × 10^6', '10^{6}', '^', '_',
  'CD', 'CD22', 'CD19/CD22', 'CD19-negative', 'CD22-CAR', 'CAR T', '\\cite{', '\\citep{fry2018', '\\parencite{', '[@', '[@fry2018', '@', ';',
  '> ', '>> ', '- ', '  - ', '* ', '1. ', '2) ', '# ', '#', '|', '|---|', '```', '`', '<!--', '-->', '---\n', '\\begin{itemize}', '\\item ', '\\end{',
  '\\', '\\\\', '%', '% trial-lens-disable-next-line ', '<!-- trial-lens-disable-next-line -->',
  '\uD800', '\uDC00', '\uDBFF', '\u0000', '\r\n', '\r', '\n', '\n\n', '\uFEFF', '\t', '\u00A0', '\u2009', '\u2028', '–', '—', '−', '≥', '≤', '±',
  'â€“', 'Ã—', '😀', '𝛼', '👩🏽‍⚕️', 'e\u0301',
  '73%', '11/15', '(11/15)', '24 of 30', 'n = 21', 'p < 0.05', 'HR 0.5', '95% CI', '(95% CI, 44.2-99.0)', 'grade ≥3', 'median', 'days', 'months',
  'cells/kg', 'patients', ' of ', ' out of ', 'et al.', '(Fry et al., 2018)', '[1]', '[1-3]', 'doi:10.', '10.1038/nm.4441', 'PMID: ', 'NCT0',
  'References\n', 'bibliography: refs.bib\n', ' ', ' ', ' ',
];

/** One code unit of any value, so lone surrogates and NUL occur. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** A piece repeated: long runs of digits, slashes, parentheses, `CD`, `\cite{`, quote markers... */
const run = fc.tuple(fc.constantFrom(...HOSTILE_PIECES), fc.integer({ min: 2, max: 400 })).map(([piece, n]) => piece.repeat(n));

/** Deeply nested Markdown quotes and lists, LaTeX groups and brackets. */
const nested = fc
  .tuple(fc.constantFrom('> ', '- ', '  ', '1. ', '> - ', '{', '(', '[', '\\item '), fc.integer({ min: 1, max: 120 }), fc.constantFrom('73% (11/15)', 'CD22 [@fry2018]', 'x', ''))
  .map(([marker, depth, tail]) => marker.repeat(depth) + tail);

/** Random text: full Unicode, raw code units (lone surrogates), or ASCII. */
export const randomText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: anyCodeUnit, maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary-ascii', maxLength: 400 }),
);

/** Adversarial mixes of hostile pieces, runs, nesting and random text. */
export const hostileText = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom(...HOSTILE_PIECES), weight: 8 },
      { arbitrary: run, weight: 2 },
      { arbitrary: nested, weight: 1 },
      { arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 20 }), weight: 1 },
      { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 20 }), weight: 2 },
    ),
    { maxLength: 120 },
  )
  .map((parts) => parts.join(''));

export const anyText = fc.oneof({ arbitrary: hostileText, weight: 3 }, { arbitrary: randomText, weight: 1 });

/** Statistic fragments in the shapes the drafts use, with numbers that the bundled dataset both supports and contradicts. */
const STATISTICS = [
  'complete remission in 73% (11/15) of patients',
  'complete remission in 75% (11/15) of patients',
  'CR/CRi in 24 of 30 evaluable patients (80%)',
  'CR/CRi in 24 of 30 evaluable patients (78%)',
  '1-year leukemia-free survival was 76.1% (95% CI, 44.2-99.0)',
  'Of the 21 patients, 17 (85%) had received CD19-directed therapy',
  'Grade 1 CRS occurred in 12 patients and grade 2 CRS in seven',
  'best complete response in 68% of ALL patients',
  'median remission duration was 9 months',
  'at least 1 × 10^6 cells/kg',
  'severe neurotoxicity occurred in 3% of patients',
  'CRS occurred in 50 of 58 participants (86.2%)',
  'CD22-CAR T cells produced complete remission in 70%',
  'CD19/CD22 CAR T cells: 11 of 15 patients (75%)',
];
const CITATIONS = [' [@fry2018]', ' (Fry et al., 2018)', ' [1]', ' \\cite{fry2018}', ' (Pan et al., 2019)', ' [@panCD22CAR2019]', ' [@nosuchkey]', ' doi:10.1038/nm.4441', ' (NCT02315612)', ''];
const GLUE = ['. ', '.\r\n', '.\n\n', '.\r\n\r\n', ' 😀 ', ' 𝛼 ', '; ', ', and ', '\r\n- ', '\n> ', ' In the Beijing cohort, ', ' The NCI trial ', ' 👩🏽‍⚕️ '];

/** Realistic drafts: statistics with or without citations, CRLF and non-BMP characters mixed in. */
export const draftText = fc
  .array(fc.tuple(fc.constantFrom(...GLUE), fc.constantFrom(...STATISTICS), fc.constantFrom(...CITATIONS)), { minLength: 1, maxLength: 8 })
  .chain((sentences) =>
    fc.tuple(
      fc.constant(sentences.map(([glue, stat, cite]) => glue + stat + cite).join('')),
      fc.constantFrom('', '# Results\r\n\r\n', '# Results\n\n', '\uFEFF# Results\r\n\r\n', '😀 '),
      fc.boolean(),
    ),
  )
  .map(([body, head, crlf]) => {
    const text = head + body + '.\n';
    return crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  });

/** A big file: `unit` repeated to `size` code units (no line breaks when `singleLine`). */
export function bigText(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Hostile units for the timing and size tests: each one repeated makes a pathological file. */
export const HOSTILE_UNITS: Record<string, string> = {
  digits: '0123456789',
  slashes: '/',
  parens: '(',
  'close-parens': ')',
  brackets: '[',
  cd: 'CD',
  'cd-slash': 'CD19/',
  cite: '\\cite{',
  dollars: '$',
  'pandoc-cite': '[@',
  quotes: '> ',
  lists: '- ',
  percent: '%',
  times: '×10^',
  'counts': '11/15 ',
  'count-percent': '73% (11/15) ',
  'of-phrases': '24 of 30 of ',
  'ci': '(95% CI, 44.2-99.0 ',
  'numbers-spaced': '1 2 3 4 5 6 7 8 9 ',
  'lone-surrogates': '\uD800',
  nul: '\u0000a',
  crlf: '73%\r\n',
  'cd-digits': 'CD22 73% ',
  'author-year': '(Fry et al., 2018 ',
  'draft-line': 'CD22-CAR T cells produced complete remission in 73% (11/15) of patients [@fry2018]. ',
  // One paragraph of lines that each open like a reference entry, none of them the next number.
  'reference-lines': '[1] Fry TJ, et al. Nat Med. 2018;24:20-28. 1. Pan J 2019\n',
};
