import type { CweId } from './cwe';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One weakness found in a submission, normalized across tools. Lines and columns are 1-based. */
export interface Finding {
  /** The tool(s) that reported it; after dedupe, several joined with '+' (e.g. `ast-grep+flawfinder`). */
  tool: string;
  ruleId: string;
  cwe: CweId;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  message: string;
  fixHint: string;
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

export function isSeverity(v: unknown): v is Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

/** Orders by descending severity. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[b] - SEVERITY_RANK[a];
}

export function maxSeverity(findings: readonly Finding[]): Severity | null {
  let best: Severity | null = null;
  for (const f of findings) if (best === null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[best]) best = f.severity;
  return best;
}

/** Orders by file, line, column, then CWE. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    a.cwe.localeCompare(b.cwe, 'en', { numeric: true }) ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

/** Tool lists (each maybe already joined) as one: each tool once, sorted, joined with '+'. */
export function joinTools(...tools: string[]): string {
  return [...new Set(tools.flatMap((t) => t.split('+')))].sort().join('+');
}

/**
 * One finding per file + line + CWE. Of findings several tools (or rules) report there, the one of
 * highest severity is kept (ties: the first), its tool list becomes all the tools joined with '+',
 * and it takes the first non-empty fix hint when it has none.
 */
export function dedupe(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.file}\0${f.line}\0${f.cwe}`;
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  const out: Finding[] = [];
  for (const group of groups.values()) {
    let best = group[0];
    for (const f of group) if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[best.severity]) best = f;
    const fixHint = best.fixHint || group.find((f) => f.fixHint)?.fixHint || '';
    const column = Math.min(...group.map((f) => f.column));
    out.push({ ...best, tool: joinTools(...group.map((f) => f.tool)), fixHint, column });
  }
  return out.sort(compareFindings);
}
