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
  /** What backs the finding, when it was proven (see Evidence); absent for a pattern hit. */
  evidence?: Evidence;
}

/**
 * What a finding was proven by, for showing beside it:
 * - `run`: a run of the program on a test reported it (a sanitizer, the hardened build, an attack
 *   test). Only the test's name: never its input, answer or anything the program printed (a hidden
 *   test's data must not reach a student, and a program's output is its own text, forgeable).
 * - `dataflow`: a path in the submitted source, as lines of it: where the input was read (or the
 *   value set) and where it is used.
 */
export type Evidence = RunEvidence | DataflowEvidence;

export interface RunEvidence {
  kind: 'run';
  /** The test's name (`sample/1`, `secret/03`, `attack/inject`). */
  test: string;
}

export interface DataflowEvidence {
  kind: 'dataflow';
  /** In the order the data goes, each a line of the submitted source (1-based). */
  steps: DataflowStep[];
}

/**
 * What happens on a step's line, from a fixed vocabulary (the page words each):
 * - `input`: input is read there; `origin`: the value that reaches the sink is set there (a
 *   constant, a stored password);
 * - `sink`: the data is used where it does harm (a command, a format, an unbounded copy, …);
 * - `temp-name`: a temporary file name is made there; `create`: a file is created there without
 *   O_EXCL;
 * - `pointer`: a pointer is formed there before the start of its buffer.
 */
export const STEP_KINDS = ['input', 'origin', 'sink', 'temp-name', 'create', 'pointer'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export interface DataflowStep {
  line: number;
  what: StepKind;
}

/** A run's evidence: the test's name, nothing else. */
export function runEvidence(test: string): RunEvidence {
  return { kind: 'run', test };
}

/** A dataflow's evidence: its steps in order, lines of the source only (a line unknown, 0, is left out). */
export function dataflowEvidence(...steps: DataflowStep[]): DataflowEvidence {
  const kept = steps.filter((s) => Number.isSafeInteger(s.line) && s.line > 0);
  return { kind: 'dataflow', steps: kept.map((s) => ({ line: s.line, what: s.what })) };
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
 * and it takes the first non-empty fix hint when it has none. Evidence: the kept finding's own, else
 * the first the others carry (a pattern hit merged with a proven finding keeps the proof).
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
    const evidence = best.evidence ?? group.find((f) => f.evidence)?.evidence;
    out.push({
      ...best,
      tool: joinTools(...group.map((f) => f.tool)),
      fixHint,
      column,
      ...(evidence ? { evidence } : {}),
    });
  }
  return out.sort(compareFindings);
}
