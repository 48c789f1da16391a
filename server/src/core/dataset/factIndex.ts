/**
 * Lookups from what a draft writes (a percent, a denominator, an endpoint, an antigen, a citation) to candidate
 * facts, built in one pass so that linking a statistic never scans every fact.
 */
import { rememberIn } from '../remember';
import type { Fact } from './model';

export interface FactIndex {
  all(): readonly Fact[];
  byReference(key: string): readonly Fact[];
  byEndpoint(id: string): readonly Fact[];
  byAntigen(id: string): readonly Fact[];
  /** Facts naming this plain antigen alone or in a combination: CD22 finds CD19/CD22 facts too. */
  byAntigenPart(part: string): readonly Fact[];
  /** Facts whose denominator is n: `total`, or a sample size (`value` counted in patients). */
  byTotal(n: number): readonly Fact[];
  /**
   * Facts whose percent is within one point of p (so rounding, truncation and a neighbour's number one point off
   * are all candidates). Counts a fact's stated percent, the percent its count/total make, and range ends in percent.
   */
  byPercent(p: number): readonly Fact[];
}

const NONE: readonly Fact[] = Object.freeze([]);

interface PercentBucket {
  facts: Fact[];
  lows: number[];
  highs: number[];
}

/**
 * Each lookup's index is built on its first use (a server may never ask some of them, and the dataset is ready
 * sooner), in one pass over the facts.
 */
export function createFactIndex(facts: readonly Fact[]): FactIndex {
  let byReference: Map<string, Fact[]> | undefined;
  let byEndpoint: Map<string, Fact[]> | undefined;
  let byAntigen: Map<string, Fact[]> | undefined;
  let byAntigenPart: Map<string, Fact[]> | undefined;
  let byTotal: Map<number, Fact[]> | undefined;
  let byPercent: ((p: number) => readonly Fact[]) | undefined;
  return {
    all: () => facts,
    byReference: (key) => (byReference ??= groupBy(facts, (fact) => fact.reference)).get(key) ?? NONE,
    byEndpoint: (id) => (byEndpoint ??= groupBy(facts, (fact) => fact.endpoint)).get(id) ?? NONE,
    byAntigen: (id) => (byAntigen ??= antigenIndex(facts)).get(id) ?? NONE,
    byAntigenPart: (part) => (byAntigenPart ??= antigenPartIndex(facts)).get(part) ?? NONE,
    byTotal: (n) => (byTotal ??= totalIndex(facts)).get(n) ?? NONE,
    byPercent: (p) => (byPercent ??= percentIndex(facts))(p),
  };
}

function groupBy<K>(facts: readonly Fact[], keyOf: (fact: Fact) => K): Map<K, Fact[]> {
  const groups = new Map<K, Fact[]>();
  for (const fact of facts) push(groups, keyOf(fact), fact);
  return groups;
}

function antigenIndex(facts: readonly Fact[]): Map<string, Fact[]> {
  const byAntigen = new Map<string, Fact[]>();
  for (const fact of facts) {
    const antigens = fact.antigens.length > 1 ? new Set(fact.antigens) : fact.antigens;
    for (const antigen of antigens) push(byAntigen, antigen, fact);
  }
  return byAntigen;
}

function antigenPartIndex(facts: readonly Fact[]): Map<string, Fact[]> {
  const byPart = new Map<string, Fact[]>();
  for (const fact of facts) for (const part of new Set(fact.antigens.flatMap((a) => a.split('/')))) push(byPart, part, fact);
  return byPart;
}

function totalIndex(facts: readonly Fact[]): Map<number, Fact[]> {
  const byTotal = new Map<number, Fact[]>();
  for (const fact of facts) {
    const total = fact.total ?? (fact.value !== undefined && isPatientCount(fact.unit) ? fact.value : undefined);
    if (total !== undefined) push(byTotal, total, fact);
  }
  return byTotal;
}

