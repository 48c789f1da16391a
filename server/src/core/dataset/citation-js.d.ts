// citation-js ships no type declarations: the little of it that bibliography loading uses.
declare module '@citation-js/core' {
  export interface CslDate {
    'date-parts'?: (number | string)[][];
    raw?: string;
    literal?: string;
  }
  export interface CslName {
    family?: string;
    given?: string;
    literal?: string;
  }
  export interface CslItem {
    id?: string | number;
    'citation-key'?: string;
    type?: string;
    title?: string;
    author?: CslName[];
    issued?: CslDate;
    DOI?: string;
    PMID?: string;
    PMCID?: string;
    URL?: string;
    note?: string;
    number?: string;
    [field: string]: unknown;
  }
  export const plugins: {
    input: {
      chain(input: unknown, options: { forceType?: string; generateGraph?: boolean; target?: string }): CslItem[];
    };
  };
  export const logger: { _log: unknown[]; level: string };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
