/**
 * Finding users' dataset files (*.trial-lens.json / *.trial-lens.yaml / *.trial-lens.yml) and bibliographies.
 * File-system access goes through a small injectable interface so tests can use an in-memory tree.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface DirectoryReader {
  /** Entry names with whether each is a directory; throws or returns [] when the folder cannot be read. */
  list(folder: string): { name: string; isDirectory: boolean }[];
}

export const nodeDirectoryReader: DirectoryReader = {
  list(folder) {
    return fs.readdirSync(folder, { withFileTypes: true }).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
  },
};

const DATASET_FILE = /\.trial-lens\.(json|ya?ml)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test']);

export function isDatasetFileName(file: string): boolean {
  return DATASET_FILE.test(path.basename(file));
}

/**
 * CLI discovery: dataset files in `startDir` and each parent folder up to `stopAt` (inclusive) or the file-system
 * root. Nearest folder last, so its facts replace those of folders further up.
 */
export function findDatasetFiles(startDir: string, stopAt?: string, reader: DirectoryReader = nodeDirectoryReader): string[] {
  const folders: string[] = [];
  let folder = path.resolve(startDir);
  const stop = stopAt === undefined ? undefined : path.resolve(stopAt);
  for (;;) {
    folders.push(folder);
    const parent = path.dirname(folder);
    if (folder === stop || parent === folder) break;
    folder = parent;
  }
  return folders.reverse().flatMap((dir) => datasetFilesIn(dir, reader));
}

/** Workspace discovery: every dataset file under `root`, skipping node_modules, .git and build output. Sorted by path. */
export function listDatasetFilesInFolder(root: string, reader: DirectoryReader = nodeDirectoryReader, maxFiles = 1000): string[] {
  const found: string[] = [];
  const pending = [path.resolve(root)];
  while (pending.length > 0 && found.length < maxFiles) {
    const folder = pending.pop() as string;
    for (const entry of safeList(folder, reader)) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory) {
        if (!SKIPPED_FOLDERS.has(entry.name)) pending.push(full);
      } else if (DATASET_FILE.test(entry.name)) {
        found.push(full);
      }
    }
  }
  return found.sort();
}

function datasetFilesIn(folder: string, reader: DirectoryReader): string[] {
  return safeList(folder, reader)
    .filter((entry) => !entry.isDirectory && DATASET_FILE.test(entry.name))
    .map((entry) => path.join(folder, entry.name))
    .sort();
}

function safeList(folder: string, reader: DirectoryReader): { name: string; isDirectory: boolean }[] {
  try {
    return reader.list(folder);
  } catch {
    return [];
  }
}

/**
 * Bibliography paths as a document writes them (front matter `bibliography:`, `\bibliography{refs}`,
 * `\addbibresource{refs.bib}`) resolved against the document's folder. `\bibliography{a,b}` names several files
 * without their .bib extension.
 */
export function resolveBibliographyPaths(documentPath: string, written: readonly string[]): string[] {
  const folder = path.dirname(path.resolve(documentPath));
  const files: string[] = [];
  for (const item of written) {
    for (const part of item.split(',')) {
      const name = part.trim();
      if (!name) continue;
      const withExtension = /\.(bib|json|yaml|yml)$/i.test(name) ? name : `${name}.bib`;
      const resolved = path.resolve(folder, withExtension);
      if (!files.includes(resolved)) files.push(resolved);
    }
  }
  return files;
}
