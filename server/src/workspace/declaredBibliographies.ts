/**
 * The bibliography files a document names: pandoc front matter `bibliography:` (a path or a list) and LaTeX
 * `\bibliography{a,b}` / `\addbibresource{x.bib}`. Read cheaply from the text so data can be loaded before analysis.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readTextFile } from '../core/text/readText';

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

/** What finding a LaTeX file's bibliography reads from disk (injectable for tests). */
export interface FolderAccess {
  readFile(file: string): string;
  list(folder: string): string[];
}

const diskAccess: FolderAccess = {
  readFile: (file) => readTextFile(file),
  list: (folder) => fs.readdirSync(folder),
};

/** "% !TEX root = ../thesis.tex": the file LaTeX editors compile for this one. */
const TEX_ROOT = /^%\s*!\s*TEX\s+root\s*=\s*(.+?)\s*$/im;
const INCLUDES = /\\(?:include|input|subfile|import\s*\{[^}\n]*\})\s*\{([^}\n]{1,300})\}/g;

/**
 * The bibliographies of a LaTeX chapter that names none itself: those of the file that compiles it (named by a
 * "% !TEX root" comment, or a .tex file in its folder or the one above that \include-s or \input-s it), else the .bib
 * files beside it. A thesis names its bibliography once, in its main file. Absolute paths.
 */
export function inheritedBibliographies(file: string, text: string, access: FolderAccess = diskAccess): string[] {
  const absolute = path.resolve(file);
  const folder = path.dirname(absolute);
  const fromRoot = (root: string): string[] | undefined => {
    let rootText: string;
    try {
      rootText = access.readFile(root);
    } catch {
      return undefined;
    }
    const named = declaredBibliographies(rootText).map((b) => path.resolve(path.dirname(root), b));
    return named.length > 0 ? named : undefined;
  };
  const magic = TEX_ROOT.exec(text.slice(0, 2000));
  if (magic) {
    const found = fromRoot(path.resolve(folder, magic[1]!));
    if (found) return found;
  }
  const stem = path.basename(absolute).replace(/\.tex$/i, '');
  for (const dir of [folder, path.dirname(folder)]) {
    let names: string[];
    try {
      names = access.list(dir);
    } catch {
      continue;
    }
    for (const name of names.filter((n) => /\.tex$/i.test(n)).sort()) {
      const candidate = path.join(dir, name);
      if (candidate === absolute) continue;
      let candidateText: string;
      try {
        candidateText = access.readFile(candidate);
      } catch {
        continue;
      }
      if (!candidateText.includes(stem)) continue;
      const includes = [...candidateText.matchAll(INCLUDES)].some((m) => path.resolve(dir, /\.tex$/i.test(m[1]!.trim()) ? m[1]!.trim() : `${m[1]!.trim()}.tex`) === absolute);
      const found = includes ? fromRoot(candidate) : undefined;
      if (found) return found;
    }
  }
  try {
    // Only a folder's one .bib: of several, some may be another draft's (or a broken copy).
    const beside = access.list(folder).filter((n) => /\.bib$/i.test(n));
    return beside.length === 1 ? [path.join(folder, beside[0]!)] : [];
  } catch {
    return [];
  }
}
