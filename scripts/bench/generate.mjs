/**
 * Inputs for `npm run bench`: long review drafts built from the seed texts and the example drafts, and a synthetic
 * dataset of many facts. Deterministic (seeded), so runs compare like with like.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Small seeded PRNG (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

/** Markdown paragraphs (blank-line separated) without front matter and fenced code. */
function markdownParagraphs(text) {
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/```[\s\S]*?```/g, '');
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0 && !/^references\b/i.test(p) && !/^\d+\.\s/m.test(p));
}

/** The paragraph pool: seed texts (one paragraph per line), the example and fixture drafts. */
export function paragraphPool(root) {
  const pool = [];
  const seeds = path.join(root, 'seeds');
  for (const name of fs.readdirSync(seeds).filter((n) => n.endsWith('.txt')).sort()) {
    for (const line of fs.readFileSync(path.join(seeds, name), 'utf8').split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed.length >= 60) pool.push({ text: trimmed, file: name });
    }
  }
  const drafts = [];
  const fixtures = path.join(root, 'test', 'fixtures', 'drafts');
  if (fs.existsSync(fixtures)) {
    for (const name of fs.readdirSync(fixtures).sort()) if (/\.(md|txt)$/.test(name)) drafts.push(path.join(fixtures, name));
  }
  const example = path.resolve(root, '..', 'shared', 'examples', 'dev-review.md');
  if (fs.existsSync(example)) drafts.push(example);
  for (const file of drafts) {
    for (const p of markdownParagraphs(fs.readFileSync(file, 'utf8'))) if (!p.startsWith('#') && p.length >= 40) pool.push({ text: p });
  }
  return pool;
}

const CITATIONS = ['[@fry2018]', '[@pan2019]', '[@shah2020]', '[@fergusson2023]', '[@spiegel2021]', '(Fry et al., 2018)', '(Pan et al., 2019)', '(Shah et al., 2020)', '[1]', '[2]', '[3]', '[1, 3]'];
const ENDPOINTS = ['complete remission', 'CR/CRi', 'MRD-negative remission', 'cytokine release syndrome', 'grade 1-2 CRS', 'severe CRS', 'neurotoxicity', 'relapse', 'overall survival', 'leukemia-free survival'];
const COHORTS = ['In the NCI phase 1 trial', 'In the Beijing cohort', 'Across pooled trials', 'In the Stanford CD19/CD22 trial', 'In an updated analysis', 'Among children and young adults', 'In adults with B-ALL', 'In the higher dose level'];
const TOPICS = ['CD22 as a second target', 'Phase 1 results', 'Toxicity', 'Durability', 'Dual targeting', 'Antigen escape', 'Manufacturing', 'Pooled estimates', 'Open questions'];

/** A sentence with numbers of its own (cohorts the dataset does not hold), cited now and then. */
function cohortSentence(rng) {
  const total = rng.int(8, 60);
  const count = rng.int(1, total);
  const percent = Math.round((100 * count) / total);
  const endpoint = rng.pick(ENDPOINTS);
  const cite = rng.chance(0.15) ? ` ${rng.pick(CITATIONS)}` : '';
  switch (rng.int(0, 5)) {
    case 0:
      return `${rng.pick(COHORTS)}, ${endpoint} occurred in ${count} of ${total} patients (${percent}%)${cite}.`;
    case 1:
      return `${rng.pick(COHORTS)}, ${endpoint} was seen in ${percent}% (${count}/${total})${cite}.`;
    case 2:
      return `The median duration was ${rng.int(2, 24)} months, and ${endpoint} was reported in ${percent}% of ${total} patients${cite}.`;
    case 3:
      return `${rng.pick(COHORTS)}, ${total} patients were treated at doses of 1 × 10^${rng.int(5, 7)} cells/kg${cite}.`;
    case 4:
      return `${rng.pick(COHORTS)}, 1-year ${endpoint} was ${rng.int(40, 90)}.${rng.int(0, 9)}% (95% CI, ${rng.int(20, 40)}.${rng.int(0, 9)}-${rng.int(91, 99)}.${rng.int(0, 9)})${cite}.`;
    default:
      return `Of ${total} patients, ${count} (${percent}%) had received CD19-directed therapy before${cite}.`;
  }
}

/** The way a review cites a reference: pandoc key or author-year. */
function citationOf(rng, reference) {
  if (!reference || rng.chance(0.5)) return `[@${reference.key}]`;
  const surname = reference.authors[0].split(' ')[0];
  return `(${surname}${reference.authors.length > 1 ? ' et al.' : ''}, ${reference.year})`;
}

