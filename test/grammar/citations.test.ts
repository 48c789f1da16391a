// Which stretches of prose the injection grammar colours as citations.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CITATION, spans } from './tokenize';

const MD = 'text.html.markdown';
const LATEX = 'text.tex.latex';
const TEX = 'text.tex';
const PLAIN = 'text.plain';

const citations = (host: string, text: string) => spans(host, text, CITATION);

describe('citations: pandoc', () => {
  it('marks bracketed and bare citation keys', async () => {
    assert.deepEqual(await citations(MD, 'CR in 73% [@fry2018] and [see @fry2018, p. 4; -@shah2020]; @pan2019 agrees.'), [
      '[@fry2018]',
      '[see @fry2018, p. 4; -@shah2020]',
      '@pan2019',
    ]);
  });

  it('does not take e-mail addresses for citations', async () => {
    assert.deepEqual(await citations(MD, 'Write to me@example.com or me.too@example.org.'), []);
  });

  it('leaves the brackets of a Markdown link to the host grammar, marking only the key in its text', async () => {
    assert.deepEqual(await citations(MD, 'see [@fry2018](https://example.org).'), ['@fry2018']);
  });
});

describe('citations: LaTeX', () => {
  it('marks cite commands with options and several keys', async () => {
    assert.deepEqual(
      await citations(LATEX, 'as shown \\cite{fry2018,pan2019}, \\citep[p.~4]{fry2018}, \\parencite{x}, \\textcite{y}, \\autocite*{z}.'),
      ['\\cite{fry2018,pan2019}', '\\citep[p.~4]{fry2018}', '\\parencite{x}', '\\textcite{y}', '\\autocite*{z}'],
    );
  });

  it('marks cite commands in plain TeX too', async () => {
    assert.deepEqual(await citations(TEX, 'as shown \\cite{fry2018}.'), ['\\cite{fry2018}']);
  });
});

describe('citations: author-year and numbered', () => {
  it('marks narrative and parenthetical author-year citations', async () => {
    assert.deepEqual(
      await citations(PLAIN, 'Fry et al. (2018) and Fry and Shah (2018) agree (Fry et al., 2018; Shah et al. 2020); Pan et al. prepared'),
      ['Fry et al. (2018)', 'Fry and Shah (2018)', '(Fry et al., 2018; Shah et al. 2020)', 'Pan et al.'],
    );
  });

  it('does not take capitalised words joined by "and" for authors without a year', async () => {
    assert.deepEqual(await citations(PLAIN, 'Children and Adults were enrolled.'), []);
  });

  it('marks numbered citations, with lists and ranges', async () => {
    assert.deepEqual(await citations(MD, 'shown before [1], [2,3], [1-3] and [1–3, 5]; extracted as [614].'), [
      '[1]',
      '[2,3]',
      '[1-3]',
      '[1–3, 5]',
      '[614]',
    ]);
  });

  it('marks "(ref 1)" markers, and Markdown superscripts after a word but not an exponent after a digit', async () => {
    assert.deepEqual(await citations(PLAIN, 'CR in 73% (ref 1) and CRS in 76% (Refs. 2, 3).'), ['(ref 1)', '(Refs. 2, 3)']);
    assert.deepEqual(await citations(MD, 'CRS in 16 of 21 patients.^1^ Seen again^2,3^ at 1 x 10^6^ cells/kg.'), ['^1^', '^2,3^']);
  });

  it('leaves Markdown link definitions and reference links to the host grammar', async () => {
    assert.deepEqual(await citations(MD, 'See [the paper][2].\n\n[2]: https://example.org/paper'), []);
  });
});

describe('citations: identifiers', () => {
  it('marks DOIs, PMIDs, PMCIDs and NCT numbers', async () => {
    assert.deepEqual(
      await citations(
        PLAIN,
        'doi:10.1038/nm.4441, https://doi.org/10.1200/JCO.19.03279, 10.3389/fimmu.2023.1178403. PMID: 32286905, PMC5774642, PMCID: PMC7280047, NCT02315612.',
      ),
      [
        'doi:10.1038/nm.4441',
        'https://doi.org/10.1200/JCO.19.03279',
        '10.3389/fimmu.2023.1178403',
        'PMID: 32286905',
        'PMC5774642',
        'PMCID: PMC7280047',
        'NCT02315612',
      ],
    );
  });

  it('marks a DOI with parentheses inside it up to its last character', async () => {
    assert.deepEqual(await citations(PLAIN, '(doi: 10.1016/S0140-6736(20)30001-1).'), ['doi: 10.1016/S0140-6736(20)30001-1']);
  });
});
