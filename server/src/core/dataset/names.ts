/** Authors' names as the dataset, bibliographies and drafts write them: folded for comparison, and as a reader sees them. */
import type { Reference } from './model';

/** "Fry TJ" -> "fry"; "Fry, Terry J." -> "fry"; "van der Berg A" -> "van der berg"; "Müller K" -> "muller". */
export function firstAuthorSurname(author: string | undefined): string | undefined {
  if (!author) return undefined;
  const name = author.includes(',') ? author.split(',')[0] : author.replace(/\s+[A-Z]{1,4}\.?$/, '');
  const folded = foldName(name);
  return folded.length > 0 ? folded : undefined;
}

export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Fry et al. 2018", "Fry and Shah 2018": a reference as messages name it. */
export function shortCitation(reference: Reference): string {
  const first = surname(reference.authors[0] ?? reference.key);
  const etAl = reference.authors.length > 2 || reference.moreAuthors ? ' et al.' : reference.authors.length === 2 ? ` and ${surname(reference.authors[1])}` : '';
  return `${first}${etAl} ${reference.year}`;
}

/** "Fry TJ" -> "Fry"; "Fergusson, N. J." -> "Fergusson". */
export function surname(author: string): string {
  const trimmed = author.trim();
  if (trimmed.includes(',')) return trimmed.split(',')[0].trim();
  const parts = trimmed.split(/\s+/);
  if (parts.length > 1 && /^[A-Z]{1,3}$/.test(parts[parts.length - 1])) return parts.slice(0, -1).join(' ');
  return trimmed;
}
