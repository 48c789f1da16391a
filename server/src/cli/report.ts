/** The CLI's output formats: compiler-style text, JSON with LSP positions, SARIF 2.1.0. */
import { offsetToPosition } from '../core/text/positions';
import type { Finding } from '../core/check/findings';
import type { Span } from '../core/types';

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export function toRange(lineStarts: readonly number[], span: Span): Range {
  return { start: offsetToPosition(lineStarts, span.start), end: offsetToPosition(lineStarts, span.end) };
}

export interface FileFindings {
  path: string;
  displayPath: string;
  lineStarts: readonly number[];
  findings: Finding[];
}

export function formatText(files: FileFindings[]): string {
  const lines: string[] = [];
  for (const file of files) {
    for (const f of file.findings) {
      const p = offsetToPosition(file.lineStarts, f.span.start);
      lines.push(`${file.displayPath}:${p.line + 1}:${p.character + 1}: ${f.severity} ${f.code} ${f.message}`);
    }
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}

export function formatJson(files: FileFindings[]): string {
  return (
    JSON.stringify(
      {
        version: 1,
        files: files.map((file) => ({
          path: file.displayPath,
          diagnostics: file.findings.map((f) => ({
            range: toRange(file.lineStarts, f.span),
            severity: f.severity,
            code: f.code,
            message: f.message,
            source: 'trial-lens',
            ...(f.related?.length
              ? { relatedInformation: f.related.map((r) => ({ path: r.sourcePath, line: r.line, message: r.message })) }
              : {}),
          })),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

const SARIF_LEVEL: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(files: FileFindings[], rules: Array<{ id: string; description: string }>, version: string): string {
  const results = files.flatMap((file) =>
    file.findings.map((f) => {
      const r = toRange(file.lineStarts, f.span);
      return {
        ruleId: f.code,
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: file.displayPath.split('\\').join('/') },
              region: { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 },
            },
          },
        ],
        ...(f.related?.length
          ? {
              relatedLocations: f.related.map((rel, id) => ({
                id,
                message: { text: rel.message },
                physicalLocation: { artifactLocation: { uri: rel.sourcePath.split('\\').join('/') }, region: { startLine: rel.line + 1 } },
              })),
            }
          : {}),
      };
    }),
  );
  return (
    JSON.stringify(
      {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'trial-lens', version, informationUri: 'https://github.com/trial-lens/trial-lens', rules: rules.map((r) => ({ id: r.id, shortDescription: { text: r.description } })) } },
            results,
          },
        ],
      },
      null,
      2,
    ) + '\n'
  );
}
