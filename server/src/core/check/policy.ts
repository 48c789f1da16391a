/** Users' choices about findings: a severity per code, codes turned off. Applied at the edge (CLI, diagnostics). */
import type { Severity } from '../types';
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

/** Errors and warnings make the CLI exit 1. */
export function isBlocking(finding: Finding): boolean {
  return finding.severity === 'error' || finding.severity === 'warning';
}
