// Where the injection grammar must stay out (code, comments, raw text) and where it must not disturb the host
// grammar's own structure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANTIGEN, CITATION, scopesAt, spans, STATISTIC } from './tokenize';

const MD = 'text.html.markdown';
const LATEX = 'text.tex.latex';
const TEX = 'text.tex';
const PLAIN = 'text.plain';

const ours = [STATISTIC, ANTIGEN, CITATION];
async function anyOfOurs(host: string, text: string): Promise<string[]> {
  const found: string[] = [];
  for (const scope of ours) found.push(...(await spans(host, text, scope)));
  return found;
}

describe('Markdown: code and comments are left alone', () => {
  it('does not mark a number, antigen or citation in a code span', async () => {
    assert.deepEqual(await spans(MD, 'The value `73% (11/15) CD22 [@fry2018]` is quoted; 80% is not.', STATISTIC), ['80%']);
    assert.deepEqual(await anyOfOurs(MD, 'Only code: `73% CD22 [1] p=0.02`.'), []);
  });

  it('does not mark anything in a fenced block, with or without a language', async () => {
    const doc = ['Before 73%.', '', '```', '73% (11/15) CD22 [@fry2018]', '```', '', '```python', 'x = 73  # 11/15 CD22', '```', '', 'After 80%.'].join('\n');
    assert.deepEqual(await spans(MD, doc, STATISTIC), ['73%', '80%']);
    assert.deepEqual(await spans(MD, doc, ANTIGEN), []);
    assert.deepEqual(await spans(MD, doc, CITATION), []);
  });

  it('does not mark anything in an indented code block', async () => {
    assert.deepEqual(await anyOfOurs(MD, 'Text.\n\n    indented 73% CD22 code\n'), []);
  });

  it('does not mark anything in an HTML comment block', async () => {
    assert.deepEqual(await anyOfOurs(MD, '<!-- 73% of CD22 [@fry2018] -->\n\nCR 80%.'), ['80%']);
  });

  it('does not mark digits in a link destination or an autolink', async () => {
    assert.deepEqual(await anyOfOurs(MD, 'See [the trial](https://example.org/73/11/15) and <https://example.org/73%>.'), []);
  });
});

describe('Markdown: host structure is kept', () => {
  it('still starts a paragraph when a line opens with a statistic, so code spans keep their scope', async () => {
    const scopes = await scopesAt(MD, '73% of patients; see `CD22` code.', 'CD22');
    assert.ok(scopes.includes('meta.paragraph.markdown'), scopes.join(' '));
    assert.ok(scopes.includes('markup.inline.raw.string.markdown'), scopes.join(' '));
    assert.ok(!scopes.includes(ANTIGEN), scopes.join(' '));
  });

  it('still starts a paragraph when a line opens with an antigen or a citation', async () => {
    for (const line of ['CD22 is kept; `x`', '[@fry2018] showed; `x`', '(Fry et al., 2018) showed; `x`']) {
      const scopes = await scopesAt(MD, line, 'x');
      assert.ok(scopes.includes('markup.inline.raw.string.markdown'), `${line}: ${scopes.join(' ')}`);
    }
  });

  it('keeps bold markers around a marked statistic', async () => {
    const scopes = await scopesAt(MD, 'CR in **73%** of patients', '73%');
    assert.ok(scopes.includes('markup.bold.markdown') && scopes.includes(STATISTIC), scopes.join(' '));
  });

  it('marks prose in list items, block quotes and headings', async () => {
    assert.deepEqual(await spans(MD, '# 73% CR\n\n- 16 of 21 patients\n\n> CR in 80%', STATISTIC), ['73%', '16 of 21', '80%']);
  });
});

describe('LaTeX: comments and verbatim are left alone', () => {
  it('does not mark anything in a comment, while `\\%` before it is a statistic', async () => {
    assert.deepEqual(await spans(LATEX, 'CR in 73\\% % 80% of CD22 \\cite{x}', STATISTIC), ['73\\%']);
    assert.deepEqual(await anyOfOurs(LATEX, '% 80% of CD22 [1] \\cite{x} (Fry et al., 2018)'), []);
  });

  it('does not read a bare percent as a percentage: in LaTeX it starts a comment', async () => {
    assert.deepEqual(await spans(LATEX, 'CR in 73% of patients', STATISTIC), []);
  });

  it('never swallows the percent sign that starts a comment', async () => {
    for (const line of ['CR 73%rest', 'see https://example.org/a%rest', 'doi:10.1038/nm.4441%rest', '\\cite{a%rest']) {
      const scopes = await scopesAt(LATEX, line, 'rest');
      assert.ok(scopes.includes('comment.line.percentage.tex'), `${line}: ${scopes.join(' ')}`);
    }
  });

  it('does not mark anything in a plain TeX comment', async () => {
    assert.deepEqual(await anyOfOurs(TEX, 'CR in 73\\% % 80% CD22'), ['73\\%']);
  });

  it('does not mark anything in verbatim environments, \\verb or listings', async () => {
    const doc = ['\\begin{verbatim}', '73\\% CD22 \\cite{x}', '\\end{verbatim}', '\\verb|73\\%| and', '\\begin{lstlisting}', 'x = 73\\% CD22', '\\end{lstlisting}', 'After 80\\%.'].join('\n');
    assert.deepEqual(await anyOfOurs(LATEX, doc), ['80\\%']);
  });

  it('marks prose inside section titles', async () => {
    assert.deepEqual(await spans(LATEX, '\\section{CD22 after CD19 loss}', ANTIGEN), ['CD22', 'CD19']);
  });
});

describe('plain text', () => {
  it('marks statistics, antigens and citations in a plain text file', async () => {
    const line = 'CR in 73% (11/15) with CD22-CAR T cells (Fry et al., 2018).';
    assert.deepEqual(await spans(PLAIN, line, STATISTIC), ['73%', '11/15']);
    assert.deepEqual(await spans(PLAIN, line, ANTIGEN), ['CD22']);
    assert.deepEqual(await spans(PLAIN, line, CITATION), ['(Fry et al., 2018)']);
  });
});
