/** Users' choices about findings: a severity per code, codes turned off. Applied at the edge (CLI, diagnostics). */
import type { Severity, Suppression } from '../types';
import type { Finding } from './findings';

export interface FindingPolicy {
  severity: Partial<Record<string, Severity | 'off'>>;
  disabledCodes: string[];
}

export function applyPolicy(findings: Finding[], policy: FindingPolicy): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    const severity = severityUnder(policy, finding);
    if (severity === 'off') continue;
    out.push(severity === finding.severity ? finding : { ...finding, severity });
  }
  return out;
}

/** The severity a finding is reported at under the policy, or 'off' when its code is turned off. */
export function severityUnder(policy: FindingPolicy, finding: Finding): Severity | 'off' {
  if (policy.disabledCodes.includes(finding.code)) return 'off';
  return policy.severity[finding.code] ?? finding.severity;
}

/**
 * Whether `trial-lens-disable-next-line` comments suppress a code on a line (0-based): a comment naming no codes
 * suppresses every one.
 */
export function suppressionsOf(suppressions: readonly Suppression[]): (line: number, code: string) => boolean {
  if (suppressions.length === 0) return () => false;
  const byLine = new Map<number, Suppression>();
  for (const s of suppressions) byLine.set(s.line, s);
  return (line, code) => {
    const s = byLine.get(line);
    return !!s && (s.codes.length === 0 || s.codes.includes(code));
  };
}

/** Errors and warnings make the CLI exit 1. */
export function isBlocking(finding: Finding): boolean {
  return finding.severity === 'error' || finding.severity === 'warning';
}