/** Most lookups a draft makes are of a few hundred distinct percents: answers are kept, up to this many. */
const REMEMBERED_PERCENTS = 2048;

function percentIndex(facts: readonly Fact[]): (p: number) => readonly Fact[] {
  // Keyed by the floor of each percent a fact has; a lookup reads its bucket and both neighbours, then filters.
  // A fact is filed once per bucket with the lowest and highest of its percents there (they are under a point apart).
  const byPercentBucket = new Map<number, PercentBucket>();
  // Facts filed under more than one bucket (their percents straddle a whole number): the only ones a lookup must de-duplicate.
  const inSeveralBuckets = new Set<Fact>();
  for (const fact of facts) {
    const percents = percentsOf(fact);
    if (percents.length === 0) continue;
    let low = percents[0];
    let high = percents[0];
    for (const q of percents) {
      if (q < low) low = q;
      if (q > high) high = q;
    }
    if (Math.floor(low) === Math.floor(high)) {
      fileUnderBucket(byPercentBucket, Math.floor(low), fact, low, high);
      continue;
    }
    // Percents on both sides of a whole number (a range, or 70.5% stated for 24/34 = 70.59%): one entry per bucket.
    inSeveralBuckets.add(fact);
    const ranges = new Map<number, [number, number]>();
    for (const q of percents) {
      const bucket = Math.floor(q);
      const range = ranges.get(bucket);
      if (range) {
        range[0] = Math.min(range[0], q);
        range[1] = Math.max(range[1], q);
      } else ranges.set(bucket, [q, q]);
    }
    for (const [bucket, [bucketLow, bucketHigh]] of ranges) fileUnderBucket(byPercentBucket, bucket, fact, bucketLow, bucketHigh);
  }

  const lookUp = (p: number): readonly Fact[] => {
    const found: Fact[] = [];
    const seen = new Set<Fact>();
    const base = Math.floor(p);
    const from = p - 1 - 1e-9;
    const to = p + 1 + 1e-9;
    // Counted by offset, not by bucket: from 2^53 on, bucket + 1 === bucket, and "9007199254740993%" in a draft would
    // never end the loop. Neighbours that round to the same bucket there are read once.
    let previous = NaN;
    for (let offset = -2; offset <= 1; offset++) {
      const bucket = base + offset;
      if (bucket === previous) continue;
      previous = bucket;
      const entry = byPercentBucket.get(bucket);
      if (!entry) continue;
      for (let i = 0; i < entry.facts.length; i++) {
        if (entry.highs[i] < from || entry.lows[i] > to) continue;
        const fact = entry.facts[i];
        if (inSeveralBuckets.size > 0 && inSeveralBuckets.has(fact)) {
          if (seen.has(fact)) continue;
          seen.add(fact);
        }
        found.push(fact);
      }
    }
    return found.length === 0 ? NONE : found;
  };

  const remembered = new Map<number, readonly Fact[]>();
  return (p) => (Number.isFinite(p) ? rememberIn(remembered, p, REMEMBERED_PERCENTS, lookUp) : NONE);
}

function fileUnderBucket(buckets: Map<number, PercentBucket>, bucket: number, fact: Fact, low: number, high: number): void {
  let entry = buckets.get(bucket);
  if (!entry) buckets.set(bucket, (entry = { facts: [], lows: [], highs: [] }));
  entry.facts.push(fact);
  entry.lows.push(low);
  entry.highs.push(high);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function isPatientCount(unit: string | undefined): boolean {
  return unit !== undefined && /^(patients?|participants?|subjects?|children|adults|people|cases)$/i.test(unit);
}

function percentsOf(fact: Fact): number[] {
  const percents: number[] = [];
  if (fact.percent !== undefined) percents.push(fact.percent);
  if (fact.count !== undefined && fact.total) percents.push((100 * fact.count) / fact.total);
  if (fact.unit === undefined && fact.low !== undefined && fact.high !== undefined) percents.push(fact.low, fact.high);
  return percents;
}
