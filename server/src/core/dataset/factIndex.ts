/**
 * Lookups from what a draft writes (a percent, a denominator, an endpoint, an antigen, a citation) to candidate
 * facts, built in one pass so that linking a statistic never scans every fact.
 */
import type { Fact } from './model';

export interface FactIndex {
  all(): readonly Fact[];
  byReference(key: string): readonly Fact[];
  byEndpoint(id: string): readonly Fact[];
  byAntigen(id: string): readonly Fact[];
  /** Facts whose denominator is n: `total`, or a sample size (`value` counted in patients). */
  byTotal(n: number): readonly Fact[];
  /**
   * Facts whose percent is within one point of p (so rounding, truncation and a neighbour's number one point off
   * are all candidates). Counts a fact's stated percent, the percent its count/total make, and range ends in percent.
   */
  byPercent(p: number): readonly Fact[];
}

const NONE: readonly Fact[] = Object.freeze([]);

export function createFactIndex(facts: readonly Fact[]): FactIndex {
  const byReference = new Map<string, Fact[]>();
  const byEndpoint = new Map<string, Fact[]>();
  const byAntigen = new Map<string, Fact[]>();
  const byTotal = new Map<number, Fact[]>();
  // Keyed by the floor of the percent; a lookup reads its own bucket and its neighbours and filters.
  const byPercentBucket = new Map<number, { fact: Fact; percents: number[] }[]>();

  for (const fact of facts) {
    push(byReference, fact.reference, fact);
    push(byEndpoint, fact.endpoint, fact);
    for (const antigen of new Set(fact.antigens)) push(byAntigen, antigen, fact);
    const total = fact.total ?? (fact.value !== undefined && isPatientCount(fact.unit) ? fact.value : undefined);
    if (total !== undefined) push(byTotal, total, fact);
    const percents = percentsOf(fact);
    const buckets = new Set(percents.map((p) => Math.floor(p)));
    for (const bucket of buckets) push(byPercentBucket, bucket, { fact, percents });
  }

  return {
    all: () => facts,
    byReference: (key) => byReference.get(key) ?? NONE,
    byEndpoint: (id) => byEndpoint.get(id) ?? NONE,
    byAntigen: (id) => byAntigen.get(id) ?? NONE,
    byTotal: (n) => byTotal.get(n) ?? NONE,
    byPercent: (p) => {
      if (!Number.isFinite(p)) return NONE;
      const found = new Set<Fact>();
      const base = Math.floor(p);
      for (let bucket = base - 1; bucket <= base + 1; bucket++) {
        for (const entry of byPercentBucket.get(bucket) ?? []) {
          if (entry.percents.some((q) => Math.abs(q - p) <= 1 + 1e-9)) found.add(entry.fact);
        }
      }
      return found.size === 0 ? NONE : [...found];
    },
  };
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
