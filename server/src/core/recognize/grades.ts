/**
 * Grades of an adverse event as prose names them: "grade 2", "grades 1-2", "grade ≥3", and the severity words the
 * grading scales define (CTCAE and the Lee CRS criteria: mild is grade 1, moderate grade 2, severe grade 3 or more).
 * The checker reads them to add grade subgroups up, and the linker to give a number the event's endpoint for its grades.
 */

/** The grades a subgroup covers: "grade 2" is 2-2, "grade 1-2" 1-2, "grade ≥3" 3-5, "mild" 1-1. */
export interface GradeRange {
  low: number;
  high: number;
}

/**
 * "grade 2", "grades 1-2", "gr 2", "grade~3 to 4", "grade ≥3", "grade 3+": the comparator, the low grade and the high
 * one or "+" (3 groups).
 */
export const GRADE = String.raw`\b(?:grades?|gr)[\s~]*(?:(≥|>=|[>≧])\s*)?([1-5])(?:(?:\s*(?:-{1,2}|–|to)\s*|(?=\+))([1-5]|\+))?(?![0-9])`;

/** "mild", "moderate", "severe", "mild to moderate", "mild-to-moderate", "mild or moderate" (2 groups). */
export const SEVERITY = String.raw`\b(mild|moderate|severe|life-threatening)(?:(?:\s+|-)(?:to|or)(?:\s+|-)(moderate|severe))?\b`;

const SEVERITY_GRADES: Record<string, GradeRange> = {
  mild: { low: 1, high: 1 },
  moderate: { low: 2, high: 2 },
  severe: { low: 3, high: 5 },
  'life-threatening': { low: 4, high: 4 },
};

/** The grades a GRADE match covers, its groups starting at `at`: "grade ≥3" 3-5, "grade >2" 3-5. */
export function gradeOf(m: RegExpMatchArray, at: number): GradeRange | undefined {
  const comparator = m[at];
  const low = Number(m[at + 1]);
  if (comparator === '>') return { low: low + 1, high: 5 };
  // "grade 3+" is grade 3 or higher.
  const high = comparator || m[at + 2] === '+' ? 5 : m[at + 2] ? Number(m[at + 2]) : low;
  return high >= low ? { low, high } : undefined;
}

/** The grades a SEVERITY match covers, its groups starting at `at`: "mild to moderate" is 1-2. */
export function severityOf(m: RegExpMatchArray, at: number): GradeRange {
  const first = SEVERITY_GRADES[m[at]!.toLowerCase()]!;
  const last = m[at + 1] ? SEVERITY_GRADES[m[at + 1]!.toLowerCase()]! : first;
  return { low: first.low, high: last.high };
}

const GRADE_OR_SEVERITY = new RegExp(`${GRADE}|${SEVERITY}`, 'gi');

/**
 * The last grade or severity `text` names, with where it starts and ends in `text`: "CRS was mild in" is mild,
 * "grade 1 (mild) or grade 2" grade 2.
 */
export function lastGradeIn(text: string): (GradeRange & { start: number; end: number }) | undefined {
  let last: RegExpExecArray | undefined;
  GRADE_OR_SEVERITY.lastIndex = 0;
  for (let m = GRADE_OR_SEVERITY.exec(text); m; m = GRADE_OR_SEVERITY.exec(text)) last = m;
  if (!last) return undefined;
  const grades = last[2] !== undefined ? gradeOf(last, 1) : severityOf(last, 4);
  if (!grades) return undefined;
  const end = last.index! + last[0].length;
  // "grade 3 or higher", "grade 3 and above": every grade from it up.
  const up = last[2] !== undefined && !last[1] && !last[3] ? OR_HIGHER.exec(text.slice(end)) : null;
  return up ? { low: grades.low, high: 5, start: last.index!, end: end + up[0].length } : { ...grades, start: last.index!, end };
}

const OR_HIGHER = /^\s+(?:or|and)\s+(?:higher|above|more|greater|worse)\b/i;

export function sameGrades(a: GradeRange, b: GradeRange): boolean {
  return a.low === b.low && a.high === b.high;
}
