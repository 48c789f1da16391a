// Which stretches of prose the injection grammar colours as antigens.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANTIGEN, spans } from './tokenize';

const MD = 'text.html.markdown';
const LATEX = 'text.tex.latex';
const PLAIN = 'text.plain';

const antigens = (host: string, text: string) => spans(host, text, ANTIGEN);

describe('antigens', () => {
  it('marks CD numbers and the aliases of CD22', async () => {
    assert.deepEqual(await antigens(PLAIN, 'CD19, CD22, CD28 and CD79b; CD22, also known as SIGLEC-2, Siglec-2 or BL-CAM.'), [
      'CD19',
      'CD22',
      'CD28',
      'CD79b',
      'CD22',
      'SIGLEC-2',
      'Siglec-2',
      'BL-CAM',
    ]);
  });

  it('marks dual targets as one antigen', async () => {
    assert.deepEqual(await antigens(PLAIN, 'dual CD19/CD22 CAR, CD19/22 CAR and CD4/CD8 selection'), [
      'CD19/CD22',
      'CD19/22',
      'CD4/CD8',
    ]);
  });

  it('keeps the expression state with the antigen', async () => {
    assert.deepEqual(await antigens(PLAIN, 'CD19dim, CD19-negative, CD22+, CD19− and CD19âˆ’ B-ALL; CD22-positive blasts'), [
      'CD19dim',
      'CD19-negative',
      'CD22+',
      'CD19−',
      'CD19âˆ’',
      'CD22-positive',
    ]);
  });

  it('keeps a LaTeX superscript state with the antigen', async () => {
    assert.deepEqual(await antigens(LATEX, 'CD22$^{+}$ and CD19\\textsuperscript{--} cells'), ['CD22$^{+}$', 'CD19']);
  });

  it('marks the antigen but not the product name it is glued to', async () => {
    assert.deepEqual(await antigens(PLAIN, 'anti-CD22 and CD22-CAR T cells, CD22-CAR22, CD19-directed therapy'), [
      'CD22',
      'CD22',
      'CD22',
      'CD19',
    ]);
  });

  it('does not mark look-alikes', async () => {
    assert.deepEqual(await antigens(PLAIN, 'ACD22, CD22x1, CDs, CD, cd22, CAR22, CD1234 and \\CD22'), []);
  });

  it('marks antigens in Markdown headings, lists, emphasis and link text', async () => {
    assert.deepEqual(await antigens(MD, '# CD22 after CD19 loss\n\n- _CD22_ in [CD19/CD22 trials](https://example.org)'), [
      'CD22',
      'CD19',
      'CD22',
      'CD19/CD22',
    ]);
  });

  it('keeps an antigen inside a dose marked as an antigen too', async () => {
    assert.deepEqual(await antigens(PLAIN, 'at least 1 × 10^6 CD22-CAR T cells/kg'), ['CD22']);
  });
});
