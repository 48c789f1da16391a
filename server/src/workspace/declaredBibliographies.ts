/**
 * The bibliography files a document names: pandoc front matter `bibliography:` (a path or a list) and LaTeX
 * `\bibliography{a,b}` / `\addbibresource{x.bib}`. Read cheaply from the text so data can be loaded before analysis.
 */
import { parse as parseYaml } from 'yaml';

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]{0,20000}?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/;
const LATEX_BIBLIOGRAPHY = /\\(?:bibliography|addbibresource)\s*(?:\[[^\]\n]{0,200}\])?\s*\{([^}\n]{1,500})\}/g;

export function declaredBibliographies(text: string): string[] {
  const found: string[] = [];
  const front = FRONT_MATTER.exec(text);
  if (front) {
    try {
      const data = parseYaml(front[1]) as { bibliography?: unknown } | null;
      const value = data?.bibliography;
      if (typeof value === 'string') found.push(value);
      else if (Array.isArray(value)) for (const v of value) if (typeof v === 'string') found.push(v);
    } catch {
      // Broken front matter names no bibliography; the document is still checked.
    }
  }
  if (text.includes('\\bibliography') || text.includes('\\addbibresource')) {
    for (const m of text.matchAll(LATEX_BIBLIOGRAPHY)) {
      for (const name of m[1].split(',')) {
        const trimmed = name.trim();
        if (trimmed) found.push(/\.(?:bib|json)$/i.test(trimmed) ? trimmed : `${trimmed}.bib`);
      }
    }
  }
  return found;
}
