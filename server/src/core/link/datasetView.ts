/**
 * What linking and checking read from the loaded dataset. A structural subset of the dataset loader's
 * LoadedDataset, so link/check depend on the shape, not on how it is loaded.
 */
import type { FactIndex } from '../dataset/factIndex';
import type { BibliographyEntry, Endpoint, Fact, Reference, SourceDocument } from '../dataset/model';
import type { ReferenceResolver } from '../dataset/resolver';

/** Candidate lookups and citation resolution: the dataset's own index and resolver, by their types. */
export type FactLookup = Pick<FactIndex, 'byReference' | 'byEndpoint' | 'byTotal' | 'byPercent' | 'byAntigenPart'>;
export type ReferenceLookup = ReferenceResolver;

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
