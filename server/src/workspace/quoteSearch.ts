/**
 * Looking for a large dataset's quotes in another thread (dist/quoteSearchWorker.js), while this one checks the
 * dataset's schema and facts: locating 100,000 quotes in their source is a fifth of loading them.
 *
 * Loading stays synchronous: the answer is waited for with Atomics.wait on memory both threads share. The worker
 * writes its progress there (started, done or failed), so a worker that never starts or fails is given up on, and
 * the quotes are then looked for on this thread: the answer is always what locateQuotes gives.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Span } from '../core/types';
import { locateQuotes, searchQuotesHere, type QuoteSearch } from '../core/dataset/quotes';

/** Below this many quotes a search on this thread is quicker than starting a thread. */
const WORKER_MIN_QUOTES = 20_000;
/**
 * How long a worker may take to start (it normally does in some 50 ms), and then to answer, before the search is done
 * here instead. A worker that dies before it starts cannot say so while this thread waits: it costs the first wait.
 */
const START_TIMEOUT_MS = 2_000;
const ANSWER_TIMEOUT_MS = 120_000;

/** Progress the worker writes in the first cell of the shared memory. */
export const SearchState = { Waiting: 0, Started: 1, Done: 2, Failed: 3 } as const;

/** What the worker is sent: the spans go to `shared` after the state cell, as start and end pairs (-1: not found). */
export interface QuoteSearchRequest {
  text: string;
  quotes: readonly string[];
  shared: SharedArrayBuffer;
}

/** dist/quoteSearchWorker.js, beside the bundle that runs this (absent when running from sources: searched here). */
export function bundledQuoteSearch(): QuoteSearch {
  return workerQuoteSearch(path.join(__dirname, 'quoteSearchWorker.js'));
}

/** A QuoteSearch that looks in a worker thread running `workerFile` when there are many quotes and the file exists. */
export function workerQuoteSearch(workerFile: string, minQuotes = WORKER_MIN_QUOTES, startTimeoutMs = START_TIMEOUT_MS): QuoteSearch {
  return (text, quotes) => {
    if (quotes.length < minQuotes || !fs.existsSync(workerFile)) return searchQuotesHere(text, quotes);
    const shared = new SharedArrayBuffer(4 * (1 + 2 * quotes.length));
    const cells = new Int32Array(shared);
    let worker: Worker;
    try {
      // Loaded only here: a check with no large dataset does not pay for loading worker_threads.
      const threads = require('node:worker_threads') as typeof import('node:worker_threads');
      worker = new threads.Worker(workerFile, { stdout: true, stderr: true });
      worker.postMessage({ text, quotes, shared } satisfies QuoteSearchRequest);
    } catch {
      return searchQuotesHere(text, quotes);
    }
    // The process never waits for the worker to end (it ends itself once it has answered).
    worker.unref();
    worker.on('error', () => undefined);
    let spans: (Span | undefined)[] | undefined;
    return () => {
      if (spans) return spans;
      spans = waitForAnswer(cells, quotes.length, startTimeoutMs) ?? locateQuotes(text, quotes);
      void worker.terminate();
      return spans;
    };
  };
}

function waitForAnswer(cells: Int32Array, count: number, startTimeoutMs: number): (Span | undefined)[] | undefined {
  if (Atomics.load(cells, 0) === SearchState.Waiting) Atomics.wait(cells, 0, SearchState.Waiting, startTimeoutMs);
  if (Atomics.load(cells, 0) === SearchState.Started) Atomics.wait(cells, 0, SearchState.Started, ANSWER_TIMEOUT_MS);
  if (Atomics.load(cells, 0) !== SearchState.Done) return undefined;
  const spans: (Span | undefined)[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const start = cells[1 + 2 * i]!;
    spans[i] = start < 0 ? undefined : { start, end: cells[2 + 2 * i]! };
  }
  return spans;
}
