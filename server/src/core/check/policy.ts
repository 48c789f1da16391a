/** Users' choices about findings: a severity per code, codes turned off. Applied at the edge (CLI, diagnostics). */
import type { Severity } from '../types';
import type { Finding } from './findings';

export interface FindingPolicy {
  severity: Partial<Record<string, Severity | 'off'>>;
  disabledCodes: string[];
}

export function applyPolicy(findings: Finding[], policy: FindingPolicy): Finding[] {
  const disabled = new Set(policy.disabledCodes);
  const out: Finding[] = [];
  for (const finding of findings) {
    if (disabled.has(finding.code)) continue;
    const override = policy.severity[finding.code];
    if (override === 'off') continue;
    out.push(override ? { ...finding, severity: override } : finding);
  }
  return out;
}

/** Errors and warnings make the CLI exit 1. */
export function isBlocking(finding: Finding): boolean {
  return finding.severity === 'error' || finding.severity === 'warning';
}
