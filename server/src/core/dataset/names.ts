/** Authors' names as the dataset, bibliographies and drafts write them, folded for comparison. */

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

