/**
 * The worker thread of workspace/quoteSearch.ts: locates one request's quotes in its text, writes the spans to the
 * shared memory and wakes the thread waiting for them. It writes nothing to stdout (the server's protocol stream).
 */
import { parentPort } from 'node:worker_threads';
import { locateQuotes } from './core/dataset/quotes';
import { SearchState, type QuoteSearchRequest } from './workspace/quoteSearch';

parentPort?.once('message', ({ text, quotes, shared }: QuoteSearchRequest) => {
  const cells = new Int32Array(shared);
  Atomics.store(cells, 0, SearchState.Started);
  Atomics.notify(cells, 0);
  let state: number = SearchState.Failed;
  try {
    const spans = locateQuotes(text, quotes);
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i];
      cells[1 + 2 * i] = span ? span.start : -1;
      cells[2 + 2 * i] = span ? span.end : -1;
    }
    state = SearchState.Done;
  } finally {
    Atomics.store(cells, 0, state);
    Atomics.notify(cells, 0);
    parentPort?.close();
  }
});