/**
 * A sentence that restates a fact of the bundled dataset with its citation (what most of a review's numbers are);
 * one in ten has a number changed, as a draft's slips do.
 */
function factSentence(rng, dataset) {
  const fact = rng.pick(dataset.facts);
  let quote = fact.quote.replace(/\s+/g, ' ').trim().replace(/[.;:,]+$/, '');
  if (rng.chance(0.1)) quote = quote.replace(/\d+/, (n) => String(Number(n) + rng.int(1, 9)));
  quote = quote.charAt(0).toUpperCase() + quote.slice(1);
  return `${quote} ${citationOf(rng, dataset.references.get(fact.reference))}.`;
}

function syntheticSentence(rng, dataset) {
  return rng.chance(0.9) ? factSentence(rng, dataset) : cohortSentence(rng);
}

function bundledDataset(root) {
  const raw = JSON.parse(fs.readFileSync(path.join(root, 'seeds', 'dataset.json'), 'utf8'));
  const sourceReference = new Map(raw.sources.map((s) => [s.file, s.reference]));
  return { facts: raw.facts, references: new Map(raw.references.map((r) => [r.key, r])), sourceReference };
}

const REFERENCE_LIST = [
  '1. Fry TJ, Shah NN, Orentas RJ, et al. CD22-targeted CAR T cells induce remission in B-ALL. Nat Med. 2018;24:20-28. doi:10.1038/nm.4441',
  '2. Pan J, et al. CD22 CAR T-cell therapy in refractory or relapsed B acute lymphoblastic leukemia. Leukemia. 2019. PMID: 31110217',
  '3. Fergusson NJ, Adeel K, Kekre N, Atkins H, Hay KA. A systematic review and meta-analysis of CD22 CAR T-cells. Front Immunol. 2023. doi:10.3389/fimmu.2023.1178403',
];

/** A Markdown review of about `targetBytes` (UTF-8): sections, paragraphs, lists, citations and a reference list. */
export function buildDraft(root, targetBytes, seed = 1) {
  const rng = random(seed);
  const pool = paragraphPool(root);
  const dataset = bundledDataset(root);
  const parts = ['# CD22 and CD19/CD22 CAR T-cell therapy: a long review (benchmark draft)', ''];
  let bytes = 0;
  let section = 0;
  const footer = ['## References', '', ...REFERENCE_LIST, ''].join('\n');
  const budget = targetBytes - Buffer.byteLength(footer) - 1;
  while (bytes < budget) {
    if (section === 0 || rng.chance(0.1)) {
      section++;
      const heading = `## ${section}. ${rng.pick(TOPICS)}`;
      parts.push(heading, '');
      bytes += Buffer.byteLength(heading) + 2;
    }
    let block;
    if (rng.chance(0.12)) {
      const items = [];
      for (let i = rng.int(2, 4); i > 0; i--) items.push(`- ${syntheticSentence(rng, dataset)}`);
      block = items.join('\n');
    } else {
      // A paragraph from the seeds or an example draft (seed text cited to its publication, as a review would).
      const picked = rng.pick(pool);
      const reference = picked.file ? dataset.references.get(dataset.sourceReference.get(picked.file)) : undefined;
      let first = picked.text.replace(/[.!?:]$/, '');
      if (reference && rng.chance(0.8)) first += ` ${citationOf(rng, reference)}`;
      const sentences = [/[.!?]$/.test(first) ? first : `${first}.`];
      for (let i = rng.int(1, 3); i > 0; i--) sentences.push(syntheticSentence(rng, dataset));
      if (rng.chance(0.3)) sentences.reverse();
      block = sentences.join(' ');
    }
    parts.push(block, '');
    bytes += Buffer.byteLength(block) + 2;
  }
  parts.push(footer);
  return parts.join('\n');
}

/**
 * A synthetic dataset of `count` facts in `dir`: `bench.trial-lens.json` with 1 reference per 100 facts, and one
 * source file whose text holds every quote (one per line, in a shuffled order so lookups do not find them in turn).
 */
