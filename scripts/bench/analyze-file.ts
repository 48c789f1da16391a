/**
 * Bundled by `npm run bench` into .bench/analyze-file.cjs: what `trial-lens check` does for one file (bundled
 * dataset, one full analysis), in a fresh process, without the CLI's 5 MB guard, so that 1 MB and 10 MB compare.
 * Usage: node .bench/analyze-file.cjs SEEDS_DIR FILE
 */
import * as fs from 'node:fs';
import { analyzeDocument, AnalysisCache } from '../../server/src/core/analyze';
import { detectFormat } from '../../server/src/core/recognize';
import { DatasetStore } from '../../server/src/workspace/datasetStore';

const [seedsDir, file] = process.argv.slice(2);
const store = new DatasetStore({ seedsDir, log: () => {}, publishProblems: () => {} });
const text = fs.readFileSync(file, 'utf8');
const started = performance.now();
const analysis = analyzeDocument(text, detectFormat(file), store.context(), new AnalysisCache('findings'));
const analyzeMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ analyzeMs, statistics: analysis.recognized.statistics.length, findings: analysis.findings.length })}\n`);
