/**
 * What linking and checking read from the loaded dataset. A structural subset of the dataset loader's
 * LoadedDataset, so link/check depend on the shape, not on how it is loaded.
 */
import type { BibliographyEntry, Endpoint, Fact, Reference, SourceDocument } from '../dataset/model';

export interface FactLookup {
  byReference(key: string): readonly Fact[];
  byEndpoint(id: string): readonly Fact[];
  byTotal(n: number): readonly Fact[];
  byPercent(p: number): readonly Fact[];
}

export interface ReferenceLookup {
  byKey(key: string): string[];
  byDoi(doi: string): string[];
  byPmid(pmid: string): string[];
  byPmcid(pmcid: string): string[];
  byNct(nct: string): string[];
  byAuthorYear(surname: string, year?: number): string[];
  byAlias(text: string): string[];
}

export interface DatasetView {
  references: ReadonlyMap<string, Reference>;
  sources: ReadonlyMap<string, SourceDocument>;
  factById: ReadonlyMap<string, Fact>;
  endpoints: ReadonlyMap<string, Endpoint>;
  index: FactLookup;
}

export interface LinkContext {
  dataset: DatasetView;
  resolver: ReferenceLookup;
  /** Bibliography entries by the user's key (for citations that resolve to the bibliography but not the dataset). */
  bibliography?: ReadonlyMap<string, BibliographyEntry>;
}