export function buildDataset(dir, count, seed = 7) {
  const rng = random(seed);
  fs.mkdirSync(dir, { recursive: true });
  const referenceCount = Math.max(1, Math.ceil(count / 100));
  const references = [];
  for (let r = 0; r < referenceCount; r++) {
    const id = String(r + 1).padStart(5, '0');
    references.push({
      key: `bench${id}`,
      title: `Synthetic CAR T-cell trial ${id}`,
      authors: [`Author${id} A`, 'Second B'],
      journal: 'Bench J',
      year: 2000 + (r % 25),
      doi: `10.5555/bench.${id}`,
      trial: [`NCT9${id.padStart(7, '0')}`],
    });
  }
  const endpoints = [
    ['complete-remission', 'complete remission was reached in'],
    ['cr-cri', 'CR/CRi was reached in'],
    ['mrd-negativity', 'MRD-negative remission was reached in'],
    ['crs', 'cytokine release syndrome occurred in'],
    ['relapse', 'relapse occurred in'],
    ['icans', 'neurotoxicity occurred in'],
  ];
  const antigens = [['CD22'], ['CD19/CD22'], ['CD19'], ['CD22', 'CD19-negative']];
  const facts = [];
  const lines = [];
  for (let i = 0; i < count; i++) {
    const id = String(i + 1).padStart(6, '0');
    const [endpoint, words] = endpoints[i % endpoints.length];
    const total = rng.int(5, 400);
    const c = rng.int(0, total);
    const percent = Math.round((1000 * c) / total) / 10;
    const quote = `In cohort ${id}, ${words} ${c} of ${total} patients (${percent}%).`;
    lines.push(quote);
    facts.push({
      id: `bench-${id}`,
      reference: references[i % referenceCount].key,
      endpoint,
      antigens: antigens[i % antigens.length],
      disease: 'B-ALL',
      population: `synthetic cohort ${id}`,
      count: c,
      total,
      percent,
      source: 'bench-source',
      quote,
      status: 'abstract',
    });
  }
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  const sourceFile = 'bench-source.txt';
  fs.writeFileSync(path.join(dir, sourceFile), `Synthetic source text for the Trial Lens benchmark.\n${lines.join('\n')}\n`);
  const dataset = {
    description: `Synthetic benchmark dataset: ${count} facts.`,
    references,
    sources: [{ id: 'bench-source', reference: references[0].key, file: sourceFile, title: 'Synthetic source', kind: 'other' }],
    facts,
  };
  const file = path.join(dir, 'bench.trial-lens.json');
  fs.writeFileSync(file, JSON.stringify(dataset, null, 1));
  return file;
}

/**
 * The same draft as a LaTeX thesis chapter: a preamble, \section and \subsection headings, itemize lists, \cite for
 * pandoc citations, and the characters LaTeX reserves escaped (% would start a comment).
 */
export function latexDraft(markdown) {
  const escape = (text) => text.replace(/[%&_#]/g, (c) => `\\${c}`).replace(/\[@([\w:-]+)\]/g, '\\cite{$1}');
  const out = ['\\documentclass{article}', '\\usepackage{natbib}', '\\begin{document}', ''];
  let inList = false;
  for (const line of markdown.split('\n')) {
    const item = /^- (.*)$/.exec(line);
    if (item) {
      if (!inList) out.push('\\begin{itemize}');
      inList = true;
      out.push(`\\item ${escape(item[1])}`);
      continue;
    }
    if (inList) out.push('\\end{itemize}');
    inList = false;
    const heading = /^(#+) (.*)$/.exec(line);
    if (heading) out.push(heading[1].length === 1 ? `\\section*{${escape(heading[2])}}` : `\\subsection{${escape(heading[2])}}`);
    else out.push(escape(line));
  }
  if (inList) out.push('\\end{itemize}');
  out.push('\\end{document}', '');
  return out.join('\n');
}

/**
 * The same draft as plain text pasted from a word processor: one paragraph per line with no blank line between,
 * headings as title lines, bullets as "•", pandoc citations as author-year ones (plain text has no citation keys).
 */
export function plainTextDraft(root, markdown) {
  const { references } = bundledDataset(root);
  const authorYear = (key) => {
    const reference = references.get(key);
    if (!reference) return key;
    return `${reference.authors[0].split(' ')[0]}${reference.authors.length > 1 ? ' et al.' : ''}, ${reference.year}`;
  };
  return markdown
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) =>
      line
        .replace(/^#+ /, '')
        .replace(/^- /, '• ')
        .replace(/\[@([\w:-]+)\]/g, (_, key) => `(${authorYear(key)})`),
    )
    .join('\n')
    .concat('\n');
}
